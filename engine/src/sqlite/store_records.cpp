// The record tables: every kind read and written by the columns its description names.
#include "sqlite_store.hpp"
#include "store_sql.hpp"
#include "ledger_sql.hpp"

#include <functional>
#include <optional>

namespace klynge {

using namespace detail;

namespace {

/// `INSERT INTO t (rowid, a, b, revision) VALUES (?, ?, ?, ?)`: a record in its place, with the revision that adds
/// it (and, `retired`, retires it).
std::string insert_sql(const FileSpec& spec, bool retired)
{
  std::string marks;
  for (std::size_t i = 0; i < spec.stored.size(); ++i) marks += ", ?";
  return "INSERT INTO " + std::string(spec.table) + " (rowid, " + column_list(spec) + ", revision" +
         (retired ? ", retired" : "") + ") VALUES (?" + marks + ", ?" + (retired ? ", ?" : "") + ")";
}

/// Writes the records of `data` of one kind, each with the revision that adds it (and, for records stored retired,
/// that retires it). A record retired in place under the same identity gives way: the ledger entries that name it
/// name the new one (the keys are checked at commit); its data stays in record_versions.
void insert_all(SQLite::Database& db, const FileSpec& spec, const Dataset& data, std::int64_t revision, bool retired)
{
  const std::size_t n = spec.ops->count(data);
  if (n == 0) return;
  const std::string table(spec.table);
  std::optional<SQLite::Statement> give_way;
  if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE retired IS NOT NULL)").getInt()) {
    std::string where;
    for (const auto& c : spec.stored)
      if (c.identity) where += " AND " + std::string(c.stored) + " IS ?";
    give_way.emplace(db, "DELETE FROM " + table + " WHERE retired IS NOT NULL" + where);
  }
  // A new record takes a row no record ever had: record_versions keeps earlier records by their row, and SQLite would
  // give a deleted last row's number again (a restored version would then take another record's row for its own).
  std::int64_t row = db.execAndGet("SELECT max(coalesce((SELECT max(rowid) FROM " + table + "), 0), coalesce((SELECT "
                                   "max(row) FROM record_versions WHERE tbl = '" + table + "'), 0))").getInt64();
  SQLite::Statement s(db, insert_sql(spec, retired));
  std::vector<DbValue> values;
  for (std::size_t i = 0; i < n; ++i) {
    spec.ops->to_db(data, i, values);
    if (give_way && !retired) {
      int k = 0;
      for (std::size_t c = 0; c < values.size(); ++c)
        if (spec.stored[c].identity) bind_value(*give_way, ++k, values[c]);
      give_way->exec();
      give_way->reset();
    }
    s.bind(1, ++row);
    for (std::size_t c = 0; c < values.size(); ++c) bind_value(s, int(c) + 2, values[c]);
    s.bind(int(values.size()) + 2, revision);
    if (retired) s.bind(int(values.size()) + 3, revision);
    s.exec();
    s.reset();
    s.clearBindings();
  }
}

/// `json_extract(data, '$."id"') AS id, …`: a version's data as the table's columns.
std::string columns_from_json(const FileSpec& spec)
{
  std::string out;
  for (const auto& c : spec.stored) {
    const std::string name(c.stored);
    out += (out.empty() ? "" : ", ") + std::string("json_extract(data, '$.\"") + name + "\"') AS " + name;
  }
  return out;
}

}  // namespace

Dataset SqliteStore::load(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const
{
  if (!sqlite3_get_autocommit(db_->getHandle())) return load_tables(ledger, known_at, kinds);
  // Outside a transaction, read in one so that every table is seen as of the same moment.
  return retry_busy([&]() {
    Transaction snapshot(const_cast<SqliteStore&>(*this), Transaction::Kind::read);
    Dataset d = load_tables(ledger, known_at, kinds);
    snapshot.commit();
    return d;
  });
}

Dataset SqliteStore::load_tables(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const
{
  Dataset d;
  try {
    for (const auto& spec : file_specs()) {
      const bool is_ledger = spec.kind == RecordKind::ledger;
      if (!kinds.has(spec.kind) || (is_ledger && ledger == Ledger::none)) continue;
      // One allocation for all entries (the read transaction keeps the count true).
      if (is_ledger)
        spec.ops->reserve(d, static_cast<std::size_t>(
                                 db_->execAndGet("SELECT count(*) FROM " + std::string(spec.table)).getInt64()));
      std::string order;
      for (auto k : spec.identity) order += (order.empty() ? "" : ", ") + std::string(stored_name(spec, k));
      if (spec.order == FileSpec::Order::written) order = "row_";
      const std::string table(spec.table);
      // An entry's sheet, as export names it: the sheet its ledger file belongs to.
      const bool sheets = is_ledger && ledger == Ledger::all;
      std::string from = "SELECT rowid AS row_, revision AS revision_, " +
                         column_list(spec, is_ledger && ledger == Ledger::figures) +
                         (sheets ? ", (SELECT sheet FROM ledger_files WHERE number = sheet_file) AS sheet_" : "") +
                         " FROM " + table;
      // A record retired in place (kept for the ledger entries that name it) is not read.
      if (!is_ledger) from += " WHERE retired IS NULL";
      // As known at a revision: the stored rows that revision had, and the earlier versions it had then.
      if (known_at) {
        from += std::string(is_ledger ? " WHERE" : " AND") + " revision <= ?1";
        if (!is_ledger)
          from += " UNION ALL SELECT row, revision, " + columns_from_json(spec) + " FROM record_versions WHERE tbl = '" + table +
                  "' AND revision <= ?1 AND retired > ?1";
      }
      SQLite::Statement q(*db_, "SELECT * FROM (" + from + ") ORDER BY " + order);
      if (known_at) q.bind(1, *known_at);
      // The stored columns by name, once per table.
      std::vector<int> index;
      for (const auto& c : spec.stored) index.push_back(q.getColumnIndex(std::string(c.stored).c_str()));
      const int revision = q.getColumnIndex("revision_");
      const int sheet = sheets ? q.getColumnIndex("sheet_") : -1;
      std::vector<DbValue> values(spec.stored.size());
      while (q.executeStep()) {
        for (std::size_t i = 0; i < index.size(); ++i) values[i] = read_value(q.getColumn(index[i]));
        spec.ops->from_db(d, values);
        spec.ops->stamp(d, q.getColumn(revision).getInt64());
        if (sheets && !q.getColumn(sheet).isNull()) d.ledger.back().sheet = std::to_string(q.getColumn(sheet).getInt64());
      }
      if (sheets) name_sheets(d.ledger);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return d;
}

Dataset SqliteStore::retired_records() const
{
  return stamped_records(RecordKinds::all(), [](const FileSpec& spec) {
    return "SELECT retired, " + column_list(spec) + " FROM " + std::string(spec.table) +
           " WHERE retired IS NOT NULL ORDER BY rowid";
  });
}

std::vector<Store::RetiredName> SqliteStore::entries_naming_retired(std::int64_t after_seq,
                                                                    std::optional<std::int64_t> retired_by) const
{
  std::vector<RetiredName> out;
  try {
    const std::string by = retired_by ? std::to_string(*retired_by) : "";
    if (db_->execAndGet(detail::sql_any_retired_in_place(by)).getInt() == 0) return out;
    SQLite::Statement q(*db_, detail::sql_entries_naming_retired(std::to_string(after_seq), by));
    while (q.executeStep())
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getString(), q.getColumn(4).getString()});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

Dataset SqliteStore::earlier_versions(RecordKinds kinds) const
{
  return stamped_records(kinds, [](const FileSpec& spec) {
    return "SELECT retired, " + columns_from_json(spec) + " FROM record_versions WHERE tbl = '" +
           std::string(spec.table) + "' ORDER BY row, retired";
  });
}

Dataset SqliteStore::stamped_records(RecordKinds kinds, const std::function<std::string(const FileSpec&)>& sql_of) const
{
  Dataset d;
  try {
    for (const auto& spec : file_specs()) {
      if (spec.kind == RecordKind::ledger || !kinds.has(spec.kind)) continue;
      SQLite::Statement q(*db_, sql_of(spec));
      std::vector<DbValue> values(spec.stored.size());
      while (q.executeStep()) {
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = read_value(q.getColumn(int(i) + 1));
        spec.ops->from_db(d, values);
        spec.ops->stamp(d, q.getColumn(0).getInt64());
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return d;
}

void SqliteStore::write(const ImportPlan& plan)
{
  if (sqlite3_get_autocommit(db_->getHandle()) || revision_ == 0)
    throw std::logic_error("SqliteStore::write needs an open write transaction and a revision begun");
  try {
    // Ledger entries are written by the ledger stream (store_ledger.cpp), not here.
    for (const auto& spec : file_specs()) {
      if (spec.kind == RecordKind::ledger) continue;
      for (std::size_t i = 0, n = spec.ops->count(plan.replacements); i < n; ++i) supersede(spec, plan.replacements, i);
      insert_all(*db_, spec, plan.inserts, revision_, false);
      insert_all(*db_, spec, plan.retired, revision_, true);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

}  // namespace klynge

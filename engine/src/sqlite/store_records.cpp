// The record tables: every kind read and written by the columns its description names.
#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

namespace {

/// `INSERT INTO t (a, b, revision) VALUES (?, ?, ?)`: a record, with the revision that adds it.
std::string insert_sql(const FileSpec& spec)
{
  std::string marks;
  for (std::size_t i = 0; i < spec.stored.size(); ++i) marks += i ? ", ?" : "?";
  return "INSERT INTO " + std::string(spec.table) + " (" + column_list(spec) + ", revision) VALUES (" + marks + ", ?)";
}

/// Writes the records of `data` of one kind, each with the revision that adds it.
void insert_all(SQLite::Database& db, const FileSpec& spec, const Dataset& data, std::int64_t revision)
{
  const std::size_t n = spec.ops->count(data);
  if (n == 0) return;
  SQLite::Statement s(db, insert_sql(spec));
  std::vector<DbValue> values;
  for (std::size_t i = 0; i < n; ++i) {
    spec.ops->to_db(data, i, values);
    for (std::size_t c = 0; c < values.size(); ++c) bind_value(s, int(c) + 1, values[c]);
    s.bind(int(values.size()) + 1, revision);
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
      // As known at a revision: the stored rows that revision had, and the earlier versions it had then.
      if (known_at) {
        from += " WHERE revision <= ?1";
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

Dataset SqliteStore::earlier_versions(RecordKinds kinds) const
{
  Dataset d;
  try {
    for (const auto& spec : file_specs()) {
      if (spec.kind == RecordKind::ledger || !kinds.has(spec.kind)) continue;
      SQLite::Statement q(*db_, "SELECT retired, " + columns_from_json(spec) + " FROM record_versions WHERE tbl = '" +
                                    std::string(spec.table) + "' ORDER BY row, retired");
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
      insert_all(*db_, spec, plan.inserts, revision_);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

}  // namespace klynge

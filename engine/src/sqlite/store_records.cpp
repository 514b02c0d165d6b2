// The record tables: every kind read and written by the columns its description names.
#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

namespace {

/// `INSERT INTO t (a, b) VALUES (?, ?)`; a kind whose records replace stored ones updates them instead.
std::string insert_sql(const FileSpec& spec)
{
  std::string marks;
  for (std::size_t i = 0; i < spec.stored.size(); ++i) marks += i ? ", ?" : "?";
  std::string sql = "INSERT INTO " + std::string(spec.table) + " (" + column_list(spec) + ") VALUES (" + marks + ")";
  if (spec.replaces) {
    std::string identity, update;
    for (const auto& c : spec.stored) {
      if (c.identity) identity += (identity.empty() ? "" : ", ") + std::string(c.stored);
      else update += (update.empty() ? "" : ", ") + std::string(c.stored) + " = excluded." + std::string(c.stored);
    }
    sql += " ON CONFLICT(" + identity + ") DO UPDATE SET " + update;
  }
  return sql;
}

/// `UPDATE t SET a = ?, … WHERE k = ? AND …`: the values of a record known by its identity, parameters in the
/// order of its stored columns.
std::string update_sql(const FileSpec& spec)
{
  std::string set, where;
  for (std::size_t i = 0; i < spec.stored.size(); ++i) {
    const ColumnSpec& c = spec.stored[i];
    const std::string assign = std::string(c.stored) + " = ?" + std::to_string(i + 1);
    if (c.identity) where += (where.empty() ? "" : " AND ") + assign;
    else set += (set.empty() ? "" : ", ") + assign;
  }
  return "UPDATE " + std::string(spec.table) + " SET " + set + " WHERE " + where;
}

/// Writes records i of `data` (all of one kind) with `sql`, one statement run per record.
void write_all(SQLite::Database& db, const FileSpec& spec, const Dataset& data, const std::string& sql)
{
  const std::size_t n = spec.ops->count(data);
  if (n == 0) return;
  SQLite::Statement s(db, sql);
  std::vector<DbValue> values;
  for (std::size_t i = 0; i < n; ++i) {
    spec.ops->to_db(data, i, values);
    for (std::size_t c = 0; c < values.size(); ++c) bind_value(s, int(c) + 1, values[c]);
    s.exec();
    s.reset();
    s.clearBindings();
  }
}

}  // namespace

Dataset SqliteStore::load(Ledger ledger) const
{
  if (!sqlite3_get_autocommit(db_->getHandle())) return load_tables(ledger);
  // Outside a transaction, read in one so that every table is seen as of the same moment.
  return retry_busy([&]() {
    Transaction snapshot(const_cast<SqliteStore&>(*this), Transaction::Kind::read);
    Dataset d = load_tables(ledger);
    snapshot.commit();
    return d;
  });
}

Dataset SqliteStore::load_tables(Ledger ledger) const
{
  Dataset d;
  try {
    for (const auto& spec : file_specs()) {
      const bool is_ledger = spec.kind == RecordKind::ledger;
      if (is_ledger && ledger == Ledger::none) continue;
      // One allocation for all entries (the read transaction keeps the count true).
      if (is_ledger)
        spec.ops->reserve(d, static_cast<std::size_t>(
                                 db_->execAndGet("SELECT count(*) FROM " + std::string(spec.table)).getInt64()));
      std::string order;
      for (auto k : spec.identity) order += (order.empty() ? "" : ", ") + std::string(stored_name(spec, k));
      SQLite::Statement q(*db_, "SELECT " + column_list(spec, is_ledger && ledger == Ledger::figures) + " FROM " +
                                    std::string(spec.table) + " ORDER BY " +
                                    (spec.order == FileSpec::Order::written ? std::string("rowid") : order));
      // The stored columns by name, once per table.
      std::vector<int> index;
      for (const auto& c : spec.stored) index.push_back(q.getColumnIndex(std::string(c.stored).c_str()));
      std::vector<DbValue> values(spec.stored.size());
      while (q.executeStep()) {
        for (std::size_t i = 0; i < index.size(); ++i) values[i] = read_value(q.getColumn(index[i]));
        spec.ops->from_db(d, values);
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return d;
}

std::optional<std::string> SqliteStore::imported_on(const std::string& sha256) const
{
  SQLite::Statement q(*db_, "SELECT imported_at FROM imported_files WHERE sha256 = ?");
  q.bind(1, sha256);
  if (q.executeStep()) return q.getColumn(0).getString();
  return std::nullopt;
}

void SqliteStore::write(const ImportPlan& plan, const std::string& today)
{
  if (sqlite3_get_autocommit(db_->getHandle())) throw std::logic_error("SqliteStore::write needs an open write transaction");
  try {
    // Ledger entries are written by the ledger stream (store_ledger.cpp), not here.
    for (const auto& spec : file_specs())
      if (spec.kind != RecordKind::ledger) write_all(*db_, spec, plan.inserts, insert_sql(spec));
    Dataset updates;
    updates.milestones = plan.milestone_updates;
    const FileSpec& milestones = spec_for(RecordKind::milestones);
    write_all(*db_, milestones, updates, update_sql(milestones));
    SQLite::Statement s(*db_, "INSERT INTO imported_files VALUES (?,?,?)");
    for (const auto& f : plan.files) {
      s.bind(1, f.sha256);
      s.bind(2, f.name);
      s.bind(3, today);
      s.exec();
      s.reset();
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

}  // namespace klynge

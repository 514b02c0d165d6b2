#pragma once
// Inside the store: the ledger statements prepared once per connection and reused for every entry of an import.
#include "sqlite_store.hpp"
#include "store_chain.hpp"
#include "store_sql.hpp"

namespace klynge {

namespace detail {

inline const FileSpec& ledger_spec() { return spec_for(RecordKind::ledger); }

/// `INSERT INTO ledger (…, hash) VALUES (?,…),…` for `rows` entries, the columns from the ledger's description and
/// then the entry's hash in the chain.
inline std::string ledger_insert_sql(std::size_t rows)
{
  const FileSpec& spec = ledger_spec();
  std::string one = "(";
  for (std::size_t i = 0; i < spec.stored.size() + 3; ++i) one += i ? ",?" : "?";
  one += ")";
  // Beyond the interchange columns: the entry's hash in the chain, the revision that adds it, and the ledger file of
  // a row without id.
  std::string sql = "INSERT INTO " + std::string(spec.table) + " (" + column_list(spec) + ", hash, revision, sheet_file) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) sql += (i ? "," : "") + one;
  return sql;
}

}  // namespace detail

struct SqliteStore::Statements
{
  explicit Statements(SQLite::Database& db)
      : Statements(db, detail::ledger_spec())
  {
  }
  Statements(SQLite::Database& db, const FileSpec& spec)
      : find(db, "SELECT seq, revision, sheet_file, " + detail::column_list(spec) + " FROM " + std::string(spec.table) + " WHERE " +
                     std::string(detail::stored_name(spec, spec.identity.at(0))) + " = ?"),
        reversed(db, "SELECT revision FROM ledger WHERE reverses = ?"),
        alias(db, "SELECT entry FROM ledger_aliases WHERE alias = ?"),
        insert(db, detail::ledger_insert_sql(1) + " ON CONFLICT (" +
                       std::string(detail::stored_name(spec, spec.identity.at(0))) + ") DO NOTHING"),
        // Many entries in one statement: a row costs a third less than a statement per row (measured at 1M rows).
        insert_batch(db, detail::ledger_insert_sql(entry_batch)),
        read_head(db, detail::read_head_sql),
        write_head(db, detail::write_head_sql)
  {
    values.reserve(entry_batch * (spec.stored.size() + 3));
  }
  SQLite::Statement find, reversed, alias, insert, insert_batch, read_head, write_head;
  /// The ledger's head as recorded, and recording a new one (inside the write transaction).
  ChainHead head_now();
  void record_head(const ChainHead& head);
  /// The values bound to the running insert: they own the texts bound without copies.
  std::vector<DbValue> values;
};

}  // namespace klynge

// What the store guards beyond the schema: the ledger's amounts together stay countable (see max_total_ore). Their
// sum without sign is kept in the ledger's head (schema 11) by the transaction that writes entries: an import reads
// it instead of summing the whole ledger.
#include <algorithm>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "sqlite_store.hpp"
#include "store_totals.hpp"

namespace klynge {

namespace detail {

std::int64_t sum_magnitude(SQLite::Database& db, std::int64_t after_seq)
{
  try {
    SQLite::Statement q(db, "SELECT ifnull(sum(abs(amount)), 0) FROM ledger WHERE seq > ?");
    q.bind(1, after_seq);
    q.executeStep();
    return std::min(max_total_ore, q.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    // Beyond 64 bits: a database written before the limit was kept is already over it.
    if (std::string_view(e.what()).find("overflow") != std::string_view::npos) return max_total_ore;
    throw;
  }
}

void add_magnitude(SQLite::Database& db, std::int64_t after_seq)
{
  const std::int64_t added = sum_magnitude(db, after_seq);
  // Both are at most max_total_ore (a quarter of the range): their sum cannot overflow.
  SQLite::Statement s(db, "UPDATE ledger_head SET magnitude = min(magnitude + ?, ?) WHERE one = 1");
  s.bind(1, added);
  s.bind(2, max_total_ore);
  s.exec();
}

}  // namespace detail

std::int64_t SqliteStore::ledger_magnitude() const
{
  try {
    SQLite::Statement q(*db_, "SELECT magnitude FROM ledger_head WHERE one = 1");
    if (!q.executeStep()) throw DatabaseError("the ledger's head (table ledger_head) has no row: run `klynge check`");
    return std::min(max_total_ore, q.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": " + e.what());
  }
}

}  // namespace klynge

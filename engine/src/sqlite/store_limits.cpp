// What the store guards beyond the schema: the ledger's amounts together stay countable (see max_total_ore).
#include <algorithm>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "sqlite_store.hpp"

namespace klynge {

std::int64_t SqliteStore::ledger_magnitude() const
{
  try {
    return std::min(max_total_ore, db_->execAndGet("SELECT ifnull(sum(abs(amount)), 0) FROM ledger").getInt64());
  } catch (const SQLite::Exception& e) {
    // Beyond 64 bits: a database written before the limit was kept is already over it.
    if (std::string_view(e.what()).find("overflow") != std::string_view::npos) return max_total_ore;
    throw DatabaseError("database " + path_ + ": " + e.what());
  }
}

}  // namespace klynge

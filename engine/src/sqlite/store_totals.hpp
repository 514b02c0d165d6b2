#pragma once
// Inside the store: keeping the ledger's running totals (schema 3) with the ledger.
#include <cstdint>

namespace SQLite {
class Database;
}

namespace klynge::detail {

/// Adds the ledger entries with seq > `after_seq` to the running totals and to the ledger's magnitude (inside the
/// caller's transaction).
void refresh_totals(SQLite::Database& db, std::int64_t after_seq);

/// The amounts of the entries with seq > `after_seq` without their sign, added up; max_total_ore when they add up
/// to more (or beyond 64 bits).
std::int64_t sum_magnitude(SQLite::Database& db, std::int64_t after_seq);
/// Adds the entries with seq > `after_seq` to the magnitude kept in the ledger's head (schema 11), capped at
/// max_total_ore (inside the caller's transaction).
void add_magnitude(SQLite::Database& db, std::int64_t after_seq);

}  // namespace klynge::detail

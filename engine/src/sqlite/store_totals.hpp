#pragma once
// Inside the store: keeping the ledger's running totals (schema 3) with the ledger.
#include <cstdint>

namespace SQLite {
class Database;
}

namespace klynge::detail {

/// Adds the ledger entries with seq > `after_seq` to the running totals (inside the caller's transaction).
void refresh_totals(SQLite::Database& db, std::int64_t after_seq);

}  // namespace klynge::detail

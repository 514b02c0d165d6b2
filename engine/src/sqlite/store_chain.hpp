#pragma once
// Inside the store: the ledger's chain (schema 7, chain.hpp) — its head, kept in the transaction that writes
// entries, and the walk over the stored entries that builds or checks it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "klynge/chain.hpp"

namespace SQLite {
class Database;
}

namespace klynge::detail {

/// The SQL that reads and records the head (`ledger_head`, one row).
inline constexpr const char* read_head_sql = "SELECT entries, head FROM ledger_head WHERE one = 1";
inline constexpr const char* write_head_sql = "UPDATE ledger_head SET entries = ?, head = ? WHERE one = 1";

/// The head recorded in `ledger_head`; nothing when its row is missing.
std::optional<ChainHead> read_head(SQLite::Database& db);
/// Records the head (inside the caller's write transaction).
void write_head(SQLite::Database& db, const ChainHead& head);

/// Builds the chain over the stored entries, in seq order, and records its head: the step of the migration that
/// adds the chain (SQLite computes no SHA-256), inside the migration's transaction.
void build_chain(SQLite::Database& db);

}  // namespace klynge::detail

#pragma once
// Inside the store: whether a database holds the schema this program made, table by table.
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace klynge::detail {

/// How the schema of `db` differs from the one the first `version` migrations make: a missing or changed table,
/// index or trigger, or a trigger that is not klynge's, as text ("the trigger 'ledger_no_update' is missing").
std::vector<std::string> schema_problems(SQLite::Database& db, int version);

/// The tables of schema `version` that `db` lacks.
std::vector<std::string> missing_tables(SQLite::Database& db, int version);

}  // namespace klynge::detail

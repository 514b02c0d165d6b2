#pragma once
/// @file server.hpp
/// @brief A database on a server (design §14): `--db postgresql://USER@HOST[:PORT]/DB` (or `postgres://`), told apart
/// from a SQLite file by its `scheme://`. The password never travels in the address: libpq reads it from PGPASSWORD or
/// ~/.pgpass.

#include <optional>
#include <string>

namespace klynge {

/// Where a PostgreSQL database is.
struct ServerAddress
{
  std::string user, host, port, database;
  /// The libpq connection string (`host=… port=… dbname=… user=…`, values quoted).
  std::string conninfo() const;
};

/// Whether `db` names a database by a URL (`scheme://…`) rather than a SQLite file.
bool names_server(const std::string& db);

/// Reads `postgresql://USER@HOST[:PORT]/DB` (or `postgres://`; percent-escapes decoded).
/// @throws UsageError (exit 2), naming `option` (where the address came from), for another scheme, a password in
/// the address, or a missing host or database.
ServerAddress parse_server_address(const std::string& db, const std::string& option = "--db");

/// Whether this build of klynge can use a PostgreSQL database (the CMake option KLYNGE_POSTGRESQL).
bool postgresql_built();

/// Creates the klynge schema in the database at `db` (or brings an older one up to date) and, if they do not exist,
/// the roles `PREFIX_read` (may only read) and `PREFIX_write` (may write; the ledger only by INSERT); grants them
/// their rights and CONNECT on the database, which it revokes from PUBLIC. Without a prefix: `klynge` for a new
/// database; one made already keeps the roles it has (brought up to date, their rights cover the new tables).
/// Returns false when the schema was current and no role was made.
/// @throws DatabaseError when the server cannot be reached, the database holds something else, or is newer;
///         UsageError for a prefix that is not a role name.
bool init_server(const std::string& db, const std::optional<std::string>& roles_prefix);

/// Checks what the command line gives as `--db` (or KLYNGE_DB; or as `option`) before any command runs: a server
/// address must be one this build can use. @throws UsageError (exit 2), naming `option`, otherwise.
void check_database_name(const std::string& db, const std::string& option = "--db");

}  // namespace klynge

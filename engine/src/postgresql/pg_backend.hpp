#pragma once
// The PostgreSQL backend as the rest of the engine sees it (store.cpp chooses it for a `postgresql://` database).
// Built from pg_store.cpp when the CMake option KLYNGE_POSTGRESQL is on, from absent.cpp otherwise.

#include <memory>
#include <string>
#include <vector>

#include "klynge/schema.hpp"
#include "klynge/store.hpp"

namespace klynge::pg {

/// Opens a klynge database on a server: checks that it is one and that its schema is this program's, and, for a
/// write, that the user may write. @throws DatabaseError (exit 3), DataError (exit 1) for a user who may only read.
std::unique_ptr<Store> open(const std::string& db, Store::Access access);

}  // namespace klynge::pg

namespace klynge {
/// The PostgreSQL migrations (schema/postgresql/*.sql), each named by the schema version it brings a database to.
const std::vector<Migration>& postgresql_migrations();
/// schema/postgresql/catalog/: the query of the catalog `check` compares (query.sql) and what it gives on a database
/// the migrations made (expected.txt), as {name, text}.
const std::vector<Migration>& postgresql_catalog();
}  // namespace klynge

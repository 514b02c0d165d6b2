// A build without PostgreSQL (CMake option KLYNGE_POSTGRESQL off): a server address is refused on the command line
// (check_database_name); these say the same if the engine is asked anyway.
#include "klynge/error.hpp"
#include "klynge/server.hpp"
#include "pg_backend.hpp"

namespace klynge {

namespace {
[[noreturn]] void absent()
{
  throw UsageError("--db: this klynge was built without PostgreSQL support (build it with libpqxx-dev installed, CMake "
                   "option KLYNGE_POSTGRESQL=ON); use a SQLite file");
}
}  // namespace

bool postgresql_built() { return false; }

bool init_server(const std::string&, const std::optional<std::string>&) { absent(); }

std::unique_ptr<Store> pg::open(const std::string&, Store::Access) { absent(); }

}  // namespace klynge

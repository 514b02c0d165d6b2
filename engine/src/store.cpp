// What every backend of the store shares: transactions, and choosing the backend for a database (a `scheme://`
// address names a server, anything else a SQLite file).
#include "klynge/store.hpp"

#include "klynge/server.hpp"
#include "postgresql/pg_backend.hpp"
#include "sqlite/sqlite_store.hpp"

namespace klynge {

Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, Access access)
{
  if (names_server(path)) return pg::open(path, access);
  return std::make_unique<SqliteStore>(path, access);
}

bool Store::init(const std::string& path)
{
  if (names_server(path)) return init_server(path, "klynge");
  return SqliteStore::init(path);
}

std::unique_ptr<Store> Store::in_memory() { return SqliteStore::in_memory(); }

Store::Transaction::Transaction(Store& store, Kind kind) : store_(store) { store_.begin(kind); }

Store::Transaction::~Transaction()
{
  if (open_) store_.rollback();
}

void Store::Transaction::commit()
{
  store_.commit();
  open_ = false;
}

}  // namespace klynge

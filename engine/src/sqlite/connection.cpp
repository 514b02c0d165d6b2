// The SQLite store's connection: opening, creating and migrating the database, transactions, consistent reads.
#include "sqlite_store.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include <unistd.h>

#include "klynge/schema.hpp"
#include "schema_check.hpp"
#include "store_chain.hpp"
#include "store_statements.hpp"
#include "store_totals.hpp"

namespace klynge {

using namespace detail;

namespace {

void configure(SQLite::Database& db)
{
  db.setBusyTimeout(busy_timeout_ms());
  db.exec("PRAGMA foreign_keys = ON");
  // A page cache of 8 MiB (SQLite's default is 2 MiB) for reads: at 1M lines a larger one made no report or check
  // faster, only larger. A write transaction has a larger one (write_cache_kib).
  set_cache_kib(db, cache_kib());
}

/// The settings from the environment, read before any file is opened or made: a bad value is refused (exit 2)
/// without leaving an empty file behind (`init`), nor at the first write.
void check_environment()
{
  (void)busy_timeout_ms();
  (void)cache_kib();
  (void)write_cache_kib();
}

/// Applies the migrations above the current version, all in one transaction. Foreign keys are off meanwhile (a
/// migration may rebuild a table, which SQLite documents so) and checked before the commit instead.
bool migrate(SQLite::Database& db, int from)
{
  const auto& migrations = schema_migrations();
  db.exec("PRAGMA foreign_keys = OFF");
  struct KeysBackOn
  {
    SQLite::Database& db;
    ~KeysBackOn() { db.exec("PRAGMA foreign_keys = ON"); }
  } back_on{db};
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have migrated (or created) the database since `from` was read: go on from where it is.
  if (db.execAndGet("PRAGMA application_id").getInt() == application_id) {
    from = db.execAndGet("PRAGMA user_version").getInt();
    if (from >= int(migrations.size())) return false;
  }
  for (std::size_t i = std::size_t(from); i < migrations.size(); ++i) {
    db.exec(std::string(migrations[i].sql));
    // A step SQL cannot take (it has no SHA-256): the chain over the entries already stored.
    if (migrations[i].name == "0007_ledger_chain.sql") detail::build_chain(db);
  }
  // Version 3 adds the running totals: sum the ledger already stored into them.
  if (from < 3) detail::refresh_totals(db, 0);
  // Version 11 keeps the ledger's magnitude in its head (the totals summed above added it already).
  else if (from < 11) detail::add_magnitude(db, 0);
  // Version 6 knows a ledger row without an id by its content: give the entries stored before it that identity.
  if (from < 6) detail::identify_stored_entries(db);
  SQLite::Statement orphans(db, "PRAGMA foreign_key_check");
  if (orphans.executeStep())
    throw DatabaseError("the migration to schema version " + std::to_string(migrations.size()) + " found a row of " +
                        orphans.getColumn(0).getString() + " that refers to a missing row of " +
                        orphans.getColumn(2).getString() + "; nothing was changed");
  db.exec("PRAGMA application_id = " + std::to_string(application_id));
  db.exec("PRAGMA user_version = " + std::to_string(migrations.size()));
  tx.commit();
  return true;
}

/// Returns the schema version of an open database, refusing what is not ours or newer than us.
int checked_version(SQLite::Database& db, const std::string& path)
{
  int app = db.execAndGet("PRAGMA application_id").getInt();
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (app != application_id) throw DatabaseError(path + " is not a klynge database");
  if (version > program_schema_version())
    throw DatabaseError(path + " has schema version " + std::to_string(version) + ", newer than this program's " +
                        std::to_string(program_schema_version()) + ": use a newer klynge");
  // A file that claims to be ours must hold our tables (an empty file with our id is not a database to use).
  if (auto missing = detail::missing_tables(db, version); !missing.empty())
    throw DatabaseError(path + " is not a klynge database (it claims schema version " + std::to_string(version) +
                        " but has no table '" + missing.front() + "')");
  return version;
}

/// A database is a regular file: opening a named pipe would block for ever, a device is not a database.
void require_regular_file(const std::string& path)
{
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st) || std::filesystem::is_regular_file(st)) return;
  if (std::filesystem::is_directory(st)) throw DatabaseError(path + " is a folder, not a database file");
  throw DatabaseError(path + " is not a regular file (a pipe or a device is not a database)");
}


/// A database in WAL mode cannot be read where SQLite may not create its `-shm` and `-wal` files beside it: in a
/// folder the user may not write (a copy of the books on a read-only share). When no `-wal` file is there (no
/// writer has the database open), it is read as it lies on disk (SQLite's `immutable`): none can write it then
/// without that file, which the read does not need.
bool only_readable_as_it_lies(const std::string& path)
{
  // The file itself, not a link to it: SQLite keeps its files beside the file the link names.
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::canonical(path, ec);
  if (ec) return false;
  return ::access(file.parent_path().c_str(), W_OK) != 0 &&
         !std::filesystem::exists(file.string() + "-wal", ec);
}

/// SQLite's URI of a file (`?`, `#` and `%` escaped), read as immutable.
std::string immutable_uri(const std::string& path)
{
  std::string uri = "file:";
  for (char c : std::filesystem::canonical(path).string()) {
    if (c == '?') uri += "%3f";
    else if (c == '#') uri += "%23";
    else if (c == '%') uri += "%25";
    else uri += c;
  }
  return uri + "?immutable=1";
}

/// Opens a database to read, read as it lies when it cannot be read otherwise (only_readable_as_it_lies).
std::unique_ptr<SQLite::Database> open_to_read(const std::string& path, int flags = 0)
{
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | flags);
    db->exec("SELECT 1 FROM sqlite_master LIMIT 1");  // SQLite opens the WAL's files at the first read
    return db;
  } catch (const SQLite::Exception&) {
    if (!only_readable_as_it_lies(path)) throw;
  }
  return std::make_unique<SQLite::Database>(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI | flags);
}

}  // namespace

int probe_database(const std::string& path)
{
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DatabaseError("no database at " + path + " (create one with `klynge init`)");
  require_regular_file(path);
  return retry_busy([&]() {
    try {
      return checked_version(*open_to_read(path), path);
    } catch (const SQLite::Exception& e) {
      rethrow_sqlite(e, path);
    }
  });
}

SqliteStore::SqliteStore(const std::string& path, Access access) : path_(path)
{
  check_environment();
  int version = probe_database(path);
  try {
    if (version < program_schema_version()) {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      configure(db);
      migrate(db, checked_version(db, path));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path);
  }
  retry_busy([&]() {
    try {
      // One connection per Store, used by one thread: SQLite's own locking of it is not needed.
      db_ = access == Access::read_only
                ? open_to_read(path, SQLite::OPEN_NOMUTEX)
                : std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
      configure(*db_);
    } catch (const SQLite::Exception& e) {
      rethrow_sqlite(e, path);
    }
  });
}

std::unique_ptr<SqliteStore> SqliteStore::in_memory()
{
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->path_ = ":memory:";
  store->db_ = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  configure(*store->db_);
  migrate(*store->db_, 0);
  return store;
}

void SqliteStore::begin(Transaction::Kind kind)
{
  try {
    db_->exec(kind == Transaction::Kind::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    if (kind == Transaction::Kind::write) set_cache_kib(*db_, std::max(write_cache_kib(), cache_kib()));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

void SqliteStore::rollback() noexcept
{
  try {
    db_->exec("ROLLBACK");
  } catch (...) {
    // Never throw from a destructor; SQLite rolls back on close anyway.
  }
  try {
    set_cache_kib(*db_, cache_kib());  // also when SQLite had rolled back by itself (a full disk) and ROLLBACK failed
  } catch (...) {
    // The value was read when the database was opened; never throw here.
  }
}

void SqliteStore::commit()
{
  try {
    db_->exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  set_cache_kib(*db_, cache_kib());
}

bool SqliteStore::init(const std::string& path)
{
  check_environment();
  require_regular_file(path);
  // Another `init` of the same new file may hold it for a moment (switching it to write-ahead logging takes the
  // file to itself): try again until the busy timeout.
  return retry_busy([&]() {
    try {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      configure(db);
      // What the file holds is read under the write lock: two `init` of one new file at once then see each other's
      // work (the second finds the database made) instead of both creating the tables.
      int version = 0;
      {
        SQLite::Transaction look(db, SQLite::TransactionBehavior::IMMEDIATE);
        const bool empty = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0 &&
                           db.execAndGet("PRAGMA application_id").getInt() == 0 &&
                           db.execAndGet("PRAGMA user_version").getInt() == 0;
        if (!empty) version = checked_version(db, path);
      }
      if (version == program_schema_version()) return false;
      db.exec("PRAGMA journal_mode = WAL");
      return migrate(db, version);
    } catch (const SQLite::Exception& e) {
      rethrow_sqlite(e, path);
    }
  });
}

int SqliteStore::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

void SqliteStore::read_consistently(const std::function<void()>& f) const
{
  // Inside a transaction already (a write, or a read that holds one moment): that is the moment.
  if (!sqlite3_get_autocommit(db_->getHandle())) return f();
  retry_busy([&]() {
    Transaction snapshot(const_cast<SqliteStore&>(*this), Transaction::Kind::read);
    f();
    snapshot.commit();
  });
}


}  // namespace klynge

// Copies of the database: online backup, and putting a copy back.
#include <filesystem>

#include <SQLiteCpp/Backup.h>

#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

void copy_database(const std::string& from, const std::string& to)
{
  probe_database(from);
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.setBusyTimeout(busy_timeout_ms());
    SQLite::Database dest(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    dest.setBusyTimeout(busy_timeout_ms());
    SQLite::Backup backup(dest, source);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, to);
  }
}

void replace_database(const std::string& from, const std::string& db, const std::string& kept)
{
  probe_database(from);
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.setBusyTimeout(busy_timeout_ms());
    SQLite::Database live(db, SQLite::OPEN_READWRITE);
    live.setBusyTimeout(busy_timeout_ms());
    // An exclusive locking mode keeps the lock a write takes until the connection closes: copying what is there and
    // overwriting it are one step for every other process (a copy taken first and an overwrite after it would lose
    // a write that came between them, in neither file).
    live.exec("PRAGMA locking_mode = EXCLUSIVE");
    live.exec("BEGIN IMMEDIATE");
    live.exec("COMMIT");
    if (!kept.empty()) {
      try {
        SQLite::Database copy(kept, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        SQLite::Backup backup(copy, live);
        backup.executeStep(-1);
        copy.exec("PRAGMA journal_mode = DELETE");
      } catch (const SQLite::Exception& e) {
        rethrow_sqlite(e, kept);
      }
    }
    SQLite::Backup backup(live, source);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    // The lock is the whole database's: a reader holding it open (a report, the sqlite3 shell, a spreadsheet's
    // connection) keeps it too, and what it reads would change under it.
    if (is_busy(e))
      throw BusyError("restore: the database " + db + " is open in another program or klynge (restore needs it to "
                      "itself); close it and try again; nothing was replaced");
    rethrow_sqlite(e, db);
  }
}

void remove_database_files(const std::string& path)
{
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

void set_write_ahead(const std::string& path, bool wal)
{
  try {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.setBusyTimeout(busy_timeout_ms());
    db.exec(wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path);
  }
}

void SqliteStore::backup_to(const std::string& target) const
{
  try {
    SQLite::Database dest(target, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(dest, *db_);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, target);
  }
  set_write_ahead(target, false);
}

}  // namespace klynge

#pragma once
// Inside the store: what every part of it shares — busy retries, turning SQLite's errors into the store's, the
// connection's settings, values bound and read by the record kinds' descriptions, and the SQL of entry rules.

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdlib>
#include <string>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "environment.hpp"
#include "klynge/error.hpp"
#include "klynge/interchange.hpp"
#include "klynge/rules.hpp"

namespace klynge::detail {

/// 'KLYG': marks a SQLite file as a klynge database.
constexpr int application_id = 0x4B4C5947;

inline int cache_kib() { return env_whole_number("KLYNGE_CACHE_KIB", 8192, "KiB"); }
/// The page cache of a write transaction: 32 MiB. The content ids of a sheet without ids land at random places in
/// the ids' index (35 MB at 1M entries): with 8 MiB most inserts wrote a page out to the log and read it back, which
/// took a fifth of a 1M-line first import (bench/RESULTS.md). Reads keep the smaller cache: no faster with more.
inline int write_cache_kib() { return env_whole_number("KLYNGE_WRITE_CACHE_KIB", 32768, "KiB"); }
/// Sets the page cache; never throws (a cache left larger or smaller changes no result, only the speed).
inline void set_cache_kib(SQLite::Database& db, int kib) { db.tryExec("PRAGMA cache_size = -" + std::to_string(kib)); }

/// Runs `f`, trying again while the database is busy, up to the busy timeout. SQLite's own busy handler
/// covers most waits; this covers the moments it does not, such as a reader meeting the brief exclusive lock
/// of another process that closes the last connection and cleans up the write-ahead log.
template <class F> auto retry_busy(F&& f) -> decltype(f())
{
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms());
  while (true) {
    try {
      return f();
    } catch (const BusyError&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

inline bool is_busy(const SQLite::Exception& e)
{
  int c = e.getErrorCode();
  return c == SQLITE_BUSY || c == SQLITE_LOCKED;
}

[[noreturn]] inline void rethrow_sqlite(const SQLite::Exception& e, const std::string& path)
{
  // A full disk or a file-size limit: SQLite has rolled the transaction back, so nothing is half-written.
  const int err = errno;
  const int code = e.getErrorCode() & 0xFF;  // the primary code of an extended one (SQLITE_IOERR_SHMSIZE is an IOERR)
  if (code == SQLITE_FULL || code == SQLITE_IOERR)
    throw StorageError("cannot write the database " + path + ": " +
                        (err == EFBIG || err == ENOSPC ? std::strerror(err) : std::string(e.what())) +
                        " (is the disk full, or a file-size limit reached?); nothing was written");
  if (is_busy(e)) throw BusyError("the database " + path + " is busy (another klynge is writing); try again");
  if (code == SQLITE_NOTADB) throw DatabaseError(path + " is not a klynge database");
  if (code == SQLITE_CANTOPEN) throw StorageError("cannot open the database " + path);
  throw DatabaseError("database " + path + ": " + e.what());
}

/// Binds a value without copying its text: the value (and what a view borrows) must outlive the statement's
/// run. A view always covers a whole string or a literal, so its text ends in a NUL.
inline void bind_value(SQLite::Statement& s, int i, const DbValue& v)
{
  if (std::holds_alternative<std::monostate>(v)) s.bind(i);
  else if (const auto* n = std::get_if<std::int64_t>(&v)) s.bind(i, *n);
  else if (const auto* t = std::get_if<std::string>(&v)) s.bindNoCopy(i, *t);
  else s.bindNoCopy(i, std::get<std::string_view>(v).data());
}

/// A column's value, borrowing its text from the statement until its next step.
inline DbValue read_value(const SQLite::Column& c)
{
  if (c.isNull()) return std::monostate{};
  if (c.isInteger()) return static_cast<std::int64_t>(c.getInt64());
  return std::string_view(c.getText(), static_cast<std::size_t>(c.getBytes()));
}

/// The stored column of a canonical column name.
std::string_view stored_name(const FileSpec& spec, std::string_view canonical);
/// `a, b, c`: the stored columns of a kind (as `'' AS x` those not read when `figures_only`).
std::string column_list(const FileSpec& spec, bool figures_only = false);

/// Gives the entries stored before schema 6 with generated ids the id of their content as an alias (migration).
void identify_stored_entries(SQLite::Database& db);

/// The signed amount of a ledger row `l`: a reversal counts negative (as entry_sign says in C++).
constexpr const char* signed_amount = "iif(l.reverses IS NULL, l.amount, -l.amount)";
/// A ledger row `l` meets its running totals' key `k`: no initiative / counterparty is kept as empty text.
constexpr const char* key_of_row = "k.body = l.body AND k.initiative = ifnull(l.initiative, '') AND "
                                   "k.counterparty = ifnull(l.counterparty, '') AND k.kind = l.kind AND "
                                   "k.category = l.category";

}  // namespace klynge::detail

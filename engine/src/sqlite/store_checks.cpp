// Checks the store runs in SQL: releases past a reservation, SQLite's own integrity checks, reversals.
#include "sqlite_store.hpp"
#include "store_sql.hpp"
#include "ledger_sql.hpp"

namespace klynge {

using namespace detail;

std::vector<Store::OverRelease> SqliteStore::over_released(std::int64_t after_seq) const
{
  std::vector<OverRelease> out;
  SQLite::Statement any(*db_, sql_releases_any("?1"));
  any.bind(1, static_cast<std::int64_t>(after_seq));
  if (any.executeStep() && !any.getColumn(0).getInt()) return out;
  SQLite::Statement q(*db_, sql_over_released("?1", signed_amount, ""));
  q.bind(1, static_cast<std::int64_t>(after_seq));
  while (q.executeStep())
    out.push_back({q.getColumn("origin").getString(), q.getColumn("body").getString(), q.getColumn("ini").getString(),
                   parse_date(q.getColumn("date").getString()), Money::from_ore(q.getColumn("before").getInt64()),
                   q.getColumn("culprit").isNull() ? std::string() : q.getColumn("culprit").getString(),
                   q.getColumn("seq").getInt64()});
  keep_first_per_pair(out);
  return out;
}

std::vector<std::string> SqliteStore::integrity_problems() const
{
  std::vector<std::string> out;
  SQLite::Statement q(*db_, "PRAGMA integrity_check");
  while (q.executeStep()) {
    std::string r = q.getColumn(0).getString();
    if (r != "ok") out.push_back("integrity: " + r);
  }
  SQLite::Statement f(*db_, "PRAGMA foreign_key_check");
  while (f.executeStep())
    out.push_back("a row of " + f.getColumn(0).getString() + " refers to a missing row of " + f.getColumn(2).getString());
  return out;
}

std::vector<std::string> SqliteStore::reversal_warnings() const
{
  // Only the reversals are read (the partial index over them): ordered by `r.seq`, SQLite walks the whole ledger to
  // save a sort (a sixth of a month's import at 1M lines); `+r.seq` sorts what the index finds instead.
  std::vector<std::string> out;
  try {
    SQLite::Statement q(*db_, "SELECT r.id, o.id, o.category, r.category FROM ledger r JOIN ledger o ON o.id = r.reverses "
                              "WHERE r.reverses IS NOT NULL AND r.category <> o.category ORDER BY +r.seq");
    while (q.executeStep())
      out.push_back("ledger entry '" + q.getColumn(0).getString() + "' reverses '" + q.getColumn(1).getString() +
                    "' under the category '" + q.getColumn(3).getString() + "', the original's is '" +
                    q.getColumn(2).getString() + "'");
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::vector<std::string> SqliteStore::reversal_problems() const
{
  // Only the reversals are read (the partial index over them), with the entry each names and how many reversals
  // of that entry come before it.
  std::vector<std::string> out;
  try {
    SQLite::Statement q(*db_, "SELECT r.id, r.reverses, o.id IS NULL, o.kind <> r.kind OR o.amount <> r.amount, "
                              "(SELECT count(*) FROM ledger p WHERE p.reverses = r.reverses AND p.seq < r.seq) "
                              "FROM ledger r LEFT JOIN ledger o ON o.id = r.reverses "
                              "WHERE r.reverses IS NOT NULL ORDER BY +r.seq");
    while (q.executeStep()) {
      const std::string id = q.getColumn(0).getString(), original = q.getColumn(1).getString();
      if (q.getColumn(2).getInt())
        out.push_back("ledger entry '" + id + "' reverses a missing entry '" + original + "'");
      else if (q.getColumn(3).getInt())
        out.push_back("ledger entry '" + id + "' does not match the entry it reverses ('" + original + "')");
      if (q.getColumn(4).getInt() > 0) out.push_back("ledger entry '" + original + "' is reversed more than once");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::vector<std::string> SqliteStore::revision_problems() const
{
  std::vector<std::string> out;
  try {
    SQLite::Statement gaps(*db_, sql_revision_gaps());
    if (gaps.executeStep() && gaps.getColumn(0).getInt64() > 0)
      out.push_back(revision_gap_problem(gaps.getColumn(0).getInt64(), gaps.getColumn(1).getInt64(),
                                         gaps.getColumn(2).getInt64()));
    SQLite::Statement q(*db_, sql_unknown_revisions());
    while (q.executeStep())
      out.push_back(unknown_revision_problem(q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                                             q.getColumn(2).getString(), q.getColumn(3).getInt64()));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

}  // namespace klynge

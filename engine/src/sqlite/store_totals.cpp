// The ledger's running totals (schemas 3 and 13): kept in the transaction that writes the ledger, compared with a fresh
// sum of the ledger, rebuilt from it (store_sums.cpp reads them).
#include "store_totals.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>

#include "sqlite_store.hpp"
#include "store_sql.hpp"
#include "../totals_diff.hpp"

namespace klynge {

using detail::key_of_row;
using detail::signed_amount;

namespace detail {

namespace {

/// The years as the days give them: per key and year the total, and the opening (the totals of the years before).
constexpr const char* fresh_years =
    "SELECT key, year, total, sum(total) OVER (PARTITION BY key ORDER BY year) - total AS opening "
    "FROM (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY key, year)";

void exec_with_seq(SQLite::Database& db, const std::string& sql, std::int64_t after_seq)
{
  SQLite::Statement s(db, sql);
  s.bind(1, after_seq);
  s.exec();
}

}  // namespace

void refresh_totals(SQLite::Database& db, std::int64_t after_seq)
{
  add_magnitude(db, after_seq);
  // With no totals yet (a first import, a migration, a rebuild) the days are summed straight into them, and the
  // years from the days.
  const bool first = db.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM ledger_days)").getInt() != 0;
  // SQLite lets a sort hold as much memory as the page cache before it spills to temporary files: summing 1M
  // entries took 8 MiB more at its peak than 100k did. A 2 MiB cache during that first pass bounds it (measured at
  // 1M lines: no slower, within the noise between runs); the cache is as before afterwards. Only then: a later
  // write's pass puts days and years all over their indexes, and with 2 MiB it wrote pages out to the log and read
  // them back (a 5,000-row month at 1M lines: 1.20-1.39 s of processor time with it, 1.02-1.22 s without).
  struct CacheBack
  {
    SQLite::Database& db;
    int size;
    CacheBack(SQLite::Database& d, int kib) : db(d), size(d.execAndGet("PRAGMA cache_size").getInt()) { set_cache_kib(d, kib); }
    CacheBack(const CacheBack&) = delete;
    CacheBack& operator=(const CacheBack&) = delete;
    ~CacheBack() { db.tryExec("PRAGMA cache_size = " + std::to_string(size)); }
  };
  std::optional<CacheBack> back;
  if (first) back.emplace(db, 2048);
  exec_with_seq(db,
                "INSERT INTO ledger_keys (body, initiative, counterparty, kind, category) "
                "SELECT DISTINCT body, ifnull(initiative, ''), ifnull(counterparty, ''), kind, category "
                "FROM ledger WHERE seq > ?1 ON CONFLICT DO NOTHING",
                after_seq);
  if (first) {
    exec_with_seq(db,
                  std::string("INSERT INTO ledger_days (key, day, amount, entries, running) "
                              "SELECT k.id, l.date, sum(") + signed_amount + "), count(*), sum(sum(" + signed_amount +
                      ")) OVER (PARTITION BY k.id, substr(l.date, 1, 4) ORDER BY l.date) FROM ledger l JOIN ledger_keys k ON " +
                      key_of_row + " WHERE l.seq > ?1 GROUP BY k.id, l.date",
                  after_seq);
    db.exec(std::string("INSERT INTO ledger_years (key, year, opening, total) SELECT key, year, opening, total FROM (") +
            fresh_years + ")");
    return;
  }
  // The new entries per key and day, and per key the first new day, its last stored day with the running sum
  // there, and whether every new day comes after the stored ones.
  // Temporary tables of this pass, dropped on the way out (and by a rollback).
  db.exec("CREATE TEMP TABLE totals_new (key INTEGER, day TEXT, amount INTEGER, entries INTEGER, "
          "PRIMARY KEY (key, day)) WITHOUT ROWID");
  db.exec("CREATE TEMP TABLE totals_keys (key INTEGER PRIMARY KEY, first TEXT, last TEXT, base INTEGER, "
          "appended INTEGER)");
  db.exec("CREATE TEMP TABLE totals_years (key INTEGER, year TEXT, first TEXT, PRIMARY KEY (key, year)) WITHOUT ROWID");
  struct DropTemp
  {
    SQLite::Database& db;
    ~DropTemp()
    {
      db.tryExec("DROP TABLE IF EXISTS temp.totals_new");
      db.tryExec("DROP TABLE IF EXISTS temp.totals_keys");
      db.tryExec("DROP TABLE IF EXISTS temp.totals_years");
    }
  } drop{db};
  exec_with_seq(db,
                std::string("INSERT INTO temp.totals_new SELECT k.id, l.date, sum(") + signed_amount +
                    "), count(*) FROM ledger l JOIN ledger_keys k ON " + key_of_row +
                    " WHERE l.seq > ?1 GROUP BY k.id, l.date",
                after_seq);
  db.exec("INSERT INTO temp.totals_keys (key, first) SELECT key, min(day) FROM temp.totals_new GROUP BY key");
  db.exec("UPDATE temp.totals_keys SET (last, base) = "
          "(SELECT d.day, d.running FROM ledger_days d WHERE d.key = totals_keys.key ORDER BY d.day DESC LIMIT 1)");
  db.exec("UPDATE temp.totals_keys SET appended = last IS NULL OR last < first");
  // The usual case (a key's first entries, or entries later than its stored days): the running sums go on from the
  // last in its year, and start again in a new one.
  db.exec("INSERT INTO ledger_days (key, day, amount, entries, running) "
          "SELECT n.key, n.day, n.amount, n.entries, iif(substr(n.day, 1, 4) = substr(t.last, 1, 4), t.base, 0) + "
          "sum(n.amount) OVER (PARTITION BY n.key, substr(n.day, 1, 4) ORDER BY n.day) "
          "FROM temp.totals_new n JOIN temp.totals_keys t ON t.key = n.key WHERE t.appended");
  // Entries dated among stored days: merge them, then sum the key's days again from its first new day on in each
  // year with new days. (With every new day after the stored ones there is nothing to merge, and these statements
  // are not run: they would still read the new days to find none.)
  // CROSS JOIN keeps the pass's own small table the outer loop: SQLite has no statistics of a temporary table,
  // and otherwise read every stored day (or year) and looked each up in it (sqlite3's timer at 1M lines, a 5,000-row
  // month: the days 0.49-0.50 s, now 0.16-0.22 s; the years 0.10 s, now 0.07-0.08 s).
  if (db.execAndGet("SELECT EXISTS (SELECT 1 FROM temp.totals_keys WHERE NOT appended)").getInt()) {
    db.exec("INSERT INTO ledger_days (key, day, amount, entries, running) "
            "SELECT n.key, n.day, n.amount, n.entries, 0 FROM temp.totals_new n JOIN temp.totals_keys t ON t.key = n.key "
            "WHERE NOT t.appended "
            "ON CONFLICT (key, day) DO UPDATE SET amount = amount + excluded.amount, entries = entries + excluded.entries");
    db.exec("INSERT INTO temp.totals_years SELECT n.key, substr(n.day, 1, 4), min(n.day) FROM temp.totals_new n "
            "JOIN temp.totals_keys t ON t.key = n.key WHERE NOT t.appended GROUP BY n.key, substr(n.day, 1, 4)");
    db.exec("UPDATE ledger_days SET running = w.running "
            "FROM (SELECT d.key, d.day, y.first, sum(d.amount) OVER (PARTITION BY d.key, y.year ORDER BY d.day) AS running "
            "      FROM temp.totals_years y CROSS JOIN ledger_days d ON d.key = y.key "
            "      AND d.day BETWEEN y.year || '-01-01' AND y.year || '-12-31') AS w "
            "WHERE ledger_days.key = w.key AND ledger_days.day = w.day AND ledger_days.day >= w.first");
  }
  // The years: each new entry's year adds to its total, and the openings of the key's years from its first new
  // one on are summed again from the totals (written only where they change: in the usual case none but a new
  // year's).
  db.exec("INSERT INTO ledger_years (key, year, opening, total) "
          "SELECT key, substr(day, 1, 4), 0, sum(amount) FROM temp.totals_new GROUP BY key, substr(day, 1, 4) "
          "ON CONFLICT (key, year) DO UPDATE SET total = total + excluded.total");
  // The years before a key's first new one are unchanged, openings and totals: the sums start from the last of
  // them (its opening as stored), so that a month after the stored days reads two years of each key, not all.
  db.exec("UPDATE ledger_years SET opening = w.opening "
          "FROM (SELECT y.key, y.year, substr(t.first, 1, 4) AS since, first_value(y.opening) OVER k + "
          "      sum(y.total) OVER k - y.total AS opening "
          "      FROM temp.totals_keys t CROSS JOIN ledger_years y ON y.key = t.key AND y.year >= "
          "        ifnull((SELECT max(p.year) FROM ledger_years p WHERE p.key = t.key AND p.year < substr(t.first, 1, 4)), "
          "               substr(t.first, 1, 4)) "
          "      WINDOW k AS (PARTITION BY y.key ORDER BY y.year)) AS w "
          "WHERE ledger_years.key = w.key AND ledger_years.year = w.year AND ledger_years.year >= w.since "
          "AND ledger_years.opening <> w.opening");
}

}  // namespace detail

void SqliteStore::update_totals(std::int64_t after_seq)
{
  try {
    detail::refresh_totals(*db_, after_seq);
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": keeping the running totals: " + e.what());
  }
}

void SqliteStore::rebuild_totals()
{
  Transaction tx(*this, Transaction::Kind::write);
  try {
    db_->exec("DELETE FROM ledger_days");
    db_->exec("DELETE FROM ledger_years");
    db_->exec("DELETE FROM ledger_keys");
    db_->exec("UPDATE ledger_head SET magnitude = 0");
    detail::refresh_totals(*db_, 0);
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": rebuilding the running totals: " + e.what());
  }
  tx.commit();
}

std::vector<std::string> SqliteStore::totals_problems() const
{
  // The totals as a fresh sum of the ledger gives them (per key and day, in key and day order), merged with the
  // totals kept (in the order of their primary key) by totals_differences(). (One GROUP BY and a merge: comparing
  // the two as sets in SQL took 8 s at 1M lines.)
  std::vector<std::string> out;
  try {
    std::unordered_map<std::int64_t, detail::KeyTexts> keys;
    {
      SQLite::Statement q(*db_, "SELECT id, body, initiative, counterparty, kind, category FROM ledger_keys");
      while (q.executeStep())
        keys[q.getColumn(0).getInt64()] = {q.getColumn(1).getString(), q.getColumn(2).getString(),
                                           q.getColumn(3).getString(), q.getColumn(4).getString(),
                                           q.getColumn(5).getString()};
    }
    // Entries with no key stored are grouped by their five texts, joined by a unit separator.
    const std::string unkeyed = "iif(k.id IS NULL, l.body || x'1f' || ifnull(l.initiative, '') || x'1f' || "
                                "ifnull(l.counterparty, '') || x'1f' || l.kind || x'1f' || l.category, NULL)";
    SQLite::Statement fresh(*db_, std::string("SELECT k.id, l.date, sum(") + signed_amount + "), count(*), " +
                                      unkeyed + " FROM ledger l LEFT JOIN ledger_keys k ON " + key_of_row +
                                      " GROUP BY k.id, l.date, 5 ORDER BY k.id, l.date");
    // A kept day's sum is its running sum in its year plus the year's opening (none: a year not kept).
    SQLite::Statement kept(*db_, "SELECT d.key, d.day, d.amount, d.entries, d.running + y.opening FROM ledger_days d "
                                 "LEFT JOIN ledger_years y ON y.key = d.key AND y.year = substr(d.day, 1, 4) "
                                 "ORDER BY d.key, d.day");
    out = detail::totals_differences(
        keys,
        [&](detail::TotalsRow& r) {
          if (!fresh.executeStep()) return false;
          if (!fresh.getColumn(0).isNull()) r.key = fresh.getColumn(0).getInt64();
          r.day = fresh.getColumn(1).getString();
          r.amount = fresh.getColumn(2).getInt64();
          r.entries = fresh.getColumn(3).getInt64();
          if (!r.key) {
            std::string_view joined = fresh.getColumn(4).getText();
            for (std::size_t i = 0; i < 5; ++i) {
              const auto cut = std::min(joined.find('\x1f'), joined.size());
              r.text[i] = joined.substr(0, cut);
              joined.remove_prefix(std::min(cut + 1, joined.size()));
            }
          }
          return true;
        },
        [&](detail::TotalsRow& r) {
          if (!kept.executeStep()) return false;
          r.key = kept.getColumn(0).getInt64();
          r.day = kept.getColumn(1).getString();
          r.amount = kept.getColumn(2).getInt64();
          r.entries = kept.getColumn(3).getInt64();
          r.running = kept.getColumn(4).isNull() ? detail::no_running : kept.getColumn(4).getInt64();
          return true;
        });
    // The years kept against their days: a total that is not their sum, an opening that is not the sum of the
    // years before (a day's running sum and its year's opening wrong by the same amount both ways agree above, and
    // the next write that sums the openings again would make the day wrong), or a year with no days. (No FULL JOIN:
    // SQLite has it from 3.39 only.)
    if (out.empty()) {
      SQLite::Statement years(*db_, std::string("WITH f AS (") + detail::fresh_years + ") "
                                    "SELECT count(*) OVER (), k, t FROM ("
                                    "SELECT f.key AS k, f.year AS t FROM f LEFT JOIN ledger_years y ON y.key = f.key "
                                    "AND y.year = f.year WHERE y.total IS NOT f.total OR y.opening IS NOT f.opening "
                                    "UNION ALL SELECT y.key, y.year FROM ledger_years y WHERE NOT EXISTS (SELECT 1 FROM "
                                    "ledger_days d WHERE d.key = y.key AND d.day BETWEEN y.year || '-01-01' AND "
                                    "y.year || '-12-31')) ORDER BY t, k LIMIT 1");
      if (years.executeStep())
        out.push_back(detail::years_difference(years.getColumn(0).getInt64(), keys, years.getColumn(1).getInt64(),
                                               years.getColumn(2).getString()));
    }
    // The magnitude is kept with the totals: told apart only when the days agree (the message above covers both).
    if (out.empty())
      if (auto m = detail::magnitude_difference(ledger_magnitude(), detail::sum_magnitude(*db_, 0))) out.push_back(*m);
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": checking the running totals: " + e.what());
  }
  return out;
}

}  // namespace klynge

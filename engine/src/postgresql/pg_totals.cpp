// The ledger's running totals on PostgreSQL (as engine/src/sqlite/store_totals.cpp): kept in the transaction that
// writes the ledger, compared with a fresh sum of the ledger, rebuilt from it (pg_sums.cpp reads them).
#include <array>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "pg_store.hpp"
#include "../totals_diff.hpp"

namespace klynge {

using pgd::key_of_row;
using pgd::signed_amount;

namespace {

/// The years as the days give them: per key and year the total, and the opening (the totals of the years before).
constexpr const char* fresh_years =
    "SELECT key, year, total, sum(total) OVER (PARTITION BY key ORDER BY year) - total AS opening "
    "FROM (SELECT key, substr(day, 1, 4) AS year, sum(amount) AS total FROM ledger_days GROUP BY key, year) AS s";

}  // namespace

void PgStore::update_totals(std::int64_t after_seq)
{
  const std::string after = std::to_string(after_seq);
  // The ledger's magnitude, kept in its head (schema 11): both terms are at most max_total_ore, a quarter of the range.
  exec("UPDATE ledger_head SET magnitude = least(magnitude + " + std::to_string(summed_magnitude(after_seq)) + ", " +
       std::to_string(max_total_ore) + ") WHERE one = 1");
  // New keys numbered in the order their first entry was written (as SQLite's scan gives them).
  exec("INSERT INTO ledger_keys (body, initiative, counterparty, kind, category) "
       "SELECT body, coalesce(initiative, ''), coalesce(counterparty, ''), kind, category FROM ledger WHERE seq > " +
       after + " GROUP BY 1, 2, 3, 4, 5 ORDER BY min(seq) ON CONFLICT DO NOTHING");
  // With no totals yet (a first import, a rebuild) the days are summed straight into them, and the years from the
  // days.
  if (!exec("SELECT EXISTS (SELECT 1 FROM ledger_days)")[0][0].as<bool>()) {
    exec(std::string("INSERT INTO ledger_days (key, day, amount, entries, running) SELECT k.id, l.date, sum(") +
         signed_amount + "), count(*), sum(sum(" + signed_amount +
         ")) OVER (PARTITION BY k.id, substr(l.date, 1, 4) ORDER BY l.date) FROM ledger l JOIN ledger_keys k ON " +
         key_of_row + " WHERE l.seq > " + after + " GROUP BY k.id, l.date");
    exec(std::string("INSERT INTO ledger_years (key, year, opening, total) SELECT key, year, opening, total FROM (") +
         fresh_years + ") AS y");
    return;
  }
  // The new entries per key and day, and per key its first new day and whether days of it are stored on or after
  // that day already (then the new entries are merged among them). No temporary tables: the writing role may not
  // make them (`init` revokes TEMPORARY), so each statement names these again.
  const std::string new_days = std::string("WITH n AS (SELECT k.id AS key, l.date AS day, sum(") + signed_amount +
                               ") AS amount, count(*) AS entries FROM ledger l JOIN ledger_keys k ON " + key_of_row +
                               " WHERE l.seq > " + after + " GROUP BY k.id, l.date)";
  // Each new day carries its key's answer (nt.merged), so that no statement joins the new days to a table per key:
  // the planner takes the join of the ledger to its keys (five columns) for about one row, and joined a table per
  // key to it by a nested loop that asked the EXISTS again for every pair (5,000 new rows of a grown sheet into 100k
  // took 60 s where this takes milliseconds).
  const std::string with = new_days + ", nt AS (SELECT m.key, m.day, m.amount, m.entries, EXISTS (SELECT 1 FROM "
                                      "ledger_days d WHERE d.key = m.key AND d.day >= m.first) AS merged FROM (SELECT "
                                      "n.*, min(n.day) OVER (PARTITION BY n.key) AS first FROM n) AS m) ";
  // Entries dated among stored days: merge them, then sum the key's days again from its first new day on in each
  // year with new days. (Keys merged stay merged after this; the others are untouched, so the next step still
  // tells them apart.)
  exec(with + "INSERT INTO ledger_days (key, day, amount, entries, running) "
              "SELECT key, day, amount, entries, 0 FROM nt WHERE merged "
              "ON CONFLICT (key, day) DO UPDATE SET amount = ledger_days.amount + excluded.amount, "
              "entries = ledger_days.entries + excluded.entries");
  exec(with + "UPDATE ledger_days SET running = w.running "
              "FROM (SELECT d.key, d.day, y.first, sum(d.amount) OVER (PARTITION BY d.key, y.year ORDER BY d.day) AS running "
              "      FROM (SELECT key, substr(day, 1, 4) AS year, min(day) AS first FROM nt WHERE merged GROUP BY 1, 2) AS y "
              "      JOIN ledger_days d ON d.key = y.key AND d.day BETWEEN y.year || '-01-01' AND y.year || '-12-31') AS w "
              "WHERE ledger_days.key = w.key AND ledger_days.day = w.day AND ledger_days.day >= w.first");
  // The usual case (entries later than those stored): the running sums go on from the last in its year ('2025'
  // sorts before the year's days and after the last year's), and start again in a new one.
  exec(with + "INSERT INTO ledger_days (key, day, amount, entries, running) "
              "SELECT n.key, n.day, n.amount, n.entries, coalesce((SELECT d.running FROM ledger_days d WHERE d.key = "
              "n.key AND d.day >= substr(n.day, 1, 4) ORDER BY d.day DESC LIMIT 1), 0) + "
              "sum(n.amount) OVER (PARTITION BY n.key, substr(n.day, 1, 4) ORDER BY n.day) "
              "FROM nt n WHERE NOT n.merged");
  // The years: each new entry's year adds to its total, and the openings of the key's years from its first new one
  // on are summed again from the totals (written only where they change: in the usual case none but a new year's).
  exec(new_days + " INSERT INTO ledger_years (key, year, opening, total) "
                  "SELECT key, substr(day, 1, 4), 0, sum(amount) FROM n GROUP BY 1, 2 "
                  "ON CONFLICT (key, year) DO UPDATE SET total = ledger_years.total + excluded.total");
  // The years before a key's first new one are unchanged, openings and totals: the sums start from the last of
  // them (its opening as stored), so that a month after the stored days reads two years of each key, not all.
  exec(new_days + " UPDATE ledger_years SET opening = w.opening "
                  "FROM (SELECT y.key, y.year, substr(f.first, 1, 4) AS since, first_value(y.opening) OVER k + "
                  "      sum(y.total) OVER k - y.total AS opening "
                  "      FROM (SELECT key, min(day) AS first FROM n GROUP BY key) AS f JOIN ledger_years y ON y.key = f.key "
                  "      AND y.year >= coalesce((SELECT max(p.year) FROM ledger_years p WHERE p.key = f.key "
                  "                              AND p.year < substr(f.first, 1, 4)), substr(f.first, 1, 4)) "
                  "      WINDOW k AS (PARTITION BY y.key ORDER BY y.year)) AS w "
                  "WHERE ledger_years.key = w.key AND ledger_years.year = w.year AND ledger_years.year >= w.since "
                  "AND ledger_years.opening <> w.opening");
}

void PgStore::rebuild_totals()
{
  Transaction tx(*this, Transaction::Kind::write);
  exec("DELETE FROM ledger_days");
  exec("DELETE FROM ledger_years");
  exec("DELETE FROM ledger_keys");
  exec("UPDATE ledger_head SET magnitude = 0");
  update_totals(0);
  tx.commit();
}

std::vector<std::string> PgStore::totals_problems() const
{
  // As on SQLite: a fresh sum of the ledger per key and day merged with the totals kept (totals_differences()).
  std::unordered_map<std::int64_t, detail::KeyTexts> keys;
  for (const auto& q : exec("SELECT id, body, initiative, counterparty, kind, category FROM ledger_keys"))
    keys[q[0].as<std::int64_t>()] = {q[1].as<std::string>(), q[2].as<std::string>(), q[3].as<std::string>(),
                                     q[4].as<std::string>(), q[5].as<std::string>()};
  const auto fresh = exec(std::string("SELECT k.id, l.date, sum(") + signed_amount +
                          ")::bigint, count(*), CASE WHEN k.id IS NULL THEN l.body ELSE '' END, "
                          "CASE WHEN k.id IS NULL THEN coalesce(l.initiative, '') ELSE '' END, "
                          "CASE WHEN k.id IS NULL THEN coalesce(l.counterparty, '') ELSE '' END, "
                          "CASE WHEN k.id IS NULL THEN l.kind ELSE '' END, "
                          "CASE WHEN k.id IS NULL THEN l.category ELSE '' END "
                          "FROM ledger l LEFT JOIN ledger_keys k ON " + key_of_row +
                          " GROUP BY k.id, l.date, 5, 6, 7, 8, 9 ORDER BY k.id, l.date");
  // A kept day's sum is its running sum in its year plus the year's opening (none: a year not kept).
  const auto kept = exec("SELECT d.key, d.day, d.amount, d.entries, d.running + y.opening FROM ledger_days d "
                         "LEFT JOIN ledger_years y ON y.key = d.key AND y.year = substr(d.day, 1, 4) ORDER BY d.key, d.day");
  std::size_t fi = 0, ki = 0;
  // Fresh rows with no key stored sort last in PostgreSQL (NULLS LAST): the merge takes them wherever they come.
  auto out = detail::totals_differences(
      keys,
      [&](detail::TotalsRow& r) {
        if (fi >= fresh.size()) return false;
        const auto q = fresh[int(fi++)];
        if (!q[0].is_null()) r.key = q[0].as<std::int64_t>();
        r.day = q[1].as<std::string>();
        r.amount = q[2].as<std::int64_t>();
        r.entries = q[3].as<std::int64_t>();
        if (!r.key)
          for (int i = 0; i < 5; ++i) r.text[std::size_t(i)] = q[4 + i].as<std::string>();
        return true;
      },
      [&](detail::TotalsRow& r) {
        if (ki >= kept.size()) return false;
        const auto q = kept[int(ki++)];
        r.key = q[0].as<std::int64_t>();
        r.day = q[1].as<std::string>();
        r.amount = q[2].as<std::int64_t>();
        r.entries = q[3].as<std::int64_t>();
        r.running = q[4].is_null() ? detail::no_running : q[4].as<std::int64_t>();
        return true;
      });
  // The years kept against their days: a total that is not their sum, an opening that is not the sum of the years
  // before (a day's running sum and its year's opening wrong by the same amount both ways agree above, and the next
  // write that sums the openings again would make the day wrong), or a year with no days.
  if (out.empty()) {
    const auto years = exec(std::string("WITH f AS (") + fresh_years + ") "
                            "SELECT count(*) OVER (), coalesce(f.key, y.key) AS k, coalesce(f.year, y.year) AS t "
                            "FROM f FULL JOIN ledger_years y ON y.key = f.key AND y.year = f.year "
                            "WHERE f.total IS DISTINCT FROM y.total OR f.opening IS DISTINCT FROM y.opening "
                            "ORDER BY t, k LIMIT 1");
    if (!years.empty())
      out.push_back(detail::years_difference(years[0][0].as<std::int64_t>(), keys, years[0][1].as<std::int64_t>(),
                                             years[0][2].as<std::string>()));
  }
  // The magnitude is kept with the totals: told apart only when the days agree (the message above covers both).
  if (out.empty())
    if (auto m = detail::magnitude_difference(ledger_magnitude(), summed_magnitude(0))) out.push_back(*m);
  return out;
}

}  // namespace klynge

// Ledger figures as of a date: reversal, return, contribution from another body, reservation and its
// partial release, revised estimates, dated changes.
#include <boost/test/unit_test.hpp>

#include "klynge/snapshot.hpp"
#include "mini.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(snapshot_pool_figures)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2025-06-30"));
  PoolFigures a = s.pool("a");
  BOOST_TEST(a.received == kr("1.000.000"));
  BOOST_TEST(a.granted == kr("380.000"));   // 300.000 + 100.000 − 20.000 returned
  BOOST_TEST(a.reserved == kr("150.000"));  // 200.000 reserved, 50.000 released
  BOOST_TEST(a.free() == kr("470.000"));
  PoolFigures x = s.pool("x");
  BOOST_TEST(x.granted == kr("40.000"));    // x paid the contribution to i1 as counterparty
  BOOST_TEST(x.free() == kr("460.000"));
}
BOOST_AUTO_TEST_CASE(snapshot_initiative_money_with_reversal_and_contribution)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2025-06-30"));
  BOOST_TEST(s.money("i1").budget == kr("340.000"));  // grant 300.000 + contribution 40.000
  BOOST_TEST(s.money("i1").spent == kr("55.000"));    // 50.000 + 5.000; the 10.000 is reversed
  BOOST_TEST(s.money("i1").remaining() == kr("285.000"));
  BOOST_TEST(s.money("i2").budget == kr("80.000"));
}
BOOST_AUTO_TEST_CASE(snapshot_reversal_counts_from_its_own_date)
{
  Dataset data = dataset(mini_files());
  BOOST_TEST(Snapshot(data, d("2025-03-04")).money("i1").spent == kr("65.000"));
  BOOST_TEST(Snapshot(data, d("2025-03-05")).money("i1").spent == kr("55.000"));
}
BOOST_AUTO_TEST_CASE(snapshot_ignores_everything_after_the_date)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2024-12-31"));
  BOOST_TEST(s.pool("a").received == Money{});
  BOOST_TEST(s.sums().balances(s.as_of()).empty());
  BOOST_TEST(s.estimates().empty());
  BOOST_TEST(s.initiative("i1")->end->iso() == "2025-06-30");
}
BOOST_AUTO_TEST_CASE(snapshot_takes_the_latest_estimate_revision)
{
  Dataset data = dataset(mini_files());
  auto line = [&](const char* day) {
    Snapshot s(data, d(day));
    for (const Estimate* e : s.estimates_of("i1"))
      if (e->category == "løn") return e->amount;
    return Money{};
  };
  BOOST_TEST(line("2025-05-31") == kr("120.000"));
  BOOST_TEST(line("2025-06-01") == kr("180.000"));
}
BOOST_AUTO_TEST_CASE(snapshot_applies_dated_changes)
{
  Dataset data = dataset(mini_files());
  BOOST_TEST(Snapshot(data, d("2025-04-30")).initiative("i1")->end->iso() == "2025-06-30");
  BOOST_TEST(Snapshot(data, d("2025-05-01")).initiative("i1")->end->iso() == "2026-12-31");
  BOOST_TEST(Snapshot(data, d("2025-12-14")).initiative("i1")->owner == "a");
  BOOST_TEST(Snapshot(data, d("2025-12-15")).initiative("i1")->owner == "p");
}
BOOST_AUTO_TEST_CASE(snapshot_pro_rata_share_per_line)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2025-06-30"));
  // 180.000 × 184 / 365 days of 2025-07-01..2025-12-31 = 90.739,726… → 90.739,73
  BOOST_TEST(estimated_in(s.estimates_of("i1"), d("2025-07-01"), d("2025-12-31")) == kr("90.739,73"));
}

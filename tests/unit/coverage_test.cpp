// The coverage report: available money against estimated costs in a window; no total row.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(coverage_in_a_window)
{
  Dataset data = dataset(mini_files());
  reports::ReportSpec spec;
  spec.from = d("2025-07-01");
  spec.to = d("2025-12-31");
  auto t = report(data, "coverage", "2025-06-30", spec);
  const auto& i1 = row_of(t, "i1");
  BOOST_TEST(money_at(t, i1, "remaining") == kr("285.000"));
  BOOST_TEST(money_at(t, i1, "owner_free") == kr("470.000"));
  BOOST_TEST(money_at(t, i1, "available") == kr("755.000"));
  BOOST_TEST(money_at(t, i1, "estimated") == kr("90.739,73"));
  BOOST_TEST(money_at(t, i1, "margin") == kr("664.260,27"));
  for (bool total : t.total) BOOST_TEST(!total);
}
BOOST_AUTO_TEST_CASE(coverage_owner_free_never_below_zero_and_what_is_left_of_the_period)
{
  Dataset data = dataset(mini_with("ledger.csv", "e13,2025-06-01,reserve,a,,,,,600000.00,,\n"));
  auto t = report(data, "coverage", "2025-06-30");
  const auto& i1 = row_of(t, "i1");
  BOOST_TEST(money_at(t, i1, "owner_free") == Money{});
  // What is left of the period after 30-06-2025, 2025-07-01..2026-12-31 (design §11): løn 180.000 × 184/365 =
  // 90.739,73 (2025-07-01..2025-12-31 is 184 of the line's 365 days) + drift 300.000 whole; the whole period
  // would count 480.000, money partly spent already.
  BOOST_TEST(money_at(t, i1, "estimated") == kr("390.739,73"));
  BOOST_TEST(money_at(t, i1, "margin") == kr("285.000") - kr("390.739,73"));
  BOOST_TEST(std::get<Date>(i1[8]).iso() == "2025-07-01");  // from
}

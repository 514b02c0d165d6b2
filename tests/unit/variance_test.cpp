// The variance report: planned to date, actual, variance and percent, forecast; uncovered expenses;
// a zero planned amount gives an empty percentage.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(variance_of_a_revised_line)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "variance", "2025-06-30");
  const auto& lon = row_of(t, "løn", "category");
  BOOST_TEST(money_at(t, lon, "estimated") == kr("180.000"));
  BOOST_TEST(money_at(t, lon, "planned_to_date") == kr("89.260,27"));  // 180.000 × 181 / 365
  BOOST_TEST(money_at(t, lon, "actual_to_date") == kr("50.000"));
  BOOST_TEST(money_at(t, lon, "variance_to_date") == kr("39.260,27"));
  BOOST_TEST(text_at(t, lon, "variance_pct") == "43.98");
  BOOST_TEST(money_at(t, lon, "forecast_at_completion") == kr("140.739,73"));
  BOOST_TEST(money_at(t, lon, "variance_at_completion") == kr("39.260,27"));
}
BOOST_AUTO_TEST_CASE(variance_zero_planned_gives_empty_percent)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "variance", "2025-06-30");
  const auto& m = row_of(t, "materialer", "category");
  BOOST_TEST(money_at(t, m, "planned_to_date") == Money{});
  BOOST_TEST(text_at(t, m, "variance_pct") == "");
}
BOOST_AUTO_TEST_CASE(variance_uncovered_expenses_get_their_own_row)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "variance", "2025-06-30");
  const auto& r = row_of(t, "rejse", "category");
  BOOST_TEST(text_at(t, r, "from") == "");
  BOOST_TEST(money_at(t, r, "estimated") == Money{});
  BOOST_TEST(money_at(t, r, "actual_to_date") == kr("5.000"));
  BOOST_TEST(money_at(t, r, "variance_to_date") == kr("-5.000"));
}
BOOST_AUTO_TEST_CASE(variance_total_recomputes_the_percentage)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "variance", "2025-06-30");
  const auto& total = row_of(t, "TOTAL");
  BOOST_TEST(money_at(t, total, "estimated") == kr("490.000"));
  BOOST_TEST(money_at(t, total, "planned_to_date") == kr("89.260,27"));
  BOOST_TEST(money_at(t, total, "actual_to_date") == kr("55.000"));
  BOOST_TEST(money_at(t, total, "variance_to_date") == kr("34.260,27"));
  BOOST_TEST(text_at(t, total, "variance_pct") == "38.38");  // 34.260,27 / 89.260,27, not a sum of percentages
  BOOST_TEST(money_at(t, total, "forecast_at_completion") == kr("455.739,73"));
}

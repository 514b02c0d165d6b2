// The funds report: pool figures per body, the money of the initiatives it owns, totals, periods.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(funds_rows_and_total)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "funds", "2025-06-30");
  std::vector<std::string> first;
  for (const auto& c : t.columns) first.push_back(c.key);
  BOOST_TEST((std::vector<std::string>(first.begin(), first.begin() + 9) ==
              std::vector<std::string>{"body", "name", "received", "granted", "reserved", "free", "budget", "spent", "remaining"}));
  const auto& a = row_of(t, "a");
  BOOST_TEST(money_at(t, a, "free") == kr("470.000"));
  BOOST_TEST(money_at(t, a, "budget") == kr("420.000"));  // i1 340.000 + i2 80.000
  BOOST_TEST(money_at(t, a, "remaining") == kr("365.000"));
  const auto& total = row_of(t, "TOTAL");
  BOOST_TEST(money_at(t, total, "received") == kr("1.500.000"));
  BOOST_TEST(money_at(t, total, "granted") == kr("420.000"));  // a 380.000 + x 40.000: counted once each
  BOOST_TEST(text_at(t, total, "over_committed") == "");
}
BOOST_AUTO_TEST_CASE(funds_follow_the_owner_as_of_the_date)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "funds", "2025-12-15");
  BOOST_TEST(money_at(t, row_of(t, "p"), "budget") == kr("340.000"));  // i1 moved to p on 2025-12-15
  BOOST_TEST(money_at(t, row_of(t, "a"), "budget") == kr("80.000"));
}
BOOST_AUTO_TEST_CASE(funds_flags_over_commitment)
{
  Dataset data = dataset(mini_with("ledger.csv", "e13,2025-06-01,reserve,a,,,,,600000.00,,\n"));
  auto t = report(data, "funds", "2025-06-30");
  BOOST_TEST(money_at(t, row_of(t, "a"), "free") == kr("-130.000"));
  BOOST_TEST(text_at(t, row_of(t, "a"), "over_committed") == "true");
}
BOOST_AUTO_TEST_CASE(funds_by_month_sums_to_the_figures)
{
  Dataset data = dataset(mini_files());
  reports::ReportSpec spec;
  spec.by = reports::Period::month;
  auto t = report(data, "funds", "2025-06-30", spec);
  Money received_a;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (!t.total[r] && std::get<std::string>(t.rows[r][0]) == "a") received_a += money_at(t, t.rows[r], "received");
  BOOST_TEST(received_a == kr("1.000.000"));
  BOOST_TEST(text_at(t, row_of(t, "a"), "period") == "2025-01");
  BOOST_TEST(money_at(t, row_of(t, "TOTAL"), "free") == kr("930.000"));  // a 470.000 + x 460.000
}

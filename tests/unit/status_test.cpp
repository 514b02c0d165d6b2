// The status report: state after dated changes, money, milestones, burn rate, RAG and its reasons.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(status_after_extension_and_with_overdue_milestone)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "status", "2025-06-30");
  const auto& i1 = row_of(t, "i1");
  BOOST_TEST(text_at(t, i1, "end") == "2026-12-31");
  BOOST_TEST(money_at(t, i1, "remaining") == kr("285.000"));
  BOOST_TEST(text_at(t, i1, "next_milestone") == "Midtvejsrapport");
  BOOST_TEST(text_at(t, i1, "overdue") == "1");
  BOOST_TEST(text_at(t, i1, "rag") == "amber");
  // The last expense is of 2025-03-01 (its reversal of 03-05 reports nothing): April and May are closed without one.
  BOOST_TEST(text_at(t, i1, "reasons") == "1 milestone(s) overdue, up to 29 days; 365 days without owner before r takes over; "
                                          "no expense reported for 2 closed month(s)");
}
BOOST_AUTO_TEST_CASE(status_red_when_over_plan)
{
  Dataset data = dataset(mini_with("ledger.csv", "e13,2025-06-10,expense,a,i1,,løn,,60000.00,,\n"));
  auto t = report(data, "status", "2025-06-30");
  // løn: planned 89.260,27, actual 110.000: variance −20.739,73 = −23,24 % (over the 10 % red line)
  BOOST_TEST(text_at(t, row_of(t, "i1"), "rag") == "red");
  BOOST_TEST(text_at(t, row_of(t, "i1"), "reasons").find("løn 23.24 % over plan") != std::string::npos);
}
BOOST_AUTO_TEST_CASE(status_thresholds_come_from_settings)
{
  auto files = mini_files();
  files.push_back({"settings.csv", "key,value\nrag.amber_overdue_days,60\nrag.amber_unreported_periods,3\n"});
  Dataset data = dataset(files);
  auto t = report(data, "status", "2025-06-30");
  BOOST_TEST(text_at(t, row_of(t, "i1"), "reasons") == "365 days without owner before r takes over");
}
BOOST_AUTO_TEST_CASE(status_burn_rate_and_run_out)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "status", "2025-05-15");
  // Last three full months: 2025-02-01..2025-04-30 (89 days); spent 55.000 (the 10.000 reversed within).
  // Per month: 55.000 × 30 / 89 = 18.539,33; run-out: 2025-05-15 + ⌊285.000 × 89 / 55.000⌋ = + 461 days
  const auto& i1 = row_of(t, "i1");
  BOOST_TEST(money_at(t, i1, "burn_rate_month") == kr("18.539,33"));
  BOOST_TEST(text_at(t, i1, "run_out") == "2026-08-19");
  BOOST_TEST(text_at(t, row_of(t, "i2"), "run_out") == "");
}

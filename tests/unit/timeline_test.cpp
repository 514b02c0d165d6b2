// The timeline and handover reports: owner, successor, days without owner, gap, inheritance.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(timeline_across_the_dissolution)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "timeline", "2025-06-30");
  const auto& i1 = row_of(t, "i1");
  BOOST_TEST(text_at(t, i1, "owner_until") == "2025-12-31");
  BOOST_TEST(text_at(t, i1, "successor") == "r");
  BOOST_TEST(text_at(t, i1, "runs_past_owner") == "true");
  BOOST_TEST(text_at(t, i1, "days_without_owner") == "365");
  BOOST_TEST(money_at(t, i1, "estimated_after_owner") == kr("300.000"));
  BOOST_TEST(money_at(t, i1, "gap") == kr("105.739,73"));
  const auto& i2 = row_of(t, "i2");
  BOOST_TEST(text_at(t, i2, "runs_past_owner") == "false");
  BOOST_TEST(text_at(t, i2, "days_without_owner") == "0");
  const auto& total = row_of(t, "TOTAL");
  BOOST_TEST(money_at(t, total, "gap") == kr("105.739,73"));
  BOOST_TEST(text_at(t, total, "days_without_owner") == "");
}
BOOST_AUTO_TEST_CASE(handover_lists_what_the_successor_inherits)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "handover", "2025-06-30");
  BOOST_TEST(t.rows.size() == 2u);  // i1 and r's total; i2 ends with its owner
  const auto& i1 = row_of(t, "i1", "initiative");
  BOOST_TEST(text_at(t, i1, "successor") == "r");
  BOOST_TEST(text_at(t, i1, "from_owner") == "a");
  BOOST_TEST(money_at(t, i1, "remaining") == kr("285.000"));
  BOOST_TEST(text_at(t, i1, "open_milestones") == "1");
  BOOST_TEST(text_at(t, i1, "decisions") == "d1");
  const auto& total = t.rows.back();
  BOOST_TEST(text_at(t, total, "successor") == "r");
  BOOST_TEST(text_at(t, total, "initiative") == "TOTAL");
  BOOST_TEST(money_at(t, total, "gap") == kr("105.739,73"));
}
BOOST_AUTO_TEST_CASE(decisions_report_the_money_they_moved)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "decisions", "2025-06-30");
  BOOST_TEST(money_at(t, row_of(t, "d1"), "amount") == kr("440.000"));  // grants 300.000 + 100.000, contribution 40.000
  BOOST_TEST(money_at(t, row_of(t, "d2"), "amount") == kr("-20.000"));  // a return
  BOOST_TEST(money_at(t, row_of(t, "d3"), "amount") == kr("150.000"));  // reserved 200.000, released 50.000
  BOOST_TEST(money_at(t, row_of(t, "TOTAL"), "amount") == kr("570.000"));
  BOOST_TEST(report(data, "decisions", "2025-01-01").rows.size() == 1u);  // only the total: no meeting yet
}
BOOST_AUTO_TEST_CASE(reports_refuse_unknown_filters)
{
  Dataset data = dataset(mini_files());
  reports::ReportSpec spec;
  spec.initiatives = {"nope"};
  try {
    report(data, "status", "2025-06-30", spec);
    BOOST_FAIL("accepted");
  } catch (const DataError& e) {
    BOOST_TEST(format_diagnostic(e.problems().at(0)) == "klynge: error: --initiative: unknown initiative 'nope'");
  }
}

// Indicators as of a date and the reporting cadence, on small data sets: latest and previous, change and direction,
// the RAG colour against the target with the thresholds from settings; closed periods without an expense.
#include <boost/test/unit_test.hpp>

#include "klynge/indicators.hpp"
#include "klynge/reporting.hpp"
#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {
RagRules defaults() { return RagRules{}; }
Decimal en(const char* s) { return parse_decimal(s, Lang::en); }
}  // namespace

BOOST_AUTO_TEST_CASE(target_colours_at_the_lines)
{
  const RagRules r = defaults();
  BOOST_TEST(int(target_colour(en("12"), en("12"), Direction::lower, r)) == int(RagColour::green));  // met
  BOOST_TEST(int(target_colour(en("12.6"), en("12"), Direction::lower, r)) == int(RagColour::green));  // 5 %
  BOOST_TEST(int(target_colour(en("12.61"), en("12"), Direction::lower, r)) == int(RagColour::amber));
  BOOST_TEST(int(target_colour(en("13.2"), en("12"), Direction::lower, r)) == int(RagColour::amber));  // 10 %
  BOOST_TEST(int(target_colour(en("13.21"), en("12"), Direction::lower, r)) == int(RagColour::red));
  BOOST_TEST(int(target_colour(en("180"), en("200"), Direction::higher, r)) == int(RagColour::amber));
  BOOST_TEST(int(target_colour(en("250"), en("200"), Direction::higher, r)) == int(RagColour::green));
  BOOST_TEST(int(target_colour(en("0"), en("0"), Direction::lower, r)) == int(RagColour::green));
  BOOST_TEST(int(target_colour(en("0.001"), en("0"), Direction::lower, r)) == int(RagColour::red));
}

BOOST_AUTO_TEST_CASE(latest_previous_change_and_worst)
{
  auto files = mini_files();
  files.push_back({"indicators.csv", "initiative,id,name,unit,direction,baseline,target\n"
                                     "i1,readm,Readmissions,percent,lower,15,12\n"
                                     "i1,done,Completed,count,higher,,100\n"});
  files.push_back({"measurements.csv", "initiative,indicator,date,value,numerator,denominator\n"
                                       "i1,readm,2025-03-31,14.7,49,333\n"
                                       "i1,readm,2025-05-31,13.2,,\n"
                                       "i1,readm,2025-07-31,11,,\n"
                                       "i1,done,2025-05-31,80,,\n"});
  Dataset data = dataset(files);
  Snapshot snap(data, parse_date("2025-06-30"));
  const IndicatorReadings all = read_indicators(snap);
  const auto& rows = readings_of(all, "i1");
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(decimal_text(rows[0].latest->value) == "13.2");  // the 31-07 value is after the date
  BOOST_TEST(decimal_text(rows[0].previous->value) == "14.7");
  BOOST_TEST(decimal_text(*rows[0].change) == "-1.8");
  BOOST_TEST(*rows[0].better);
  BOOST_TEST(int(*rows[0].rag) == int(RagColour::amber));  // 13,2 against 12: 10 % off
  BOOST_TEST(int(*rows[1].rag) == int(RagColour::red));    // 80 against 100: 20 % short
  BOOST_TEST(int(*worst_colour(rows)) == int(RagColour::red));
  BOOST_TEST(readings_of(all, "i2").empty());
  BOOST_TEST(!worst_colour(readings_of(all, "i2")).has_value());
}

BOOST_AUTO_TEST_CASE(closed_periods_without_an_expense)
{
  Dataset data = dataset(mini_files());
  // i1's last expense is of 2025-03-01 (its reversal of 03-05 reports nothing).
  Snapshot june(data, parse_date("2025-06-30"));
  auto r = reporting_of(june, *june.initiative("i1"));
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->last_expense->iso() == "2025-03-01");
  BOOST_TEST(r->periods_missing == 2);  // April and May; June is not closed on its last day
  BOOST_TEST(*r->days_since == 121);
  Snapshot july(data, parse_date("2025-07-01"));
  BOOST_TEST(reporting_of(july, *july.initiative("i1"))->periods_missing == 3);
  // By quarter: Q1 holds the expense, Q2 closed on 2025-06-30, so as of 07-01 one quarter is missing.
  auto files = mini_files();
  files.push_back({"settings.csv", "key,value\nreporting.expenses,quarter\n"});
  Dataset q = dataset(files);
  Snapshot qs(q, parse_date("2025-07-01"));
  BOOST_TEST(reporting_of(qs, *qs.initiative("i1"))->periods_missing == 1);
  Snapshot qj(q, parse_date("2025-06-30"));
  BOOST_TEST(reporting_of(qj, *qj.initiative("i1"))->periods_missing == 0);
}

// Report settings: known keys, English numbers, defaults overridden by stored values.
#include <boost/test/unit_test.hpp>

#include "klynge/settings.hpp"

using namespace klynge;

BOOST_AUTO_TEST_CASE(settings_defaults_and_overrides)
{
  RagRules d = rag_rules({});
  BOOST_TEST(d.red_overspend_pct == 1000);
  BOOST_TEST(d.amber_overspend_pct == 500);
  BOOST_TEST(d.red_overdue_days == 90);
  BOOST_TEST(d.amber_overdue_days == 1);
  RagRules r = rag_rules({{"rag.red_overspend_pct", "12.5", {}}, {"rag.amber_overdue_days", "14", {}}});
  BOOST_TEST(r.red_overspend_pct == 1250);
  BOOST_TEST(r.amber_overdue_days == 14);
  BOOST_TEST(r.amber_overspend_pct == 500);
}
BOOST_AUTO_TEST_CASE(settings_refuse_unknown_keys_and_bad_numbers)
{
  BOOST_TEST(!setting_problem("rag.red_overspend_pct", "10"));
  BOOST_TEST(!setting_problem("rag.red_overspend_pct", "10.25"));
  BOOST_TEST(*setting_problem("rag.red_overspend_pct", "10,5") == "'10,5' is not a percentage in English form (e.g. 10.5)");
  BOOST_TEST(*setting_problem("rag.red_overspend_pct", "10.125") == "'10.125' is not a percentage in English form (e.g. 10.5)");
  BOOST_TEST(*setting_problem("rag.red_overdue_days", "2.5") == "'2.5' is not a whole number of days");
  BOOST_TEST(setting_problem("rag.colour", "red")->rfind("unknown setting 'rag.colour' (known: ", 0) == 0);
  BOOST_TEST(format_hundredths(1050) == "10.50");
  BOOST_TEST(format_hundredths(-5) == "-0.05");
}

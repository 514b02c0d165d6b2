// Dates: every accepted and rejected form of design §5.
#include <boost/test/unit_test.hpp>

#include "klynge/date.hpp"
#include "klynge/error.hpp"

using namespace klynge;

namespace {
std::string iso(const char* s) { return parse_date(s).iso(); }
std::string error_of(const char* s)
{
  try {
    parse_date(s);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "(accepted)";
}
}  // namespace

BOOST_AUTO_TEST_CASE(date_parses_iso) { BOOST_TEST(iso("2025-12-31") == "2025-12-31"); }
BOOST_AUTO_TEST_CASE(date_parses_danish_dashes) { BOOST_TEST(iso("31-12-2025") == "2025-12-31"); }
BOOST_AUTO_TEST_CASE(date_parses_danish_dots) { BOOST_TEST(iso("31.12.2025") == "2025-12-31"); }
BOOST_AUTO_TEST_CASE(date_parses_danish_single_digits)
{
  BOOST_TEST(iso("1-3-2023") == "2023-03-01");
  BOOST_TEST(iso("4.3.2024") == "2024-03-04");
}
BOOST_AUTO_TEST_CASE(date_accepts_leap_day) { BOOST_TEST(iso("29-02-2024") == "2024-02-29"); }
BOOST_AUTO_TEST_CASE(date_rejects_impossible_days)
{
  BOOST_TEST(error_of("2025-02-30") == "'2025-02-30' is not a valid date (no such day)");
  BOOST_TEST(error_of("29-02-2025") == "'29-02-2025' is not a valid date (no such day)");
  BOOST_TEST(error_of("2025-13-01") == "'2025-13-01' is not a valid date (no such month)");
  BOOST_TEST(error_of("01-13-2025") == "'01-13-2025' is not a valid date (no such month; the day comes first: 31-12-2025)");
  BOOST_TEST(error_of("2025-00-10") == "'2025-00-10' is not a valid date (no such month)");
  BOOST_TEST(error_of("00.01.2025") == "'00.01.2025' is not a valid date (no such day)");
  BOOST_TEST(error_of("0000-01-01") == "'0000-01-01' is not a valid date (there is no year 0000)");
  BOOST_TEST(error_of("31-12-0000") == "'31-12-0000' is not a valid date (there is no year 0000)");
}
BOOST_AUTO_TEST_CASE(date_rejects_garbage_and_other_forms)
{
  BOOST_TEST(error_of("garbage") == "'garbage' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("31/12/2025") == "'31/12/2025' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("31-12-25") == "'31-12-25' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("2025-1-01") == "'2025-1-01' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("31-12.2025") == "'31-12.2025' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("") == "missing date");
}
BOOST_AUTO_TEST_CASE(date_rejects_trailing_characters)
{
  BOOST_TEST(error_of("2025-12-31x") == "'2025-12-31x' is not a date (use 2025-12-31 or 31-12-2025)");
  BOOST_TEST(error_of("31-12-2025 kl. 14") == "'31-12-2025 kl. 14' is not a date (use 2025-12-31 or 31-12-2025)");
}
BOOST_AUTO_TEST_CASE(date_formats_and_counts_inclusive_days)
{
  Date a = parse_date("2026-01-01"), b = parse_date("2026-12-31");
  BOOST_TEST(a.danish() == "01-01-2026");
  BOOST_TEST(days_inclusive(a, b) == 365);
  BOOST_TEST(days_inclusive(parse_date("2025-06-01"), parse_date("2026-05-31")) == 365);
  BOOST_TEST(days_inclusive(b, a) == 0);
  BOOST_TEST(b.days_since(a) == 364);
  BOOST_TEST(a.plus_days(-1).iso() == "2025-12-31");
}

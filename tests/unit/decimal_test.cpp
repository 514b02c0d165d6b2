// Exact decimals for measured figures: both languages' forms, values compared across decimals, the counts rule's
// rounding, and the target's percentages — no binary floating point anywhere.
#include <boost/test/unit_test.hpp>

#include "klynge/decimal.hpp"
#include "klynge/error.hpp"

using namespace klynge;

namespace {
Decimal da(const char* s) { return parse_decimal(s, Lang::da); }
Decimal en(const char* s) { return parse_decimal(s, Lang::en); }
std::string error_of(const char* s, Lang lang)
{
  try {
    parse_decimal(s, lang);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

BOOST_AUTO_TEST_CASE(both_forms_and_their_decimals)
{
  BOOST_TEST(da("13,2").units() == 132);
  BOOST_TEST(da("13,2").decimals() == 1);
  BOOST_TEST(da("221.082").units() == 221082);
  BOOST_TEST(da("221.082").decimals() == 0);
  BOOST_TEST(en("221,082").units() == 221082);
  BOOST_TEST(en("0.899").decimals() == 3);
  BOOST_TEST(da("-1,8").units() == -18);
  BOOST_TEST(format_decimal(da("221.082,5"), Lang::da, true) == "221.082,5");
  BOOST_TEST(format_decimal(da("221.082,5"), Lang::en, true) == "221,082.5");
  BOOST_TEST(decimal_text(da("13,20")) == "13.20");  // the decimals typed are kept
  BOOST_TEST(format_decimal(en("-0.05"), Lang::da) == "-0,05");
}

BOOST_AUTO_TEST_CASE(forms_refused)
{
  BOOST_TEST(error_of("13.2", Lang::da) == "'13.2' is not a number (Danish form: 13,2 or 221.082)");
  BOOST_TEST(error_of("13,2", Lang::en) == "'13,2' is not a number (English form: 13.2 or 221082)");
  BOOST_TEST(error_of("13,2 %", Lang::da) != "accepted");
  BOOST_TEST(error_of("1.2345.678", Lang::da) != "accepted");
  BOOST_TEST(error_of(",5", Lang::da) != "accepted");
  BOOST_TEST(error_of("5,", Lang::da) != "accepted");
  BOOST_TEST(error_of("1,1234567", Lang::da) == "'1,1234567' has more than 6 decimals");
  BOOST_TEST(error_of("1234567890.123456", Lang::en) == "'1234567890.123456' has more than 15 digits");
  // No number of a thousand or more starts with 0: `0.500` is the other form's 0,5, not 500.
  BOOST_TEST(error_of("0.500", Lang::da) == "'0.500' is not a number (Danish form: 13,2 or 221.082)");
  BOOST_TEST(error_of("00,001", Lang::en) == "'00,001' is not a number (English form: 13.2 or 221082)");
}

BOOST_AUTO_TEST_CASE(values_compare_across_decimals)
{
  BOOST_TEST((da("13,20") == da("13,2")));
  BOOST_TEST((da("13,19") < da("13,2")));
  BOOST_TEST((en("0.1") < en("0.10001")));
  BOOST_TEST(decimal_text(difference(da("13,2"), da("15"))) == "-1.8");
  BOOST_TEST(decimal_text(difference(da("11,95"), da("20"))) == "-8.05");
}

BOOST_AUTO_TEST_CASE(counts_round_to_the_values_own_decimals)
{
  // The baselines of the minutes: 49 of 333 is 15 % at no decimals and 14,7 % at one; 42 of 334 is 13 %.
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(49), Decimal::whole(333), 100, 0)) == "15");
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(49), Decimal::whole(333), 100, 1)) == "14.7");
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(42), Decimal::whole(334), 100, 0)) == "13");
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(40), Decimal::whole(334), 100, 0)) == "12");
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(44), Decimal::whole(334), 100, 0)) == "13");
  // Half away from zero, exactly: 1 of 8 is 12.5 %, 12 at no decimals would be a binary rounding's answer.
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(1), Decimal::whole(8), 100, 0)) == "13");
  BOOST_TEST(decimal_text(*ratio(Decimal::whole(899), Decimal::whole(1000), 1, 3)) == "0.899");
  BOOST_TEST(!ratio(Decimal::whole(1), Decimal::whole(0), 100, 1).has_value());
  BOOST_TEST((*ratio(Decimal::whole(49), Decimal::whole(333), 100, 1) != da("15,0")));
}

BOOST_AUTO_TEST_CASE(percent_off_a_target_is_exact)
{
  // 190 against 200 is exactly 5 %: 500 hundredths, not 500.0000001.
  BOOST_TEST(*percent_off(Decimal::whole(190), Decimal::whole(200), Decimal::whole(200)) == 500);
  BOOST_TEST(*percent_off(en("4.3"), Decimal::whole(4), Decimal::whole(4)) == 750);
  // 0.899 against 1.00 is 10.1 %; a miss of 5.001 % rounds up, so it is over 5 %.
  BOOST_TEST(*percent_off(en("0.899"), en("1.00"), en("1.00")) == 1010);
  BOOST_TEST(*percent_off(en("190.002"), Decimal::whole(200), Decimal::whole(200)) == 500);
  BOOST_TEST(*percent_off(en("189.998"), Decimal::whole(200), Decimal::whole(200)) == 501);
  BOOST_TEST(!percent_off(en("0.01"), Decimal::whole(0), Decimal::whole(0)).has_value());
}
BOOST_AUTO_TEST_CASE(figures_fit_below_twelve_whole_digits)
{
  BOOST_TEST(fits_figure(en("999999999999.999")));
  BOOST_TEST(fits_figure(en("-999999999999")));
  BOOST_TEST(!fits_figure(en("1000000000000")));
  BOOST_TEST(!fits_figure(da("12.345.678.901.234")));
  BOOST_TEST(fits_figure(en("000999999999999")));
  // A figure beyond it is still read (books from before the rule hold such figures).
  BOOST_TEST(en("1234567890123").units() == 1234567890123);
  // The largest and the smallest of what fits have a difference that fits.
  BOOST_TEST(difference(en("999999999999"), en("-0.000001")).units() == 999999999999000001);
}

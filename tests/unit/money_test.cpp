// Money: every accepted and rejected form of design §5, formatting, checked arithmetic, pro rata rounding.
#include <concepts>
#include <limits>

#include <boost/test/unit_test.hpp>

#include "klynge/error.hpp"
#include "klynge/money.hpp"

using namespace klynge;

// What Money forbids must not compile: money × money, floating point in or out.
template <class A, class B> concept Multipliable = requires(A a, B b) { a * b; };
static_assert(!Multipliable<Money, Money>, "Money * Money must not compile");
static_assert(!Multipliable<Money, double>, "Money * double must not compile");
static_assert(Multipliable<Money, std::int64_t>, "Money * integer is allowed");
static_assert(!std::is_constructible_v<Money, double>, "no Money from double");
static_assert(!std::is_convertible_v<Money, double>, "no Money to double");
template <class T> concept FromOre = requires(T v) { Money::from_ore(v); };
static_assert(!FromOre<double> && !FromOre<float>, "from_ore refuses floating point");
static_assert(FromOre<std::int64_t>);

namespace {
std::int64_t da(const char* s) { return parse_money(s, Lang::da).ore(); }
std::int64_t en(const char* s) { return parse_money(s, Lang::en).ore(); }
std::string error_of(const char* s, Lang lang)
{
  try {
    parse_money(s, lang);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "(accepted)";
}
}  // namespace

BOOST_AUTO_TEST_CASE(money_parses_danish_grouped_whole_kroner) { BOOST_TEST(da("1.755.950") == 175595000); }
BOOST_AUTO_TEST_CASE(money_parses_danish_with_decimals_and_kr) { BOOST_TEST(da("1.755.950,00 kr.") == 175595000); }
BOOST_AUTO_TEST_CASE(money_parses_danish_plain_decimal_comma) { BOOST_TEST(da("41715,62") == 4171562); }
BOOST_AUTO_TEST_CASE(money_parses_danish_negative) { BOOST_TEST(da("-500,00") == -50000); }
BOOST_AUTO_TEST_CASE(money_parses_danish_one_decimal_and_small_groups)
{
  BOOST_TEST(da("0,5") == 50);
  BOOST_TEST(da("1.500") == 150000);
  BOOST_TEST(da("12 kr") == 1200);
  BOOST_TEST(da("+10") == 1000);
  BOOST_TEST(da(" 332.287,62 ") == 33228762);
}
// A spreadsheet's Danish currency format writes the mark before the number, and a no-break space after it.
BOOST_AUTO_TEST_CASE(money_parses_the_currency_mark_before_and_in_any_case)
{
  BOOST_TEST(da("kr. 1.755.950,50") == 175595050);
  BOOST_TEST(da("kr.\u00a01.755.950,50") == 175595050);
  BOOST_TEST(da("1.755.950,50\u00a0kr.") == 175595050);
  BOOST_TEST(da("-kr. 500,00") == -50000);
  BOOST_TEST(da("kr. -500,00") == -50000);
  BOOST_TEST(da("-500,00 KR.") == -50000);
  BOOST_TEST(da("12 Kr") == 1200);
  BOOST_TEST(da("DKK 12") == 1200);
  BOOST_TEST(da("12 dkk") == 1200);
  BOOST_TEST(en("DKK 1,755,950.50") == 175595050);
}
BOOST_AUTO_TEST_CASE(money_rejects_two_marks_or_two_signs)
{
  BOOST_TEST(error_of("kr. 12 kr.", Lang::da) == "'kr. 12 kr.' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("-kr. -500,00", Lang::da) == "'-kr. -500,00' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("kr -", Lang::da) == "'kr -' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("-+500 kr.", Lang::da) == "'-+500 kr.' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("--500 kr.", Lang::da) == "'--500 kr.' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("krone 12", Lang::da) == "'krone 12' is not an amount (Danish form: 1.500,00)");
}
BOOST_AUTO_TEST_CASE(money_parses_english_forms)
{
  BOOST_TEST(en("41715.62") == 4171562);
  BOOST_TEST(en("1,755,950.00") == 175595000);
  BOOST_TEST(en("-500.00") == -50000);
  BOOST_TEST(en("1,500") == 150000);
}
BOOST_AUTO_TEST_CASE(money_rejects_ambiguous_danish_one_point_five)
{
  BOOST_TEST(error_of("1.5", Lang::da) == "'1.5' is not an amount (Danish form: 1.500,00)");
}
BOOST_AUTO_TEST_CASE(money_rejects_three_decimals)
{
  BOOST_TEST(error_of("1,005", Lang::da) == "'1,005' has more than two decimals (Danish form: 1.500,00)");
  BOOST_TEST(error_of("1.005", Lang::en) == "'1.005' has more than two decimals (English form: 1,500.00)");
}
BOOST_AUTO_TEST_CASE(money_rejects_misplaced_group_separators)
{
  BOOST_TEST(error_of("1.75.950", Lang::da) == "'1.75.950' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("17555.950", Lang::da) == "'17555.950' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of(".500", Lang::da) == "'.500' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("1,75,950", Lang::en) == "'1,75,950' is not an amount (English form: 1,500.00)");
}
BOOST_AUTO_TEST_CASE(money_rejects_a_grouped_number_starting_with_zero)
{
  // `0.500` is half a krone in English form with three decimals, not 500: no number of a thousand or more starts
  // with 0.
  BOOST_TEST(error_of("0.500", Lang::da) == "'0.500' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("00.001", Lang::da) == "'00.001' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("01.000,00", Lang::da) == "'01.000,00' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("0,500", Lang::en) == "'0,500' is not an amount (English form: 1,500.00)");
  BOOST_TEST(da("0,50") == 50);
  BOOST_TEST(da("10.500") == 1050000);
  BOOST_TEST(en("0.50") == 50);
}
BOOST_AUTO_TEST_CASE(money_rejects_the_other_languages_form)
{
  // English decimals in a Danish column are not guessed at.
  BOOST_TEST(error_of("1755950.00", Lang::da) == "'1755950.00' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("1,5", Lang::en) == "'1,5' is not an amount (English form: 1,500.00)");
}
BOOST_AUTO_TEST_CASE(money_rejects_garbage_and_empty)
{
  BOOST_TEST(error_of("abc", Lang::da) == "'abc' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("", Lang::da) == "missing amount");
  BOOST_TEST(error_of("1,", Lang::da) == "'1,' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of(",5", Lang::da) == "',5' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("--5", Lang::da) == "'--5' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("1 000", Lang::da) == "'1 000' is not an amount (Danish form: 1.500,00)");
  BOOST_TEST(error_of("kr.", Lang::da) == "'kr.' is not an amount (Danish form: 1.500,00)");
}
BOOST_AUTO_TEST_CASE(money_rejects_overflow)
{
  BOOST_TEST(error_of("99999999999999999999", Lang::da) == "'99999999999999999999' is too large for an amount");
  BOOST_TEST(error_of("92233720368547758,08", Lang::da) == "'92233720368547758,08' is too large for an amount");
  BOOST_TEST(da("92233720368547758,07") == std::numeric_limits<std::int64_t>::max());
}
BOOST_AUTO_TEST_CASE(money_formats_danish_and_plain)
{
  Money m = Money::from_ore(175595000);
  BOOST_TEST(format_money(m, MoneyStyle::danish) == "1.755.950,00");
  BOOST_TEST(format_money(m, MoneyStyle::plain) == "1755950.00");
  BOOST_TEST(format_money(m, MoneyStyle::danish_plain) == "1755950,00");
  BOOST_TEST(format_money(m, MoneyStyle::english) == "1,755,950.00");
  BOOST_TEST(format_money(Money::from_ore(-49000000), MoneyStyle::danish) == "-490.000,00");
  BOOST_TEST(format_money(Money::from_ore(5), MoneyStyle::danish) == "0,05");
  BOOST_TEST(format_money(Money{}, MoneyStyle::plain) == "0.00");
  BOOST_TEST(format_money(Money::from_ore(std::numeric_limits<std::int64_t>::min()), MoneyStyle::plain) ==
             "-92233720368547758.08");
}
BOOST_AUTO_TEST_CASE(money_round_trips_through_both_forms)
{
  for (std::int64_t ore : {0LL, 1LL, 99LL, 100LL, 4171562LL, 175595000LL, -50000LL, 123456789012LL}) {
    Money m = Money::from_ore(ore);
    BOOST_TEST(parse_money(format_money(m, MoneyStyle::danish), Lang::da).ore() == ore);
    BOOST_TEST(parse_money(format_money(m, MoneyStyle::english), Lang::en).ore() == ore);
    BOOST_TEST(parse_money(format_money(m, MoneyStyle::plain), Lang::en).ore() == ore);
  }
}
BOOST_AUTO_TEST_CASE(money_arithmetic_is_checked)
{
  Money max = Money::from_ore(std::numeric_limits<std::int64_t>::max());
  BOOST_CHECK_THROW(max + Money::from_ore(1), ValueError);
  BOOST_CHECK_THROW(-max - Money::from_ore(2), ValueError);
  BOOST_CHECK_THROW(max * 2, ValueError);
  BOOST_CHECK_THROW(-Money::from_ore(std::numeric_limits<std::int64_t>::min()), ValueError);
  BOOST_TEST((Money::from_kroner(6251950) - Money::from_kroner(2356000) - Money::from_kroner(2140000)).ore() == 175595000);
}
BOOST_AUTO_TEST_CASE(money_pro_rata_rounds_half_away_from_zero)
{
  // Vest: 280.000 × 151 / 365 days = 115.835,616… → 115.835,62
  BOOST_TEST(pro_rata(Money::from_kroner(280000), 151, 365).ore() == 11583562);
  BOOST_TEST(pro_rata(Money::from_ore(1), 1, 2).ore() == 1);
  BOOST_TEST(pro_rata(Money::from_ore(-1), 1, 2).ore() == -1);
  BOOST_TEST(pro_rata(Money::from_ore(3), 1, 4).ore() == 1);
  BOOST_TEST(pro_rata(Money::from_ore(-3), 1, 4).ore() == -1);
  // The product is taken in 128 bits: no overflow in the middle.
  BOOST_TEST(pro_rata(Money::from_ore(std::numeric_limits<std::int64_t>::max()), 365, 365).ore() ==
             std::numeric_limits<std::int64_t>::max());
  BOOST_CHECK_THROW(pro_rata(Money::from_ore(1), 1, 0), ValueError);
}

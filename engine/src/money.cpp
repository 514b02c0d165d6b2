#include "klynge/money.hpp"

#include <limits>

#include "klynge/error.hpp"

namespace klynge {

namespace {

std::int64_t checked(Wide v)
{
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw ValueError("amount out of range");
  return static_cast<std::int64_t>(v);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string form_hint(Lang lang) { return lang == Lang::da ? "Danish form: 1.500,00" : "English form: 1,500.00"; }

}  // namespace

Money Money::from_kroner(std::int64_t kroner) { return Money(checked(Wide(kroner) * 100)); }
Money Money::operator+(Money o) const { return Money(checked(Wide(ore_) + o.ore_)); }
Money Money::operator-(Money o) const { return Money(checked(Wide(ore_) - o.ore_)); }
Money Money::operator-() const { return Money(checked(-Wide(ore_))); }
Money Money::operator*(std::int64_t f) const { return Money(checked(Wide(ore_) * f)); }

Money pro_rata(Money amount, std::int64_t numerator, std::int64_t denominator)
{
  if (denominator <= 0) throw ValueError("pro rata share of an empty period");
  Wide product = Wide(amount.ore()) * numerator;
  Wide q = product / denominator;
  Wide r = product % denominator;
  // Half away from zero: compare twice the remainder with the divisor.
  if (r < 0) r = -r;
  if (2 * r >= denominator) q += (product < 0) ? -1 : 1;
  return Money::from_ore(checked(q));
}

std::string_view trim_figure_spaces(std::string_view v)
{
  // A spreadsheet's number and currency formats put no-break spaces there.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view space : {" ", "\t", "\u00a0", "\u202f"}) {
      if (v.substr(0, space.size()) == space) v.remove_prefix(space.size()), again = true;
      if (v.size() >= space.size() && v.substr(v.size() - space.size()) == space)
        v.remove_suffix(space.size()), again = true;
    }
  }
  return v;
}

bool take_currency_mark(std::string_view& s)
{
  // After the number (`1.755.950,00 kr.`) or before it, as a spreadsheet's Danish currency format writes it
  // (`kr. 1.755.950,00`).
  auto same_letters = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
  };
  for (std::string_view mark : {"kr.", "kr", "DKK"}) {
    if (s.size() > mark.size() && same_letters(s.substr(0, mark.size()), mark)) {
      s = trim_figure_spaces(s.substr(mark.size()));
      return true;
    }
    if (s.size() > mark.size() && same_letters(s.substr(s.size() - mark.size()), mark)) {
      s = trim_figure_spaces(s.substr(0, s.size() - mark.size()));
      return true;
    }
  }
  return false;
}

Money parse_money(std::string_view text, Lang lang)
{
  const std::string shown(text);
  auto bad = [&]() { return ValueError("'" + shown + "' is not an amount (" + form_hint(lang) + ")"); };

  std::string_view s = trim_figure_spaces(text);
  if (s.empty()) throw ValueError("missing amount");
  // A sign may stand before the currency mark (`-kr. 500,00`) or before the number.
  bool negative = false, signed_ = false;
  auto take_sign = [&]() {
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
      negative = s.front() == '-';
      signed_ = true;
      s.remove_prefix(1);
    }
  };
  take_sign();
  if (take_currency_mark(s) && !signed_) take_sign();
  if (!signed_) take_sign();
  if (s.empty()) throw bad();

  const char group = lang == Lang::da ? '.' : ',';
  const char decimal = lang == Lang::da ? ',' : '.';

  std::string_view whole = s, fraction;
  bool has_decimal = false;
  if (auto pos = s.find(decimal); pos != std::string_view::npos) {
    whole = s.substr(0, pos);
    fraction = s.substr(pos + 1);
    has_decimal = true;
  }
  if (whole.empty()) throw bad();
  if (has_decimal) {
    if (fraction.empty()) throw bad();
    for (char c : fraction)
      if (!is_digit(c)) throw bad();
    if (fraction.size() > 2)
      throw ValueError("'" + shown + "' has more than two decimals (" + form_hint(lang) + ")");
  }

  // The whole part is plain digits, or groups of three after a first group of one to three digits.
  std::string digits;
  bool grouped = whole.find(group) != std::string_view::npos;
  if (grouped) {
    std::size_t first = whole.find(group);
    // A number of a thousand or more does not start with 0: `0.500` is a decimal in the other form, not 500.
    if (first == 0 || first > 3 || whole[0] == '0') throw bad();
    for (std::size_t i = 0; i < whole.size(); ++i) {
      char c = whole[i];
      if (c == group) {
        // Every separator must be followed by exactly three digits and then a separator or the end.
        if (i + 4 > whole.size()) throw bad();
        for (std::size_t k = 1; k <= 3; ++k)
          if (!is_digit(whole[i + k])) throw bad();
        if (i + 4 < whole.size() && whole[i + 4] != group) throw bad();
      } else if (!is_digit(c)) {
        throw bad();
      } else {
        digits += c;
      }
    }
  } else {
    for (char c : whole) {
      if (!is_digit(c)) throw bad();
      digits += c;
    }
  }

  Wide ore = 0;
  for (char c : digits) {
    ore = ore * 10 + (c - '0');
    if (ore > Wide(std::numeric_limits<std::int64_t>::max()))
      throw ValueError("'" + shown + "' is too large for an amount");
  }
  ore *= 100;
  if (fraction.size() >= 1) ore += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) ore += fraction[1] - '0';
  if (negative) ore = -ore;
  if (ore > Wide(std::numeric_limits<std::int64_t>::max()) ||
      ore < Wide(std::numeric_limits<std::int64_t>::min()))
    throw ValueError("'" + shown + "' is too large for an amount");
  return Money::from_ore(static_cast<std::int64_t>(ore));
}

std::string format_money(Money m, MoneyStyle style)
{
  std::int64_t v = m.ore();
  bool negative = v < 0;
  // Work on the unsigned magnitude so that the most negative value prints too.
  unsigned long long mag = negative ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  std::string whole = std::to_string(mag / 100);
  unsigned cents = static_cast<unsigned>(mag % 100);

  char group = 0, decimal = '.';
  switch (style) {
  case MoneyStyle::danish: group = '.'; decimal = ','; break;
  case MoneyStyle::danish_plain: decimal = ','; break;
  case MoneyStyle::english: group = ','; break;
  case MoneyStyle::plain: break;
  }
  std::string out;
  if (group) {
    int lead = int(whole.size() % 3);
    if (lead == 0) lead = 3;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i != 0 && (int(i) - lead) % 3 == 0) out += group;
      out += whole[i];
    }
  } else {
    out = whole;
  }
  out += decimal;
  out += char('0' + cents / 10);
  out += char('0' + cents % 10);
  return negative ? "-" + out : out;
}

}  // namespace klynge

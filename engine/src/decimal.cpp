// Exact decimals for measured figures (decimal.hpp): parsing in either language's form, formatting, and the
// few computations indicators and keys need, all in integers.
#include "klynge/decimal.hpp"

#include <algorithm>
#include <limits>

#include "klynge/error.hpp"

namespace klynge {

namespace {

Wide pow10(int n)
{
  Wide p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

bool fits(Wide v) { return v >= Wide(std::numeric_limits<std::int64_t>::min()) && v <= Wide(std::numeric_limits<std::int64_t>::max()); }

/// q = n ÷ d rounded half away from zero (d > 0).
Wide divide_rounded(Wide n, Wide d)
{
  const bool neg = n < 0;
  if (neg) n = -n;
  Wide q = n / d, r = n % d;
  if (2 * r >= d) ++q;
  return neg ? -q : q;
}

Wide abs_wide(Wide v) { return v < 0 ? -v : v; }

std::string digits_of(Wide v)
{
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), char('0' + int(v % 10)));
    v /= 10;
  }
  return s;
}

}  // namespace

Decimal::Decimal(std::int64_t units, int decimals) : units_(units), decimals_(decimals)
{
  if (decimals < 0 || decimals > max_decimals) throw ValueError("a number has at most 6 decimals");
}

Wide Decimal::scaled(int d) const { return Wide(units_) * pow10(d - decimals_); }

std::strong_ordering Decimal::operator<=>(const Decimal& o) const
{
  const int d = std::max(decimals_, o.decimals_);
  const Wide a = scaled(d), b = o.scaled(d);
  return a < b ? std::strong_ordering::less : a > b ? std::strong_ordering::greater : std::strong_ordering::equal;
}

Decimal parse_decimal(std::string_view text, Lang lang)
{
  const char group = lang == Lang::da ? '.' : ',';
  const char point = lang == Lang::da ? ',' : '.';
  const std::string form = lang == Lang::da ? "Danish form: 13,2 or 221.082" : "English form: 13.2 or 221082";
  auto refuse = [&]() -> Decimal { throw ValueError("'" + std::string(text) + "' is not a number (" + form + ")"); };
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', s.remove_prefix(1);
  const auto at = s.find(point);
  std::string_view whole = s.substr(0, at), frac = at == std::string_view::npos ? std::string_view() : s.substr(at + 1);
  if (whole.empty() || (at != std::string_view::npos && frac.empty())) return refuse();
  // The whole part: digits, or groups of three after a first group of one to three.
  std::string digits;
  std::size_t run = 0;
  bool grouped = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c >= '0' && c <= '9') {
      digits += c;
      ++run;
    } else if (c == group) {
      if (run == 0 || (grouped ? run != 3 : run > 3)) return refuse();
      grouped = true;
      run = 0;
    } else {
      return refuse();
    }
  }
  if (grouped && run != 3) return refuse();
  // A number of a thousand or more does not start with 0: `0.500` is a decimal in the other form, not 500.
  if (grouped && whole.front() == '0') return refuse();
  for (char c : frac)
    if (c < '0' || c > '9') return refuse();
  if (frac.size() > std::size_t(Decimal::max_decimals))
    throw ValueError("'" + std::string(text) + "' has more than " + std::to_string(Decimal::max_decimals) + " decimals");
  digits += frac;
  if (digits.size() > 15) throw ValueError("'" + std::string(text) + "' has more than 15 digits");
  std::int64_t units = 0;
  for (char c : digits) units = units * 10 + (c - '0');
  return Decimal(neg ? -units : units, int(frac.size()));
}

std::string decimal_text(Decimal d) { return format_decimal(d, Lang::en, false); }

std::string format_decimal(Decimal d, Lang lang, bool grouped)
{
  const Wide u = abs_wide(Wide(d.units()));
  const Wide p = pow10(d.decimals());
  std::string whole = digits_of(u / p);
  if (grouped)
    for (int i = int(whole.size()) - 3; i > 0; i -= 3) whole.insert(std::size_t(i), 1, lang == Lang::da ? '.' : ',');
  std::string out = (d.is_negative() ? "-" : "") + whole;
  if (d.decimals() > 0) {
    std::string frac = digits_of(u % p);
    frac.insert(frac.begin(), std::size_t(d.decimals()) - frac.size(), '0');
    out += (lang == Lang::da ? ',' : '.') + frac;
  }
  return out;
}

Decimal difference(Decimal a, Decimal b)
{
  const int d = std::max(a.decimals(), b.decimals());
  const Wide v = a.scaled(d) - b.scaled(d);
  if (!fits(v)) throw ValueError("a difference too large to compute");
  return Decimal(std::int64_t(v), d);
}

std::optional<Decimal> ratio(Decimal numerator, Decimal denominator, std::int64_t factor, int decimals)
{
  if (denominator.is_zero()) return std::nullopt;
  // n/10^a ÷ (m/10^b) × f × 10^decimals = n × 10^b × f × 10^decimals ÷ (m × 10^a)
  Wide n = Wide(numerator.units()) * pow10(denominator.decimals()) * factor * pow10(decimals);
  Wide m = Wide(denominator.units()) * pow10(numerator.decimals());
  if (m < 0) n = -n, m = -m;
  const Wide q = divide_rounded(n, m);
  if (!fits(q)) return std::nullopt;
  return Decimal(std::int64_t(q), decimals);
}

std::optional<std::int64_t> percent_off(Decimal a, Decimal b, Decimal reference)
{
  if (reference.is_zero()) return std::nullopt;
  const int d = std::max({a.decimals(), b.decimals(), reference.decimals()});
  const Wide miss = abs_wide(a.scaled(d) - b.scaled(d)) * 10000, ref = abs_wide(reference.scaled(d));
  const Wide q = (miss + ref - 1) / ref;
  if (!fits(q)) return std::numeric_limits<std::int64_t>::max();
  return std::int64_t(q);
}

bool fits_figure(Decimal d)
{
  const Wide limit = Wide(1'000'000'000'000) * Decimal::whole(1).scaled(d.decimals());  // 10^12 at d's scale
  const Wide u = d.units();
  return -limit < u && u < limit;
}

}  // namespace klynge

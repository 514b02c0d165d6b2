#pragma once
/// @file decimal.hpp
/// @brief Measured figures (an indicator's values, counts, a cost-sharing key's shares): exact decimals.
///
/// A Decimal is a whole number of units of 10^-decimals, kept with the number of decimals it was written with.
/// Not money (that is øre, money.hpp) and never a double: whether 49 of 333 agrees with a value depends on the
/// decimals the value was typed with (15 at none, 14,7 at one), and every comparison rescales both sides exactly
/// in 128 bits, so 13,20 equals 13,2 and no binary rounding can make a target "missed by 0.0000001".

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "klynge/money.hpp"

namespace klynge {

class Decimal
{
public:
  /// At most this many decimals are written or computed (a percentage to a millionth of a point).
  static constexpr int max_decimals = 6;

  constexpr Decimal() = default;
  /// `units` of 10^-decimals: Decimal(132, 1) is 13.2. @throws ValueError for decimals outside 0..max_decimals.
  Decimal(std::int64_t units, int decimals);
  static Decimal whole(std::int64_t n) { return Decimal(n, 0); }

  std::int64_t units() const { return units_; }
  int decimals() const { return decimals_; }
  bool is_zero() const { return units_ == 0; }
  bool is_negative() const { return units_ < 0; }
  /// The value in units of 10^-d (d >= decimals()), exactly.
  Wide scaled(int d) const;

  /// Compares values, not representations: 13.20 == 13.2.
  std::strong_ordering operator<=>(const Decimal& o) const;
  bool operator==(const Decimal& o) const { return (*this <=> o) == 0; }

private:
  std::int64_t units_ = 0;
  int decimals_ = 0;
};

/// Parses a number in the form of the file's header language: Danish `13,2`, `221.082`; English `13.2`,
/// `221,082`. Thousands separators must group by three; at most max_decimals decimals and 15 digits.
/// @throws ValueError naming the value and the expected form.
Decimal parse_decimal(std::string_view text, Lang lang);
/// The canonical English form with its own decimals (`13.2`, `221082`): how the database keeps it.
std::string decimal_text(Decimal d);
/// In the language's form: Danish `13,2`; `grouped` adds thousands separators (`221.082`, `221,082`).
std::string format_decimal(Decimal d, Lang lang, bool grouped = false);

/// Whether a figure given as input is below 10^12 in size (12 whole digits at most): any two such figures at six
/// decimals have a difference that fits (|a − b| × 10^6 < 2 × 10^18), so no report meets one it cannot compute.
/// Input is refused beyond it; what books from before the rule hold is still read.
bool fits_figure(Decimal d);

/// a − b, with the larger number of decimals of the two. @throws ValueError when it does not fit.
Decimal difference(Decimal a, Decimal b);
/// numerator ÷ denominator × factor, rounded half away from zero to `decimals`; nothing when the denominator is
/// zero or the result does not fit.
std::optional<Decimal> ratio(Decimal numerator, Decimal denominator, std::int64_t factor, int decimals);
/// |a − b| × 100 ÷ |reference| as hundredths of a percent, rounded up (a miss of 5.001 % is over 5 %); nothing
/// when the reference is zero.
std::optional<std::int64_t> percent_off(Decimal a, Decimal b, Decimal reference);

}  // namespace klynge

#pragma once
/// @file money.hpp
/// @brief Exact money: integer øre with checked arithmetic. No floating point goes in or out.

#include <compare>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace klynge {

/// 128-bit integers for intermediate products (amount × days); results are checked back into 64 bits.
__extension__ typedef __int128 Wide;

/// The form amounts are written in: Danish (`1.755.950,00`) or English (`1,755,950.00`).
enum class Lang { da, en };

/// An amount of Danish kroner, held as a whole number of øre.
class Money
{
public:
  constexpr Money() = default;

  /// The only way in from a number: whole øre.
  static constexpr Money from_ore(std::int64_t ore) { return Money(ore); }
  /// Floating point is refused at compile time: money is exact.
  template <std::floating_point F> static Money from_ore(F) = delete;
  /// Whole kroner.
  static Money from_kroner(std::int64_t kroner);

  constexpr std::int64_t ore() const { return ore_; }
  constexpr bool is_zero() const { return ore_ == 0; }
  constexpr bool is_negative() const { return ore_ < 0; }

  Money operator+(Money other) const;
  Money operator-(Money other) const;
  Money operator-() const;
  Money& operator+=(Money other) { return *this = *this + other; }
  Money& operator-=(Money other) { return *this = *this - other; }
  Money operator*(std::int64_t factor) const;
  /// Money times money has no meaning.
  Money operator*(Money) const = delete;
  template <std::floating_point F> Money operator*(F) const = delete;

  constexpr auto operator<=>(const Money&) const = default;

private:
  constexpr explicit Money(std::int64_t ore) : ore_(ore) {}
  std::int64_t ore_ = 0;
};

constexpr Money max(Money a, Money b) { return a < b ? b : a; }
constexpr Money min(Money a, Money b) { return a < b ? a : b; }

/// The most that the amounts of the ledger (or of the estimate lines), taken without their sign, may add up to:
/// a quarter of the 64-bit range, 23.058.430.092.136.939,51. Any figure a report makes is a signed sum of some of
/// them, and the widest adds two such sums (available = remaining + owner's free money), so no report can then
/// overflow. An import or `add` that would go over it is refused at the row that does.
inline constexpr std::int64_t max_total_ore = std::numeric_limits<std::int64_t>::max() / 4;

/// amount × numerator ÷ denominator, rounded half away from zero. The product is taken in 128 bits.
/// @throws ValueError when the denominator is not positive or the result does not fit.
Money pro_rata(Money amount, std::int64_t numerator, std::int64_t denominator);

/// Spaces around a figure as spreadsheets write them (space, tab, no-break spaces) taken off.
std::string_view trim_figure_spaces(std::string_view text);
/// Takes a currency mark ("kr.", "kr" or "DKK", any case) and the spaces beside it off either end of `s`;
/// false when there is none.
bool take_currency_mark(std::string_view& s);

/// Parses an amount in the given form. Accepts an optional sign, an optional `kr.`/`kr` suffix,
/// thousands groups in the form's separator, and one or two decimals.
/// @throws ValueError naming the value and the expected form; never guesses.
Money parse_money(std::string_view text, Lang lang);

/// How an amount is printed.
enum class MoneyStyle
{
  danish,        ///< 1.755.950,00
  danish_plain,  ///< 1755950,00 (for spreadsheets: no thousands separators)
  english,       ///< 1,755,950.00
  plain,         ///< 1755950.00 (machines)
};

std::string format_money(Money m, MoneyStyle style);
/// The grouped form of the language: Danish or English.
inline MoneyStyle grouped_style(Lang lang) { return lang == Lang::da ? MoneyStyle::danish : MoneyStyle::english; }

}  // namespace klynge

#pragma once
/// @file date.hpp
/// @brief Calendar dates on Howard Hinnant's `date`: arithmetic on sys_days, fields at the edges.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

namespace klynge {

/// A calendar date, always valid.
class Date
{
public:
  Date() = default;  ///< 1970-01-01; only for containers, real dates come from from_ymd or parse_date
  /// @throws ValueError when the fields do not make a real date.
  static Date from_ymd(int year, unsigned month, unsigned day);
  /// 9999-12-31: the last date of four-digit years, the latest a file or an option can name.
  static Date last() { return Date(date::sys_days{date::year{9999} / date::December / date::day{31}}); }

  date::sys_days sys_days() const { return days_; }
  date::year_month_day ymd() const { return date::year_month_day{days_}; }
  int year() const { return int(ymd().year()); }
  unsigned month() const { return unsigned(ymd().month()); }
  unsigned day() const { return unsigned(ymd().day()); }

  Date plus_days(std::int64_t n) const { return Date(days_ + date::days{n}); }
  /// Days from `other` to this date (negative when this is earlier).
  std::int64_t days_since(Date other) const { return (days_ - other.days_).count(); }

  std::string iso() const;     ///< 2025-12-31
  std::string danish() const;  ///< 31-12-2025

  auto operator<=>(const Date&) const = default;

private:
  explicit Date(date::sys_days d) : days_(d) {}
  date::sys_days days_{};
};

/// Days in the inclusive window [from, to]; 0 when to < from.
std::int64_t days_inclusive(Date from, Date to);

/// Accepts ISO `2025-12-31` and Danish `31-12-2025` / `31.12.2025` (day and month may have one digit).
/// @throws ValueError naming the value: not a date, or no such day.
Date parse_date(std::string_view text);

}  // namespace klynge

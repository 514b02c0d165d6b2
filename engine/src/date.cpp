#include "klynge/date.hpp"

#include <cstdio>

#include "klynge/error.hpp"

namespace klynge {

Date Date::from_ymd(int year, unsigned month, unsigned day)
{
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.ok()) throw ValueError("not a valid date");
  return Date(date::sys_days{ymd});
}

std::string Date::iso() const
{
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::danish() const
{
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u-%02u-%04d", day(), month(), year());
  return buf;
}

std::int64_t days_inclusive(Date from, Date to)
{
  std::int64_t n = to.days_since(from) + 1;
  return n < 0 ? 0 : n;
}

namespace {

/// Reads 1..max digits; returns the number of digits read (0 when none).
std::size_t read_number(std::string_view s, std::size_t pos, std::size_t max, unsigned& out)
{
  std::size_t n = 0;
  out = 0;
  while (pos + n < s.size() && n < max && s[pos + n] >= '0' && s[pos + n] <= '9') {
    out = out * 10 + unsigned(s[pos + n] - '0');
    ++n;
  }
  return n;
}

}  // namespace

Date parse_date(std::string_view text)
{
  const std::string shown(text);
  auto not_a_date = [&]() {
    return ValueError("'" + shown + "' is not a date (use 2025-12-31 or 31-12-2025)");
  };
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) throw ValueError("missing date");

  unsigned a = 0, b = 0, c = 0;
  int year = 0;
  unsigned month = 0, day = 0;
  std::size_t n1 = read_number(s, 0, 4, a);
  if (n1 == 4) {
    // ISO: yyyy-mm-dd, two digits each.
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw not_a_date();
    if (read_number(s, 5, 2, b) != 2 || read_number(s, 8, 2, c) != 2) throw not_a_date();
    year = int(a), month = b, day = c;
  } else if (n1 == 1 || n1 == 2) {
    // Danish: d-m-yyyy or d.m.yyyy, the same separator twice.
    std::size_t pos = n1;
    if (pos >= s.size() || (s[pos] != '-' && s[pos] != '.')) throw not_a_date();
    char sep = s[pos++];
    std::size_t n2 = read_number(s, pos, 2, b);
    if (n2 == 0) throw not_a_date();
    pos += n2;
    if (pos >= s.size() || s[pos] != sep) throw not_a_date();
    ++pos;
    if (read_number(s, pos, 4, c) != 4 || pos + 4 != s.size()) throw not_a_date();
    year = int(c), month = b, day = a;
  } else {
    throw not_a_date();
  }
  date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  if (!ymd.month().ok())
    throw ValueError("'" + shown + "' is not a valid date (no such month" +
                     (n1 != 4 && day >= 1 && day <= 12 ? std::string("; the day comes first: 31-12-2025)") : std::string(")")));
  if (!ymd.ok()) throw ValueError("'" + shown + "' is not a valid date (no such day)");
  // The calendar has no year 0 (1 BC is followed by AD 1); PostgreSQL refuses it, so both backends refuse it here.
  if (year == 0) throw ValueError("'" + shown + "' is not a valid date (there is no year 0000)");
  return Date::from_ymd(year, month, day);
}

}  // namespace klynge

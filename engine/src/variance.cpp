// Estimate lines against spending as of a date (design §3, §12).
#include "klynge/variance.hpp"

#include <algorithm>
#include <limits>

namespace klynge {

std::vector<LineVariance> line_variances(const Snapshot& snap, const std::string& initiative)
{
  const Date d = snap.as_of();
  std::vector<LineVariance> out;
  const auto lines = snap.estimates_of(initiative);

  for (const Estimate* line : lines) {
    LineVariance v;
    v.line = line;
    v.category = line->category;
    v.estimated = line->amount;
    v.planned = d < line->from ? Money{} : share_of(*line, line->from, std::min(d, line->to));
    v.actual = snap.spent_in(initiative, line->category, line->from, line->to);
    out.push_back(v);
  }
  // Expenses that no line of their category covers on their date: one row per category. They are all of the
  // category's expenses less those inside the union of its lines' windows (overlapping lines merged first).
  static const Date beginning = Date::from_ymd(1, 1, 1);
  for (const std::string& category : snap.expense_categories(initiative)) {
    std::vector<std::pair<Date, Date>> windows;
    for (const Estimate* line : lines)
      if (line->category == category) windows.emplace_back(line->from, line->to);
    std::sort(windows.begin(), windows.end());
    Money actual = snap.spent_in(initiative, category, beginning, d);
    for (std::size_t i = 0; i < windows.size();) {
      auto [from, to] = windows[i];
      for (++i; i < windows.size() && !(to.plus_days(1) < windows[i].first); ++i) to = std::max(to, windows[i].second);
      actual -= snap.spent_in(initiative, category, from, to);
    }
    if (actual.is_zero()) continue;
    LineVariance v;
    v.category = category;
    v.actual = actual;
    out.push_back(v);
  }
  return out;
}

std::vector<ExpenseWindow> line_windows(const Snapshot& snap, const std::string& initiative)
{
  // Each line's; the windows of the expenses no line covers are unions of these (their ends among the lines'),
  // and all of a category's up to the date (from the beginning: nothing before it).
  std::vector<ExpenseWindow> out;
  for (const Estimate* line : snap.estimates_of(initiative))
    out.push_back({initiative, line->category, line->from, line->to});
  return out;
}

std::optional<Hundredths> percent_hundredths(Money numerator, Money denominator)
{
  if (denominator.is_zero()) return std::nullopt;
  // numerator × 10000 ÷ denominator in hundredths of a percent, rounded half away from zero, in 128 bits (§12):
  // an enormous variance has a percentage too.
  Wide n = Wide(numerator.ore()) * 10000, d = denominator.ore();
  bool negative = (n < 0) != (d < 0);
  if (n < 0) n = -n;
  if (d < 0) d = -d;
  Wide q = n / d, r = n % d;
  if (2 * r >= d) ++q;
  // Checked into 64 bits: a percentage beyond them (a huge variance of a plan of a few øre) is shown empty.
  if (q > Wide(std::numeric_limits<Hundredths>::max())) return std::nullopt;
  return static_cast<Hundredths>(negative ? -q : q);
}

}  // namespace klynge

#include "klynge/reports/table.hpp"

#include <limits>

namespace klynge::reports {

int Table::column(const std::string& key) const
{
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return int(i);
  return -1;
}

void Table::add_row(Row row)
{
  row.resize(columns.size());
  rows.push_back(std::move(row));
  total.push_back(false);
}

std::optional<Percent> percent_of(Money numerator, Money denominator)
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
  return Percent{static_cast<Hundredths>(negative ? -q : q)};
}

void add_total(Table& t, std::size_t first, const std::vector<std::pair<int, Cell>>& keep)
{
  Row total(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Column& col = t.columns[c];
    if (col.type == CellType::money) {
      Money sum;
      for (std::size_t r = first; r < t.rows.size(); ++r)
        if (!t.total[r])
          if (auto m = std::get_if<Money>(&t.rows[r][c])) sum += *m;
      total[c] = sum;
    } else if (col.type == CellType::count) {
      std::int64_t sum = 0;
      for (std::size_t r = first; r < t.rows.size(); ++r)
        if (!t.total[r])
          if (auto n = std::get_if<std::int64_t>(&t.rows[r][c])) sum += *n;
      total[c] = sum;
    }
  }
  // Percentages from the summed figures, never a sum of percentages.
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const Column& col = t.columns[c];
    if (col.type != CellType::percent || col.percent_of_numerator < 0) continue;
    auto n = std::get_if<Money>(&total[std::size_t(col.percent_of_numerator)]);
    auto d = std::get_if<Money>(&total[std::size_t(col.percent_of_denominator)]);
    if (n && d)
      if (auto p = percent_of(*n, *d)) total[c] = *p;
  }
  for (const auto& [c, cell] : keep) total[std::size_t(c)] = cell;
  t.rows.push_back(std::move(total));
  t.total.push_back(true);
}

}  // namespace klynge::reports

#include "klynge/reports/table.hpp"

#include "klynge/variance.hpp"

namespace klynge::reports {

int Table::column(const std::string& key) const
{
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].key == key) return int(i);
  return -1;
}

int Table::total_label(std::size_t row) const
{
  if (!total[row]) return -1;
  for (std::size_t c = 0; c < rows[row].size(); ++c)
    if (auto s = std::get_if<std::string>(&rows[row][c]); s && *s == "TOTAL") return int(c);
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
  if (auto p = percent_hundredths(numerator, denominator)) return Percent{*p};
  return std::nullopt;
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

#pragma once
// The meeting pack's page: tables and inline SVG charts drawn here, nothing fetched.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "klynge/reports/pack.hpp"
#include "klynge/reports/workbook.hpp"

namespace klynge::reports {

struct PageInput
{
  const PackSpec& spec;
  std::vector<std::pair<std::string, std::string>> cover;
  const std::vector<Table>& tables;  ///< in pack_reports() order
  const BarChart& funds;
  const Snapshot& snap;
  const ReportSpec& selection;
  const std::vector<IndicatorChart>& indicators;
};

/// Text in the pack's language.
inline std::string say(Lang lang, const char* da, const char* en) { return lang == Lang::da ? da : en; }

/// A cell of a row by its column's key (empty when the table has no such column).
inline const Cell& cell_at(const Table& t, const Row& row, const std::string& key)
{
  static const Cell none;
  int c = t.column(key);
  return c < 0 ? none : row[std::size_t(c)];
}
/// The value of a cell by its column's key, when it holds a T.
template <class T> std::optional<T> value_at(const Table& t, const Row& row, const std::string& key)
{
  if (auto v = std::get_if<T>(&cell_at(t, row, key))) return *v;
  return std::nullopt;
}

/// The whole page.
std::string pack_page(const PageInput& in);

/// One indicator over time: a `circle.measurement` per measurement joined by a line, `line.baseline` and
/// `line.target` where the indicator has them.
std::string indicator_svg(const IndicatorChart& chart, Lang lang);

/// Grouped horizontal bars, one `rect.bar` per category and series.
std::string bar_svg(const BarChart& chart, Lang lang);

}  // namespace klynge::reports

#pragma once
/// @file workbook.hpp
/// @brief Spreadsheet (XLSX) and page (HTML) renderers. Like the text renderers they only format what they are
/// given: report tables, a few label/value lines, and bar charts of money figures.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "klynge/reports/table.hpp"

namespace klynge::reports {

/// Money as kroner in a double: only at the rendering boundary (a spreadsheet's number, a chart's length), never
/// for a figure the engine computes. Exact for every amount below 2^53 øre.
inline double as_kroner(Money m) { return double(m.ore()) / 100.0; }
/// A measured figure as a double, likewise only at the rendering boundary (a spreadsheet's number, a point).
inline double as_number(Decimal d)
{
  double scale = 1;
  for (int i = 0; i < d.decimals(); ++i) scale *= 10;
  return double(d.units()) / scale;
}

/// A bar chart of money figures: one group of bars per category, one bar per series.
struct BarChart
{
  std::string title;
  std::vector<std::string> categories;
  struct Series
  {
    std::string name;
    std::vector<Money> values;  ///< one per category
  };
  std::vector<Series> series;
  /// Said in place of the chart when every value is zero or there is no category (bars of nothing say less).
  std::string nothing_to_show;
  bool empty() const
  {
    for (const auto& s : series)
      for (Money v : s.values)
        if (!v.is_zero()) return false;
    return true;
  }
};

/// One indicator's measurements over time, with its baseline and target as level lines.
struct IndicatorChart
{
  std::string id, title;                        ///< indicator id; title: its name and initiative
  std::string value_name, baseline_name, target_name;  ///< the series' names in the language
  std::string levels_name;                      ///< the caption of the level lines' two points
  std::vector<Date> dates;                      ///< measurement dates, ascending
  std::vector<Decimal> values;                  ///< one per date
  std::optional<Decimal> baseline, target;
};

/// One sheet of a workbook: label/value lines at the top (a cover), then a report table, then charts with the
/// figures they are drawn from.
struct Sheet
{
  std::string name;
  std::vector<std::pair<std::string, std::string>> lines;
  const Table* table = nullptr;
  std::vector<BarChart> charts;
  std::vector<IndicatorChart> indicator_charts;
};

/// An XLSX workbook (bytes). Cells keep their types: money and numbers as numbers, dates as dates, the rest as
/// text in the language's words. `created` (seconds since 1970, UTC) is written as the document's creation time,
/// so that the same input and time give the same bytes.
std::string xlsx_workbook(const std::vector<Sheet>& sheets, Lang lang, std::int64_t created);

/// A report as a one-sheet workbook named after the report.
std::string xlsx_report(const Table& t, Lang lang, std::int64_t created);

/// A report table as an HTML <table>, every figure written as the `table` format writes it in the language.
std::string html_table(const Table& t, Lang lang);
/// Text escaped for HTML.
std::string html_escape(const std::string& text);
/// A whole self-contained page: the title, the page's style, and the body given.
std::string html_page(const std::string& title, Lang lang, const std::string& body);
/// A report as a self-contained page.
std::string html_report(const Table& t, Lang lang);

}  // namespace klynge::reports

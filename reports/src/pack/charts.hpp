#pragma once
// The meeting pack's page: tables and inline SVG charts drawn here, nothing fetched.

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
};

/// The whole page.
std::string pack_page(const PageInput& in);

/// Grouped horizontal bars, one `rect.bar` per category and series.
std::string bar_svg(const BarChart& chart, Lang lang);

}  // namespace klynge::reports

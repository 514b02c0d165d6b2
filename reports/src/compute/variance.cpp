// variance: per estimate line in force, planned against actual to date, and the forecast at completion.
#include <algorithm>

#include "columns.hpp"
#include "common.hpp"

namespace klynge::reports {

Table variance_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative,
               cols::category,
               cols::from,
               cols::to,
               cols::estimated,
               cols::planned_to_date,
               cols::actual_to_date,
               cols::variance_to_date,
               {"variance_pct", "afvigelse_pct", CellType::percent, 7, 5},
               cols::forecast_at_completion,
               cols::variance_at_completion,
               cols::estimated_on};
  // The lines' windows named before they are asked for: the sums may read them at once.
  std::vector<ExpenseWindow> windows;
  for (const auto& s : snap.initiatives())
    if (selected(s, spec))
      for (auto& w : line_windows(snap, s.initiative->id)) windows.push_back(std::move(w));
  snap.will_ask_spent(std::move(windows));
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    for (const auto& v : line_variances(snap, s.initiative->id)) {
      Row row{s.initiative->id, v.category};
      row.push_back(v.line ? Cell{v.line->from} : Cell{});
      row.push_back(v.line ? Cell{v.line->to} : Cell{});
      row.push_back(v.estimated);
      row.push_back(v.planned);
      row.push_back(v.actual);
      row.push_back(v.variance());
      auto pct = percent_of(v.variance(), v.planned);
      row.push_back(pct ? Cell{*pct} : Cell{});
      row.push_back(v.forecast());
      row.push_back(v.estimated - v.forecast());
      row.push_back(v.line ? Cell{v.line->estimated_on} : Cell{});
      t.add_row(std::move(row));
    }
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

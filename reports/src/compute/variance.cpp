// variance: per estimate line in force, planned against actual to date, and the forecast at completion.
#include <algorithm>

#include "common.hpp"

namespace klynge::reports {

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

Table variance_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {{"initiative", "indsats", CellType::text},
               {"category", "kategori", CellType::text},
               {"from", "fra", CellType::date},
               {"to", "til", CellType::date},
               {"estimated", "estimeret", CellType::money},
               {"planned_to_date", "planlagt_til_dato", CellType::money},
               {"actual_to_date", "faktisk_til_dato", CellType::money},
               {"variance_to_date", "afvigelse_til_dato", CellType::money},
               {"variance_pct", "afvigelse_pct", CellType::percent, 7, 5},
               {"forecast_at_completion", "prognose_ved_afslutning", CellType::money},
               {"variance_at_completion", "afvigelse_ved_afslutning", CellType::money},
               {"estimated_on", "estimeret_dato", CellType::date}};
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

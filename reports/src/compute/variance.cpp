// variance: per estimate line in force, planned against actual to date, and the forecast at completion.
#include <map>
#include <set>

#include "common.hpp"

namespace klynge::reports {

std::vector<LineVariance> line_variances(const Snapshot& snap, const std::string& initiative)
{
  const Date d = snap.as_of();
  std::vector<LineVariance> out;
  const auto lines = snap.estimates_of(initiative);
  const auto& expenses = snap.expenses_of(initiative);

  for (const Estimate* line : lines) {
    LineVariance v;
    v.line = line;
    v.category = line->category;
    v.estimated = line->amount;
    v.planned = d < line->from ? Money{} : share_of(*line, line->from, std::min(d, line->to));
    for (const LedgerEntry* e : expenses)
      if (e->category == line->category && !(e->date < line->from) && !(line->to < e->date))
        v.actual += e->amount * Snapshot::sign(*e);
    out.push_back(v);
  }
  // Expenses that no line of their category covers on their date: one row per category.
  std::map<std::string, Money> uncovered;
  for (const LedgerEntry* e : expenses) {
    bool covered = false;
    for (const Estimate* line : lines)
      covered = covered || (line->category == e->category && !(e->date < line->from) && !(line->to < e->date));
    if (!covered) uncovered[e->category] += e->amount * Snapshot::sign(*e);
  }
  for (const auto& [category, actual] : uncovered) {
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

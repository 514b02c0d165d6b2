// reporting: who has not reported — per active initiative with a cadence, its last expense and the closed
// periods since without one (design §14).
#include "columns.hpp"
#include "common.hpp"
#include "klynge/reporting.hpp"

namespace klynge::reports {

Table reporting_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative, cols::name, cols::lead, cols::cadence, cols::last_expense, cols::periods_missing,
               cols::days_since};
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    auto r = reporting_of(snap, s);
    if (!r) continue;
    t.add_row({s.initiative->id, s.initiative->name, opt_text(s.initiative->lead), word(r->cadence), opt(r->last_expense),
               r->periods_missing, r->days_since ? Cell{*r->days_since} : Cell{}});
  }
  return t;
}

}  // namespace klynge::reports

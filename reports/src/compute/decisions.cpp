// decisions: each decision with its meeting, and the money it moved (design §12).
#include <map>

#include "columns.hpp"
#include "common.hpp"

namespace klynge::reports {

Table decisions_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::decision, cols::date, cols::group, cols::item, cols::title, cols::initiative, cols::amount,
               cols::body};
  const Dataset& data = snap.data();
  std::map<std::string, const Group*> groups;
  for (const auto& g : data.groups) groups[g.id] = &g;
  // Per decision and kind, what its entries moved; how each kind counts is the table of entry kinds'.
  const auto moves = snap.sums().decision_moves(snap.as_of());
  for (const auto& x : data.decisions) {
    const Meeting* m = snap.meeting_of(x);
    if (!m || !snap.counts(x)) continue;
    const Group* g = groups.count(m->group) ? groups[m->group] : nullptr;
    std::string body = g ? g->body : std::string();
    if (!spec.body.empty() && body != spec.body) continue;
    if (!spec.initiative.empty() && x.initiative != spec.initiative) continue;
    if (spec.selected_initiatives && !spec.selected_groups.count(m->group) &&
        !(!x.initiative.empty() && in_selection(x.initiative, spec)))
      continue;
    Money moved;
    if (auto it = moves.find(x.id); it != moves.end())
      for (const auto& [kind, amount] : it->second) moved += amount * rule_of(kind).decision_direction;
    t.add_row({x.id, m->date, m->group, opt_text(x.item), x.title, opt_text(x.initiative), moved, body});
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

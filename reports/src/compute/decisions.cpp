// decisions: each decision with its meeting, and the money it moved (design §12), in all and per kind (§14):
// granted, reserved, released, contributed, returned, each signed as it counts in `amount`, so that `amount` is
// the sum of the five.
#include <map>

#include "columns.hpp"
#include "common.hpp"

namespace klynge::reports {

Table decisions_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::decision, cols::date, cols::group, cols::item, cols::title, cols::initiative, cols::amount,
               cols::body,     cols::granted, cols::reserved, cols::released,  cols::contributed, cols::returned};
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
    if (!spec.initiatives.empty() && !spec.chose(x.initiative)) continue;
    if (spec.selected_initiatives && !spec.selected_groups.count(m->group) &&
        !(!x.initiative.empty() && in_selection(x.initiative, spec)))
      continue;
    Money moved;
    Money per_move[5];  // in the order of DecisionMove, after none
    if (auto it = moves.find(x.id); it != moves.end())
      for (const auto& [kind, amount] : it->second) {
        const EntryKindRule& rule = rule_of(kind);
        if (rule.decision_move == DecisionMove::none) continue;
        const Money signed_amount = amount * rule.decision_direction;
        moved += signed_amount;
        per_move[std::size_t(rule.decision_move) - 1] += signed_amount;
      }
    Row row{x.id, m->date, m->group, opt_text(x.item), x.title, opt_text(x.initiative), moved, body};
    for (const Money& v : per_move) row.push_back(v);
    t.add_row(std::move(row));
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

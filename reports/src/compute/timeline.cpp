// timeline: who owns each initiative until when, who takes over, the days in between, and the gap.
#include "columns.hpp"
#include "common.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

Table timeline_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative, cols::name, cols::owner, cols::owner_until, cols::successor,
               cols::successor_from, cols::end, cols::runs_past_owner, cols::days_without_owner,
               cols::estimated_after_owner, cols::gap, cols::from_owner, cols::remaining, cols::owners};
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    Transition tr = transition_of(snap, s);
    Items owners;
    for (const auto& [since, body] : s.owners)
      owners.push_back(since ? Word{body + " from " + since->iso(), body + " fra " + since->danish()} : same(body));
    t.add_row({s.initiative->id, s.initiative->name, tr.owner, opt(tr.owner_until), opt_text(tr.successor),
               opt(tr.successor_from), opt(tr.end), tr.runs_past_owner,
               tr.days_without_owner ? Cell{*tr.days_without_owner} : Cell{}, tr.estimated_after_owner, tr.gap,
               opt_text(tr.from_owner), tr.remaining, owners});
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

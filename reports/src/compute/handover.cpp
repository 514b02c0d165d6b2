// handover: per successor body, every initiative it inherits, with money, open milestones, decisions and gap.
#include <set>

#include "columns.hpp"
#include "common.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

namespace {

/// The decisions behind an initiative: those naming it, and those its ledger entries and changes cite.
Items decisions_behind(const Snapshot& snap, const std::string& initiative)
{
  Items out;
  std::set<std::string> seen;
  auto add = [&](const std::string& id) {
    if (!id.empty() && seen.insert(id).second) out.push_back(same(id));
  };
  const Date d = snap.as_of();
  std::set<std::string> stored;  // a decision retired (kept for the reversed entries that cite it) is not behind it
  for (const auto& x : snap.data().decisions) {
    stored.insert(x.id);
    if (x.initiative == initiative && snap.counts(x)) add(x.id);
  }
  for (const auto& id : snap.sums().decisions_cited(initiative, d))
    if (stored.count(id)) add(id);
  for (const auto& c : snap.data().changes)
    if (c.initiative == initiative && !(d < c.date)) add(c.decision);
  return out;
}

}  // namespace

Table handover_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::successor, cols::initiative, cols::name, cols::from_owner, cols::remaining,
               cols::estimated_after_owner, cols::gap, cols::open_milestones, cols::decisions,
               cols::successor_from, cols::days_without_owner, cols::end};
  // Successors in the order the bodies were recorded; --body names one successor.
  for (const auto& succ : snap.bodies()) {
    const std::string& sid = succ.body->id;
    if (!spec.body.empty() && sid != spec.body) continue;
    std::size_t first = t.rows.size();
    for (const auto& s : snap.initiatives()) {
      if (!spec.chose(s.initiative->id)) continue;
      if (!in_selection(s.initiative->id, spec)) continue;
      Transition tr = transition_of(snap, s);
      if (!tr.runs_past_owner || tr.successor != sid) continue;
      std::int64_t open = 0;
      for (const auto& m : snap.data().milestones)
        if (m.initiative == s.initiative->id && !done_by(m, snap.as_of())) ++open;
      t.add_row({sid, s.initiative->id, s.initiative->name, tr.from_owner, tr.remaining, tr.estimated_after_owner,
                 tr.gap, open, decisions_behind(snap, s.initiative->id), opt(tr.successor_from),
                 tr.days_without_owner ? Cell{*tr.days_without_owner} : Cell{}, opt(tr.end)});
    }
    if (t.rows.size() > first) add_total(t, first, {{0, sid}, {1, std::string("TOTAL")}});
  }
  return t;
}

}  // namespace klynge::reports

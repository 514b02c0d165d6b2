// The RAG rules (docs/rag.md): each rule that fires adds a typed reason and raises the colour.
#include "klynge/rag.hpp"

#include <algorithm>

#include "klynge/reporting.hpp"
#include "klynge/rules.hpp"
#include "klynge/transition.hpp"
#include "klynge/variance.hpp"

namespace klynge {

MilestoneSummary summarise(const std::vector<const Milestone*>& milestones, Date d)
{
  MilestoneSummary s;
  for (const Milestone* m : milestones) {
    if (done_by(*m, d)) continue;
    if (!s.next || m->due < s.next->due) s.next = m;
    if (overdue_on(*m, d)) {
      ++s.overdue;
      s.worst_overdue_days = std::max(s.worst_overdue_days, d.days_since(m->due));
    }
  }
  return s;
}

RagAssessment assess(const Snapshot& snap, const InitiativeState& s, const MilestoneSummary& milestones)
{
  using K = RagReason::Kind;
  const Date d = snap.as_of();
  const RagRules& rules = snap.rules();
  RagAssessment out;
  auto fire = [&](RagColour c, RagReason r) {
    r.colour = c;
    out.colour = std::max(out.colour, c);
    out.reasons.push_back(std::move(r));
  };
  const std::string& id = s.initiative->id;
  const Money remaining = snap.money(id).remaining();
  if (remaining.is_negative()) {
    RagReason r(K::overspent);
    r.amount = remaining;
    fire(RagColour::red, r);
  }
  for (const auto& v : line_variances(snap, id)) {
    auto pct = percent_hundredths(v.variance(), v.planned);
    if (!pct) continue;
    RagReason r(K::line_over_plan);
    r.category = v.category;
    r.percent = -*pct;
    if (*pct < -rules.red_overspend_pct) fire(RagColour::red, r);
    else if (*pct < -rules.amber_overspend_pct) fire(RagColour::amber, r);
  }
  if (milestones.overdue > 0) {
    RagReason r(K::milestones_overdue);
    r.count = milestones.overdue;
    r.days = milestones.worst_overdue_days;
    if (r.days >= rules.red_overdue_days) fire(RagColour::red, r);
    else if (r.days >= rules.amber_overdue_days) fire(RagColour::amber, r);
  }
  if (still_running(s.status) && s.end && *s.end < d) {
    RagReason r(K::past_end);
    r.status = s.status;
    r.date = *s.end;
    fire(RagColour::amber, r);
  }
  const Transition tr = transition_of(snap, s);
  if (tr.runs_past_owner && tr.owner_until) {
    if (tr.successor.empty()) {
      RagReason r(K::no_successor);
      r.date = *tr.owner_until;
      // Past the owner's end it is red; before it, a risk still to be settled: amber.
      fire(*tr.owner_until < d ? RagColour::red : RagColour::amber, r);
    } else if (tr.days_without_owner && *tr.days_without_owner > 0) {
      RagReason r(K::days_without_owner);
      r.days = *tr.days_without_owner;
      r.successor = tr.successor;
      fire(RagColour::amber, r);
    }
  }
  // Each threshold on its own, as for milestones: red fires at its count even where amber is set above it.
  if (auto rep = reporting_of(snap, s); rep && (rep->periods_missing >= rules.amber_unreported_periods ||
                                               rep->periods_missing >= rules.red_unreported_periods)) {
    RagReason r(K::unreported_periods);
    r.count = rep->periods_missing;
    r.cadence = rep->cadence;
    fire(rep->periods_missing >= rules.red_unreported_periods ? RagColour::red : RagColour::amber, r);
  }
  return out;
}

}  // namespace klynge

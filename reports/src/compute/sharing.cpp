// sharing: what each paying body of a cost-sharing key would pay toward the initiatives that run past their
// owner — of their estimated costs and of their gap — split by largest remainder so that the øre add up (§14).
#include <algorithm>

#include "columns.hpp"
#include "common.hpp"
#include "klynge/error.hpp"
#include "klynge/sharing.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

namespace {

/// The estimated costs in the window and the part of them the initiative's own money does not cover: what is
/// left after the plan's costs from the day after the date to the window's start.
std::pair<Money, Money> in_window(const Snapshot& snap, const InitiativeState& s, Date from, Date to)
{
  const auto lines = snap.estimates_of(s.initiative->id);
  const Money estimated = estimated_in(lines, from, to);
  const Date d = snap.as_of();
  const Money before = d.plus_days(1) < from ? estimated_in(lines, d.plus_days(1), from.plus_days(-1)) : Money{};
  const Money left = max(Money{}, snap.money(s.initiative->id).remaining() - before);
  return {estimated, max(Money{}, estimated - left)};
}

}  // namespace

Table sharing_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.key = spec.key;
  t.columns = {cols::initiative, cols::body, cols::share_pct, cols::estimated, cols::gap, cols::pays_estimated,
               cols::pays_gap};
  // The key's shares by body id: the order ties go by.
  std::vector<const KeyShare*> shares;
  for (const auto& k : snap.data().keys)
    if (k.key == spec.key) shares.push_back(&k);
  std::sort(shares.begin(), shares.end(), [](const KeyShare* a, const KeyShare* b) { return a->body < b->body; });
  std::vector<Decimal> weights;
  for (const KeyShare* k : shares) weights.push_back(k->share);
  if (weights.empty()) return t;
  // Books from before a write refused such a key may hold one: say which key.
  try {
    check_weights(weights);
  } catch (const ValueError& e) {
    throw ValueError("key '" + spec.key + "': " + e.what());
  }
  const auto pct = share_percentages(weights);
  // Chosen initiatives (--initiative, --group) are shared whatever their transition; else those running past
  // their owner.
  const bool chosen = !spec.initiatives.empty() || spec.selected_initiatives.has_value();
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    const Transition tr = transition_of(snap, s);
    if (!chosen && !tr.runs_past_owner) continue;
    auto [estimated, gap] = spec.from && spec.to ? in_window(snap, s, *spec.from, *spec.to)
                                                 : std::pair{tr.estimated_after_owner, tr.gap};
    const auto pays_estimated = split_by_largest_remainder(estimated, weights);
    const auto pays_gap = split_by_largest_remainder(gap, weights);
    for (std::size_t i = 0; i < shares.size(); ++i)
      t.add_row({s.initiative->id, shares[i]->body, Percent{pct[i]}, estimated, gap, pays_estimated[i], pays_gap[i]});
  }
  return t;
}

}  // namespace klynge::reports

#include "klynge/transition.hpp"

#include <algorithm>

#include "klynge/rules.hpp"

namespace klynge {

namespace {

/// The part of [from, to] in which the body is active (empty when the second date is before the first).
std::pair<Date, Date> active_period(const BodyState& b, Date from, Date to)
{
  Date a = from, z = to;
  if (b.body->active_from && a < *b.body->active_from) a = *b.body->active_from;
  if (b.active_to && *b.active_to < z) z = *b.active_to;
  return {a, z};
}

}  // namespace

Transition transition_of(const Snapshot& snap, const InitiativeState& init)
{
  Transition t;
  t.owner = init.owner;
  t.end = init.end;
  t.remaining = snap.money(init.initiative->id).remaining();

  // P: the latest owner (as of the date) that names a successor; else the owner as of the date.
  const BodyState* p = nullptr;
  for (auto it = init.owners.rbegin(); it != init.owners.rend() && !p; ++it) {
    const BodyState* b = snap.body(it->second);
    if (b && !b->successor.empty()) p = b;
  }
  if (!p) p = snap.body(init.owner);
  if (!p) return t;
  t.from_owner = p->body->id;
  t.owner_until = p->active_to;
  t.successor = p->successor;
  t.successor_from = p->successor_from;

  if (!p->active_to) {
    t.days_without_owner = 0;
    return t;
  }
  const Date owner_end = *p->active_to;
  t.runs_past_owner = (!init.end || owner_end < *init.end) && still_running(init.status);
  if (!t.runs_past_owner) {
    t.days_without_owner = 0;
    return t;
  }

  // Days without owner: from the day after P's end to the day before the take-over (or the end).
  const Date first = owner_end.plus_days(1);
  std::optional<Date> last;
  if (t.successor_from && init.end) last = std::min(t.successor_from->plus_days(-1), *init.end);
  else if (t.successor_from) last = t.successor_from->plus_days(-1);
  else if (init.end) last = *init.end;
  if (last) {
    std::int64_t days = 0;
    const BodyState* interim = init.owner != p->body->id ? snap.body(init.owner) : nullptr;
    auto without = [&](Date a, Date z) {
      if (z < a) return;
      t.without_owner.emplace_back(a, z);
      days += days_inclusive(a, z);
    };
    if (interim) {
      // The interim owner's active days within [first, last]; the days either side have no owner.
      auto [a, z] = active_period(*interim, first, *last);
      if (z < a) {
        without(first, *last);
      } else {
        without(first, a.plus_days(-1));
        without(z.plus_days(1), *last);
      }
    } else {
      without(first, *last);
    }
    t.days_without_owner = days;
  }

  // Costs after the owner's end, and what the initiative's own money leaves uncovered.
  const auto lines = snap.estimates_of(init.initiative->id);
  // Without an end of its own, the initiative runs to its last estimate line (at least to the owner's end).
  const Date until = init.end ? *init.end : std::max(owner_end, effective_end(init.end, lines).value_or(owner_end));
  t.estimated_after_owner = estimated_in(lines, first, until);

  const Date d = snap.as_of();
  Money before_end = d < owner_end ? estimated_in(lines, d.plus_days(1), owner_end) : Money{};
  Money left = max(Money{}, t.remaining - before_end);
  Money after = estimated_in(lines, std::max(d, owner_end).plus_days(1), until);
  t.gap = max(Money{}, after - left);
  return t;
}

}  // namespace klynge

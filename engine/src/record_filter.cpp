// What `list` shows as of a date and for a group, a body or initiatives (design §14).
#include "klynge/record_filter.hpp"

#include <algorithm>
#include <set>

#include "klynge/snapshot.hpp"

namespace klynge {

std::set<std::string> group_and_below(const Dataset& data, const std::string& group)
{
  std::set<std::string> out{group};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& g : data.groups)
      if (!g.parent.empty() && out.count(g.parent) && out.insert(g.id).second) grew = true;
  }
  return out;
}

Dataset records_as_of(const Dataset& data, Date d)
{
  const Snapshot snap(data, d);
  Dataset out = data;
  for (auto& b : out.bodies)
    if (const BodyState* s = snap.body(b.id)) {
      b.active_to = s->active_to;
      b.successor = s->successor;
      b.successor_from = s->successor_from;
    }
  for (auto& i : out.initiatives)
    if (const InitiativeState* s = snap.initiative(i.id)) {
      i.status = s->status;
      i.end = s->end;
      i.body = s->owner;
      i.group = s->group;
    }
  std::set<std::string> held;
  out.meetings = kept(data.meetings, [&](const Meeting& m) { return !(d < m.date) && held.insert(m.id).second; });
  out.decisions = kept(data.decisions, [&](const Decision& x) { return held.count(x.meeting) > 0; });
  out.changes = kept(data.changes, [&](const Change& c) { return !(d < c.date); });
  out.ledger = kept(data.ledger, [&](const LedgerEntry& e) { return !(d < e.date); });
  out.estimates = kept(data.estimates, [&](const Estimate& e) { return !(d < e.estimated_on); });
  out.measurements = kept(data.measurements, [&](const Measurement& m) { return !(d < m.date); });
  for (auto& m : out.milestones)
    if (m.done && d < *m.done) m.done.reset();
  return out;
}

Dataset filter_records(const Dataset& data, Date d, const RecordFilter& f)
{
  if (!f.any()) return data;
  const Snapshot snap(data, d);
  std::set<std::string> groups_below;
  if (!f.group.empty()) groups_below = group_and_below(data, f.group);
  std::set<std::string> chosen, owners, groups;
  for (const auto& s : snap.initiatives()) {
    const std::string& id = s.initiative->id;
    if (!f.group.empty() && !groups_below.count(s.group)) continue;
    if (!f.body.empty() && s.owner != f.body) continue;
    if (!f.initiatives.empty() && std::find(f.initiatives.begin(), f.initiatives.end(), id) == f.initiatives.end())
      continue;
    chosen.insert(id);
    owners.insert(s.owner);
    if (!s.group.empty()) groups.insert(s.group);
  }
  if (!f.body.empty()) owners = {f.body};
  if (!f.group.empty()) groups = groups_below;
  else if (!f.body.empty())
    for (const auto& g : data.groups)
      if (g.body == f.body) groups.insert(g.id);
  const auto of_chosen = [&](const std::string& initiative) { return chosen.count(initiative) > 0; };

  Dataset out;
  out.bodies = kept(data.bodies, [&](const Body& b) { return owners.count(b.id) > 0; });
  out.groups = kept(data.groups, [&](const Group& g) { return groups.count(g.id) > 0; });
  out.initiatives = kept(data.initiatives, [&](const Initiative& i) { return of_chosen(i.id); });
  // The meetings of the groups, the decisions of those meetings or naming a chosen initiative, and the meetings
  // those decisions were made at.
  std::set<std::string> meetings;
  for (const auto& m : data.meetings)
    if (groups.count(m.group)) meetings.insert(m.id);
  out.decisions = kept(data.decisions, [&](const Decision& x) { return meetings.count(x.meeting) || of_chosen(x.initiative); });
  for (const auto& x : out.decisions) meetings.insert(x.meeting);
  out.meetings = kept(data.meetings, [&](const Meeting& m) { return meetings.count(m.id) > 0; });
  // A body's own records (its dated changes, its pool's entries) belong to --body alone: a group or an
  // initiative has none.
  const bool body_only = !f.body.empty() && f.group.empty() && f.initiatives.empty();
  out.changes = kept(data.changes, [&](const Change& c) {
    return c.initiative.empty() ? body_only && c.body == f.body : of_chosen(c.initiative);
  });
  out.ledger = kept(data.ledger, [&](const LedgerEntry& e) {
    return of_chosen(e.initiative) || (body_only && (e.body == f.body || e.counterparty == f.body));
  });
  out.estimates = kept(data.estimates, [&](const Estimate& e) { return of_chosen(e.initiative); });
  out.milestones = kept(data.milestones, [&](const Milestone& m) { return of_chosen(m.initiative); });
  out.indicators = kept(data.indicators, [&](const Indicator& i) { return of_chosen(i.initiative); });
  out.measurements = kept(data.measurements, [&](const Measurement& m) { return of_chosen(m.initiative); });
  // A key is the paying bodies' (a municipality's share): --body keeps the keys it pays by.
  out.keys = kept(data.keys, [&](const KeyShare& k) { return body_only && k.body == f.body; });
  out.settings = data.settings;
  return out;
}

}  // namespace klynge

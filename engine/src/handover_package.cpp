// The hand-over package: the inherited initiatives and everything they refer to (design §14).
#include "klynge/handover_package.hpp"

#include <map>
#include <set>

#include "klynge/record_filter.hpp"
#include "klynge/snapshot.hpp"
#include "klynge/transition.hpp"

namespace klynge {

namespace {

/// The ids a package holds, per kind; `grew` says whether the last add was new.
struct Closure
{
  std::set<std::string> bodies, groups, initiatives, meetings, decisions;
  bool grew = false;
  void add(std::set<std::string>& to, const std::string& id)
  {
    if (!id.empty() && to.insert(id).second) grew = true;
  }
};

}  // namespace

Dataset handover_package(const Dataset& data, Date as_of, const std::string& successor)
{
  // The inherited initiatives: those the hand-over report lists for the successor as of the date.
  std::set<std::string> inherited;
  {
    Snapshot snap(data, as_of);
    for (const auto& s : snap.initiatives()) {
      const Transition t = transition_of(snap, s);
      if (t.runs_past_owner && t.successor == successor) inherited.insert(s.initiative->id);
    }
  }
  Closure c;
  c.add(c.bodies, successor);
  for (const auto& id : inherited) c.add(c.initiatives, id);
  for (const auto& e : data.ledger)
    if (inherited.count(e.initiative)) {
      c.add(c.bodies, e.body);
      c.add(c.bodies, e.counterparty);
      c.add(c.decisions, e.decision);
    }
  for (const auto& x : data.decisions)
    if (inherited.count(x.initiative)) c.add(c.decisions, x.id);
  // The cost-sharing keys travel whole, with the bodies that pay by them: they say how the gap of what is handed
  // over is to be financed.
  for (const auto& k : data.keys) c.add(c.bodies, k.body);

  std::map<std::string, const Body*> bodies;
  std::map<std::string, const Group*> groups;
  std::map<std::string, const Initiative*> initiatives;
  std::map<std::string, const Decision*> decisions;
  for (const auto& b : data.bodies) bodies[b.id] = &b;
  for (const auto& g : data.groups) groups[g.id] = &g;
  for (const auto& i : data.initiatives) initiatives[i.id] = &i;
  for (const auto& x : data.decisions) decisions[x.id] = &x;
  std::map<std::string, const Meeting*> meetings;
  for (const auto& m : data.meetings) meetings[m.id] = &m;

  // What the records in the package name, until nothing new is named.
  do {
    c.grew = false;
    for (const auto& id : std::set<std::string>(c.initiatives))
      if (auto it = initiatives.find(id); it != initiatives.end()) {
        c.add(c.bodies, it->second->body);
        c.add(c.groups, it->second->group);
      }
    for (const auto& ch : data.changes) {
      const bool of_initiative = !ch.initiative.empty() && c.initiatives.count(ch.initiative);
      const bool of_body = !ch.body.empty() && c.bodies.count(ch.body);
      if (!of_initiative && !of_body) continue;
      c.add(c.decisions, ch.decision);
      if (ch.field == ChangeField::owner || ch.field == ChangeField::successor) c.add(c.bodies, ch.value);
      if (ch.field == ChangeField::group) c.add(c.groups, ch.value);
    }
    for (const auto& id : std::set<std::string>(c.decisions))
      if (auto it = decisions.find(id); it != decisions.end()) {
        c.add(c.meetings, it->second->meeting);
        c.add(c.initiatives, it->second->initiative);
      }
    for (const auto& id : std::set<std::string>(c.meetings))
      if (auto it = meetings.find(id); it != meetings.end()) c.add(c.groups, it->second->group);
    for (const auto& id : std::set<std::string>(c.groups))
      if (auto it = groups.find(id); it != groups.end()) {
        c.add(c.bodies, it->second->body);
        c.add(c.groups, it->second->parent);
      }
    for (const auto& id : std::set<std::string>(c.bodies))
      if (auto it = bodies.find(id); it != bodies.end()) c.add(c.bodies, it->second->successor);
  } while (c.grew);

  Dataset out;
  out.bodies = kept(data.bodies, [&](const Body& b) { return c.bodies.count(b.id) > 0; });
  out.groups = kept(data.groups, [&](const Group& g) { return c.groups.count(g.id) > 0; });
  out.initiatives = kept(data.initiatives, [&](const Initiative& i) { return c.initiatives.count(i.id) > 0; });
  out.meetings = kept(data.meetings, [&](const Meeting& m) { return c.meetings.count(m.id) > 0; });
  out.decisions = kept(data.decisions, [&](const Decision& x) { return c.decisions.count(x.id) > 0; });
  out.changes = kept(data.changes, [&](const Change& ch) {
    return ch.initiative.empty() ? c.bodies.count(ch.body) > 0 : c.initiatives.count(ch.initiative) > 0;
  });
  out.ledger = kept(data.ledger, [&](const LedgerEntry& e) { return inherited.count(e.initiative) > 0; });
  out.estimates = kept(data.estimates, [&](const Estimate& e) { return inherited.count(e.initiative) > 0; });
  out.milestones = kept(data.milestones, [&](const Milestone& m) { return inherited.count(m.initiative) > 0; });
  out.indicators = kept(data.indicators, [&](const Indicator& i) { return inherited.count(i.initiative) > 0; });
  out.measurements = kept(data.measurements, [&](const Measurement& m) { return inherited.count(m.initiative) > 0; });
  out.keys = data.keys;
  out.settings = data.settings;
  return out;
}

}  // namespace klynge

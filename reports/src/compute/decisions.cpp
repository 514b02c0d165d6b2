// decisions: each decision with its meeting, and the money it moved (design §12).
#include <map>

#include "common.hpp"

namespace klynge::reports {

Table decisions_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {{"decision", "beslutning", CellType::text}, {"date", "dato", CellType::date},
               {"group", "styregruppe", CellType::text},   {"item", "punkt", CellType::text},
               {"title", "titel", CellType::text},         {"initiative", "indsats", CellType::text},
               {"amount", "beløb", CellType::money},        {"body", "organisation", CellType::text}};
  const Dataset& data = snap.data();
  std::map<std::string, const Meeting*> meetings;
  for (const auto& m : data.meetings) meetings[m.id] = &m;
  std::map<std::string, const Group*> groups;
  for (const auto& g : data.groups) groups[g.id] = &g;

  // Money moved per decision: grants, reservations and contributions add; returns and releases subtract;
  // a reversal subtracts from the decision its original cites.
  std::map<std::string, const LedgerEntry*> by_id;
  for (const LedgerEntry* e : snap.ledger()) by_id[e->id] = e;
  std::map<std::string, Money> moved;
  for (const LedgerEntry* e : snap.ledger()) {
    const LedgerEntry* basis = e;
    if (!e->reverses.empty()) {
      auto it = by_id.find(e->reverses);
      if (it != by_id.end()) basis = it->second;
    }
    if (basis->decision.empty()) continue;
    int direction = 0;
    switch (e->kind) {
    case EntryKind::grant:
    case EntryKind::reserve:
    case EntryKind::contribution: direction = 1; break;
    case EntryKind::return_:
    case EntryKind::unreserve: direction = -1; break;
    default: break;
    }
    moved[basis->decision] += e->amount * (direction * entry_sign(*e));
  }

  for (const auto& x : data.decisions) {
    auto m = meetings.find(x.meeting);
    if (m == meetings.end() || snap.as_of() < m->second->date) continue;
    const Group* g = groups.count(m->second->group) ? groups[m->second->group] : nullptr;
    std::string body = g ? g->body : std::string();
    if (!spec.body.empty() && body != spec.body) continue;
    if (!spec.initiative.empty() && x.initiative != spec.initiative) continue;
    if (spec.selected_initiatives && !spec.selected_groups.count(m->second->group) &&
        !(!x.initiative.empty() && in_selection(x.initiative, spec)))
      continue;
    t.add_row({x.id, m->second->date, m->second->group, opt_text(x.item), x.title, opt_text(x.initiative),
               moved[x.id], body});
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

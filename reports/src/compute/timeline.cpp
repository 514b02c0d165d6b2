// timeline: who owns each initiative until when, who takes over, the days in between, and the gap.
#include "common.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

Table timeline_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {{"initiative", "indsats", CellType::text},
               {"name", "navn", CellType::text},
               {"owner", "ejer", CellType::text},
               {"owner_until", "ejer_til", CellType::date},
               {"successor", "efterfølger", CellType::text},
               {"successor_from", "efterfølger_fra", CellType::date},
               {"end", "slut", CellType::date},
               {"runs_past_owner", "løber_efter_ejer", CellType::flag},
               {"days_without_owner", "dage_uden_ejer", CellType::integer},
               {"estimated_after_owner", "estimeret_efter_ejer", CellType::money},
               {"gap", "mangler", CellType::money},
               {"from_owner", "fra_ejer", CellType::text},
               {"remaining", "resterende", CellType::money},
               {"owners", "ejere", CellType::list}};
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

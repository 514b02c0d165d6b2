#include "klynge/check.hpp"

#include <map>

#include "klynge/snapshot.hpp"
#include "klynge/transition.hpp"

namespace klynge {

namespace {
Diagnostic error(std::string m) { return {Location{}, Severity::error, std::move(m)}; }
Diagnostic warning(std::string m) { return {Location{}, Severity::warning, std::move(m)}; }
}  // namespace

std::vector<Diagnostic> check_records(const Dataset& data, Date today)
{
  std::vector<Diagnostic> out;

  // Reversals: each names an entry of the same kind and amount, reversed once.
  std::map<std::string, const LedgerEntry*> by_id;
  for (const auto& e : data.ledger) by_id[e.id] = &e;
  std::map<std::string, int> times;
  for (const auto& e : data.ledger) {
    if (e.reverses.empty()) continue;
    auto it = by_id.find(e.reverses);
    if (it == by_id.end()) out.push_back(error("ledger entry '" + e.id + "' reverses a missing entry '" + e.reverses + "'"));
    else if (it->second->kind != e.kind || it->second->amount != e.amount)
      out.push_back(error("ledger entry '" + e.id + "' does not match the entry it reverses ('" + e.reverses + "')"));
    if (++times[e.reverses] > 1) out.push_back(error("ledger entry '" + e.reverses + "' is reversed more than once"));
  }

  Snapshot snap(data, today);
  for (const auto& b : snap.bodies()) {
    PoolFigures p = snap.pool(b.body->id);
    if (p.free().is_negative())
      out.push_back(warning("body '" + b.body->id + "' is over-committed: free " +
                            format_money(p.free(), MoneyStyle::danish) + " as of " + today.iso()));
  }
  for (const auto& s : snap.initiatives()) {
    const std::string& id = s.initiative->id;
    Money remaining = snap.money(id).remaining();
    if (remaining.is_negative())
      out.push_back(warning("initiative '" + id + "' has spent more than its budget: remaining " +
                            format_money(remaining, MoneyStyle::danish)));
    Transition t = transition_of(snap, s);
    if (t.runs_past_owner && t.successor.empty() && t.owner_until)
      out.push_back(warning("initiative '" + id + "' runs past the end of its owner '" + t.from_owner + "' (" +
                            t.owner_until->iso() + ") and no successor is named"));
  }
  for (const auto& m : data.milestones)
    if (m.due < today && !(m.done && !(today < *m.done)))
      out.push_back(warning("milestone '" + m.name + "' of '" + m.initiative + "' was due " + m.due.iso() +
                            " and is not done"));
  // Overlapping lines of one initiative and category count the same expenses twice.
  const auto& lines = snap.estimates();
  for (std::size_t i = 0; i < lines.size(); ++i)
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const Estimate& a = *lines[i];
      const Estimate& b = *lines[j];
      if (a.initiative == b.initiative && a.category == b.category && !(a.to < b.from) && !(b.to < a.from))
        out.push_back(warning("estimate lines of '" + a.initiative + "' for '" + a.category + "' overlap (" +
                              a.from.iso() + ".." + a.to.iso() + " and " + b.from.iso() + ".." + b.to.iso() + ")"));
    }
  return out;
}

}  // namespace klynge

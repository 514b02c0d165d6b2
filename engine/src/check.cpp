#include "klynge/check.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include "klynge/rules.hpp"
#include "klynge/snapshot.hpp"
#include "klynge/store.hpp"
#include "klynge/transition.hpp"

namespace klynge {

namespace {
Diagnostic warning(std::string m) { return {Location{}, Severity::warning, std::move(m)}; }
}  // namespace

std::vector<Diagnostic> check_records(const Dataset& data, Date today, const LedgerSums& sums)
{
  std::vector<Diagnostic> out;
  Snapshot snap(data, today, sums);
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
    if (overdue_on(m, today))
      out.push_back(warning("milestone '" + m.name + "' of '" + m.initiative + "' was due " + m.due.iso() +
                            " and is not done"));
  // Overlapping lines of one initiative and category count the same expenses twice. Only lines of one
  // initiative and category are compared (all pairs of a national data set's lines took seconds); the pairs are
  // reported in the order of the lines.
  const auto& lines = snap.estimates();
  std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> same;
  for (std::size_t i = 0; i < lines.size(); ++i) same[{lines[i]->initiative, lines[i]->category}].push_back(i);
  std::vector<std::pair<std::size_t, std::size_t>> overlaps;
  for (const auto& [key, group] : same)
    for (std::size_t x = 0; x < group.size(); ++x)
      for (std::size_t y = x + 1; y < group.size(); ++y) {
        const Estimate& a = *lines[group[x]];
        const Estimate& b = *lines[group[y]];
        if (!(a.to < b.from) && !(b.to < a.from)) overlaps.emplace_back(group[x], group[y]);
      }
  std::sort(overlaps.begin(), overlaps.end());
  for (const auto& [i, j] : overlaps) {
    const Estimate& a = *lines[i];
    const Estimate& b = *lines[j];
    out.push_back(warning("estimate lines of '" + a.initiative + "' for '" + a.category + "' overlap (" +
                          a.from.iso() + ".." + a.to.iso() + " and " + b.from.iso() + ".." + b.to.iso() + ")"));
  }
  return out;
}

std::vector<Diagnostic> check_store(const Store& store, Date today)
{
  std::vector<Diagnostic> problems;
  store.read_consistently([&]() {
    problems.clear();
    auto error = [&](const std::string& p) { problems.push_back({Location{}, Severity::error, p}); };
    for (auto& p : store.integrity_problems()) error(p);
    for (auto& p : store.reversal_problems()) error(p);
    const auto totals = store.totals_problems();
    for (auto& p : totals) error(p);
    // A national ledger is not read into memory while its running totals can be trusted.
    if (totals.empty()) {
      Dataset data = store.load(Store::Ledger::none);
      for (auto& p : check_records(data, today, *store.sums())) problems.push_back(p);
    } else {
      Dataset data = store.load(Store::Ledger::figures);
      for (auto& p : check_records(data, today, EntrySums(data.ledger))) problems.push_back(p);
    }
  });
  return problems;
}

}  // namespace klynge

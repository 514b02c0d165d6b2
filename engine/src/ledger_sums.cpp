#include "klynge/ledger_sums.hpp"

#include <set>
#include <string_view>
#include <tuple>

namespace klynge {

std::optional<Date> LedgerSums::last_entry_day(const std::string& initiative, EntryKind kind, Date d) const
{
  const auto days = entry_days(initiative, kind, d);
  if (days.empty()) return std::nullopt;
  return days.back();
}

EntrySums::EntrySums(const std::vector<LedgerEntry>& entries) : entries_(entries)
{
  for (const auto& e : entries_)
    if (e.kind == EntryKind::expense) expenses_[e.initiative].push_back(&e);
}

std::vector<Flow> EntrySums::balances(Date d) const
{
  // One flow per key, in the order keys first appear: the figures do not depend on it. The index holds views
  // into the entries, so a key's text is copied once, when it first appears.
  std::map<std::tuple<std::string_view, std::string_view, std::string_view, EntryKind, std::string_view>, std::size_t>
      index;
  std::vector<Flow> out;
  for (const auto& e : entries_) {
    if (d < e.date) continue;
    auto [it, added] = index.emplace(std::make_tuple(std::string_view(e.body), std::string_view(e.initiative),
                                                     std::string_view(e.counterparty), e.kind,
                                                     std::string_view(e.category)),
                                     out.size());
    if (added) out.push_back({{e.body, e.initiative, e.counterparty, e.kind, e.category}, Money{}});
    out[it->second].amount += e.amount * entry_sign(e);
  }
  return out;
}

Money EntrySums::expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                          Date to) const
{
  Money sum;
  auto it = expenses_.find(initiative);
  if (it == expenses_.end()) return sum;
  for (const LedgerEntry* e : it->second)
    if ((!category || e->category == *category) && !(e->date < from) && !(to < e->date))
      sum += e->amount * entry_sign(*e);
  return sum;
}

std::vector<std::string> EntrySums::expense_categories(const std::string& initiative) const
{
  std::set<std::string> out;
  auto it = expenses_.find(initiative);
  if (it != expenses_.end())
    for (const LedgerEntry* e : it->second) out.insert(e->category);
  return {out.begin(), out.end()};
}

std::optional<Date> EntrySums::first_date() const
{
  std::optional<Date> first;
  for (const auto& e : entries_)
    if (!first || e.date < *first) first = e.date;
  return first;
}

std::vector<Date> EntrySums::entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const
{
  std::map<Date, std::pair<Money, bool>> days;  // day -> signed sum, whether it has entries
  for (const auto& e : entries_)
    if (e.initiative == initiative && !(d < e.date) && (!kind || e.kind == *kind)) {
      auto& day = days[e.date];
      day.first += e.amount * entry_sign(e);
      day.second = true;
    }
  std::vector<Date> out;
  for (const auto& [day, v] : days)
    if (!kind || (!v.first.is_zero() && !v.first.is_negative())) out.push_back(day);
  return out;
}

std::map<std::string, std::map<EntryKind, Money>> EntrySums::decision_moves(Date d) const
{
  std::map<std::string_view, const LedgerEntry*> by_id;
  for (const auto& e : entries_)
    if (!(d < e.date)) by_id[e.id] = &e;
  std::map<std::string, std::map<EntryKind, Money>> out;
  for (const auto& e : entries_) {
    if (d < e.date) continue;
    const LedgerEntry* basis = &e;
    if (!e.reverses.empty())
      if (auto it = by_id.find(e.reverses); it != by_id.end()) basis = it->second;
    if (!basis->decision.empty()) out[basis->decision][e.kind] += e.amount * entry_sign(e);
  }
  return out;
}

std::vector<std::string> EntrySums::decisions_cited(const std::string& initiative, Date d) const
{
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (const auto& e : entries_)
    if (e.initiative == initiative && !(d < e.date) && !e.decision.empty() && seen.insert(e.decision).second)
      out.push_back(e.decision);
  return out;
}

}  // namespace klynge

#include "klynge/snapshot.hpp"

#include "klynge/rules.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace klynge {

bool BodyState::active_on(Date d) const
{
  if (body->active_from && d < *body->active_from) return false;
  if (active_to && *active_to < d) return false;
  return true;
}

namespace {

/// Changes dated on or before `as_of`, by date; ties keep file order.
std::vector<const Change*> changes_until(const Dataset& data, Date as_of)
{
  std::vector<const Change*> out;
  for (const auto& c : data.changes)
    if (!(as_of < c.date)) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const Change* a, const Change* b) { return a->date < b->date; });
  return out;
}

/// The body or initiative a figure belongs to.
const std::string& party(Party p, const FlowKey& k)
{
  switch (p) {
  case Party::body: return k.body;
  case Party::initiative: return k.initiative;
  case Party::counterparty: return k.counterparty;
  }
  return k.body;
}

}  // namespace

Snapshot::Snapshot(const Dataset& data, Date as_of)
    : own_sums_(std::make_unique<EntrySums>(data.ledger)), sums_(own_sums_.get()), data_(data), as_of_(as_of),
      rules_(rag_rules(data.settings))
{
  build();
}

Snapshot::Snapshot(const Dataset& data, Date as_of, const LedgerSums& sums)
    : sums_(&sums), data_(data), as_of_(as_of), rules_(rag_rules(data.settings))
{
  build();
}

void Snapshot::build()
{
  const Dataset& data = data_;
  const Date as_of = as_of_;
  for (const auto& m : data.meetings) meetings_[m.id] = &m;
  for (const auto& b : data.bodies) {
    body_index_[b.id] = bodies_.size();
    bodies_.push_back({&b, b.active_to, b.successor, b.successor_from});
  }
  for (const auto& i : data.initiatives) {
    initiative_index_[i.id] = initiatives_.size();
    InitiativeState s{&i, i.status, i.end, i.body, i.group, {}};
    s.owners.emplace_back(i.start, i.body);
    initiatives_.push_back(std::move(s));
  }
  for (const Change* c : changes_until(data, as_of)) {
    if (!c->body.empty()) {
      auto it = body_index_.find(c->body);
      if (it == body_index_.end()) continue;
      BodyState& b = bodies_[it->second];
      switch (c->field) {
      case ChangeField::active_to: b.active_to = parse_date(c->value); break;
      case ChangeField::successor: b.successor = c->value; break;
      case ChangeField::successor_from: b.successor_from = parse_date(c->value); break;
      default: break;
      }
      continue;
    }
    auto it = initiative_index_.find(c->initiative);
    if (it == initiative_index_.end()) continue;
    InitiativeState& s = initiatives_[it->second];
    switch (c->field) {
    case ChangeField::status:
      s.status = parse_enum<InitiativeStatus>(c->value);
      s.status_changes.emplace_back(c->date, s.status);
      break;
    case ChangeField::end: s.end = parse_date(c->value); break;
    case ChangeField::owner:
      s.owner = c->value;
      s.owners.emplace_back(c->date, c->value);
      break;
    case ChangeField::group: s.group = c->value; break;
    default: break;
    }
  }

  // Each key's sum moves the figures its kind moves (the table of entry kinds, rules.hpp).
  for (const Flow& f : sums_->balances(as_of)) {
    const FlowKey& k = f.key;
    if (k.kind == EntryKind::expense && !k.initiative.empty() && !f.amount.is_zero())
      expense_keys_.emplace(k.initiative, k.category);
    for (const Effect& e : rule_of(k.kind).effects) {
      if (!applies(e, !k.initiative.empty(), !k.counterparty.empty())) continue;
      const Money a = f.amount * e.sign;
      switch (e.figure) {
      case Figure::received: pools_[party(e.party, k)].received += a; break;
      case Figure::granted: pools_[party(e.party, k)].granted += a; break;
      case Figure::reserved: pools_[party(e.party, k)].reserved += a; break;
      case Figure::budget: money_[party(e.party, k)].budget += a; break;
      case Figure::spent: money_[party(e.party, k)].spent += a; break;
      case Figure::reserved_for: money_[party(e.party, k)].reserved_for += a; break;
      }
    }
  }

  // The revision in force of each estimate line: the latest made on or before the date.
  std::map<std::tuple<std::string, std::string, Date, Date>, std::size_t> line_index;
  for (const auto& e : data.estimates) {
    if (as_of < e.estimated_on) continue;
    auto key = std::make_tuple(e.initiative, e.category, e.from, e.to);
    auto it = line_index.find(key);
    if (it == line_index.end()) {
      line_index[key] = estimates_.size();
      estimates_.push_back(&e);
    } else if (estimates_[it->second]->estimated_on < e.estimated_on) {
      estimates_[it->second] = &e;
    }
  }
  // Per initiative, in the order of the lines in force (reports ask once per initiative).
  for (const Estimate* e : estimates_) estimates_by_initiative_[e->initiative].push_back(e);
}

const BodyState* Snapshot::body(const std::string& id) const
{
  auto it = body_index_.find(id);
  return it == body_index_.end() ? nullptr : &bodies_[it->second];
}

const InitiativeState* Snapshot::initiative(const std::string& id) const
{
  auto it = initiative_index_.find(id);
  return it == initiative_index_.end() ? nullptr : &initiatives_[it->second];
}

std::vector<const Estimate*> Snapshot::estimates_of(const std::string& initiative) const
{
  auto it = estimates_by_initiative_.find(initiative);
  return it == estimates_by_initiative_.end() ? std::vector<const Estimate*>{} : it->second;
}

Money Snapshot::spent_in(const std::string& initiative, const std::optional<std::string>& category, Date from,
                         Date to) const
{
  if (as_of_ < to) to = as_of_;
  if (to < from) return Money{};
  return sums_->expenses(initiative, category, from, to);
}

void Snapshot::will_ask_spent(std::vector<ExpenseWindow> windows) const
{
  // As spent_in() will ask them: up to the date at most; those empty then are not asked.
  std::erase_if(windows, [&](ExpenseWindow& w) {
    if (as_of_ < w.to) w.to = as_of_;
    return w.to < w.from;
  });
  if (!windows.empty()) sums_->will_ask(windows);
}

std::vector<std::string> Snapshot::expense_categories(const std::string& initiative) const
{
  return sums_->expense_categories(initiative);
}

const Meeting* Snapshot::meeting_of(const Decision& decision) const
{
  auto it = meetings_.find(decision.meeting);
  return it == meetings_.end() ? nullptr : it->second;
}

bool Snapshot::counts(const Decision& decision) const
{
  const Meeting* m = meeting_of(decision);
  return m && decision_counts(*m, as_of_);
}

PoolFigures Snapshot::pool(const std::string& body) const
{
  auto it = pools_.find(body);
  return it == pools_.end() ? PoolFigures{} : it->second;
}

InitiativeMoney Snapshot::money(const std::string& initiative) const
{
  auto it = money_.find(initiative);
  return it == money_.end() ? InitiativeMoney{} : it->second;
}

Money share_of(const Estimate& line, Date from, Date to)
{
  Date a = std::max(from, line.from);
  Date b = std::min(to, line.to);
  std::int64_t inside = days_inclusive(a, b);
  if (inside <= 0) return Money{};
  return pro_rata(line.amount, inside, days_inclusive(line.from, line.to));
}

Money estimated_in(const std::vector<const Estimate*>& lines, Date from, Date to)
{
  Money sum;
  for (const Estimate* e : lines) sum += share_of(*e, from, to);
  return sum;
}

}  // namespace klynge

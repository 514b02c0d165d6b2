// funds: per body, its pool (received, granted, reserved, free) and the money of the initiatives it owns.
#include <algorithm>

#include "columns.hpp"
#include "common.hpp"

namespace klynge::reports {

namespace {

std::vector<Column> funds_columns()
{
  return {cols::body, cols::name, cols::received, cols::granted, cols::reserved, cols::free, cols::budget,
          cols::spent, cols::remaining, cols::over_committed};
}

/// The figures of one body as of the snapshot's date, in the money columns' order (the initiatives' money
/// summed over the selected initiatives it owns).
std::vector<Money> body_figures(const Snapshot& snap, const std::string& body, const ReportSpec& spec)
{
  PoolFigures p = snap.pool(body);
  InitiativeMoney owned;
  for (const auto& s : snap.initiatives()) {
    if (s.owner != body || !in_selection(s.initiative->id, spec)) continue;
    InitiativeMoney m = snap.money(s.initiative->id);
    owned.budget += m.budget;
    owned.spent += m.spent;
  }
  return {p.received, p.granted, p.reserved, p.free(), owned.budget, owned.spent, owned.remaining()};
}

/// A row of the table: the body, its money figures and whether it is over-committed, sized to the table's columns
/// (cells are assigned in place: gcc 12 at -O2 warns, wrongly, about variants moved while a row grows).
Row body_row(const BodyState& b, const std::vector<Money>& money, bool over_committed, std::size_t width)
{
  Row row(width);
  row[0] = b.body->id;
  row[1] = b.body->name;
  for (std::size_t i = 0; i < money.size(); ++i) row[2 + i] = money[i];
  row[2 + money.size()] = over_committed;
  return row;
}

Date period_start(Date d, Period p)
{
  unsigned m = d.month();
  if (p == Period::quarter) m = (m - 1) / 3 * 3 + 1;
  if (p == Period::year) m = 1;
  return Date::from_ymd(d.year(), m, 1);
}

Date next_period(Date start, Period p)
{
  int y = start.year();
  unsigned m = start.month() + (p == Period::month ? 1 : p == Period::quarter ? 3 : 12);
  while (m > 12) m -= 12, ++y;
  return Date::from_ymd(y, m, 1);
}

std::string period_label(Date start, Period p)
{
  std::string y = std::to_string(start.year());
  if (p == Period::year) return y;
  if (p == Period::quarter) return y + "-Q" + std::to_string((start.month() - 1) / 3 + 1);
  std::string m = std::to_string(start.month());
  return y + "-" + (m.size() < 2 ? "0" + m : m);
}

}  // namespace

Table funds_report(const Snapshot& snap, const ReportSpec& spec)
{
  const Dataset& data = snap.data();
  Table t;
  t.columns = funds_columns();
  // With a selection of initiatives (--group, --initiative), the bodies owning one of them as of the date.
  auto wanted = [&](const BodyState& b) {
    if (!spec.body.empty() && b.body->id != spec.body) return false;
    if (!spec.selected_initiatives) return true;
    return std::any_of(snap.initiatives().begin(), snap.initiatives().end(),
                       [&](const InitiativeState& s) { return s.owner == b.body->id && in_selection(s.initiative->id, spec); });
  };

  if (!spec.by) {
    for (const auto& b : snap.bodies()) {
      if (!wanted(b)) continue;
      auto f = body_figures(snap, b.body->id, spec);
      t.add_row(body_row(b, f, f[3].is_negative(), t.columns.size()));
    }
    add_total(t, 0, {{0, std::string("TOTAL")}});
    return t;
  }

  // By period: each row is a body's movement in one period (the change of each figure over it).
  t.columns.push_back(cols::period);
  std::optional<Date> first = spec.from ? spec.from : snap.sums().first_date();
  const Date end = spec.to && *spec.to < snap.as_of() ? *spec.to : snap.as_of();
  if (!first || end < *first) {
    add_total(t, 0, {{0, std::string("TOTAL")}});
    return t;
  }
  // Each body's figures as of a day; a period's movement is its figures at its end less those at the day before
  // it starts, which is where the previous period ended: each day is summed once.
  auto figures_on = [&](Date d) {
    Snapshot s(data, d, snap.sums());
    std::map<std::string, std::vector<Money>> out;
    for (const auto& b : snap.bodies())
      if (wanted(b)) out[b.body->id] = body_figures(s, b.body->id, spec);
    return out;
  };
  auto before = figures_on(first->plus_days(-1));
  for (Date start = period_start(*first, *spec.by); !(end < start); start = next_period(start, *spec.by)) {
    Date stop = std::min(next_period(start, *spec.by).plus_days(-1), end);
    auto after = figures_on(stop);
    for (const auto& b : snap.bodies()) {
      if (!wanted(b)) continue;
      const auto& f0 = before[b.body->id];
      const auto& f1 = after[b.body->id];
      std::vector<Money> moved(f1.size());
      for (std::size_t i = 0; i < f1.size(); ++i) moved[i] = f1[i] - f0[i];
      if (std::all_of(moved.begin(), moved.end(), [](Money m) { return m.is_zero(); })) continue;
      Row row = body_row(b, moved, f1[3].is_negative(), t.columns.size());
      row.back() = period_label(start, *spec.by);
      t.add_row(std::move(row));
    }
    before = std::move(after);
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

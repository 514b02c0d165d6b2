// Reporting cadence (design §14): the closed calendar periods without an expense since the last one.
#include "klynge/reporting.hpp"

#include <algorithm>
#include <vector>
#include <utility>

namespace klynge {

Cadence cadence_of(const Snapshot& snap, const Initiative& initiative)
{
  return initiative.reporting ? *initiative.reporting : snap.rules().expenses_cadence;
}

Date period_start(Date d, Cadence cadence)
{
  unsigned m = d.month();
  if (cadence == Cadence::quarter) m = (m - 1) / 3 * 3 + 1;
  return Date::from_ymd(d.year(), m, 1);
}

namespace {

/// The first day of the period after the one starting at `start`.
Date next_period(Date start, Cadence cadence)
{
  const unsigned step = cadence == Cadence::quarter ? 3 : 1;
  unsigned m = start.month() + step;
  int y = start.year();
  if (m > 12) m -= 12, ++y;
  return Date::from_ymd(y, m, 1);
}

}  // namespace

std::optional<ReportingState> reporting_of(const Snapshot& snap, const InitiativeState& s)
{
  if (s.status != InitiativeStatus::active) return std::nullopt;
  ReportingState r;
  r.cadence = cadence_of(snap, *s.initiative);
  if (r.cadence == Cadence::none) return std::nullopt;
  const Date d = snap.as_of();
  const std::string& id = s.initiative->id;
  // The first period counted: the one after the last expense's, else the one holding the later of the start and
  // the first ledger entry (the first closed period an expense could have been reported for).
  std::optional<Date> from;
  if (const auto last = snap.sums().last_entry_day(id, EntryKind::expense, d)) {
    r.last_expense = *last;
    r.days_since = d.days_since(*r.last_expense);
    from = next_period(period_start(*r.last_expense, r.cadence), r.cadence);
  } else {
    const auto entries = snap.sums().entry_days(id, std::nullopt, d);
    std::optional<Date> anchor = s.initiative->start;
    if (!entries.empty()) anchor = anchor ? std::max(*anchor, entries.front()) : entries.front();
    if (anchor) from = period_start(*anchor, r.cadence);
  }
  // A period the initiative was paused in from its first day to its last spent nothing by plan, and is not one
  // without a report (its status changes up to the date, in date order, from the snapshot).
  auto paused_throughout = [&](Date a, Date z) {
    bool paused = s.initiative->status == InitiativeStatus::paused;  // on day a
    for (const auto& [date, status] : s.status_changes) {
      const bool p = status == InitiativeStatus::paused;
      if (!(a < date)) {
        paused = p;
        continue;
      }
      if (z < date) break;
      if (!p) return false;  // another status within the period
    }
    return paused;
  };
  // Closed periods: those ending before the date.
  for (Date p = from.value_or(d); ; p = next_period(p, r.cadence)) {
    const Date end = next_period(p, r.cadence).plus_days(-1);
    if (!(end < d)) break;
    if (!paused_throughout(p, end)) ++r.periods_missing;
  }
  return r;
}

}  // namespace klynge

#pragma once
/// @file reporting.hpp
/// @brief Who has not reported (design §14): per active initiative, its cadence, its last expense and the closed
/// periods since without one. Shared by the `reporting` report and the status RAG rule.

#include <optional>

#include "klynge/snapshot.hpp"

namespace klynge {

struct ReportingState
{
  Cadence cadence = Cadence::month;
  std::optional<Date> last_expense;     ///< the last day on or before the date with an expense
  std::int64_t periods_missing = 0;     ///< closed periods (ending before the date) since then without an expense
  std::optional<std::int64_t> days_since;  ///< days from the last expense to the date
};

/// The initiative's cadence: its own, else the setting reporting.expenses.
Cadence cadence_of(const Snapshot& snap, const Initiative& initiative);

/// Nothing when the initiative is not active as of the date or reports nothing (cadence none).
std::optional<ReportingState> reporting_of(const Snapshot& snap, const InitiativeState& initiative);

/// The first day of the calendar month or quarter holding d.
Date period_start(Date d, Cadence cadence);

}  // namespace klynge

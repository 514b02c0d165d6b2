#pragma once
// Helpers shared by the report computations.

#include "klynge/reports/reports.hpp"
#include "klynge/rules.hpp"

namespace klynge::reports {

/// Whether an initiative is among those --group (or a pack's --body) selected.
inline bool in_selection(const std::string& initiative, const ReportSpec& spec)
{
  return !spec.selected_initiatives || spec.selected_initiatives->count(initiative) > 0;
}

/// Whether an initiative passes the --body/--initiative filters (by its owner as of the date).
inline bool selected(const InitiativeState& s, const ReportSpec& spec)
{
  if (!spec.chose(s.initiative->id)) return false;
  if (!spec.body.empty() && s.owner != spec.body) return false;
  return in_selection(s.initiative->id, spec);
}

inline Cell opt(const std::optional<Date>& d) { return d ? Cell{*d} : Cell{}; }
inline Cell opt_text(const std::string& s) { return s.empty() ? Cell{} : Cell{s}; }
template <class E> Word word(E e) { return Word{std::string(to_text(e)), std::string(to_danish(e))}; }

}  // namespace klynge::reports

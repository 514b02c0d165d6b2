#pragma once
/// @file record_filter.hpp
/// @brief What `list KIND [--as-of D] [--group G] [--body B] [--initiative I]…` shows (design §14, "Filters").

#include <set>
#include <string>
#include <vector>

#include "klynge/model.hpp"

namespace klynge {

/// The records as of a date: bodies and initiatives after their dated changes up to it (an initiative's `body` is
/// then its owner), and only what was dated by then — changes, ledger entries, estimate revisions made, meetings
/// held and their decisions; a milestone done later is shown not done. `data` needs its ledger only for what it
/// lists.
Dataset records_as_of(const Dataset& data, Date d);

/// The records `keep` says yes to, in their order.
template <class T, class Keep> std::vector<T> kept(const std::vector<T>& records, Keep keep)
{
  std::vector<T> out;
  for (const auto& r : records)
    if (keep(r)) out.push_back(r);
  return out;
}

/// The group and every group below it (the import refuses cycles; the set stops one anyway).
std::set<std::string> group_and_below(const Dataset& data, const std::string& group);

/// The filters of `list`, combined by AND; empty: all.
struct RecordFilter
{
  std::string group;                     ///< the initiatives whose group as of the date is it or below it
  std::string body;                      ///< the initiatives it owns as of the date, and its own records
  std::vector<std::string> initiatives;  ///< these initiatives
  bool any() const { return !group.empty() || !body.empty() || !initiatives.empty(); }
};

/// The records the filters keep, the initiatives chosen by their state as of `d`: the chosen initiatives and
/// their changes, ledger entries, estimates and milestones; the bodies owning them (with --body, that body, its
/// dated changes and every ledger entry of its pool or paid by it); the groups (with --group, the group and those
/// below it; with --body, the body's groups; else the chosen initiatives' groups), their meetings, the
/// decisions of those meetings or naming a chosen initiative, and the meetings of those decisions. Settings are
/// kept. The ids named must exist.
Dataset filter_records(const Dataset& data, Date d, const RecordFilter& filter);

}  // namespace klynge

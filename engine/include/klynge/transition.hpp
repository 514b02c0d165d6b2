#pragma once
/// @file transition.hpp
/// @brief What happens to an initiative at its owner's end (design §4, §12): the owner P that names the
/// successor, the successor and take-over date, days without owner, costs after the owner's end, the gap.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "klynge/snapshot.hpp"

namespace klynge {

struct Transition
{
  std::string owner;                   ///< the owner as of the date
  std::string from_owner;              ///< P: the latest owner naming a successor, else the owner
  std::optional<Date> owner_until;     ///< P's active_to
  std::string successor;               ///< S
  std::optional<Date> successor_from;  ///< F
  std::optional<Date> end;             ///< the initiative's end as of the date
  bool runs_past_owner = false;
  std::optional<std::int64_t> days_without_owner;  ///< empty when there is neither successor nor end
  /// The periods those days fall in: from P's end to the take-over (or the end), less the days an interim owner
  /// is active; two when the interim owner's days lie inside.
  std::vector<std::pair<Date, Date>> without_owner;
  Money estimated_after_owner;
  Money gap;
  Money remaining;
};

/// The transition of one initiative as of the snapshot's date.
Transition transition_of(const Snapshot& snap, const InitiativeState& init);

}  // namespace klynge

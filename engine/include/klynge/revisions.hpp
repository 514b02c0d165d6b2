#pragma once
/// @file revisions.hpp
/// @brief Writes that change what is known without a file (design §14): the reversing entry of one entry, and
/// the undoing of a whole revision.

#include <optional>
#include <string>

#include "klynge/import.hpp"

namespace klynge {

/// `klynge reverse ID`: the reversing entry of a stored entry — kind, body, initiative, counterparty, category,
/// source, amount and decision copied; dated `date` (default the original's); note `note` (default
/// `reversal of ID`) — written as one revision. A reversal's reversal enters its original again instead (`ID~N`,
/// dated `date`, default the reversal's; ImportResult::reentered names it), as an undo of the reversal would.
/// @throws DataError for an unknown entry, or one reversed already (a reversal: its original in force again).
ImportResult reverse_entry(Store& store, const std::string& id, std::optional<Date> date,
                           std::optional<std::string> note, const WriteOptions& options);

/// `klynge undo R`: a new revision that reverses the entries R added (dated as the originals), retires the records
/// R added and puts back every version R superseded. An entry of R that is itself a reversal brings its original
/// back as a re-entry (`ID~N`), so that undoing an undo redoes.
/// @throws DataError naming what depends on R (a later reversal, correction or reference), or for no such revision.
ImportResult undo_revision(Store& store, std::int64_t revision, const WriteOptions& options);

}  // namespace klynge

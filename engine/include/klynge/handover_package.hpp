#pragma once
/// @file handover_package.hpp
/// @brief What a successor council inherits (design §14, "Filters"): the records `export --successor S` writes.

#include <string>

#include "klynge/model.hpp"

namespace klynge {

/// The hand-over package of successor `successor` as of `as_of`: the initiatives running past their owner toward
/// it (the rows of `report handover --body S`), with all their records whatever their date — their dated changes,
/// ledger entries (reversals of them included: a reversal names its original's initiative), estimates and
/// milestones — and what those refer to, followed until nothing new is named: the bodies involved with their dated
/// changes (owners, payers, successors), the groups with their ancestors, the meetings and decisions cited or naming
/// an inherited initiative, an initiative a decision names (with its dated changes, so that its state is the same),
/// and every setting. The records keep the order of `data`, so an empty database importing them gives the same
/// `handover --body S` report. `data` must hold the whole ledger.
Dataset handover_package(const Dataset& data, Date as_of, const std::string& successor);

}  // namespace klynge

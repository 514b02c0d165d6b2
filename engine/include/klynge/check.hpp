#pragma once
/// @file check.hpp
/// @brief `klynge check`: integrity problems (errors) and things a secretariat should look at (warnings).

#include <vector>

#include "klynge/error.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// Problems of the stored records as of `today`: reversals that do not match their originals (errors);
/// over-committed pools, negative remaining budgets, initiatives running past their owner's end without a
/// successor, overdue milestones and overlapping estimate lines (warnings). Integrity of the file itself is
/// the store's (Store::integrity_problems).
std::vector<Diagnostic> check_records(const Dataset& data, Date today);

}  // namespace klynge

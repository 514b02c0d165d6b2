#pragma once
/// @file variance.hpp
/// @brief An initiative's estimate lines against its spending as of a date (design §3, §12): what the variance
/// report lists and the RAG rules judge.

#include <optional>
#include <string>
#include <vector>

#include "klynge/settings.hpp"
#include "klynge/snapshot.hpp"

namespace klynge {

/// One estimate line in force, or the expenses of a category that no line covers.
struct LineVariance
{
  const Estimate* line = nullptr;  ///< nothing: expenses no line covers
  std::string category;
  Money estimated, planned, actual;
  Money variance() const { return planned - actual; }
  Money forecast() const { return actual + (estimated - planned); }
};
std::vector<LineVariance> line_variances(const Snapshot& snap, const std::string& initiative);
/// The windows line_variances() asks the spending in (its lines'), to name them ahead (Snapshot::will_ask_spent).
std::vector<ExpenseWindow> line_windows(const Snapshot& snap, const std::string& initiative);

/// numerator ÷ denominator × 100 in hundredths, half away from zero (in 128 bits); nothing when the denominator
/// is zero.
std::optional<Hundredths> percent_hundredths(Money numerator, Money denominator);

}  // namespace klynge

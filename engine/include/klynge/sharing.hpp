#pragma once
/// @file sharing.hpp
/// @brief Splitting an amount by a cost-sharing key (fordelingsnøgle) so that the parts add up to it exactly.

#include <vector>

#include "klynge/decimal.hpp"
#include "klynge/settings.hpp"

namespace klynge {

/// Splits `total` by `weights` (non-negative, at least one above zero) by largest remainder: each part is
/// ⌊total × w ÷ W⌋ øre, then the øre left over go one each to the largest remainders, ties to the earlier weight
/// (callers order by body id). The parts add up to `total` exactly and each is less than one øre from its exact
/// share. A negative total is split as its opposite. @throws ValueError when the weights are all zero or too large.
std::vector<Money> split_by_largest_remainder(Money total, const std::vector<Decimal>& weights);
/// Whether money can be split by these weights (none negative, one above zero, not too large to multiply by a
/// total in 128 bits); throws ValueError naming what is wrong.
void check_weights(const std::vector<Decimal>& weights);

/// Each weight's share of their sum in hundredths of a percent (two decimals), by largest remainder: they add up
/// to 100,00.
std::vector<Hundredths> share_percentages(const std::vector<Decimal>& weights);

}  // namespace klynge

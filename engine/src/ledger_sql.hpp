#pragma once
// Inside the stores: SQL about the ledger that both backends run as it is, apart from the few words their dialects
// spell differently (given as arguments): one text of each query, not one per backend.
#include <string>
#include <vector>

#include "klynge/rules.hpp"
#include "klynge/store.hpp"

namespace klynge::detail {

/// `(CASE kind WHEN 'reserve' THEN 1 … ELSE 0 END)`: the sign with which each kind moves a figure (rules.hpp).
/// @throws std::logic_error when a kind would move one figure both ways.
std::string sql_figure_sign(Figure figure, const std::string& kind_column);

/// Whether the entries after `after` (a literal or a parameter) release any reservation: most writes release none,
/// and then the reservations of the whole ledger need not be read. One row, one column (0 or 1).
std::string sql_releases_any(const std::string& after);

/// The releases after `after` that take a (body, initiative)'s reservation below zero, in order, with columns
/// origin, body, ini, date, before, seq; `signed_amount` is the dialect's signed amount of a ledger row `l`,
/// `as_integer` what makes the balance an integer column (`""`, or `"::bigint"`).
std::string sql_over_released(const std::string& after, const std::string& signed_amount, const std::string& as_integer);

/// The rows of sql_over_released() as Store::over_released() gives them: the first per (body, initiative).
void keep_first_per_pair(std::vector<Store::OverRelease>& releases);

}  // namespace klynge::detail

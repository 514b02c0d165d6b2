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

/// The releases that take a (body, initiative)'s reservation below zero: those after `after`, and earlier ones that
/// an entry after it does (a reversal of the reservation dated before them), in order, with columns origin, body,
/// ini, date, before, seq, culprit (the first entry after `after` that lowers the pair's reservation);
/// `signed_amount` is the dialect's signed amount of a ledger row `l`, `as_integer` what makes the balance an
/// integer column (`""`, or `"::bigint"`).
std::string sql_over_released(const std::string& after, const std::string& signed_amount, const std::string& as_integer);

/// The entries that reversals of revision `r` (a parameter) reverse, each with a later revision that imported a
/// version of the entry's sheet and wrote no new life of it there (whether that version held the entry as known is
/// not kept): columns id, revision, in ledger order. `position` is the dialect's function of (text, what) giving where `what` is in it.
std::string sql_sheet_went_on_without(const std::string& r, const std::string& position);

/// Revisions missing from 1 to the last: one row, (how many are missing, the first missing, the last number).
std::string sql_revision_gaps();
/// Per table that records carry a revision in: one row (table, rows naming a revision not kept, the first such row's
/// id or key, its revision), only for tables with such rows.
std::string sql_unknown_revisions();
/// The problems those two queries find, as `check` says them.
std::string revision_gap_problem(std::int64_t missing, std::int64_t first, std::int64_t last);
std::string unknown_revision_problem(const std::string& table, std::int64_t rows, const std::string& first,
                                     std::int64_t revision);

/// Why an undo cannot retire a record the revision added: `what` (`entry 'r1'`) refers to it, a `parent`
/// (`body`); `of_the_revision`: `what` is an entry the revision itself wrote, which the ledger keeps.
std::string undo_blocked_by_reference(const std::string& what, const std::string& parent, bool of_the_revision);
/// How many references in the way of an undo are read, and how many of them are told: the first by table and
/// wording, so that both backends (which find them in orders of their own) name the same ones.
constexpr std::size_t undo_references_read = 1000, undo_references_told = 20;
/// The errors of an undo refused by references (table, what undo_blocked_by_reference() said).
std::vector<Diagnostic> undo_blocked_problems(std::int64_t revision, std::vector<std::pair<std::string, std::string>> refs);

/// The rows of sql_over_released() as Store::over_released() gives them: the first per (body, initiative).
void keep_first_per_pair(std::vector<Store::OverRelease>& releases);

}  // namespace klynge::detail

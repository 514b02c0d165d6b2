#pragma once
// Inside the stores: SQL about the ledger that both backends run as it is, apart from the few words their dialects
// spell differently (given as arguments): one text of each query, not one per backend.
#include <string>
#include <string_view>
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

/// Why an undo cannot retire a record the revision added: `what` (`entry 'r1'`), written later, refers to it, a
/// record of `parent_table` (`bodies`: told as "a body").
std::string undo_blocked_by_reference(const std::string& what, const std::string& parent_table);
/// How many references in the way of an undo are read, and how many of them are told: the first by table and
/// wording, so that both backends (which find them in orders of their own) name the same ones.
constexpr std::size_t undo_references_read = 1000, undo_references_told = 20;
/// The errors of an undo refused by references (table, what undo_blocked_by_reference() said).
std::vector<Diagnostic> undo_blocked_problems(std::int64_t revision, std::vector<std::pair<std::string, std::string>> refs);

/// A foreign key to a record a ledger entry can name, directly or through another such record (its `id`): what an
/// undo keeps in place, marked retired, while anything still stored names it (schema 15).
struct RecordReference
{
  std::string table, column, parent;
};
const std::vector<RecordReference>& record_references();
/// Whether records of `table` can be kept in place, retired (a record_references() parent); an undo deletes what it
/// retires of the other kinds.
bool kept_in_place(std::string_view table);
/// The keys of `parent`'s records retired by revision `now` that ledger entries name by `column`: one column.
std::string sql_named_by_ledger(const RecordReference& ref, const std::string& now);
/// Deletes the records of `parent` retired in place by `now` that nothing names any more: not the ledger (`named`,
/// the keys sql_named_by_ledger() found) and no other record kept so; returns their ids. Run until it deletes
/// nothing.
std::string sql_prune_retired(const std::string& parent, const std::string& now, const std::vector<std::string>& named);
/// Deletes the records of `table` kept retired in place that an undo of undo `r` restores: by their row (`row`, and
/// `version_row` in record_versions) or by their id (`version_id`, the id in a version's data), as a record retired
/// again in another life under the same id is.
std::string sql_give_way_to_restored(const std::string& table, const std::string& r, const std::string& row,
                                     const std::string& version_row, const std::string& version_id);
/// The records in force (their `row` column) that name a record of `ref.parent` retired in place by `now`.
std::string sql_in_force_naming_retired(const RecordReference& ref, const std::string& now, const std::string& row);
/// The ledger entries after `after` that name a record retired in place (by `retired_by`, when not empty) and count:
/// not reversed, and not a reversal (or a reversal of a reversal, …: an even number of steps from an original).
/// Columns id, origin, revision, parent table, key; in ledger order.
std::string sql_entries_naming_retired(const std::string& after, const std::string& retired_by);
/// Whether any record a ledger entry can name is retired in place (by `retired_by`, when not empty): one row, 0 or
/// 1. Most books hold none, and then the ledger need not be read for sql_entries_naming_retired().
std::string sql_any_retired_in_place(const std::string& retired_by);

/// The rows of sql_over_released() as Store::over_released() gives them: the first per (body, initiative).
void keep_first_per_pair(std::vector<Store::OverRelease>& releases);

}  // namespace klynge::detail

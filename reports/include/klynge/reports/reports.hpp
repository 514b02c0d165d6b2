#pragma once
/// @file reports.hpp
/// @brief The reports: pure functions from (snapshot as of a date, query) to a table. No clock, database or I/O,
/// but run_report(), which reads what every report needs from a store in one consistent read.

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "klynge/reports/table.hpp"
#include "klynge/store.hpp"
#include "klynge/snapshot.hpp"
#include "klynge/variance.hpp"

namespace klynge {
class Store;
}

namespace klynge::reports {

enum class Period { month, quarter, year };
/// The reports, in the order of design §11.
enum class ReportKind { funds, status, coverage, variance, timeline, handover, decisions, indicators, reporting, sharing, changes };

/// What a report is asked for, beyond the date of the snapshot.
struct ReportSpec
{
  ReportKind kind = ReportKind::funds;
  std::string body;        ///< empty: all
  std::vector<std::string> initiatives;  ///< --initiative, repeatable; empty: all
  /// Whether --initiative chose this initiative (or none was given).
  bool chose(const std::string& initiative) const
  {
    return initiatives.empty() || std::find(initiatives.begin(), initiatives.end(), initiative) != initiatives.end();
  }
  std::string group;       ///< empty: all; else the initiatives whose group as of the date is it or below it
  /// When set, only these initiatives (compute_report sets it from `group` and `initiatives`; a pack's --body sets it to the
  /// initiatives the body owns), and for decisions also the meetings of `selected_groups`.
  std::optional<std::set<std::string>> selected_initiatives;
  std::set<std::string> selected_groups;
  std::optional<Date> from, to;
  std::optional<Period> by;
  std::string key;  ///< sharing: the cost-sharing key
  /// The database as known at this revision (design §14, knowledge time); none: everything known now.
  std::optional<std::int64_t> known_at;
  /// changes: the database as known at `since` against as known at `until` (none: now).
  std::optional<std::int64_t> since, until;
};

/// A report: its name, the options it takes beyond the filters, and its computation.
struct ReportInfo
{
  ReportKind kind;
  std::string_view name;
  bool window;   ///< takes --from/--to as its window (coverage)
  bool periods;  ///< takes --by, and then --from/--to as the span of the periods (funds)
  Table (*compute)(const Snapshot&, const ReportSpec&);
  /// The record kinds its computation reads: run_report loads only these (the others read as none, so a kind
  /// missing here changes the report; tests/unit/report_reads_test.cpp compares each with all kinds read).
  RecordKinds reads;
  bool key = false;  ///< needs --key (sharing)
};
const std::vector<ReportInfo>& report_infos();
const ReportInfo& info(ReportKind kind);
/// The report names, in the order of design §11.
std::vector<std::string> report_names();
/// The reports computed from one snapshot (all but changes, which compares two states of knowledge).
std::vector<std::string> snapshot_report_names();
/// @throws UsageError naming the reports for an unknown name.
ReportKind parse_report(std::string_view name);
/// @throws UsageError for an unknown period word.
Period parse_period(const std::string& word);
/// Refuses options the report does not use, and a window that ends before it starts.
/// @throws UsageError.
void check_options(const ReportSpec& spec);

/// Computes a report from the records of `data` and the ledger figures of `sums` (the store's running totals, or
/// the entries of `data`); the report sees them as of `as_of`.
/// @throws DataError when --body, --initiative or --group names something that does not exist.
Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums);
/// The same with the ledger figures summed from `data.ledger`.
Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec);
/// The same from a store: its records and ledger sums read in one consistent read.
Table run_report(const Store& store, Date as_of, const ReportSpec& spec);

/// What the changes report compares: the records and ledger figures as known at two revisions, as of one date, and
/// the revisions between them.
struct ChangesInput
{
  const Dataset& before;
  const LedgerSums& before_sums;
  const Dataset& after;  ///< with its ledger entries, each stamped with the revision that wrote it
  const LedgerSums& after_sums;
  std::int64_t since = 0;
  std::vector<Revision> revisions;  ///< those after `since`, up to the later state
  /// The versions those revisions superseded or retired, and the superseded versions they added (a record added
  /// and corrected since is listed with both revisions; one retired, with the revision that retired it).
  std::vector<RecordVersion> versions = {};
};
/// `report changes` (design §14): per body and initiative, each figure that differs between the two states, then
/// one row per revision between them.
Table changes_report(const ChangesInput& in, Date as_of, const ReportSpec& spec);
/// `report changes` read from the store: as known at `spec.since` (0 if unset) against `spec.until` (now if unset),
/// within the caller's read transaction.
Table changes_between(const Store& store, Date as_of, const ReportSpec& spec);
/// A report from a snapshot already made, with `spec.group` and `spec.initiatives` already turned into
/// `spec.selected_initiatives`
/// (a pack computes every report from one snapshot).
Table compute_selected(const Snapshot& snap, const ReportSpec& spec);
/// @throws DataError when --body, --initiative, --group or --key names something that does not exist.
void check_filters(const Dataset& data, const ReportSpec& spec);
/// The group and every group below it. @throws DataError for an unknown group.
std::set<std::string> group_and_descendants(const Dataset& data, const std::string& group);
/// Turns `spec.group` into `spec.selected_groups`, and `spec.group` and `spec.initiatives` into
/// `spec.selected_initiatives` (the initiatives in both), as of the snapshot's date.
void select_initiatives(const Dataset& data, const Snapshot& snap, ReportSpec& spec);
/// The initiatives whose group as of the snapshot's date is one of `groups`.
std::set<std::string> initiatives_in(const Snapshot& snap, const std::set<std::string>& groups);

// One function per report (reports/src/compute/<name>.cpp).
Table funds_report(const Snapshot& snap, const ReportSpec& spec);
Table status_report(const Snapshot& snap, const ReportSpec& spec);
Table coverage_report(const Snapshot& snap, const ReportSpec& spec);
Table variance_report(const Snapshot& snap, const ReportSpec& spec);
Table timeline_report(const Snapshot& snap, const ReportSpec& spec);
Table handover_report(const Snapshot& snap, const ReportSpec& spec);
Table decisions_report(const Snapshot& snap, const ReportSpec& spec);
Table indicators_report(const Snapshot& snap, const ReportSpec& spec);
Table reporting_report(const Snapshot& snap, const ReportSpec& spec);
Table sharing_report(const Snapshot& snap, const ReportSpec& spec);

/// Lines of one initiative's variance (engine: variance.hpp), shared by `variance` and the RAG rules.
using klynge::LineVariance;
using klynge::line_variances;

}  // namespace klynge::reports

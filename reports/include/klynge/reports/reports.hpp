#pragma once
/// @file reports.hpp
/// @brief The reports: pure functions from (snapshot as of a date, query) to a table. No clock, database or I/O.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "klynge/reports/table.hpp"
#include "klynge/snapshot.hpp"

namespace klynge::reports {

enum class Period { month, quarter, year };

/// What a report is asked for, beyond the date of the snapshot.
struct ReportSpec
{
  std::string name;
  std::string body;        ///< empty: all
  std::string initiative;  ///< empty: all
  std::string group;       ///< empty: all; else the initiatives whose group as of the date is it or below it
  /// When set, only these initiatives (compute_report sets it from `group`; a pack's --body sets it to the
  /// initiatives the body owns), and for decisions also the meetings of `selected_groups`.
  std::optional<std::set<std::string>> selected_initiatives;
  std::set<std::string> selected_groups;
  std::optional<Date> from, to;
  std::optional<Period> by;
};

/// The report names, in the order of design §11.
const std::vector<std::string>& report_names();
/// Whether a name is a report. The CLI refuses others with exit 2.
bool is_report(const std::string& name);
/// @throws UsageError for an unknown period word.
Period parse_period(const std::string& word);

/// Computes a report. `data` is everything stored; the report sees it as of `as_of`.
/// @throws DataError when --body or --initiative names something that does not exist.
Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec);
/// The same from the records of `data` and the ledger figures of `sums` (the store's running totals), for the
/// reports that do not list ledger entries (see needs_entries); `data.ledger` may be left unread.
Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums);
/// A report from a snapshot already made, with `spec.group` already turned into `spec.selected_initiatives`
/// (a pack computes every report from one snapshot).
Table compute_selected(const Dataset& data, const Snapshot& snap, const ReportSpec& spec);
/// Whether a report lists or walks ledger entries (decisions, handover) and so needs them read:
/// the others are computed from sums alone.
bool needs_entries(const ReportSpec& spec);
/// @throws DataError when --body, --initiative or --group names something that does not exist.
void check_filters(const Dataset& data, const ReportSpec& spec);
/// The group and every group below it. @throws DataError for an unknown group.
std::set<std::string> group_and_descendants(const Dataset& data, const std::string& group);
/// Turns `spec.group` into `spec.selected_groups` and `spec.selected_initiatives` as of the snapshot's date.
void select_group(const Dataset& data, const Snapshot& snap, ReportSpec& spec);
/// The initiatives whose group as of the snapshot's date is one of `groups`.
std::set<std::string> initiatives_in(const Snapshot& snap, const std::set<std::string>& groups);

// One function per report (reports/src/compute/<name>.cpp).
Table funds_report(const Dataset& data, const Snapshot& snap, const ReportSpec& spec);
Table status_report(const Snapshot& snap, const ReportSpec& spec);
Table coverage_report(const Snapshot& snap, const ReportSpec& spec);
Table variance_report(const Snapshot& snap, const ReportSpec& spec);
Table timeline_report(const Snapshot& snap, const ReportSpec& spec);
Table handover_report(const Snapshot& snap, const ReportSpec& spec);
Table decisions_report(const Snapshot& snap, const ReportSpec& spec);

/// Lines of one initiative's variance (shared by `variance` and the RAG rules of `status`).
struct LineVariance
{
  const Estimate* line = nullptr;  ///< nothing: expenses no line covers
  std::string category;
  Money estimated, planned, actual;
  Money variance() const { return planned - actual; }
  Money forecast() const { return actual + (estimated - planned); }
};
std::vector<LineVariance> line_variances(const Snapshot& snap, const std::string& initiative);

}  // namespace klynge::reports

#include "klynge/reports/reports.hpp"

#include <algorithm>
#include <stdexcept>

#include "klynge/error.hpp"
#include "klynge/record_filter.hpp"
#include "klynge/store.hpp"
#include "klynge/suggest.hpp"

namespace klynge::reports {

const std::vector<ReportInfo>& report_infos()
{
  using K = RecordKind;
  // What every report reads: the bodies and initiatives after their dated changes (the snapshot), the groups a
  // --group names, the settings of the RAG rules and the reporting cadence. The ledger is read as its sums.
  constexpr RecordKinds every{K::bodies, K::groups, K::initiatives, K::changes, K::settings};
  // The estimate lines in force (Snapshot::estimates_of) and whether a decision counts (its meeting).
  constexpr RecordKinds estimates{K::estimates}, decisions{K::decisions, K::meetings};
  constexpr RecordKinds indicators{K::indicators, K::measurements};
  static const std::vector<ReportInfo> infos{
      {ReportKind::funds, "funds", false, true, funds_report, every},
      {ReportKind::status, "status", false, false, status_report, every | estimates | indicators | RecordKinds{K::milestones}},
      {ReportKind::coverage, "coverage", true, false, coverage_report, every | estimates},
      {ReportKind::variance, "variance", false, false, variance_report, every | estimates},
      {ReportKind::timeline, "timeline", false, false, timeline_report, every | estimates},
      {ReportKind::handover, "handover", false, false, handover_report,
       every | estimates | decisions | RecordKinds{K::milestones}},
      {ReportKind::decisions, "decisions", false, false, decisions_report, every | decisions},
      {ReportKind::indicators, "indicators", false, false, indicators_report, every | indicators},
      {ReportKind::reporting, "reporting", false, false, reporting_report, every},
      {ReportKind::sharing, "sharing", true, false, sharing_report, every | estimates | RecordKinds{K::keys}, true},
      // Two states of knowledge, not one snapshot: run_report computes it (changes_report).
      {ReportKind::changes, "changes", false, false, nullptr, RecordKinds::all()},
  };
  return infos;
}

const ReportInfo& info(ReportKind kind)
{
  for (const auto& i : report_infos())
    if (i.kind == kind) return i;
  throw std::logic_error("unknown report kind");
}

std::vector<std::string> report_names()
{
  std::vector<std::string> names;
  for (const auto& i : report_infos()) names.emplace_back(i.name);
  return names;
}

std::vector<std::string> snapshot_report_names()
{
  std::vector<std::string> names;
  for (const auto& i : report_infos())
    if (i.compute) names.emplace_back(i.name);
  return names;
}

ReportKind parse_report(std::string_view name)
{
  for (const auto& i : report_infos())
    if (i.name == name) return i.kind;
  std::string names;
  for (const auto& n : report_names()) names += (names.empty() ? "" : ", ") + n;
  throw UsageError("unknown report '" + std::string(name) + "' (one of: " + names + ")");
}

Period parse_period(const std::string& word)
{
  if (word == "month") return Period::month;
  if (word == "quarter") return Period::quarter;
  if (word == "year") return Period::year;
  throw UsageError("--by: unknown period '" + word + "' (one of: month, quarter, year)");
}

void check_options(const ReportSpec& spec)
{
  if (spec.from && spec.to && *spec.to < *spec.from)
    throw UsageError("--to (" + spec.to->iso() + ") is before --from (" + spec.from->iso() + ")");
  // An option a report does not use is refused rather than silently ignored.
  const ReportInfo& r = info(spec.kind);
  const std::string name(r.name);
  if ((spec.from || spec.to) && !r.window && !(r.periods && spec.by))
    throw UsageError("--from/--to set the window of coverage and of sharing, and the periods of funds --by, not of " + name);
  if (spec.by && !r.periods) throw UsageError("--by applies to funds, not to " + name);
  if (r.key && spec.key.empty()) throw UsageError(name + " needs --key K: the cost-sharing key to split by");
  if (!r.key && !spec.key.empty()) throw UsageError("--key applies to sharing, not to " + name);
  if (r.key && spec.from.has_value() != spec.to.has_value())
    throw UsageError("--from and --to go together in " + name + ": the window whose estimated costs are shared");
  if (spec.kind == ReportKind::changes && !spec.since)
    throw UsageError("changes compares what was known at --since (a revision or a date) with now or --until: give --since");
  // The later of changes' two states is --until; a --known-at beside it would be a third, and was ignored.
  if (spec.kind == ReportKind::changes && spec.known_at)
    throw UsageError("--known-at does not apply to changes: the later state it compares is --until (default now)");
  if (spec.kind != ReportKind::changes && (spec.since || spec.until))
    throw UsageError("--since/--until apply to changes, not to " + name);
}

namespace {

/// A filter naming something unknown is a data error (exit 1), suggesting the nearest known id.
template <class R>
void require_known(const std::vector<R>& records, const std::string& option, const std::string& what, const std::string& id)
{
  std::vector<std::string> known;
  for (const auto& r : records) {
    if (r.id == id) return;
    known.push_back(r.id);
  }
  throw DataError(std::vector<Diagnostic>{
      {Location::of_option(option), Severity::error, "unknown " + what + " '" + id + "'" + did_you_mean(id, known)}});
}

}  // namespace

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec)
{
  EntrySums sums(data.ledger);
  return compute_report(data, as_of, spec, sums);
}

void check_filters(const Dataset& data, const ReportSpec& spec)
{
  if (!spec.body.empty()) require_known(data.bodies, "--body", "body", spec.body);
  for (const auto& id : spec.initiatives) require_known(data.initiatives, "--initiative", "initiative", id);
  if (!spec.group.empty()) group_and_descendants(data, spec.group);
  if (!spec.key.empty() && std::none_of(data.keys.begin(), data.keys.end(), [&](const KeyShare& k) { return k.key == spec.key; })) {
    std::vector<std::string> known;
    for (const auto& k : data.keys)
      if (known.empty() || known.back() != k.key) known.push_back(k.key);
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--key"), Severity::error,
                                             "unknown key '" + spec.key + "'" + did_you_mean(spec.key, known)}});
  }
}

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums)
{
  check_filters(data, spec);
  Snapshot snap(data, as_of, sums);
  ReportSpec selected = spec;
  select_initiatives(data, snap, selected);
  return compute_selected(snap, selected);
}

Table compute_selected(const Snapshot& snap, const ReportSpec& spec)
{
  const ReportInfo& r = info(spec.kind);
  if (!r.compute) throw std::logic_error("the " + std::string(r.name) + " report is not computed from one snapshot");
  Table t = r.compute(snap, spec);
  t.report = std::string(r.name);
  t.as_of = snap.as_of();
  return t;
}

void select_initiatives(const Dataset& data, const Snapshot& snap, ReportSpec& spec)
{
  // Each filter narrows what is selected already: the initiatives in all of them.
  auto narrow = [&](std::set<std::string> chosen) {
    if (spec.selected_initiatives)
      std::erase_if(chosen, [&](const std::string& id) { return !spec.selected_initiatives->count(id); });
    spec.selected_initiatives = std::move(chosen);
  };
  if (!spec.group.empty()) {
    spec.selected_groups = group_and_descendants(data, spec.group);
    narrow(initiatives_in(snap, spec.selected_groups));
  }
  if (!spec.initiatives.empty()) narrow(std::set<std::string>(spec.initiatives.begin(), spec.initiatives.end()));
}

std::set<std::string> group_and_descendants(const Dataset& data, const std::string& group)
{
  require_known(data.groups, "--group", "group", group);
  return group_and_below(data, group);
}

std::set<std::string> initiatives_in(const Snapshot& snap, const std::set<std::string>& groups)
{
  std::set<std::string> out;
  for (const auto& s : snap.initiatives())
    if (groups.count(s.group)) out.insert(s.initiative->id);
  return out;
}

Table changes_between(const Store& store, Date as_of, const ReportSpec& spec)
{
  // Both states from their entries: each entry carries the revision that wrote it.
  const std::int64_t since = spec.since.value_or(0);
  Dataset before = store.load(Store::Ledger::figures, since);
  Dataset after = store.load(Store::Ledger::figures, spec.until);
  EntrySums before_sums(before.ledger), after_sums(after.ledger);
  const std::int64_t until = spec.until.value_or(store.last_revision());
  std::vector<Revision> between;
  for (auto& r : store.revisions())
    if (r.number > since && r.number <= until) between.push_back(std::move(r));
  return changes_report({before, before_sums, after, after_sums, since, std::move(between),
                         store.versions_between(since, until)},
                        as_of, spec);
}

Table run_report(const Store& store, Date as_of, const ReportSpec& spec)
{
  // The records and the ledger's running totals in one read transaction, so that both are of one moment.
  Table table;
  store.read_consistently([&]() {
    if (spec.kind == ReportKind::changes) {
      table = changes_between(store, as_of, spec);
      return;
    }
    // As known at a revision: its records, and the running totals less the entries written after it.
    Dataset data = store.load(Store::Ledger::none, spec.known_at, info(spec.kind).reads);
    auto sums = store.sums(spec.known_at);
    table = compute_report(data, as_of, spec, *sums);
  });
  return table;
}

}  // namespace klynge::reports

#include "klynge/reports/reports.hpp"

#include <algorithm>
#include <stdexcept>

#include "klynge/error.hpp"
#include "klynge/store.hpp"

namespace klynge::reports {

const std::vector<ReportInfo>& report_infos()
{
  static const std::vector<ReportInfo> infos{
      {ReportKind::funds, "funds", false, true, funds_report},
      {ReportKind::status, "status", false, false, status_report},
      {ReportKind::coverage, "coverage", true, false, coverage_report},
      {ReportKind::variance, "variance", false, false, variance_report},
      {ReportKind::timeline, "timeline", false, false, timeline_report},
      {ReportKind::handover, "handover", false, false, handover_report},
      {ReportKind::decisions, "decisions", false, false, decisions_report},
      {ReportKind::indicators, "indicators", false, false, indicators_report},
      {ReportKind::reporting, "reporting", false, false, reporting_report},
      {ReportKind::sharing, "sharing", true, false, sharing_report, true},
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
    throw UsageError("--from/--to set the window of coverage and the periods of funds --by, not of " + name);
  if (spec.by && !r.periods) throw UsageError("--by applies to funds, not to " + name);
  if (r.key && spec.key.empty()) throw UsageError(name + " needs --key K: the cost-sharing key to split by");
  if (!r.key && !spec.key.empty()) throw UsageError("--key applies to sharing, not to " + name);
  if (r.key && spec.from.has_value() != spec.to.has_value())
    throw UsageError("--from and --to go together in " + name + ": the window whose estimated costs are shared");
}

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec)
{
  EntrySums sums(data.ledger);
  return compute_report(data, as_of, spec, sums);
}

void check_filters(const Dataset& data, const ReportSpec& spec)
{
  if (!spec.body.empty() && std::none_of(data.bodies.begin(), data.bodies.end(), [&](const Body& b) { return b.id == spec.body; }))
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--body"), Severity::error, "unknown body '" + spec.body + "'"}});
  if (!spec.initiative.empty() &&
      std::none_of(data.initiatives.begin(), data.initiatives.end(), [&](const Initiative& i) { return i.id == spec.initiative; }))
    throw DataError(std::vector<Diagnostic>{
        {Location::of_option("--initiative"), Severity::error, "unknown initiative '" + spec.initiative + "'"}});
  if (!spec.group.empty()) group_and_descendants(data, spec.group);
  if (!spec.key.empty() && std::none_of(data.keys.begin(), data.keys.end(), [&](const KeyShare& k) { return k.key == spec.key; }))
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--key"), Severity::error, "unknown key '" + spec.key + "'"}});
}

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums)
{
  check_filters(data, spec);
  Snapshot snap(data, as_of, sums);
  ReportSpec selected = spec;
  select_group(data, snap, selected);
  return compute_selected(snap, selected);
}

Table compute_selected(const Snapshot& snap, const ReportSpec& spec)
{
  const ReportInfo& r = info(spec.kind);
  Table t = r.compute(snap, spec);
  t.report = std::string(r.name);
  t.as_of = snap.as_of();
  return t;
}

void select_group(const Dataset& data, const Snapshot& snap, ReportSpec& spec)
{
  if (spec.group.empty()) return;
  spec.selected_groups = group_and_descendants(data, spec.group);
  auto in_group = initiatives_in(snap, spec.selected_groups);
  if (spec.selected_initiatives)  // both: the initiatives in both
    std::erase_if(in_group, [&](const std::string& id) { return !spec.selected_initiatives->count(id); });
  spec.selected_initiatives = std::move(in_group);
}

std::set<std::string> group_and_descendants(const Dataset& data, const std::string& group)
{
  if (std::none_of(data.groups.begin(), data.groups.end(), [&](const Group& g) { return g.id == group; }))
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--group"), Severity::error, "unknown group '" + group + "'"}});
  std::set<std::string> out{group};
  // Add children until nothing changes (the import refuses cycles; a set stops one anyway).
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& g : data.groups)
      if (!g.parent.empty() && out.count(g.parent) && out.insert(g.id).second) grew = true;
  }
  return out;
}

std::set<std::string> initiatives_in(const Snapshot& snap, const std::set<std::string>& groups)
{
  std::set<std::string> out;
  for (const auto& s : snap.initiatives())
    if (groups.count(s.group)) out.insert(s.initiative->id);
  return out;
}

Table run_report(const Store& store, Date as_of, const ReportSpec& spec)
{
  // The records and the ledger's running totals in one read transaction, so that both are of one moment.
  Table table;
  store.read_consistently([&]() {
    Dataset data = store.load(Store::Ledger::none);
    auto sums = store.sums();
    table = compute_report(data, as_of, spec, *sums);
  });
  return table;
}

}  // namespace klynge::reports

#include "klynge/reports/reports.hpp"

#include <algorithm>
#include <stdexcept>

#include "klynge/error.hpp"

namespace klynge::reports {

const std::vector<std::string>& report_names()
{
  static const std::vector<std::string> names{"funds", "status", "coverage", "variance", "timeline", "handover", "decisions"};
  return names;
}

bool is_report(const std::string& name)
{
  const auto& n = report_names();
  return std::find(n.begin(), n.end(), name) != n.end();
}

Period parse_period(const std::string& word)
{
  if (word == "month") return Period::month;
  if (word == "quarter") return Period::quarter;
  if (word == "year") return Period::year;
  throw UsageError("--by: unknown period '" + word + "' (one of: month, quarter, year)");
}

bool needs_entries(const ReportSpec& spec)
{
  return spec.name == "decisions" || spec.name == "handover";
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
}

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums)
{
  check_filters(data, spec);
  if (needs_entries(spec) && sums.entries() != &data.ledger)
    throw std::logic_error("report " + spec.name + " needs the ledger entries of its dataset");
  Snapshot snap(data, as_of, sums);
  ReportSpec selected = spec;
  select_group(data, snap, selected);
  return compute_selected(data, snap, selected);
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

Table compute_selected(const Dataset& data, const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  if (spec.name == "funds") t = funds_report(data, snap, spec);
  else if (spec.name == "status") t = status_report(snap, spec);
  else if (spec.name == "coverage") t = coverage_report(snap, spec);
  else if (spec.name == "variance") t = variance_report(snap, spec);
  else if (spec.name == "timeline") t = timeline_report(snap, spec);
  else if (spec.name == "handover") t = handover_report(snap, spec);
  else if (spec.name == "decisions") t = decisions_report(snap, spec);
  else throw UsageError("unknown report '" + spec.name + "'");
  t.report = spec.name;
  t.as_of = snap.as_of();
  return t;
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

}  // namespace klynge::reports

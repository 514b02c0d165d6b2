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

Table compute_report(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums)
{
  if (!spec.body.empty() && std::none_of(data.bodies.begin(), data.bodies.end(), [&](const Body& b) { return b.id == spec.body; }))
    throw DataError(std::vector<Diagnostic>{{Location::of_option("--body"), Severity::error, "unknown body '" + spec.body + "'"}});
  if (!spec.initiative.empty() &&
      std::none_of(data.initiatives.begin(), data.initiatives.end(), [&](const Initiative& i) { return i.id == spec.initiative; }))
    throw DataError(std::vector<Diagnostic>{
        {Location::of_option("--initiative"), Severity::error, "unknown initiative '" + spec.initiative + "'"}});
  if (needs_entries(spec) && sums.entries() != &data.ledger)
    throw std::logic_error("report " + spec.name + " needs the ledger entries of its dataset");
  Snapshot snap(data, as_of, sums);
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
  t.as_of = as_of;
  return t;
}

}  // namespace klynge::reports

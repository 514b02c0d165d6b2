// What an export writes to `retired-FILE.csv`: the records retired in place that its ledger still names.
#include "klynge/retired_records.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "ledger_sql.hpp"

namespace klynge {

namespace {

bool kept_in_place(const FileSpec& spec) { return detail::kept_in_place(spec.table); }

/// The text of record i's stored column `column` (empty when NULL or not a column of the kind).
std::string column_of(const FileSpec& spec, const Dataset& data, std::size_t i, std::string_view column)
{
  std::vector<DbValue> values;
  spec.ops->to_db(data, i, values);
  for (std::size_t c = 0; c < spec.stored.size(); ++c)
    if (spec.stored[c].stored == column) return std::string(db_text(values[c]));
  return {};
}

}  // namespace

Dataset retired_named_by(const Dataset& data, Dataset candidates, std::optional<std::int64_t> known_at)
{
  std::map<std::string, std::set<std::string>> in_force;  // table → ids
  for (const auto& spec : file_specs())
    if (kept_in_place(spec))
      for (std::size_t i = 0, n = spec.ops->count(data); i < n; ++i)
        in_force[std::string(spec.table)].insert(column_of(spec, data, i, "id"));
  // Of each retired record, the version stamped last (up to known_at).
  std::map<std::pair<std::string, std::string>, std::pair<const FileSpec*, std::size_t>> latest;
  for (const auto& spec : file_specs()) {
    if (!kept_in_place(spec)) continue;
    for (std::size_t i = 0, n = spec.ops->count(candidates); i < n; ++i) {
      const std::int64_t stamp = spec.ops->source(candidates, i).revision;
      if (known_at && stamp > *known_at) continue;
      auto& best = latest[{std::string(spec.table), column_of(spec, candidates, i, "id")}];
      if (!best.first || spec.ops->source(candidates, best.second).revision <= stamp) best = {&spec, i};
    }
  }
  // What the ledger names and nothing in force is, and what those records name in turn.
  std::vector<std::pair<std::string, std::string>> todo;
  std::set<std::pair<std::string, std::string>> wanted;
  auto want = [&](const std::string& table, const std::string& id) {
    if (id.empty() || in_force[table].count(id) || !wanted.insert({table, id}).second) return;
    todo.emplace_back(table, id);
  };
  for (const auto& e : data.ledger) {
    want("bodies", e.body);
    want("bodies", e.counterparty);
    want("initiatives", e.initiative);
    want("decisions", e.decision);
  }
  while (!todo.empty()) {
    const auto key = todo.back();
    todo.pop_back();
    const auto found = latest.find(key);
    if (found == latest.end()) continue;  // not kept: the import of the export names it as unknown
    const auto& [spec, i] = found->second;
    for (const auto& ref : detail::record_references())
      if (ref.table == spec->table) want(ref.parent, column_of(*spec, candidates, i, ref.column));
  }
  // In the order they were kept: one kind after another, as an import reads them.
  Dataset out;
  for (const auto& spec : file_specs()) {
    if (!kept_in_place(spec)) continue;
    std::vector<std::size_t> chosen;
    for (const auto& [key, at] : latest)
      if (at.first == &spec && wanted.count(key)) chosen.push_back(at.second);
    std::sort(chosen.begin(), chosen.end());
    for (std::size_t i : chosen) spec.ops->move_to(candidates, i, out);
  }
  return out;
}

std::string retired_file_name(const FileSpec& spec) { return "retired-" + std::string(spec.file); }

const FileSpec* spec_for_retired_file(std::string_view name)
{
  for (const auto& spec : file_specs())
    if (kept_in_place(spec) && name == retired_file_name(spec)) return &spec;
  return nullptr;
}

}  // namespace klynge

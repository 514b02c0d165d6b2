#include "klynge/model.hpp"

namespace klynge {

Diagnostic Source::problem(const std::string& column, const std::string& message, Severity severity) const
{
  Location where;
  std::string label = column;
  const Column* col = nullptr;
  if (columns) {
    if (auto it = columns->find(column); it != columns->end()) col = &it->second;
  }
  if (col) label = col->label;
  if (!file.empty()) {
    where = Location::in_file(file, line, col ? col->number : 0);
    return {where, severity, label + ": " + message};
  }
  // From `add`: name the option.
  where = Location::of_option(col ? col->label : "--" + column);
  return {where, severity, message};
}

std::string Source::origin() const
{
  if (file.empty()) return "add";
  return file + ":" + std::to_string(line);
}

}  // namespace klynge

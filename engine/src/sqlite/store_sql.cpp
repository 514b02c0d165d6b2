// SQL that follows from the record kinds' descriptions.
#include "store_sql.hpp"

#include <stdexcept>

namespace klynge::detail {

std::string_view stored_name(const FileSpec& spec, std::string_view canonical)
{
  for (const auto& c : spec.stored)
    if (c.name == canonical) return c.stored;
  throw std::logic_error("no stored column '" + std::string(canonical) + "' in " + std::string(spec.table));
}

std::string column_list(const FileSpec& spec, bool figures_only)
{
  std::string out;
  for (const auto& c : spec.stored) {
    if (!out.empty()) out += ", ";
    // Texts nobody computes with are read as empty when only the figures are wanted.
    if (figures_only && !c.figures) out += "'' AS ";
    out += c.stored;
  }
  return out;
}

}  // namespace klynge::detail

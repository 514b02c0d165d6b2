// SQL that follows from the record kinds' descriptions and the table of entry kinds.
#include "store_sql.hpp"

#include <functional>
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

namespace {

std::string case_of(const std::string& kind_column, const std::function<int(const EntryKindRule&)>& sign)
{
  std::string sql = "(CASE " + kind_column;
  for (const auto& rule : entry_kind_rules())
    if (int s = sign(rule)) sql += " WHEN '" + std::string(to_text(rule.kind)) + "' THEN " + std::to_string(s);
  return sql + " ELSE 0 END)";
}

}  // namespace

std::string sql_figure_sign(Figure figure, const std::string& kind_column)
{
  // One sign per kind and figure: a kind that moves a figure moves it the same way whoever's it is (a stated
  // property of the table, checked here).
  return case_of(kind_column, [figure](const EntryKindRule& r) {
    int sign = 0;
    for (const auto& e : r.effects)
      if (e.figure == figure) {
        if (sign && sign != e.sign) throw std::logic_error("an entry kind moves one figure both ways");
        sign = e.sign;
      }
    return sign;
  });
}

}  // namespace klynge::detail

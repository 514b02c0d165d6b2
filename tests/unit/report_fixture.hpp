#pragma once
// Helpers to read report tables in tests: the cell of a row (by its first column) and a column.
#include <sstream>

#include "klynge/reports/render.hpp"
#include "klynge/reports/reports.hpp"
#include "mini.hpp"

namespace klynge::test {

inline reports::Table report(const Dataset& data, const char* name, const char* as_of, reports::ReportSpec spec = {})
{
  spec.kind = reports::parse_report(name);
  return reports::compute_report(data, parse_date(as_of), spec);
}

/// The row whose column `key_column` reads `key` (text cells).
inline const reports::Row& row_of(const reports::Table& t, const std::string& key, const std::string& key_column = "")
{
  int c = key_column.empty() ? 0 : t.column(key_column);
  for (const auto& r : t.rows)
    if (auto s = std::get_if<std::string>(&r[std::size_t(c)]); s && *s == key) return r;
  BOOST_FAIL("no row " + key);
  throw;
}

inline Money money_at(const reports::Table& t, const reports::Row& r, const std::string& column)
{
  int c = t.column(column);
  BOOST_REQUIRE(c >= 0);
  auto m = std::get_if<Money>(&r[std::size_t(c)]);
  BOOST_REQUIRE(m);
  return *m;
}

inline std::string text_at(const reports::Table& t, const reports::Row& r, const std::string& column)
{
  int c = t.column(column);
  BOOST_REQUIRE(c >= 0);
  reports::Table one;
  one.columns = {t.columns[std::size_t(c)]};
  one.add_row({r[std::size_t(c)]});
  std::ostringstream out;
  reports::render(out, one, reports::Format::csv, Lang::en);
  std::string s = out.str();
  s = s.substr(s.find('\n') + 1);
  s = s.substr(0, s.size() - 1);
  if (s.size() >= 2 && s.front() == '"') s = s.substr(1, s.size() - 2);  // a quoted field: the text inside
  return s;
}

inline std::string render_text(const reports::Table& t, reports::Format f, Lang lang = Lang::da)
{
  std::ostringstream out;
  reports::render(out, t, f, lang);
  return out.str();
}

}  // namespace klynge::test

#pragma once
// Builds a Dataset from interchange CSV text through the real reader and import checks.
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "klynge/import.hpp"
#include "klynge/interchange.hpp"

namespace klynge {
/// Lets Boost.Test print amounts in failure messages.
inline std::ostream& operator<<(std::ostream& out, Money m) { return out << format_money(m, MoneyStyle::danish); }
}  // namespace klynge

namespace klynge::test {

/// Files by name (`ledger.csv`) to their text; read in import order and checked as one import.
inline Dataset dataset(const std::vector<std::pair<std::string, std::string>>& files)
{
  Dataset incoming;
  std::vector<Diagnostic> problems;
  for (const auto& spec : file_specs())
    for (const auto& [name, text] : files)
      if (name == spec.file) {
        std::istringstream in(text);
        read_interchange(in, name, spec, sha256_text(text), incoming, problems);
      }
  ImportPlan plan = plan_import(Dataset{}, std::move(incoming), problems);
  for (const auto& p : problems) BOOST_TEST_MESSAGE(format_diagnostic(p));
  BOOST_REQUIRE(problems.empty());
  return std::move(plan.inserts);
}

/// The problems an import of these files (into an empty database) would report.
inline std::vector<std::string> problems_of(const std::vector<std::pair<std::string, std::string>>& files,
                                            const Dataset& existing = {})
{
  Dataset incoming;
  std::vector<Diagnostic> problems;
  for (const auto& spec : file_specs())
    for (const auto& [name, text] : files)
      if (name == spec.file) {
        std::istringstream in(text);
        read_interchange(in, name, spec, sha256_text(text), incoming, problems);
      }
  plan_import(existing, std::move(incoming), problems);
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(format_diagnostic(p));
  return out;
}

inline Date d(const char* s) { return parse_date(s); }
inline Money kr(const char* s) { return parse_money(s, Lang::da); }

}  // namespace klynge::test

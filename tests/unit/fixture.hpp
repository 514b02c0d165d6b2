#pragma once
// Builds a Dataset from interchange CSV text through the real reader and import checks.
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "klynge/import.hpp"
#include "klynge/interchange.hpp"
#include "klynge/store.hpp"

namespace klynge {
/// Lets Boost.Test print amounts in failure messages.
inline std::ostream& operator<<(std::ostream& out, Money m) { return out << format_money(m, MoneyStyle::danish); }
}  // namespace klynge

namespace klynge::test {

/// Files by name (`ledger.csv`) to their text, imported as one folder into an empty in-memory database;
/// the records as stored.
inline Dataset dataset(const std::vector<std::pair<std::string, std::string>>& files)
{
  auto store = Store::in_memory();
  try {
    import_texts(*store, files);
  } catch (const DataError& e) {
    for (const auto& p : e.problems()) BOOST_TEST_MESSAGE(format_diagnostic(p));
    BOOST_FAIL("the test data does not import");
  }
  return store->load();
}

/// The problems an import of these files reports, after an import of `before` (when given).
inline std::vector<std::string> problems_of(const std::vector<std::pair<std::string, std::string>>& files,
                                            const std::vector<std::pair<std::string, std::string>>& before = {})
{
  auto store = Store::in_memory();
  if (!before.empty()) import_texts(*store, before);
  std::vector<std::string> out;
  try {
    import_texts(*store, files);
  } catch (const DataError& e) {
    for (const auto& p : e.problems()) out.push_back(format_diagnostic(p));
  }
  return out;
}

inline Date d(const char* s) { return parse_date(s); }
inline Money kr(const char* s) { return parse_money(s, Lang::da); }

}  // namespace klynge::test

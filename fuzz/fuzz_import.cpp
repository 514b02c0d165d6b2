// Fuzzes a whole-folder import into an in-memory database. The input holds several files as sections, each
// starting with a line `==> name.csv <==` (as `head` prints them). An import either fails with DataError and
// writes nothing, or succeeds; then every report is computed and its totals must equal the sums of its rows.
#include <cstdint>
#include <string>
#include <vector>

#include "klynge/import.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/store.hpp"

namespace {

std::vector<std::pair<std::string, std::string>> sections(const std::string& input)
{
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    std::string line = input.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? input.size() : end + 1;
    if (line.rfind("==> ", 0) == 0 && line.size() > 8 && line.compare(line.size() - 4, 4, " <==") == 0)
      files.emplace_back(line.substr(4, line.size() - 8), std::string());
    else if (!files.empty())
      files.back().second += line + (end == std::string::npos ? "" : "\n");
  }
  return files;
}

void check_totals(const klynge::reports::Table& t)
{
  using namespace klynge;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].type != reports::CellType::money) continue;
    Money sum;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.total[r]) {
        if (std::get<Money>(t.rows[r][c]) != sum) __builtin_trap();
        sum = Money{};
      } else if (auto m = std::get_if<Money>(&t.rows[r][c])) {
        sum += *m;
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  using namespace klynge;
  auto files = sections(std::string(reinterpret_cast<const char*>(data), size));
  if (files.empty()) return 0;
  auto store = Store::in_memory();
  try {
    import_texts(*store, files);
  } catch (const DataError&) {
    if (store->load().size() != 0) __builtin_trap();  // all or nothing
    return 0;
  } catch (const ValueError&) {
    return 0;  // an amount too large to add up: refused, as it should be
  }
  Dataset d = store->load();
  for (const char* day : {"2024-06-30", "2025-12-31", "2027-01-01"}) {
    for (const auto& name : reports::report_names()) {
      reports::ReportSpec spec;
      spec.kind = reports::parse_report(name);
      try {
        check_totals(reports::compute_report(d, parse_date(day), spec));
      } catch (const ValueError&) {
        // Sums beyond the range of an amount are refused rather than wrapped.
      }
    }
  }
  return 0;
}

// Fuzzes a whole-folder import into an in-memory database. The input holds several files as sections, each
// starting with a line `==> name.csv <==` (as `head` prints them). An import either fails with DataError and
// writes nothing, or succeeds; then the ledger's chain must hold, and every report is computed and its totals must
// equal the sums of its rows.
//
// Inputs over the limits (a line over 1 MiB, a field over 64 KiB, a quoted field over many lines) do not fit in
// what the fuzzer mutates, so a section's header may say how to grow it: `==> name.csv <== xN` repeats N times the
// part of the section's text between `{{` and `}}` (the whole text when it has no such part), e.g.
// `x,2025-07-01,receipt,vest,1.00,"{{a\n}}"` for a quoted field of N short lines. A grown section stops at 3 MiB,
// past every limit of the reader.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "klynge/import.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/store.hpp"

namespace {

constexpr std::size_t grown_limit = 3u << 20;

struct Section
{
  std::string name, text;
  std::size_t times = 0;  ///< 0: as it is
};

/// Reads `==> name <==` and `==> name <== xN`.
bool header(const std::string& line, Section& out)
{
  if (line.rfind("==> ", 0) != 0) return false;
  const std::size_t close = line.find(" <==", 4);
  if (close == std::string::npos || close == 4) return false;
  out = Section{line.substr(4, close - 4), {}, 0};
  const std::string rest = line.substr(close + 4);
  if (rest.empty()) return true;
  if (rest.size() < 3 || rest[0] != ' ' || rest[1] != 'x') return false;
  std::size_t n = 0;
  for (std::size_t i = 2; i < rest.size(); ++i) {
    if (rest[i] < '0' || rest[i] > '9') return false;
    n = std::min<std::size_t>(n * 10 + std::size_t(rest[i] - '0'), grown_limit);
  }
  out.times = n;
  return true;
}

std::string grown(const Section& s)
{
  if (s.times == 0) return s.text;
  std::size_t open = s.text.find("{{"), close = std::string::npos;
  if (open != std::string::npos) close = s.text.find("}}", open + 2);
  const bool marked = close != std::string::npos;
  const std::string before = marked ? s.text.substr(0, open) : std::string();
  const std::string unit = marked ? s.text.substr(open + 2, close - open - 2) : s.text;
  const std::string after = marked ? s.text.substr(close + 2) : std::string();
  std::string out = before;
  for (std::size_t i = 0; i < s.times && !unit.empty() && out.size() < grown_limit; ++i) out += unit;
  return out + after;
}

std::vector<std::pair<std::string, std::string>> sections(const std::string& input)
{
  std::vector<Section> found;
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    std::string line = input.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? input.size() : end + 1;
    Section next;
    if (header(line, next))
      found.push_back(std::move(next));
    else if (!found.empty())
      found.back().text += line + (end == std::string::npos ? "" : "\n");
  }
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& s : found) files.emplace_back(s.name, grown(s));
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
  // Every entry written carries its hash: the chain holds and reaches the head.
  if (!store->chain_problems().empty() || store->ledger_head().entries != std::int64_t(store->load().ledger.size()))
    __builtin_trap();
  Dataset d = store->load();
  for (const char* day : {"2024-06-30", "2025-12-31", "2027-01-01"}) {
    for (const auto& name : reports::snapshot_report_names()) {
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

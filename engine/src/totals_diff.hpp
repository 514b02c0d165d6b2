#pragma once
// Inside the stores: comparing the running totals kept with a fresh sum of the ledger, and the text `check` shows
// for a difference — one algorithm for both backends, each reading its rows with its own SQL.
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace klynge::detail {

using KeyTexts = std::array<std::string, 5>;  ///< body, initiative, counterparty, kind, category

/// One row of the running totals per key and day: as kept (`ledger_days`), or as a fresh sum of the ledger gives it.
struct TotalsRow
{
  std::optional<std::int64_t> key;  ///< none: entries whose key is not stored (only a fresh sum has those)
  KeyTexts text;                    ///< the texts of an entry whose key is not stored
  std::string day;
  std::int64_t amount = 0, entries = 0, running = 0;  ///< `running`: the key's sum to the day, kept rows only
                                                      ///< (kept: the year's opening added; a fresh one's is summed here)
};

/// Merges the fresh sums with the kept rows, both in key and day order (rows with no key stored anywhere among the
/// fresh ones), counting every row found on one side only or with other figures, once per side it is on, and says
/// where the first (by day, then texts) is, as text; empty when they agree. `next_*` fill a row, false at the end.
std::vector<std::string> totals_differences(const std::unordered_map<std::int64_t, KeyTexts>& keys,
                                            const std::function<bool(TotalsRow&)>& next_fresh,
                                            const std::function<bool(TotalsRow&)>& next_kept);

/// The running sum given to a kept day whose year is not kept: never a sum of the ledger (those are at most
/// max_total_ore), so that the day differs.
constexpr std::int64_t no_running = std::numeric_limits<std::int64_t>::min();

/// The text for `n` kept years (ledger_years) whose total is not the sum of their days, or that have none (or days
/// with no year kept); the first by year and key is named.
std::string years_difference(std::int64_t n, const std::unordered_map<std::int64_t, KeyTexts>& keys,
                             std::int64_t first_key, const std::string& first_year);

/// The text for a kept magnitude that is not the ledger's sum; nothing when they agree.
std::optional<std::string> magnitude_difference(std::int64_t kept, std::int64_t summed);

}  // namespace klynge::detail

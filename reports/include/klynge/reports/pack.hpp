#pragma once
/// @file pack.hpp
/// @brief The meeting pack: the seven reports for one steering group (or body, or all) as of a date, as one
/// workbook with native charts, one self-contained page with SVG charts, and the tables themselves (for csv-da).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "klynge/reports/reports.hpp"

namespace klynge::reports {

struct PackSpec
{
  Date as_of;
  std::string group;       ///< empty: all
  std::string body;        ///< empty: all; else the initiatives the body owns as of the date
  std::vector<std::string> initiatives;  ///< empty: all
  Lang lang = Lang::da;
  std::int64_t generated = 0;  ///< seconds since 1970 (UTC): the generation time the cover shows
  std::optional<std::int64_t> known_at;  ///< the revision the books are as known at (the cover says so), else now
};

struct Pack
{
  std::vector<Table> tables;  ///< funds, status, variance, coverage, timeline, handover, decisions; then indicators
                              ///< and reporting when they have rows; then changes when there was a meeting before
  std::string xlsx;           ///< pack.xlsx
  std::string html;           ///< pack.html
};

/// The pack's last sheet: what changed since the previous meeting (design §14: `changes --since` that meeting).
struct PackChanges
{
  Meeting meeting;           ///< the previous meeting before the pack's date
  std::int64_t since = 0;    ///< the last revision recorded by the end of the meeting's day
  Table table;               ///< `report changes --since` that revision
};

/// The latest meeting before the pack's date of its steering group (with `--body`, of the body's groups; without
/// either, of any group); none if there is none.
std::optional<Meeting> previous_meeting(const Dataset& data, const PackSpec& spec);

/// The report names of a pack, in its order.
const std::vector<std::string>& pack_reports();

/// Makes the pack from everything stored (with its ledger entries: decisions and hand-over list them).
/// @throws DataError when --group, --body or --initiative names something that does not exist.
/// `changes`, when given, becomes the last sheet and a line of the cover.
Pack make_pack(const Dataset& data, const LedgerSums& sums, const PackSpec& spec, const PackChanges* changes = nullptr);

/// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`.
std::string utc_text(std::int64_t seconds);

}  // namespace klynge::reports

#pragma once
/// @file indicators.hpp
/// @brief "Is it working?": each indicator of an initiative as of a date (design §14) — its latest and previous
/// measurement, the change against the baseline, whether that is the better way, and a RAG colour against the
/// target.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "klynge/rag.hpp"

namespace klynge {

struct IndicatorReading
{
  const Indicator* indicator = nullptr;
  const Measurement* latest = nullptr;    ///< the latest measurement dated on or before the date
  const Measurement* previous = nullptr;  ///< the one before it
  std::optional<Decimal> change;          ///< latest − baseline (points for percent)
  std::optional<bool> better;             ///< whether the change goes the indicator's direction
  std::optional<RagColour> rag;           ///< empty without a target or a measurement
};

/// Every indicator's reading as of the snapshot's date, by initiative; an initiative's in the order they were
/// recorded.
using IndicatorReadings = std::unordered_map<std::string, std::vector<IndicatorReading>>;
IndicatorReadings read_indicators(const Snapshot& snap);

/// The readings of one initiative (none when it has no indicators).
const std::vector<IndicatorReading>& readings_of(const IndicatorReadings& all, const std::string& initiative);

/// The colour of a value against a target: green when met or missed by at most amber_pct % of the target,
/// amber up to red_pct %, red beyond; a target of 0 is green only when met.
RagColour target_colour(Decimal value, Decimal target, Direction direction, const RagRules& rules);

/// A figure of a count indicator (citizens, courses) is a whole number, not negative: `119,0` is one, `-3` and
/// `2,5` are not.
bool whole_count(const Decimal& d);

/// The worst colour of an initiative's readings; empty when none has one.
std::optional<RagColour> worst_colour(const std::vector<IndicatorReading>& readings);

}  // namespace klynge

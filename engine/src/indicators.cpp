// Indicators as of a date (design §14): latest and previous measurement, change, direction, RAG against target.
#include "klynge/indicators.hpp"

#include <algorithm>

namespace klynge {

RagColour target_colour(Decimal value, Decimal target, Direction direction, const RagRules& rules)
{
  const bool met = direction == Direction::lower ? value <= target : value >= target;
  if (met) return RagColour::green;
  auto off = percent_off(value, target, target);  // hundredths of a percent of the target, rounded up
  if (!off) return RagColour::red;                 // a target of 0, missed
  if (*off <= rules.indicator_amber_pct) return RagColour::green;
  if (*off <= rules.indicator_red_pct) return RagColour::amber;
  return RagColour::red;
}

std::vector<IndicatorReading> read_indicators(const Snapshot& snap, const std::string& initiative)
{
  std::vector<IndicatorReading> out;
  const Date d = snap.as_of();
  for (const auto& ind : snap.data().indicators) {
    if (!initiative.empty() && ind.initiative != initiative) continue;
    IndicatorReading r;
    r.indicator = &ind;
    for (const auto& m : snap.data().measurements) {
      if (m.initiative != ind.initiative || m.indicator != ind.id || d < m.date) continue;
      if (!r.latest || r.latest->date < m.date) r.previous = r.latest, r.latest = &m;
      else if (!r.previous || r.previous->date < m.date) r.previous = &m;
    }
    if (r.latest && ind.baseline) {
      r.change = difference(r.latest->value, *ind.baseline);
      r.better = ind.direction == Direction::lower ? r.change->is_negative() : (Decimal{} < *r.change);
    }
    if (r.latest && ind.target) r.rag = target_colour(r.latest->value, *ind.target, ind.direction, snap.rules());
    out.push_back(r);
  }
  return out;
}

std::optional<RagColour> worst_indicator_colour(const Snapshot& snap, const std::string& initiative)
{
  std::optional<RagColour> worst;
  for (const auto& r : read_indicators(snap, initiative))
    if (r.rag) worst = worst ? std::max(*worst, *r.rag) : *r.rag;
  return worst;
}

}  // namespace klynge

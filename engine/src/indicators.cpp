// Indicators as of a date (design §14): latest and previous measurement, change, direction, RAG against target.
#include "klynge/indicators.hpp"

#include <algorithm>
#include <unordered_map>

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

IndicatorReadings read_indicators(const Snapshot& snap)
{
  // One pass over the measurements, then one over the indicators: a per-initiative scan of every measurement made
  // status and the pack quadratic in the initiatives.
  struct LatestTwo
  {
    const Measurement* latest = nullptr;
    const Measurement* previous = nullptr;
  };
  std::unordered_map<std::string, LatestTwo> measured;
  const Date d = snap.as_of();
  for (const auto& m : snap.data().measurements) {
    if (d < m.date) continue;
    LatestTwo& r = measured[m.initiative + '\x1f' + m.indicator];
    if (!r.latest || r.latest->date < m.date) r.previous = r.latest, r.latest = &m;
    else if (!r.previous || r.previous->date < m.date) r.previous = &m;
  }
  IndicatorReadings out;
  for (const auto& ind : snap.data().indicators) {
    IndicatorReading r;
    r.indicator = &ind;
    if (const auto it = measured.find(ind.initiative + '\x1f' + ind.id); it != measured.end())
      r.latest = it->second.latest, r.previous = it->second.previous;
    if (r.latest && ind.baseline) {
      r.change = difference(r.latest->value, *ind.baseline);
      r.better = ind.direction == Direction::lower ? r.change->is_negative() : (Decimal{} < *r.change);
    }
    if (r.latest && ind.target) r.rag = target_colour(r.latest->value, *ind.target, ind.direction, snap.rules());
    out[ind.initiative].push_back(r);
  }
  return out;
}

const std::vector<IndicatorReading>& readings_of(const IndicatorReadings& all, const std::string& initiative)
{
  static const std::vector<IndicatorReading> none;
  const auto it = all.find(initiative);
  return it == all.end() ? none : it->second;
}

std::optional<RagColour> worst_colour(const std::vector<IndicatorReading>& readings)
{
  std::optional<RagColour> worst;
  for (const auto& r : readings)
    if (r.rag) worst = worst ? std::max(*worst, *r.rag) : *r.rag;
  return worst;
}

bool whole_count(const Decimal& d)
{
  if (d.is_negative()) return false;
  std::int64_t unit = 1;
  for (int i = 0; i < d.decimals(); ++i) unit *= 10;
  return d.units() % unit == 0;
}

}  // namespace klynge

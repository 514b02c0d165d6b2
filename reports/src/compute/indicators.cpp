// indicators: "is it working?" — per indicator as of the date, the latest and previous measurement against the
// baseline and the target (design §14).
#include "columns.hpp"
#include "common.hpp"
#include "klynge/indicators.hpp"
#include "klynge/reports/wording.hpp"

namespace klynge::reports {

namespace {
Cell opt_number(const std::optional<Decimal>& d) { return d ? Cell{*d} : Cell{}; }
}  // namespace

Table indicators_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative, cols::indicator, cols::name, cols::unit, cols::direction, cols::baseline,
               cols::latest, cols::latest_date, cols::previous, cols::previous_date, cols::change, cols::target,
               cols::target_date, cols::better, cols::rag};
  const IndicatorReadings indicators = read_indicators(snap);
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    for (const auto& r : readings_of(indicators, s.initiative->id)) {
      const Indicator& i = *r.indicator;
      Row row{i.initiative, i.id, i.name, word(i.unit), word(i.direction), opt_number(i.baseline),
              r.latest ? Cell{r.latest->value} : Cell{}, r.latest ? Cell{r.latest->date} : Cell{},
              r.previous ? Cell{r.previous->value} : Cell{}, r.previous ? Cell{r.previous->date} : Cell{},
              opt_number(r.change), opt_number(i.target), opt(i.target_date),
              r.better ? Cell{*r.better} : Cell{}, r.rag ? Cell{word(*r.rag)} : Cell{}};
      t.add_row(std::move(row));
    }
  }
  return t;
}

}  // namespace klynge::reports

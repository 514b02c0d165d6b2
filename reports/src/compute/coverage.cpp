// coverage: money available (the initiative's remaining budget and its owner's free pool money) against
// the estimated costs in a window. No total row: initiatives of one owner share the same free money.
#include "columns.hpp"
#include "common.hpp"

namespace klynge::reports {

Table coverage_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative, cols::name, cols::owner, cols::remaining, cols::owner_free, cols::available,
               cols::estimated, cols::margin, cols::from, cols::to};
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    const auto lines = snap.estimates_of(s.initiative->id);
    // The window: --from/--to, else what is left of the initiative's period after the date — from D+1, or its
    // start if later, to its end (a missing start or end taken from its estimates): "can we finish with what is
    // left?". Money already spent is not needed again.
    std::optional<Date> from = spec.from;
    std::optional<Date> to = spec.to ? spec.to : effective_end(s.end, lines);
    if (!from && snap.as_of() < Date::last()) {
      from = snap.as_of().plus_days(1);
      if (auto start = effective_start(s.initiative->start, lines); start && *from < *start) from = start;
    }
    // Nothing of the period left after the date (its end passed, or the date is the last one), or a window given
    // on one side that the period misses (`--from` after its end): no window, shown as none rather than inverted.
    if (!from || (to && *to < *from)) from.reset(), to.reset();
    Money remaining = snap.money(s.initiative->id).remaining();
    Money owner_free = max(Money{}, snap.pool(s.owner).free());
    Money available = remaining + owner_free;
    Money estimated = from && to ? estimated_in(lines, *from, *to) : Money{};
    t.add_row({s.initiative->id, s.initiative->name, s.owner, remaining, owner_free, available, estimated,
               available - estimated, opt(from), opt(to)});
  }
  return t;
}

}  // namespace klynge::reports

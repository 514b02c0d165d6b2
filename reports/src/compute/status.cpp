// status: per initiative as of the date, with money, milestones, burn rate and the RAG colour with its reasons.
#include "columns.hpp"
#include "common.hpp"
#include "klynge/indicators.hpp"
#include "klynge/rag.hpp"
#include "klynge/variance.hpp"
#include "klynge/reports/wording.hpp"

namespace klynge::reports {

namespace {

struct Burn
{
  std::optional<Money> per_month;
  std::optional<Date> run_out;
};

/// The window the burn rate is measured over: the last three full calendar months before the date (since the
/// start when shorter); nullopt when it has no days.
std::optional<std::pair<Date, Date>> burn_window(const Snapshot& snap, const InitiativeState& s)
{
  const Date d = snap.as_of();
  Date month_start = Date::from_ymd(d.year(), d.month(), 1);
  Date to = month_start.plus_days(-1);
  int y = month_start.year();
  int m = int(month_start.month()) - 3;
  if (m < 1) m += 12, --y;
  Date from = Date::from_ymd(y, unsigned(m), 1);
  if (s.initiative->start && from < *s.initiative->start) from = *s.initiative->start;
  if (to < from) to = d;  // started within the current month: since the start
  if (days_inclusive(from, to) <= 0) return std::nullopt;
  return std::make_pair(from, to);
}

/// The daily pace of spending over the burn window; shown per month as pace × 30. Run-out = date +
/// ⌊remaining ÷ pace⌋ days.
Burn burn_rate(const Snapshot& snap, const InitiativeState& s, Money remaining)
{
  const Date d = snap.as_of();
  const auto window = burn_window(snap, s);
  if (!window) return Burn{};
  const auto [from, to] = *window;
  std::int64_t days = days_inclusive(from, to);
  Burn b;
  Money spent = snap.spent_in(s.initiative->id, std::nullopt, from, to);
  // A reversal in the window of an expense from before it takes more back than the window spent: no spending, a
  // pace of 0 (a negative pace would read as money coming in, and leave the run-out empty beside money left).
  if (spent.is_negative()) spent = Money{};
  b.per_month = pro_rata(spent, 30, days);
  if (!remaining.is_negative() && !remaining.is_zero() && spent.ore() > 0) {
    // ⌊remaining × days ÷ spent⌋ days, in 128 bits.
    Wide n = Wide(remaining.ore()) * days / spent.ore();
    // A tiny pace puts the run-out thousands of years ahead (and beyond what a date can hold, which printed a
    // date in year −8232). Past 9999-12-31, the last date the formats write, it is empty, as for a pace of 0:
    // at this pace the money does not run out.
    if (n <= Wide(Date::last().days_since(d))) b.run_out = d.plus_days(static_cast<std::int64_t>(n));
  } else if (remaining.is_negative() || remaining.is_zero()) {
    b.run_out = d;
  }
  return b;
}

}  // namespace

Table status_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {cols::initiative, cols::name, cols::owner, cols::status, cols::start, cols::end, cols::budget,
               cols::spent, cols::remaining, cols::reserved_for, cols::next_milestone, cols::next_due,
               cols::overdue, cols::rag, cols::reasons, cols::burn_rate_month, cols::run_out, cols::indicators_rag};
  const Date d = snap.as_of();
  std::map<std::string, std::vector<const Milestone*>> milestones;
  for (const auto& m : snap.data().milestones) milestones[m.initiative].push_back(&m);
  // The windows the RAG rules (the estimate lines') and the burn rate ask the spending in, named before they are
  // asked for: the sums may read them at once.
  std::vector<ExpenseWindow> windows;
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    for (auto& w : line_windows(snap, s.initiative->id)) windows.push_back(std::move(w));
    if (const auto w = burn_window(snap, s)) windows.push_back({s.initiative->id, std::nullopt, w->first, w->second});
  }
  snap.will_ask_spent(std::move(windows));
  const IndicatorReadings indicators = read_indicators(snap);
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    const std::string& id = s.initiative->id;
    InitiativeMoney money = snap.money(id);

    const MilestoneSummary ms = summarise(milestones[id], d);
    const RagAssessment rag = assess(snap, s, ms);
    const Milestone* next = ms.next;

    Burn burn = burn_rate(snap, s, money.remaining());
    Row row{id, s.initiative->name, s.owner, word(s.status), opt(s.initiative->start), opt(s.end),
            money.budget, money.spent, money.remaining(), money.reserved_for,
            next ? Cell{next->name} : Cell{}, next ? Cell{next->due} : Cell{}, ms.overdue, word(rag.colour),
            words(rag.reasons)};
    row.push_back(burn.per_month ? Cell{*burn.per_month} : Cell{});
    row.push_back(opt(burn.run_out));
    const auto worst = worst_colour(readings_of(indicators, id));
    row.push_back(worst ? Cell{word(*worst)} : Cell{});
    t.add_row(std::move(row));
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

// status: per initiative as of the date, with money, milestones, burn rate and the RAG colour with its reasons.
#include "common.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

namespace {

struct Burn
{
  std::optional<Money> per_month;
  std::optional<Date> run_out;
};

/// The daily pace of spending over the last three full calendar months before the date (since the start
/// when shorter); shown per month as pace × 30. Run-out = date + ⌊remaining ÷ pace⌋ days.
Burn burn_rate(const Snapshot& snap, const InitiativeState& s, Money remaining)
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
  std::int64_t days = days_inclusive(from, to);
  Burn b;
  if (days <= 0) return b;
  Money spent = snap.spent_in(s.initiative->id, std::nullopt, from, to);
  b.per_month = pro_rata(spent, 30, days);
  if (!remaining.is_negative() && !remaining.is_zero() && spent.ore() > 0) {
    // ⌊remaining × days ÷ spent⌋ days, in 128 bits.
    Wide n = Wide(remaining.ore()) * days / spent.ore();
    // A tiny pace puts the run-out thousands of years ahead (and beyond what a date can hold, which printed a
    // date in year −8232). Past 9999-12-31, the last date the formats write, it is empty, as for a pace of 0:
    // at this pace the money does not run out.
    if (n <= Wide(Date::from_ymd(9999, 12, 31).days_since(d))) b.run_out = d.plus_days(static_cast<std::int64_t>(n));
  } else if (remaining.is_negative() || remaining.is_zero()) {
    b.run_out = d;
  }
  return b;
}

}  // namespace

Table status_report(const Snapshot& snap, const ReportSpec& spec)
{
  Table t;
  t.columns = {{"initiative", "indsats", CellType::text},
               {"name", "navn", CellType::text},
               {"owner", "ejer", CellType::text},
               {"status", "status", CellType::word},
               {"start", "start", CellType::date},
               {"end", "slut", CellType::date},
               {"budget", "budget", CellType::money},
               {"spent", "forbrug", CellType::money},
               {"remaining", "resterende", CellType::money},
               {"reserved_for", "reserveret_til", CellType::money},
               {"next_milestone", "næste_milepæl", CellType::text},
               {"next_due", "næste_frist", CellType::date},
               {"overdue", "forsinket", CellType::count},
               {"rag", "farve", CellType::word},
               {"reasons", "begrundelse", CellType::list},
               {"burn_rate_month", "forbrug_pr_måned", CellType::money},
               {"run_out", "midler_slutter", CellType::date}};
  const Date d = snap.as_of();
  const RagRules& rules = snap.rules();
  std::map<std::string, std::vector<const Milestone*>> milestones;
  for (const auto& m : snap.data().milestones) milestones[m.initiative].push_back(&m);
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, spec)) continue;
    const std::string& id = s.initiative->id;
    InitiativeMoney money = snap.money(id);

    const Milestone* next = nullptr;
    std::int64_t overdue = 0, worst_overdue_days = 0;
    for (const Milestone* mp : milestones[id]) {
      const Milestone& m = *mp;
      if (done_by(m, d)) continue;
      if (!next || m.due < next->due) next = &m;
      if (m.due < d) {
        ++overdue;
        worst_overdue_days = std::max(worst_overdue_days, d.days_since(m.due));
      }
    }

    // RAG: the worst colour of the rules that fire, with every reason.
    int colour = 0;  // 0 green, 1 amber, 2 red
    Items reasons;
    auto fire = [&](int c, std::string why, std::string hvorfor) {
      colour = std::max(colour, c);
      reasons.push_back({std::move(why), std::move(hvorfor)});
    };
    const bool running = s.status == InitiativeStatus::active || s.status == InitiativeStatus::approved ||
                         s.status == InitiativeStatus::paused || s.status == InitiativeStatus::proposed;
    if (money.remaining().is_negative())
      fire(2, "overspent: remaining " + format_money(money.remaining(), MoneyStyle::plain),
           "overforbrug: resterende " + format_money(money.remaining(), MoneyStyle::danish));
    for (const auto& v : line_variances(snap, id)) {
      auto pct = percent_of(v.variance(), v.planned);
      if (!pct) continue;
      std::string over = format_hundredths(-pct->value);
      std::string what = v.category + " " + over + " % over plan";
      std::string over_da = over;
      over_da[over_da.find('.')] = ',';  // format_hundredths always writes a point
      std::string hvad = v.category + " " + over_da + " % over planen";
      if (pct->value < -rules.red_overspend_pct) fire(2, what, hvad);
      else if (pct->value < -rules.amber_overspend_pct) fire(1, what, hvad);
    }
    std::string late = std::to_string(overdue) + " milestone(s) overdue, up to " + std::to_string(worst_overdue_days) + " days";
    std::string sent = std::to_string(overdue) + " milepæl(e) forsinket, op til " + std::to_string(worst_overdue_days) + " dage";
    if (overdue > 0 && worst_overdue_days >= rules.red_overdue_days) fire(2, late, sent);
    else if (overdue > 0 && worst_overdue_days >= rules.amber_overdue_days) fire(1, late, sent);
    if (running && s.end && *s.end < d)
      fire(1, "still " + std::string(to_text(s.status)) + " after its end " + s.end->iso(),
           "stadig " + std::string(to_danish(s.status)) + " efter slutdatoen " + s.end->danish());
    Transition tr = transition_of(snap, s);
    if (tr.runs_past_owner && tr.owner_until) {
      if (tr.successor.empty()) {
        // Past the owner's end it is red; before it, a risk still to be settled: amber.
        fire(*tr.owner_until < d ? 2 : 1, "runs past its owner's end " + tr.owner_until->iso() + " with no successor",
             "løber efter ejerens ophør " + tr.owner_until->danish() + " uden efterfølger");
      } else if (tr.days_without_owner && *tr.days_without_owner > 0) {
        fire(1, std::to_string(*tr.days_without_owner) + " days without owner before " + tr.successor + " takes over",
             std::to_string(*tr.days_without_owner) + " dage uden ejer før " + tr.successor + " overtager");
      }
    }
    static const Word colours[] = {{"green", "grøn"}, {"amber", "gul"}, {"red", "rød"}};

    Burn burn = burn_rate(snap, s, money.remaining());
    Row row{id, s.initiative->name, s.owner, word(s.status), opt(s.initiative->start), opt(s.end),
            money.budget, money.spent, money.remaining(), money.reserved_for,
            next ? Cell{next->name} : Cell{}, next ? Cell{next->due} : Cell{}, overdue, colours[colour], reasons};
    row.push_back(burn.per_month ? Cell{*burn.per_month} : Cell{});
    row.push_back(opt(burn.run_out));
    t.add_row(std::move(row));
  }
  add_total(t, 0, {{0, std::string("TOTAL")}});
  return t;
}

}  // namespace klynge::reports

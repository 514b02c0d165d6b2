// The meeting pack: one snapshot, seven reports (and indicators and reporting where there is data, and what changed
// since the previous meeting, computed by the caller from two states of knowledge), a workbook with native charts and a page with SVG charts.
#include "klynge/reports/pack.hpp"
#include "../compute/columns.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "../compute/common.hpp"
#include "charts.hpp"
#include "klynge/error.hpp"
#include "klynge/indicators.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/workbook.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

const std::vector<std::string>& pack_reports()
{
  static const std::vector<std::string> names{"funds",    "status",    "variance",   "coverage", "timeline",
                                              "handover", "decisions", "indicators", "reporting"};
  return names;
}

std::string utc_text(std::int64_t seconds)
{
  std::time_t t = std::time_t(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &utc);
  return buf;
}

namespace {

Money money_at(const Table& t, const Row& row, const std::string& key) { return value_at<Money>(t, row, key).value_or(Money{}); }
std::string text_at(const Table& t, const Row& row, const std::string& key) { return value_at<std::string>(t, row, key).value_or(""); }

std::string nothing_to_show(Lang lang)
{
  return say(lang, "Intet at vise: alle beløb er 0,00 pr. datoen.", "Nothing to show: every amount is 0.00 as of the date.");
}

/// Funds per body: received, granted, reserved, free.
BarChart funds_chart(const Table& funds, Lang lang)
{
  BarChart ch;
  ch.title = say(lang, "Midler pr. organisation (puljer med midler)", "Funds per body (pools holding money)");
  ch.nothing_to_show = nothing_to_show(lang);
  const char* keys[] = {"received", "granted", "reserved", "free"};
  for (const char* k : keys) ch.series.push_back({header_display(funds.columns[std::size_t(funds.column(k))], Format::html, lang), {}});
  for (std::size_t r = 0; r < funds.rows.size(); ++r) {
    if (funds.total[r]) continue;
    // A body with no money in its pool (a council before it starts) has nothing to draw.
    if (std::all_of(std::begin(keys), std::end(keys), [&](const char* k) { return money_at(funds, funds.rows[r], k).is_zero(); }))
      continue;
    ch.categories.push_back(text_at(funds, funds.rows[r], cols::name.key));
    for (std::size_t s = 0; s < 4; ++s) ch.series[s].values.push_back(money_at(funds, funds.rows[r], keys[s]));
  }
  return ch;
}

/// Spent against plan per initiative: the variance lines' planned and actual to date, summed per initiative.
BarChart spent_chart(const Table& variance, const Dataset& data, Lang lang)
{
  BarChart ch;
  ch.title = say(lang, "Forbrug mod plan pr. indsats", "Spent against plan per initiative");
  ch.nothing_to_show = nothing_to_show(lang);
  ch.series = {{say(lang, "Planlagt til dato", "Planned to date"), {}}, {say(lang, "Faktisk forbrug", "Actual to date"), {}}};
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < variance.rows.size(); ++r) {
    if (variance.total[r]) continue;
    const Row& row = variance.rows[r];
    std::string id = text_at(variance, row, cols::initiative.key);
    auto [it, added] = index.emplace(id, ch.categories.size());
    if (added) {
      // By name, as the page's charts and tables name initiatives.
      const auto named = std::find_if(data.initiatives.begin(), data.initiatives.end(), [&](const auto& i) { return i.id == id; });
      ch.categories.push_back(named == data.initiatives.end() ? id : named->name);
      for (auto& s : ch.series) s.values.emplace_back();
    }
    ch.series[0].values[it->second] += money_at(variance, row, cols::planned_to_date.key);
    ch.series[1].values[it->second] += money_at(variance, row, cols::actual_to_date.key);
  }
  return ch;
}

/// Variance to date per estimate line.
BarChart variance_chart(const Table& variance, Lang lang)
{
  BarChart ch;
  ch.title = say(lang, "Afvigelse til dato pr. estimatlinje", "Variance to date per estimate line");
  ch.nothing_to_show = nothing_to_show(lang);
  ch.series = {{say(lang, "Afvigelse til dato", "Variance to date"), {}}};
  for (std::size_t r = 0; r < variance.rows.size(); ++r) {
    if (variance.total[r]) continue;
    const Row& row = variance.rows[r];
    ch.categories.push_back(text_at(variance, row, cols::initiative.key) + " · " + text_at(variance, row, cols::category.key));
    ch.series[0].values.push_back(money_at(variance, row, cols::variance_to_date.key));
  }
  return ch;
}

/// One chart per indicator of the selected initiatives with a measurement on or before the date.
std::vector<IndicatorChart> indicator_charts(const Snapshot& snap, const ReportSpec& sel, Lang lang)
{
  std::vector<IndicatorChart> out;
  const IndicatorReadings indicators = read_indicators(snap);
  for (const auto& s : snap.initiatives()) {
    if (!selected(s, sel)) continue;
    for (const auto& r : readings_of(indicators, s.initiative->id)) {
      if (!r.latest) continue;
      const Indicator& i = *r.indicator;
      IndicatorChart ch;
      ch.id = i.initiative + "/" + i.id;
      ch.title = i.name + " (" + s.initiative->name + ")";
      ch.value_name = say(lang, "Måling", "Measurement");
      ch.baseline_name = say(lang, "Baseline", "Baseline");
      ch.target_name = say(lang, "Mål", "Target");
      ch.levels_name = say(lang, "Baseline og mål i diagrammet", "Baseline and target in the chart");
      std::vector<const Measurement*> ms;
      for (const auto& m : snap.data().measurements)
        if (m.initiative == i.initiative && m.indicator == i.id && !(snap.as_of() < m.date)) ms.push_back(&m);
      std::stable_sort(ms.begin(), ms.end(), [](const Measurement* a, const Measurement* b) { return a->date < b->date; });
      for (const Measurement* m : ms) ch.dates.push_back(m->date), ch.values.push_back(m->value);
      ch.baseline = i.baseline;
      ch.target = i.target;
      out.push_back(std::move(ch));
    }
  }
  return out;
}

/// The pack's name for its selection: the group's name, the body's, the initiative's, or "all".
std::vector<std::pair<std::string, std::string>> cover_lines(const Dataset& data, const PackSpec& spec,
                                                             const PackChanges* changes)
{
  const Lang lang = spec.lang;
  auto name_of = [](const auto& records, const std::string& id) {
    for (const auto& r : records)
      if (r.id == id) return r.name + " (" + id + ")";
    return id;
  };
  auto names_of = [&](const auto& records, const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + name_of(records, id);
    return out;
  };
  auto date = [&](Date d) { return lang == Lang::da ? d.danish() : d.iso(); };
  std::string all = say(lang, "alle", "all");
  std::vector<std::pair<std::string, std::string>> lines{
      {say(lang, "Mødepakke", "Meeting pack"), ""},
      {say(lang, "Styregruppe", "Steering group"), spec.group.empty() ? all : name_of(data.groups, spec.group)},
      {say(lang, "Organisation", "Body"), spec.body.empty() ? all : name_of(data.bodies, spec.body)},
      {say(lang, "Indsats", "Initiative"), spec.initiatives.empty() ? all : names_of(data.initiatives, spec.initiatives)},
      {say(lang, "Status pr.", "As of"), date(spec.as_of)}};
  // A pack of the books as they were known earlier reads otherwise than one of now: the reader must see which.
  if (spec.known_at)
    lines.emplace_back(say(lang, "Som kendt ved", "As known at"),
                       say(lang, "revision ", "revision ") + std::to_string(*spec.known_at) +
                           say(lang, " (senere rettelser og posteringer er ikke med)",
                               " (later corrections and entries are left out)"));
  if (changes)
    lines.emplace_back(say(lang, "Ændringer siden", "Changes since"),
                       say(lang, "mødet ", "the meeting of ") + date(changes->meeting.date) + " (" + changes->meeting.id +
                           (changes->since == 0
                                // The books were entered after the meeting: against it, everything is new.
                                ? say(lang, "; før første revision: alt er nyt", "; before the first revision: everything is new")
                                : say(lang, "; som kendt ved revision ", "; as known at revision ") +
                                      std::to_string(changes->since)) +
                           ")");
  // In the pack's language, as the other dates: 04-12-2026 kl. 18:00:00 UTC.
  std::string generated = utc_text(spec.generated);
  if (lang == Lang::da && generated.size() > 11)
    generated = date(parse_date(generated.substr(0, 10))) + " kl. " + generated.substr(11);
  lines.emplace_back(say(lang, "Udarbejdet", "Generated"), generated);
  lines.emplace_back(say(lang, "Program", "Program"), "klynge");
  return lines;
}

}  // namespace

std::optional<Meeting> previous_meeting(const Dataset& data, const PackSpec& spec)
{
  std::set<std::string> groups;
  if (!spec.group.empty()) groups.insert(spec.group);
  else if (!spec.body.empty())
    for (const auto& g : data.groups)
      if (g.body == spec.body) groups.insert(g.id);
  const bool any = spec.group.empty() && spec.body.empty();
  std::optional<Meeting> latest;
  for (const auto& m : data.meetings) {
    if (!(m.date < spec.as_of) || !(any || groups.count(m.group))) continue;
    // The latest date; of two meetings on one day, the one with the greater id (stable, whatever the file order).
    if (!latest || latest->date < m.date || (latest->date == m.date && latest->id < m.id)) latest = m;
  }
  return latest;
}

Pack make_pack(const Dataset& data, const LedgerSums& sums, const PackSpec& spec, const PackChanges* changes)
{
  // The filters are checked as a report checks them (unknown names are data errors).
  ReportSpec given;
  given.body = spec.body;
  given.initiatives = spec.initiatives;
  given.group = spec.group;
  check_filters(data, given);

  Snapshot snap(data, spec.as_of, sums);
  ReportSpec sel;
  sel.initiatives = spec.initiatives;
  sel.group = spec.group;
  select_initiatives(data, snap, sel);
  // In a pack, --body selects the initiatives the body owns and those it is to inherit (running past an owner that
  // names it successor): a council's pack before its take-over shows what comes to it, with the money its current
  // owners hold; the hand-over then shows where each goes.
  if (!spec.body.empty()) {
    std::set<std::string> owned;
    for (const auto& s : snap.initiatives()) {
      if (!in_selection(s.initiative->id, sel)) continue;
      if (s.owner == spec.body) owned.insert(s.initiative->id);
      else if (Transition tr = transition_of(snap, s); tr.runs_past_owner && tr.successor == spec.body)
        owned.insert(s.initiative->id);
    }
    sel.selected_initiatives = std::move(owned);
    // Decisions of the body's own groups' meetings count too.
    for (const auto& g : data.groups)
      if (g.body == spec.body && (spec.group.empty() || sel.selected_groups.count(g.id))) sel.selected_groups.insert(g.id);
  }

  Pack pack;
  for (const auto& name : pack_reports()) {
    ReportSpec r = sel;
    r.kind = parse_report(name);
    Table t = compute_selected(snap, r);
    // Indicators and reporting only where there is data: the seven money reports always.
    if (t.rows.empty() && (r.kind == ReportKind::indicators || r.kind == ReportKind::reporting)) continue;
    pack.tables.push_back(std::move(t));
  }
  if (changes) pack.tables.push_back(changes->table);
  const Table& funds = pack.tables[0];
  const Table& variance = pack.tables[2];

  std::vector<Sheet> sheets;
  Sheet cover;
  cover.name = say(spec.lang, "forside", "cover");
  cover.lines = cover_lines(data, spec, changes);
  sheets.push_back(cover);
  for (const Table& t : pack.tables) {
    Sheet s;
    s.name = t.report;
    s.table = &t;
    sheets.push_back(s);
  }
  Sheet charts;
  charts.name = say(spec.lang, "diagrammer", "charts");
  charts.charts = {funds_chart(funds, spec.lang), spent_chart(variance, data, spec.lang), variance_chart(variance, spec.lang)};
  charts.indicator_charts = indicator_charts(snap, sel, spec.lang);
  sheets.insert(sheets.begin() + 1, charts);
  pack.xlsx = xlsx_workbook(sheets, spec.lang, spec.generated);

  PageInput page{spec, cover.lines, pack.tables, charts.charts[0], snap, sel, charts.indicator_charts};
  pack.html = pack_page(page);
  return pack;
}

}  // namespace klynge::reports

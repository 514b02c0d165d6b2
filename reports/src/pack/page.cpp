// The meeting pack's page: key figures, funds per body, the road to 2027 (Gantt), spending against plan per
// initiative (burn charts) and the seven tables. Charts are inline SVG drawn from the report figures; the
// coordinates are doubles (pixels), the figures written beside them come from øre as the table format writes them.
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "../compute/common.hpp"
#include "../compute/columns.hpp"
#include "charts.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/wording.hpp"
#include "klynge/transition.hpp"

namespace klynge::reports {

namespace {

std::string amount(Money m, Lang lang) { return format_money(m, grouped_style(lang)); }
std::string date_text(Date d, Lang lang) { return lang == Lang::da ? d.danish() : d.iso(); }
/// A pixel coordinate with one decimal.
std::string px(double v)
{
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << v;
  return o.str();
}
double kroner(Money m) { return as_kroner(m); }  // drawing only: a length in pixels, never a figure shown

const char* rag_colour(const std::string& rag)
{
  if (rag == "green") return "#38a169";
  if (rag == "amber") return "#dd6b20";
  if (rag == "red") return "#e53e3e";
  return "#829ab1";
}

std::string rag_of(const Table& status, const Row& row)
{
  auto w = value_at<Word>(status, row, cols::rag.key);
  return w ? w->english : std::string();
}

/// Round up to a "nice" axis maximum (1, 2 or 5 times a power of ten).
double nice(double v)
{
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (v <= m * p) return m * p;
  return 10 * p;
}

/// Text cut to at most `chars` characters (not bytes), with an ellipsis when cut.
std::string shorten(const std::string& text, std::size_t chars)
{
  if (display_width(text) <= chars) return text;
  std::string out;
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n > chars - 1) break;
    out += c;
  }
  return out + "…";
}

/// The title of a small chart (460 wide: an initiative's spending, an indicator), the whole text on hover. From the
/// chart's left edge, not the plot's: 56 characters of 12 px bold fit its width (at the plot's edge in 13 px, titles
/// such as "30 dages genindlæggelser over 24 timer (Kom Trygt Hjem)" and "Fælles sundhedsøkonomisk evaluering af Kom
/// Trygt Hjem" were cut off at the right edge).
std::string small_chart_title(const std::string& text)
{
  return "<text x=\"4\" y=\"16\" font-size=\"12\" font-weight=\"bold\"><title>" + html_escape(text) + "</title>" +
         html_escape(shorten(text, 56)) + "</text>\n";
}

/// An axis tick in whole kroner, grouped as the language groups thousands.
std::string axis_label(double kr, Lang lang)
{
  std::string s = format_money(Money::from_ore(std::int64_t(std::llround(kr)) * 100), grouped_style(lang));
  return s.substr(0, s.size() - 3);  // without the decimals
}

const char* series_colours[] = {"#2b6cb0", "#38a169", "#d69e2e", "#805ad5", "#e53e3e"};

}  // namespace

std::string bar_svg(const BarChart& ch, Lang lang)
{
  const double label_w = 260, plot_w = 560, value_w = 120, bar_h = 14, gap = 12;
  const std::size_t ns = ch.series.size();
  const double group_h = double(ns) * bar_h + gap;
  // Room below the bars for the axis labels and the legend, whose letters reach below their line (g, p).
  const double top = 10, height = top + double(ch.categories.size()) * group_h + 46;
  double lo = 0, hi = 0;
  for (const auto& s : ch.series)
    for (Money v : s.values) lo = std::min(lo, kroner(v)), hi = std::max(hi, kroner(v));
  // Nothing but zeros (no body holds money as of the date): bars of nothing on an axis of 0 to 1 say less than this.
  if (ch.empty()) return "<p class=\"sub\" data-chart=\"bars-empty\">" + html_escape(ch.nothing_to_show) + "</p>\n";
  hi = nice(hi);
  lo = lo < 0 ? -nice(-lo) : 0;
  auto x = [&](double v) { return label_w + (v - lo) / (hi - lo) * plot_w; };
  std::ostringstream o;
  o << "<svg class=\"chart\" data-chart=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
    << px(label_w + plot_w + value_w) << " " << px(height) << "\" role=\"img\" aria-label=\"" << html_escape(ch.title) << "\">\n";
  // Grid at quarters of the axis.
  for (int i = 0; i <= 4; ++i) {
    double v = lo + (hi - lo) * i / 4.0, gx = x(v);
    o << "<line x1=\"" << px(gx) << "\" y1=\"" << px(top - 4) << "\" x2=\"" << px(gx) << "\" y2=\""
      << px(height - 36) << "\" stroke=\"#e4e7eb\"/>"
      << "<text x=\"" << px(gx) << "\" y=\"" << px(height - 24) << "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#52606d\">"
      << html_escape(axis_label(v, lang))
      << "</text>\n";
  }
  for (std::size_t c = 0; c < ch.categories.size(); ++c) {
    double gy = top + double(c) * group_h;
    o << "<text x=\"" << px(label_w - 8) << "\" y=\"" << px(gy + double(ns) * bar_h / 2 + 4)
      << "\" font-size=\"12\" text-anchor=\"end\"><title>" << html_escape(ch.categories[c]) << "</title>"
      << html_escape(shorten(ch.categories[c], 38)) << "</text>\n";
    for (std::size_t s = 0; s < ns; ++s) {
      Money m = ch.series[s].values[c];
      double v = kroner(m), x0 = x(std::min(0.0, v)), x1 = x(std::max(0.0, v));
      o << "<rect class=\"bar\" data-series=\"" << s << "\" x=\"" << px(x0) << "\" y=\"" << px(gy + double(s) * bar_h)
        << "\" width=\"" << px(std::max(x1 - x0, 0.5)) << "\" height=\"" << px(bar_h - 2) << "\" fill=\""
        << series_colours[s % 5] << "\"><title>" << html_escape(ch.categories[c] + " · " + ch.series[s].name + ": " + amount(m, lang))
        << "</title></rect><text class=\"value\" x=\"" << px(x1 + 4) << "\" y=\"" << px(gy + double(s) * bar_h + bar_h - 4)
        << "\" font-size=\"10\" fill=\"#3e4c59\">" << html_escape(amount(m, lang)) << "</text>\n";
    }
  }
  // Legend.
  double lx = label_w;
  for (std::size_t s = 0; s < ns; ++s) {
    o << "<rect x=\"" << px(lx) << "\" y=\"" << px(height - 16) << "\" width=\"10\" height=\"10\" fill=\"" << series_colours[s % 5]
      << "\"/><text x=\"" << px(lx + 14) << "\" y=\"" << px(height - 7) << "\" font-size=\"11\">" << html_escape(ch.series[s].name)
      << "</text>\n";
    lx += 20 + 7.0 * double(ch.series[s].name.size());
  }
  o << "</svg>\n";
  return o.str();
}

std::string indicator_svg(const IndicatorChart& ch, Lang lang)
{
  const double w = 460, h = 220, l = 52, r = 14, t = 30, b = 44;
  // The value axis spans the measurements, the baseline and the target, with a margin.
  double lo = as_number(ch.values.front()), hi = lo;
  for (Decimal v : ch.values) lo = std::min(lo, as_number(v)), hi = std::max(hi, as_number(v));
  for (const auto& level : {ch.baseline, ch.target})
    if (level) lo = std::min(lo, as_number(*level)), hi = std::max(hi, as_number(*level));
  const double pad = hi > lo ? (hi - lo) * 0.15 : std::max(1.0, std::abs(hi) * 0.1);
  lo = lo >= 0 ? std::max(0.0, lo - pad) : lo - pad;  // a figure that cannot go below zero keeps its axis there
  hi += pad;
  // Ticks at a round step (1, 2, 2.5 or 5 times a power of ten) from a multiple of it: 12,0 / 13,0 / 14,0, not
  // 12,7 / 13,3 / 14,0 at even quarters of the span.
  double step = std::pow(10.0, std::floor(std::log10((hi - lo) / 4)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if ((hi - lo) / (m * step) <= 5) {
      step *= m;
      break;
    }
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  const int decimals = step >= 1 ? 0 : step >= 0.1 && std::abs(step * 10 - std::round(step * 10)) < 1e-9 ? 1 : 2;
  const Date first = ch.dates.front(), last = ch.dates.back();
  const double span = double(std::max<std::int64_t>(last.days_since(first), 1));
  auto x = [&](Date d) { return ch.dates.size() < 2 ? (l + w - r) / 2 : l + double(d.days_since(first)) / span * (w - l - r); };
  auto y = [&](double v) { return t + (1.0 - (v - lo) / (hi - lo)) * (h - t - b); };
  auto number = [&](Decimal v) { return format_decimal(v, lang, true); };
  std::ostringstream o;
  o << "<svg class=\"chart indicator\" data-chart=\"indicator\" data-indicator=\"" << html_escape(ch.id) << "\" data-points=\""
    << ch.values.size() << "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << px(w) << " " << px(h) << "\" role=\"img\">\n"
    << small_chart_title(ch.title);
  const int ticks = int(std::lround((hi - lo) / step));
  for (int i = 0; i <= ticks; ++i) {
    const double v = lo + step * i, gy = y(v);
    std::ostringstream tick;
    tick.setf(std::ios::fixed);
    tick.precision(decimals);
    tick << v;
    std::string label = tick.str();
    if (lang == Lang::da)
      for (auto& c : label)
        if (c == '.') c = ',';
    o << "<line x1=\"" << px(l) << "\" y1=\"" << px(gy) << "\" x2=\"" << px(w - r) << "\" y2=\"" << px(gy) << "\" stroke=\"#e4e7eb\"/>"
      << "<text x=\"" << px(l - 4) << "\" y=\"" << px(gy + 3) << "\" font-size=\"9\" text-anchor=\"end\" fill=\"#52606d\">"
      << html_escape(label) << "</text>\n";
  }
  auto level = [&](const char* cls, const std::optional<Decimal>& v, const char* colour, const char* dash, const std::string& name) {
    if (!v) return;
    o << "<line class=\"" << cls << "\" x1=\"" << px(l) << "\" y1=\"" << px(y(as_number(*v))) << "\" x2=\"" << px(w - r) << "\" y2=\""
      << px(y(as_number(*v))) << "\" stroke=\"" << colour << "\" stroke-width=\"1.5\" stroke-dasharray=\"" << dash << "\"><title>"
      << html_escape(name + ": " + number(*v)) << "</title></line>\n";
  };
  level("baseline", ch.baseline, "#805ad5", "6 3", ch.baseline_name);
  level("target", ch.target, "#38a169", "2 2", ch.target_name);
  if (ch.values.size() > 1) {
    o << "<polyline class=\"measurements\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2.2\" points=\"";
    for (std::size_t i = 0; i < ch.values.size(); ++i) o << (i ? " " : "") << px(x(ch.dates[i])) << "," << px(y(as_number(ch.values[i])));
    o << "\"/>\n";
  }
  for (std::size_t i = 0; i < ch.values.size(); ++i) {
    const double cx = x(ch.dates[i]), cy = y(as_number(ch.values[i]));
    o << "<circle class=\"measurement\" cx=\"" << px(cx) << "\" cy=\"" << px(cy) << "\" r=\"4\" fill=\"#2b6cb0\"><title>"
      << html_escape(date_text(ch.dates[i], lang) + ": " + number(ch.values[i])) << "</title></circle>"
      << "<text x=\"" << px(cx) << "\" y=\"" << px(cy - 8) << "\" font-size=\"10\" text-anchor=\"middle\" fill=\"#1f2933\">"
      << html_escape(number(ch.values[i])) << "</text>\n";
  }
  o << "<text x=\"" << px(l) << "\" y=\"" << px(h - 28) << "\" font-size=\"9\" fill=\"#52606d\">" << html_escape(date_text(first, lang))
    << "</text><text x=\"" << px(w - r) << "\" y=\"" << px(h - 28) << "\" font-size=\"9\" text-anchor=\"end\" fill=\"#52606d\">"
    << html_escape(date_text(last, lang)) << "</text>\n";
  double lx = l;
  std::vector<std::pair<std::string, const char*>> legend{{ch.value_name, "#2b6cb0"}};
  if (ch.baseline) legend.emplace_back(ch.baseline_name, "#805ad5");
  if (ch.target) legend.emplace_back(ch.target_name, "#38a169");
  for (const auto& [text, colour] : legend) {
    o << "<rect x=\"" << px(lx) << "\" y=\"" << px(h - 12) << "\" width=\"12\" height=\"4\" fill=\"" << colour << "\"/><text x=\""
      << px(lx + 16) << "\" y=\"" << px(h - 7) << "\" font-size=\"10\">" << html_escape(text) << "</text>";
    lx += 30 + 6.0 * double(text.size());
  }
  o << "\n</svg>\n";
  return o.str();
}

namespace {

/// The road to 2027: each initiative's period coloured by RAG, its owner's end, the days without owner, the
/// successor's take-over, milestones (overdue ones red), the as-of date and 01-01-2027.
std::string gantt_svg(const PageInput& in)
{
  const Lang lang = in.spec.lang;
  const Table& status = in.tables[1];
  const Table& timeline = in.tables[4];
  std::map<std::string, const Row*> tl;
  for (std::size_t r = 0; r < timeline.rows.size(); ++r)
    if (!timeline.total[r])
      if (auto id = value_at<std::string>(timeline, timeline.rows[r], cols::initiative.key)) tl[*id] = &timeline.rows[r];

  const Date as_of = in.spec.as_of, council = Date::from_ymd(2027, 1, 1);
  Date first = Date::from_ymd(as_of.year(), 1, 1), last = Date::from_ymd(2027, 12, 31);
  std::vector<const Row*> rows;
  for (std::size_t r = 0; r < status.rows.size(); ++r) {
    if (status.total[r]) continue;
    rows.push_back(&status.rows[r]);
    if (auto s = value_at<Date>(status, status.rows[r], cols::start.key)) first = std::min(first, Date::from_ymd(s->year(), 1, 1));
    if (auto e = value_at<Date>(status, status.rows[r], cols::end.key)) last = std::max(last, Date::from_ymd(e->year(), 12, 31));
  }
  if (rows.empty())
    return "<p class=\"sub\" data-chart=\"gantt-empty\">" +
           html_escape(say(lang, "Intet at vise: ingen indsatser i udvalget.", "Nothing to show: no initiatives in the selection.")) +
           "</p>\n";
  bool open_ended = false;
  for (const Row* r : rows)
    if (!value_at<Date>(status, *r, cols::start.key) || !value_at<Date>(status, *r, cols::end.key)) open_ended = true;
  const double label_w = 300, plot_w = 640, row_h = 26, top = 34;
  const double foot = open_ended ? 18 : 0;  // the legend's second line
  const double height = top + double(rows.size()) * row_h + 46 + foot;
  const double span = double(last.days_since(first) + 1);
  auto x = [&](Date d) { return label_w + double(d.days_since(first)) / span * plot_w; };
  std::ostringstream o;
  o << "<svg class=\"chart\" data-chart=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
    << px(label_w + plot_w + 20) << " " << px(height) << "\" role=\"img\">\n"
    << "<defs><pattern id=\"noowner\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"3\" height=\"6\" fill=\"#e53e3e\" opacity=\"0.55\"/></pattern></defs>\n";
  for (int y = first.year(); y <= last.year(); ++y) {
    double gx = x(Date::from_ymd(y, 1, 1));
    o << "<line x1=\"" << px(gx) << "\" y1=\"" << px(top - 6) << "\" x2=\"" << px(gx) << "\" y2=\"" << px(height - foot - 40)
      << "\" stroke=\"#d9dee5\"/><text x=\"" << px(gx + 4) << "\" y=\"" << px(top - 10) << "\" font-size=\"11\" fill=\"#52606d\">" << y
      << "</text>\n";
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = *rows[i];
    const std::string id = value_at<std::string>(status, row, cols::initiative.key).value_or("");
    const std::string name = value_at<std::string>(status, row, cols::name.key).value_or(id);
    const double y = top + double(i) * row_h;
    const std::string rag = rag_of(status, row);
    auto start = value_at<Date>(status, row, cols::start.key);
    auto end = value_at<Date>(status, row, cols::end.key);
    // A date the initiative does not state is taken from its estimates, as coverage takes it (pale, as assumed);
    // without estimates the bar runs to the chart's edge.
    std::optional<Date> planned_from, planned_to;
    for (const Estimate* l : in.snap.estimates_of(id)) {
      planned_from = planned_from ? std::min(*planned_from, l->from) : l->from;
      planned_to = planned_to ? std::max(*planned_to, l->to) : l->to;
    }
    const auto shown_start = start ? start : planned_from, shown_end = end ? end : planned_to;
    Date b0 = shown_start ? std::clamp(*shown_start, first, last) : first;
    Date b1 = shown_end ? std::clamp(*shown_end, first, last) : last;
    auto when = [&](const std::optional<Date>& stated, const std::optional<Date>& shown) {
      if (stated) return date_text(*stated, lang);
      if (shown) return date_text(*shown, lang) + say(lang, " (estimaterne)", " (the estimates)");
      return std::string("?");
    };
    const std::string label = shorten(name, 40);
    o << "<g class=\"gantt-row\" data-initiative=\"" << html_escape(id) << "\">\n"
      << "<text x=\"" << px(label_w - 8) << "\" y=\"" << px(y + 16) << "\" font-size=\"12\" text-anchor=\"end\"><title>"
      << html_escape(name) << "</title>" << html_escape(label) << "</text>\n"
      << "<rect class=\"period\" x=\"" << px(x(b0)) << "\" y=\"" << px(y + 5) << "\" width=\"" << px(std::max(x(b1) - x(b0), 2.0))
      << "\" height=\"14\" rx=\"3\" fill=\"" << rag_colour(rag) << "\"" << (start && end ? "" : " opacity=\"0.45\"") << "><title>"
      << html_escape(name + ": " + when(start, shown_start) + " – " + when(end, shown_end))
      << "</title></rect>\n";
    // Milestones first: the transition's marks (the take-over diamond on 01-01-2027, often a milestone's date too)
    // stay visible on top of them.
    for (const auto& m : in.snap.data().milestones) {
      if (m.initiative != id || m.due < first || last < m.due) continue;
      const bool done = done_by(m, as_of), overdue = !done && m.due < as_of;
      // A white ring under it: an overdue (red) or met (green) mark stays visible on a bar of its own colour.
      o << "<circle cx=\"" << px(x(m.due)) << "\" cy=\"" << px(y + 12) << "\" r=\"7\" fill=\"#ffffff\"/>";
      o << "<circle class=\"milestone" << (overdue ? " overdue" : done ? " done" : "") << "\" cx=\"" << px(x(m.due)) << "\" cy=\""
        << px(y + 12) << "\" r=\"5\" fill=\"" << (overdue ? "#e53e3e" : done ? "#38a169" : "#ffffff")
        << "\" stroke=\"#1f2933\" stroke-width=\"1.2\"><title>" << html_escape(m.name + " · " + date_text(m.due, lang))
        << (overdue ? html_escape(say(lang, " · forsinket", " · overdue")) : "") << "</title></circle>\n";
    }
    if (auto it = tl.find(id); it != tl.end()) {
      const Row& t = *it->second;
      auto owner_until = value_at<Date>(timeline, t, cols::owner_until.key);
      auto succ_from = value_at<Date>(timeline, t, cols::successor_from.key);
      bool past = value_at<bool>(timeline, t, cols::runs_past_owner.key).value_or(false);
      std::int64_t days = value_at<std::int64_t>(timeline, t, cols::days_without_owner.key).value_or(0);
      if (owner_until && past && days > 0) {
        // The days the timeline counts, where they fall: an interim owner's active days are not hatched.
        const InitiativeState* state = in.snap.initiative(id);
        std::vector<std::pair<Date, Date>> periods;
        if (state) periods = transition_of(in.snap, *state).without_owner;
        for (auto [g0, g1] : periods) {
          if (g1 < first || last < g0) continue;
          g0 = std::max(g0, first), g1 = std::min(g1, last);
          o << "<rect class=\"no-owner\" data-from=\"" << g0.iso() << "\" data-to=\"" << g1.iso() << "\" x=\"" << px(x(g0))
            << "\" y=\"" << px(y + 3) << "\" width=\"" << px(std::max(x(g1.plus_days(1)) - x(g0), 1.0))
            << "\" height=\"18\" fill=\"url(#noowner)\" stroke=\"#c53030\"><title>"
            << html_escape(date_text(g0, lang) + " – " + date_text(g1, lang) + ": ") << days_inclusive(g0, g1) << " "
            << html_escape(say(lang, "dage uden ejer", "days without owner"))
            << (periods.size() > 1 ? html_escape(say(lang, " (i alt ", " (in all ")) + std::to_string(days) + ")" : "")
            << "</title></rect>\n";
        }
      }
      if (owner_until && owner_until->plus_days(1) <= last) {
        double ox = x(owner_until->plus_days(1));
        o << "<line class=\"owner-end\" x1=\"" << px(ox) << "\" y1=\"" << px(y + 1) << "\" x2=\"" << px(ox) << "\" y2=\""
          << px(y + 23) << "\" stroke=\"#1f2933\" stroke-width=\"2\"><title>"
          << html_escape(say(lang, "Ejer ophører ", "Owner ends ") + date_text(*owner_until, lang)) << "</title></line>\n";
      }
      if (past && succ_from && *succ_from <= last) {
        double sx = x(*succ_from), cy = y + 12;
        std::string succ = value_at<std::string>(timeline, t, cols::successor.key).value_or("");
        o << "<path class=\"takeover\" d=\"M" << px(sx) << " " << px(cy - 7) << " L" << px(sx + 7) << " " << px(cy) << " L" << px(sx)
          << " " << px(cy + 7) << " L" << px(sx - 7) << " " << px(cy) << " Z\" fill=\"#2b6cb0\" stroke=\"#fff\"><title>"
          << html_escape(succ + say(lang, " overtager ", " takes over ") + date_text(*succ_from, lang)) << "</title></path>\n";
      }
    }
    o << "</g>\n";
  }
  // Two markers close together (a date near the councils' start) put their labels either side, not on each other.
  const bool close = council <= last && std::abs(x(as_of) - x(council)) < 140;
  auto marker = [&](Date d, const std::string& text, const char* colour, int side) {
    double mx = x(d);
    const char* anchor = side < 0 ? "end" : side > 0 ? "start" : "middle";
    o << "<line x1=\"" << px(mx) << "\" y1=\"" << px(top - 4) << "\" x2=\"" << px(mx) << "\" y2=\"" << px(height - foot - 34)
      << "\" stroke=\"" << colour << "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"" << px(mx + 4 * side)
      << "\" y=\"" << px(height - foot - 22) << "\" font-size=\"11\" text-anchor=\"" << anchor << "\" fill=\"" << colour << "\">"
      << html_escape(text) << "</text>\n";
  };
  const bool before = as_of < council;
  marker(as_of, say(lang, "pr. ", "as of ") + date_text(as_of, lang), "#2b6cb0", close ? (before ? -1 : 1) : 0);
  if (council <= last)
    marker(council, say(lang, "sundhedsråd 01-01-2027", "councils 2027-01-01"), "#1f2933", close ? (before ? 1 : -1) : 0);
  // Legend.
  double ly = height - foot - 8;
  o << "<g font-size=\"11\"><rect x=\"" << px(label_w) << "\" y=\"" << px(ly - 9) << "\" width=\"14\" height=\"10\" fill=\"url(#noowner)\" stroke=\"#c53030\"/>"
    << "<text x=\"" << px(label_w + 18) << "\" y=\"" << px(ly) << "\">" << html_escape(say(lang, "uden ejer", "without owner")) << "</text>"
    << "<line x1=\"" << px(label_w + 110) << "\" y1=\"" << px(ly - 10) << "\" x2=\"" << px(label_w + 110) << "\" y2=\"" << px(ly + 1)
    << "\" stroke=\"#1f2933\" stroke-width=\"2\"/><text x=\"" << px(label_w + 116) << "\" y=\"" << px(ly) << "\">"
    << html_escape(say(lang, "ejers ophør", "owner ends")) << "</text>"
    << "<path d=\"M" << px(label_w + 215) << " " << px(ly - 10) << " l5 5 l-5 5 l-5 -5 Z\" fill=\"#2b6cb0\"/><text x=\"" << px(label_w + 224)
    << "\" y=\"" << px(ly) << "\">" << html_escape(say(lang, "efterfølger overtager", "successor takes over")) << "</text>"
    << "<circle cx=\"" << px(label_w + 375) << "\" cy=\"" << px(ly - 4) << "\" r=\"5\" fill=\"#fff\" stroke=\"#1f2933\"/><text x=\""
    << px(label_w + 384) << "\" y=\"" << px(ly) << "\">" << html_escape(say(lang, "milepæl", "milestone")) << "</text>"
    << "<circle cx=\"" << px(label_w + 450) << "\" cy=\"" << px(ly - 4) << "\" r=\"5\" fill=\"#e53e3e\" stroke=\"#1f2933\"/><text x=\""
    << px(label_w + 459) << "\" y=\"" << px(ly) << "\">" << html_escape(say(lang, "forsinket", "overdue")) << "</text>"
    << "<circle cx=\"" << px(label_w + 535) << "\" cy=\"" << px(ly - 4) << "\" r=\"5\" fill=\"#38a169\" stroke=\"#1f2933\"/><text x=\""
    << px(label_w + 544) << "\" y=\"" << px(ly) << "\">" << html_escape(say(lang, "nået", "done")) << "</text>";
  if (open_ended)  // a period whose end is not known runs to the chart's edge, pale: say so, it would read as a date
    o << "<rect x=\"" << px(label_w) << "\" y=\"" << px(ly + 7) << "\" width=\"14\" height=\"10\" rx=\"2\" fill=\"#829ab1\" opacity=\"0.45\"/>"
      << "<text x=\"" << px(label_w + 18) << "\" y=\"" << px(ly + 16) << "\">"
      << html_escape(say(lang, "start eller slut ikke oplyst: estimaternes, ellers til diagrammets kant",
                         "start or end not stated: the estimates', else to the chart's edge"))
      << "</text>";
  o << "</g>\n";
  o << "</svg>\n";
  return o.str();
}

Date month_end(int y, unsigned m)
{
  return (m == 12 ? Date::from_ymd(y + 1, 1, 1) : Date::from_ymd(y, m + 1, 1)).plus_days(-1);
}

/// Spending against plan of one initiative: the plan's cumulative estimated costs at each month's end, the
/// cumulative spending up to the as-of date, and the forecast (what is spent plus the rest of the plan).
std::string burn_svg(const PageInput& in, const std::string& id, const std::string& name)
{
  const Lang lang = in.spec.lang;
  const Snapshot& snap = in.snap;
  auto lines = snap.estimates_of(id);
  if (lines.empty()) return {};
  Date from = lines.front()->from, to = lines.front()->to;
  for (const Estimate* l : lines) from = std::min(from, l->from), to = std::max(to, l->to);
  const Date ever = Date::from_ymd(1900, 1, 1), as_of = in.spec.as_of;
  std::vector<Date> points;
  for (int y = from.year(); ; ++y) {
    bool done = false;
    for (unsigned m = (y == from.year() ? from.month() : 1); m <= 12; ++m) {
      Date e = std::min(month_end(y, m), to);
      points.push_back(e);
      if (e == to) { done = true; break; }
    }
    if (done) break;
  }
  std::vector<Money> plan, actual, forecast;
  const Money plan_now = estimated_in(lines, from, std::min(std::max(as_of, from.plus_days(-1)), to));
  const Money spent_now = snap.spent_in(id, std::nullopt, ever, as_of);
  for (Date d : points) {
    plan.push_back(estimated_in(lines, from, d));
    if (d <= as_of) actual.push_back(snap.spent_in(id, std::nullopt, ever, d));
    else forecast.push_back(spent_now + (plan.back() - plan_now));
  }
  const Money budget = snap.money(id).budget;
  double hi = kroner(budget);
  for (auto* v : {&plan, &actual, &forecast})
    for (Money m : *v) hi = std::max(hi, kroner(m));
  hi = nice(hi);
  const double w = 460, h = 230, l = 70, r = 14, t = 30, b = 40;
  auto x = [&](std::size_t i) { return l + (points.size() < 2 ? 0.0 : double(i) / double(points.size() - 1) * (w - l - r)); };
  auto y = [&](Money m) { return t + (1.0 - kroner(m) / hi) * (h - t - b); };
  auto line = [&](const char* cls, const std::vector<Money>& v, std::size_t offset, const char* colour, const char* dash) {
    if (v.empty()) return std::string();
    std::ostringstream p;
    p << "<polyline class=\"" << cls << "\" data-points=\"" << v.size() << "\" fill=\"none\" stroke=\"" << colour
      << "\" stroke-width=\"" << (*dash ? "1.8" : "3") << "\"" << (*dash ? std::string(" stroke-dasharray=\"") + dash + "\"" : "") << " points=\"";
    for (std::size_t i = 0; i < v.size(); ++i) p << (i ? " " : "") << px(x(offset + i)) << "," << px(y(v[i]));
    p << "\"/>\n";
    return p.str();
  };
  std::ostringstream o;
  o << "<svg class=\"chart burn\" data-chart=\"burn\" data-initiative=\"" << html_escape(id) << "\" data-months=\"" << points.size()
    << "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << px(w) << " " << px(h) << "\" role=\"img\">\n"
    << small_chart_title(name);
  for (int i = 0; i <= 4; ++i) {
    double v = hi * i / 4.0, gy = t + (1.0 - v / hi) * (h - t - b);
    o << "<line x1=\"" << px(l) << "\" y1=\"" << px(gy) << "\" x2=\"" << px(w - r) << "\" y2=\"" << px(gy) << "\" stroke=\"#e4e7eb\"/>"
      << "<text x=\"" << px(l - 4) << "\" y=\"" << px(gy + 3) << "\" font-size=\"9\" text-anchor=\"end\" fill=\"#52606d\">"
      << html_escape(axis_label(v, lang)) << "</text>\n";
  }
  // Budget as of the date, and the as-of date.
  if (!budget.is_zero())
    o << "<line class=\"budget\" x1=\"" << px(l) << "\" y1=\"" << px(y(budget)) << "\" x2=\"" << px(w - r) << "\" y2=\"" << px(y(budget))
      << "\" stroke=\"#805ad5\" stroke-dasharray=\"2 2\"/>";
  o << "<text x=\"" << px(l) << "\" y=\"" << px(h - 24) << "\" font-size=\"9\" fill=\"#52606d\">" << html_escape(date_text(points.front(), lang))
    << "</text><text x=\"" << px(w - r) << "\" y=\"" << px(h - 24) << "\" font-size=\"9\" text-anchor=\"end\" fill=\"#52606d\">"
    << html_escape(date_text(points.back(), lang)) << "</text>\n";
  o << line("plan", plan, 0, "#2b6cb0", "") << line("actual", actual, 0, "#e53e3e", "");
  // The forecast often runs on the plan (spent as planned): dashed and thinner on top, the plan shows between.
  if (!forecast.empty()) {
    std::vector<Money> f = forecast;
    std::size_t offset = actual.size();
    if (!actual.empty()) f.insert(f.begin(), actual.back()), --offset;
    o << line("forecast", f, offset, "#e53e3e", "5 4");
  }
  double lx = l;
  std::vector<std::pair<std::string, const char*>> legend{{say(lang, "plan", "plan"), "#2b6cb0"},
                                                          {say(lang, "forbrug", "spent"), "#e53e3e"}};
  if (!budget.is_zero()) legend.emplace_back(say(lang, "budget", "budget"), "#805ad5");
  for (const auto& [text, colour] : legend) {
    o << "<rect x=\"" << px(lx) << "\" y=\"" << px(h - 12) << "\" width=\"12\" height=\"4\" fill=\"" << colour << "\"/><text x=\""
      << px(lx + 16) << "\" y=\"" << px(h - 7) << "\" font-size=\"10\">" << html_escape(text) << "</text>";
    lx += 24 + 6.0 * double(display_width(text));
  }
  // The forecast's sample (dashed, as its line) beside its figure at the right.
  const std::string forecast_text = say(lang, "prognose: ", "forecast: ") + amount(spent_now + (plan.back() - plan_now), lang);
  const double fx = w - r - 5.6 * double(display_width(forecast_text)) - 4;
  o << "<line x1=\"" << px(fx - 16) << "\" y1=\"" << px(h - 10) << "\" x2=\"" << px(fx - 2) << "\" y2=\"" << px(h - 10)
    << "\" stroke=\"#e53e3e\" stroke-width=\"1.8\" stroke-dasharray=\"4 2\"/>"
    << "<text x=\"" << px(w - r) << "\" y=\"" << px(h - 7) << "\" font-size=\"10\" text-anchor=\"end\">"
    << html_escape(forecast_text) << "</text>\n";
  o << "</svg>\n";
  return o.str();
}

}  // namespace

std::string pack_page(const PageInput& in)
{
  const Lang lang = in.spec.lang;
  const Table& status = in.tables[1];
  const Table& timeline = in.tables[4];
  std::ostringstream o;
  std::string selection = in.cover[1].second;
  if (!in.spec.body.empty()) selection = in.cover[2].second;
  if (!in.spec.initiatives.empty()) selection = in.cover[3].second;
  // What the cover says of the pack (as of, as known at, changes since, when made) heads the page as well: a printed
  // page must say which books it shows.
  o << "<header><h1>" << html_escape(in.cover[0].first + " · " + selection) << "</h1>\n<p class=\"sub\">";
  for (std::size_t i = 4; i + 1 < in.cover.size(); ++i)
    o << (i > 4 ? "<br>\n" : "") << html_escape(in.cover[i].first + " " + in.cover[i].second);
  o << "</p></header>\n";
  // Key figures: the status TOTAL row and the transition's gap, and the initiatives per colour.
  std::map<std::string, int> colours;
  int initiatives = 0;
  for (std::size_t r = 0; r < status.rows.size(); ++r)
    if (!status.total[r]) ++initiatives, ++colours[rag_of(status, status.rows[r])];
  auto total_money = [](const Table& t, const std::string& key) {
    int c = t.column(key);
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (t.total[r] && c >= 0)
        if (auto m = std::get_if<Money>(&t.rows[r][std::size_t(c)])) return *m;
    return Money{};
  };
  auto card = [&](const std::string& key, const std::string& value, const char* cls) {
    o << "<div class=\"card " << cls << "\"><div class=\"k\">" << html_escape(key) << "</div><div class=\"v\">" << html_escape(value)
      << "</div></div>\n";
  };
  o << "<div class=\"cards\">\n";
  card(say(lang, "Indsatser", "Initiatives"), std::to_string(initiatives), "");
  card(say(lang, "Grøn / gul / rød", "Green / amber / red"),
       std::to_string(colours["green"]) + " / " + std::to_string(colours["amber"]) + " / " + std::to_string(colours["red"]),
       colours["red"] ? "red" : colours["amber"] ? "amber" : "green");
  card(say(lang, "Budget", "Budget"), amount(total_money(status, "budget"), lang), "");
  card(say(lang, "Forbrug", "Spent"), amount(total_money(status, "spent"), lang), "");
  card(say(lang, "Resterende", "Remaining"), amount(total_money(status, "remaining"), lang), "");
  Money gap = total_money(timeline, "gap");
  card(say(lang, "Mangler efter ejers ophør", "Gap after owner ends"), amount(gap, lang), gap.is_zero() ? "green" : "red");
  o << "</div>\n";

  o << "<section><h2>" << html_escape(say(lang, "Vejen mod 2027", "The road to 2027")) << "</h2>\n" << gantt_svg(in) << "</section>\n";
  o << "<section><h2>" << html_escape(in.funds.title) << "</h2>\n" << bar_svg(in.funds, lang) << "</section>\n";
  std::string burns;
  for (std::size_t r = 0; r < status.rows.size(); ++r) {
    if (status.total[r]) continue;
    auto id = value_at<std::string>(status, status.rows[r], cols::initiative.key);
    auto name = value_at<std::string>(status, status.rows[r], cols::name.key);
    if (id) burns += burn_svg(in, *id, name.value_or(*id));
  }
  if (!burns.empty())
    o << "<section><h2>" << html_escape(say(lang, "Forbrug mod plan pr. indsats", "Spending against plan per initiative"))
      << "</h2>\n<div class=\"burns\">\n" << burns << "</div></section>\n";
  std::string indicators;
  for (const auto& ch : in.indicators) indicators += indicator_svg(ch, lang);
  if (!indicators.empty())
    o << "<section><h2>" << html_escape(say(lang, "Indikatorer over tid", "Indicators over time")) << "</h2>\n<div class=\"burns\">\n"
      << indicators << "</div></section>\n";
  for (const Table& t : in.tables)
    o << "<section class=\"pagebreak\"><h2>" << html_escape(report_title(t.report, lang)) << "</h2>\n" << html_table(t, lang) << "</section>\n";
  return html_page(in.cover[0].first + " " + date_text(in.spec.as_of, lang), lang, o.str());
}

}  // namespace klynge::reports

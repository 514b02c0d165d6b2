#include "klynge/reports/wording.hpp"

#include <map>
#include <string>

namespace klynge::reports {

namespace {

std::string days(std::int64_t n) { return std::to_string(n); }

}  // namespace

Word word(RagColour colour)
{
  switch (colour) {
  case RagColour::green: return {"green", "grøn"};
  case RagColour::amber: return {"amber", "gul"};
  case RagColour::red: return {"red", "rød"};
  }
  return {};
}

Word word(const RagReason& r)
{
  using K = RagReason::Kind;
  switch (r.kind) {
  case K::overspent:
    return {"overspent: remaining " + format_money(r.amount, MoneyStyle::plain),
            "overforbrug: resterende " + format_money(r.amount, MoneyStyle::danish)};
  case K::line_over_plan: {
    const std::string pct = format_hundredths(r.percent);  // always with a decimal point
    std::string pct_da = pct;
    pct_da[pct_da.find('.')] = ',';
    return {r.category + " " + pct + " % over plan", r.category + " " + pct_da + " % over planen"};
  }
  case K::milestones_overdue:
    return {std::to_string(r.count) + " milestone(s) overdue, up to " + days(r.days) + " days",
            std::to_string(r.count) + " milepæl(e) forsinket, op til " + days(r.days) + " dage"};
  case K::past_end:
    return {"still " + std::string(to_text(r.status)) + " after its end " + r.date.iso(),
            "stadig " + std::string(to_danish(r.status)) + " efter slutdatoen " + r.date.danish()};
  case K::no_successor:
    return {"runs past its owner's end " + r.date.iso() + " with no successor",
            "løber efter ejerens ophør " + r.date.danish() + " uden efterfølger"};
  case K::days_without_owner:
    return {days(r.days) + " days without owner before " + r.successor + " takes over",
            days(r.days) + " dage uden ejer før " + r.successor + " overtager"};
  case K::unreported_periods: {
    const bool month = r.cadence == Cadence::month;
    return {"no expense reported for " + std::to_string(r.count) + (month ? " closed month(s)" : " closed quarter(s)"),
            "intet forbrug indberettet for " + std::to_string(r.count) + (month ? " afsluttede måned(er)" : " afsluttede kvartal(er)")};
  }
  }
  return {};
}

Items words(const std::vector<RagReason>& reasons)
{
  Items out;
  for (const auto& r : reasons) out.push_back(word(r));
  return out;
}

std::string report_title(const std::string& report, Lang lang)
{
  static const std::map<std::string, std::pair<const char*, const char*>> titles{
      {"funds", {"Midler", "Funds"}},
      {"status", {"Status pr. indsats", "Status per initiative"}},
      {"variance", {"Afvigelser mod estimat", "Variance against estimates"}},
      {"coverage", {"Dækning: kan vi gøre det færdigt?", "Coverage: can we finish?"}},
      {"timeline", {"Overgangen", "The transition"}},
      {"handover", {"Overdragelse til sundhedsråd", "Hand-over to councils"}},
      {"decisions", {"Beslutninger", "Decisions"}},
      {"indicators", {"Indikatorer: virker det?", "Indicators: is it working?"}},
      {"reporting", {"Indberetning af forbrug", "Reporting of expenses"}},
      {"changes", {"Ændringer siden sidste møde", "Changes since the last meeting"}},
      {"sharing", {"Fordeling efter nøgle", "Shares by key"}},
      {"history", {"Revisioner", "Revisions"}}};
  auto it = titles.find(report);
  return it == titles.end() ? report : lang == Lang::da ? it->second.first : it->second.second;
}

}  // namespace klynge::reports

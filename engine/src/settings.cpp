#include <map>
#include "klynge/settings.hpp"

#include "klynge/error.hpp"

namespace klynge {

const std::vector<SettingSpec>& setting_specs()
{
  static const std::vector<SettingSpec> specs{
      {"rag.red_overspend_pct", "red when a line's variance to date is more than this % over plan (default 10)", true},
      {"rag.amber_overspend_pct", "amber when more than this % over plan (default 5)", true},
      {"rag.amber_overdue_days", "amber when a milestone is overdue by at least this many days (default 1)", false},
      {"rag.red_overdue_days", "red when a milestone is overdue by at least this many days (default 90)", false},
      {"rag.amber_unreported_periods", "amber when no expense is reported for this many closed periods (default 1)", false},
      {"rag.red_unreported_periods", "red when no expense is reported for this many closed periods (default 3)", false},
      {"indicators.amber_pct", "an indicator is amber when it misses its target by more than this % of it (default 5)", true},
      {"indicators.red_pct", "red when it misses its target by more than this % of it (default 10)", true},
      {"reporting.expenses", "how often initiatives report expenses unless they say: month (default), quarter or none", false,
       {"month", "quarter", "none"}},
  };
  return specs;
}

namespace {

/// Parses `10`, `10.5`, `10.25` (English form, no sign) into hundredths.
std::optional<Hundredths> parse_hundredths(const std::string& v, bool allow_decimals)
{
  if (v.empty() || v.size() > 15) return std::nullopt;
  Hundredths whole = 0, frac = 0;
  std::size_t i = 0, digits = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, ++digits) whole = whole * 10 + (v[i] - '0');
  if (digits == 0) return std::nullopt;
  if (i < v.size()) {
    if (!allow_decimals || v[i] != '.') return std::nullopt;
    std::size_t n = 0;
    for (++i; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, ++n) frac = frac * 10 + (v[i] - '0');
    if (n == 0 || n > 2 || i != v.size()) return std::nullopt;
    if (n == 1) frac *= 10;
  }
  return whole * 100 + frac;
}

const SettingSpec* find_spec(const std::string& key)
{
  for (const auto& s : setting_specs())
    if (s.key == key) return &s;
  return nullptr;
}

}  // namespace

std::optional<std::string> setting_problem(const std::string& key, const std::string& value)
{
  const SettingSpec* spec = find_spec(key);
  if (!spec) {
    std::string keys;
    for (const auto& s : setting_specs()) keys += (keys.empty() ? "" : ", ") + s.key;
    return "unknown setting '" + key + "' (known: " + keys + ")";
  }
  if (!spec->words.empty()) {
    try {
      (void)parse_enum<Cadence>(value);
      return std::nullopt;
    } catch (const ValueError& e) {
      return std::string(e.what());
    }
  }
  const bool periods = key.size() > 8 && key.compare(key.size() - 8, 8, "_periods") == 0;
  const auto v = parse_hundredths(value, spec->percent);
  if (!v)
    return "'" + value + "' is not " +
           (spec->percent ? "a percentage in English form (e.g. 10.5)"
                          : periods ? "a whole number of periods (1 or more)" : "a whole number of days");
  // No expense for 0 closed periods is true of every initiative: the rule would colour them all.
  if (periods && *v == 0) return "'" + value + "' is not a whole number of periods (1 or more)";
  return std::nullopt;
}

std::vector<std::string> setting_contradictions(const std::vector<Setting>& settings)
{
  std::map<std::string, std::string> given;
  for (const auto& s : settings) given[s.key] = s.value;
  const RagRules r = rag_rules(settings);
  std::vector<std::string> out;
  // An amber threshold above its red one would show red where amber is meant: the later rule never applies.
  auto pair = [&](const char* amber, const char* red, std::int64_t a, std::int64_t b, bool percent) {
    if (a <= b) return;
    auto shown = [&](const char* key, std::int64_t v) {
      if (auto at = given.find(key); at != given.end()) return std::string(key) + " " + at->second;
      const std::string value = percent && v % 100 != 0 ? format_hundredths(v) : std::to_string(percent ? v / 100 : v);
      return std::string(key) + " " + value + " (the default)";
    };
    out.push_back("amber must not be above red: " + shown(amber, a) + " is above " + shown(red, b));
  };
  pair("rag.amber_overspend_pct", "rag.red_overspend_pct", r.amber_overspend_pct, r.red_overspend_pct, true);
  pair("rag.amber_overdue_days", "rag.red_overdue_days", r.amber_overdue_days, r.red_overdue_days, false);
  pair("rag.amber_unreported_periods", "rag.red_unreported_periods", r.amber_unreported_periods,
       r.red_unreported_periods, false);
  pair("indicators.amber_pct", "indicators.red_pct", r.indicator_amber_pct, r.indicator_red_pct, true);
  return out;
}

RagRules rag_rules(const std::vector<Setting>& settings)
{
  RagRules r;
  for (const auto& s : settings) {
    const SettingSpec* spec = find_spec(s.key);
    if (!spec) continue;
    if (s.key == "reporting.expenses") {
      try {
        r.expenses_cadence = parse_enum<Cadence>(s.value);
      } catch (const ValueError&) {
      }
      continue;
    }
    auto v = parse_hundredths(s.value, spec->percent);
    if (!v) continue;
    if (s.key == "rag.red_overspend_pct") r.red_overspend_pct = *v;
    else if (s.key == "rag.amber_overspend_pct") r.amber_overspend_pct = *v;
    else if (s.key == "rag.amber_overdue_days") r.amber_overdue_days = *v / 100;
    else if (s.key == "rag.red_overdue_days") r.red_overdue_days = *v / 100;
    else if (s.key == "rag.amber_unreported_periods") r.amber_unreported_periods = *v / 100;
    else if (s.key == "rag.red_unreported_periods") r.red_unreported_periods = *v / 100;
    else if (s.key == "indicators.amber_pct") r.indicator_amber_pct = *v;
    else if (s.key == "indicators.red_pct") r.indicator_red_pct = *v;
  }
  return r;
}

std::string format_hundredths(Hundredths v)
{
  bool neg = v < 0;
  if (neg) v = -v;
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac.insert(frac.begin(), '0');
  std::string out = neg ? "-" : "";
  out += std::to_string(v / 100);
  out += '.';
  out += frac;
  return out;
}

}  // namespace klynge

#pragma once
/// @file settings.hpp
/// @brief The user's report settings (settings.csv): the RAG thresholds, with their defaults.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "klynge/model.hpp"

namespace klynge {

/// A number with two decimals, as hundredths (10.5 -> 1050). Settings are numbers in English form.
using Hundredths = std::int64_t;

/// The rules that colour an initiative's status (red, amber, green); see docs/rag.md.
struct RagRules
{
  Hundredths red_overspend_pct = 1000;   ///< variance_pct below −10 % on any line: red
  Hundredths amber_overspend_pct = 500;  ///< below −5 %: amber
  std::int64_t amber_overdue_days = 1;   ///< a milestone overdue by this many days: amber
  std::int64_t red_overdue_days = 90;    ///< overdue by this many days: red
  Hundredths indicator_amber_pct = 500;  ///< an indicator missing its target by more than this % of it: amber
  Hundredths indicator_red_pct = 1000;   ///< by more than this: red
  std::int64_t amber_unreported_periods = 1;  ///< this many closed periods without an expense: amber
  std::int64_t red_unreported_periods = 3;    ///< this many: red
  Cadence expenses_cadence = Cadence::month;  ///< reporting.expenses: an initiative's cadence unless it names one
};

struct SettingSpec
{
  std::string key;
  std::string meaning;
  bool percent;  ///< a percentage (two decimals) or a whole number (days, periods) — unless it takes words
  std::vector<std::string> words = {};  ///< when not empty: the value is one of these (English or Danish)
};

/// Every known key, with what it means.
const std::vector<SettingSpec>& setting_specs();

/// Checks one setting's key and value; returns the problem, if any.
std::optional<std::string> setting_problem(const std::string& key, const std::string& value);

/// The rules in force: the defaults, overridden by stored settings.
RagRules rag_rules(const std::vector<Setting>& settings);
/// Thresholds that contradict each other, one message per pair: an amber one above its red one (red would show
/// where amber is meant), each named with its value (`rag.amber_overdue_days 40 is above rag.red_overdue_days 30
/// (the default)`).
std::vector<std::string> setting_contradictions(const std::vector<Setting>& settings);

/// Formats hundredths as `10.50`.
std::string format_hundredths(Hundredths v);

}  // namespace klynge

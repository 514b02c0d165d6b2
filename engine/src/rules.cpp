// The table of entry kinds (design §2, §12) and the shared predicates.
#include "klynge/rules.hpp"

#include <stdexcept>

namespace klynge {

const std::vector<EntryKindRule>& entry_kind_rules()
{
  using F = Figure;
  using P = Party;
  static const std::vector<EntryKindRule> rules{
      // An opening carries money over: to an initiative's budget, or into the pool.
      {EntryKind::opening,
       {{F::budget, P::initiative, +1, When::with_initiative}, {F::received, P::body, +1, When::without_initiative}},
       0, false},
      {EntryKind::receipt, {{F::received, P::body, +1}}, 0, false},
      {EntryKind::grant, {{F::granted, P::body, +1}, {F::budget, P::initiative, +1}}, +1, true, DecisionMove::granted},
      {EntryKind::reserve,
       {{F::reserved, P::body, +1}, {F::reserved_for, P::initiative, +1, When::with_initiative}}, +1, false,
       DecisionMove::reserved},
      {EntryKind::unreserve,
       {{F::reserved, P::body, -1}, {F::reserved_for, P::initiative, -1, When::with_initiative}}, -1, false,
       DecisionMove::released},
      // A return gives granted money back to the pool: the grant undone.
      {EntryKind::return_, {{F::granted, P::body, -1}, {F::budget, P::initiative, -1}}, -1, true, DecisionMove::returned},
      {EntryKind::expense, {{F::spent, P::initiative, +1}}, 0, true},
      // A contribution counts where it lands, and as granted by a payer whose books are kept here: across
      // bodies the money is counted once.
      {EntryKind::contribution,
       {{F::budget, P::initiative, +1, When::with_initiative},
        {F::received, P::body, +1, When::without_initiative},
        {F::granted, P::counterparty, +1, When::with_counterparty}},
       +1, false, DecisionMove::contributed},
  };
  return rules;
}

const EntryKindRule& rule_of(EntryKind kind)
{
  const auto& rules = entry_kind_rules();
  const auto i = static_cast<std::size_t>(kind);
  if (i >= rules.size() || rules[i].kind != kind) throw std::logic_error("the table of entry kinds is out of order");
  return rules[i];
}

bool applies(const Effect& e, bool with_initiative, bool with_counterparty)
{
  switch (e.when) {
  case When::always: return true;
  case When::with_initiative: return with_initiative;
  case When::without_initiative: return !with_initiative;
  case When::with_counterparty: return with_counterparty;
  }
  return false;
}

std::optional<Date> effective_start(const std::optional<Date>& start, const std::vector<const Estimate*>& lines)
{
  if (start) return start;
  std::optional<Date> out;
  for (const Estimate* e : lines)
    if (!out || e->from < *out) out = e->from;
  return out;
}

std::optional<Date> effective_end(const std::optional<Date>& end, const std::vector<const Estimate*>& lines)
{
  if (end) return end;
  std::optional<Date> out;
  for (const Estimate* e : lines)
    if (!out || *out < e->to) out = e->to;
  return out;
}

std::optional<std::string> category_space_warning(const std::string& category)
{
  if (category.empty()) return std::nullopt;
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  if (!space(category.front()) && !space(category.back())) return std::nullopt;
  const auto first = category.find_first_not_of(" \t");
  const std::string trimmed = first == std::string::npos ? std::string() : category.substr(first, category.find_last_not_of(" \t") - first + 1);
  return "the category '" + category + "' has a space at its " + (space(category.front()) ? "start" : "end") +
         ": it is another category than '" + trimmed + "' (an expense counts on the estimate line of its exact category)";
}

}  // namespace klynge

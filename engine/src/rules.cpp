// The table of entry kinds (design §2, §12) and the shared predicates.
#include "klynge/rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

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

namespace {

/// What the entry does to each party's free money (received − granted − reserved), each party's pool apart (a
/// contribution adds to the receiving body's pool what it takes from the paying one's); an array by Party, not a
/// map: this runs for every entry a write makes.
std::array<Money, 3> free_moved(const LedgerEntry& e)
{
  std::array<Money, 3> free{};
  for (const Effect& f : rule_of(e.kind).effects) {
    if (!applies(f, !e.initiative.empty(), !e.counterparty.empty())) continue;
    const Money a = e.amount * (f.sign * entry_sign(e));
    if (f.figure == Figure::received) free[std::size_t(f.party)] += a;
    else if (f.figure == Figure::granted || f.figure == Figure::reserved) free[std::size_t(f.party)] -= a;
  }
  return free;
}

}  // namespace

bool lowers_free(const LedgerEntry& e)
{
  const auto free = free_moved(e);
  return std::any_of(free.begin(), free.end(), [](Money m) { return m.is_negative(); });
}

void add_pools_lowered(const LedgerEntry& e, std::set<std::string>& bodies)
{
  const auto free = free_moved(e);
  if (free[std::size_t(Party::body)].is_negative()) bodies.insert(e.body);
  if (free[std::size_t(Party::counterparty)].is_negative() && !e.counterparty.empty()) bodies.insert(e.counterparty);
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
  // A space, a tab, or a no-break space (U+00A0, which a spreadsheet cell often carries), at either end.
  constexpr std::string_view nbsp = "\xC2\xA0";
  auto space_at_start = [&](std::string_view s) {
    return !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.substr(0, 2) == nbsp);
  };
  auto space_at_end = [&](std::string_view s) {
    return !s.empty() && (s.back() == ' ' || s.back() == '\t' || (s.size() >= 2 && s.substr(s.size() - 2) == nbsp));
  };
  const bool at_start = space_at_start(category);
  if (!at_start && !space_at_end(category)) return std::nullopt;
  std::string_view trimmed = category;
  while (space_at_start(trimmed)) trimmed.remove_prefix(trimmed.front() == '\xC2' ? 2 : 1);
  while (space_at_end(trimmed)) trimmed.remove_suffix(trimmed.back() == '\xA0' ? 2 : 1);
  return "the category '" + category + "' has a space at its " + (at_start ? "start" : "end") +
         ": it is another category than '" + std::string(trimmed) +
         "' (an expense counts on the estimate line of its exact category)";
}

std::string folded_case(std::string_view text)
{
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = char(c + 0x20);
    // The byte after 0xC3 of À–Þ (but ×) is 0x80–0x9E; their small forms are 0x20 above.
    else if (i > 0 && static_cast<unsigned char>(out[i - 1]) == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
      out[i] = char(c + 0x20);
  }
  return out;
}

}  // namespace klynge

#pragma once
/// @file rules.hpp
/// @brief The domain rules in one place (design §2, §12): what each kind of ledger entry does to the figures,
/// the sign of an entry, and the predicates the reports and checks share — a milestone done or overdue, an
/// initiative still running, its effective period, a decision counting as of a date.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "klynge/model.hpp"

namespace klynge {

/// The figures of design §2 an entry moves: a body's pool, or an initiative's money.
enum class Figure { received, granted, reserved, budget, spent, reserved_for };
/// Whose figure it is: the entry's body, its initiative, or its counterparty (the paying body).
enum class Party { body, initiative, counterparty };
/// When an effect applies: always, only with (or without) an initiative, only with a counterparty.
enum class When { always, with_initiative, without_initiative, with_counterparty };

struct Effect
{
  Figure figure;
  Party party;
  int sign;  ///< +1 adds the amount, −1 subtracts it
  When when = When::always;
};

/// Which column of the decisions report an entry citing a decision moves (design §14): none for kinds a
/// decision does not move money by.
enum class DecisionMove { none, granted, reserved, released, contributed, returned };

/// One row of the table of entry kinds.
struct EntryKindRule
{
  EntryKind kind;
  std::vector<Effect> effects;
  int decision_direction;  ///< how it counts in the money a decision moved: +1, −1, or 0 (not at all)
  bool names_initiative;   ///< an entry of this kind must name its initiative
  DecisionMove decision_move = DecisionMove::none;  ///< its column in the decisions report
};

/// The table of entry kinds, one row per kind, in the order of EntryKind.
const std::vector<EntryKindRule>& entry_kind_rules();
const EntryKindRule& rule_of(EntryKind kind);

inline bool names_initiative(EntryKind kind) { return rule_of(kind).names_initiative; }
/// Whether an effect applies to an entry with (or without) an initiative and a counterparty.
bool applies(const Effect& e, bool with_initiative, bool with_counterparty);

/// The signed effect of an entry: −1 for a reversal, +1 otherwise. (The store's SQL says the same in one
/// fragment, store_sql.hpp's signed_amount.)
inline int entry_sign(const LedgerEntry& e) { return e.reverses.empty() ? 1 : -1; }
/// Whether an entry takes from its pool's free money (received − granted − reserved): a grant or a reservation, a
/// reversed receipt. A write is judged for over-committed pools as of the dates of such entries.
bool lowers_free(const LedgerEntry& e);
/// The bodies whose pool's free money the entry lowers (its body, or the paying counterparty of a contribution),
/// added to `bodies`.
void add_pools_lowered(const LedgerEntry& e, std::set<std::string>& bodies);

/// A milestone is done as of the date when its done date is on or before it.
inline bool done_by(const Milestone& m, Date d) { return m.done && !(d < *m.done); }
/// Overdue as of the date: due before it and not done by it.
inline bool overdue_on(const Milestone& m, Date d) { return m.due < d && !done_by(m, d); }

/// Whether an initiative with this status is still running (not completed, cancelled or transferred).
inline bool still_running(InitiativeStatus s)
{
  return s != InitiativeStatus::completed && s != InitiativeStatus::cancelled && s != InitiativeStatus::transferred;
}

/// An initiative's effective start and end: its own, else the earliest start / latest end of its estimate lines.
std::optional<Date> effective_start(const std::optional<Date>& start, const std::vector<const Estimate*>& lines);
std::optional<Date> effective_end(const std::optional<Date>& end, const std::vector<const Estimate*>& lines);

/// Categories are compared exactly (an expense counts on the estimate line of its category): one with a space at
/// its start or end is another category than the same without, which is seldom what was meant. The warning a
/// new entry or estimate line gets then; nothing when there is no such space. (Not trimmed: the stored
/// categories and content ids keep their spaces.)
std::optional<std::string> category_space_warning(const std::string& category);
/// `text` with its letters in lower case: A–Z and the upper half of Latin-1 (Æ, Ø, Å, É, …), as UTF-8; for telling
/// categories apart that differ only so.
std::string folded_case(std::string_view text);

/// A decision counts as of D when its meeting was held on or before D.
inline bool decision_counts(const Meeting& meeting, Date d) { return !(d < meeting.date); }

}  // namespace klynge

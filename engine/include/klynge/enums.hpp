#pragma once
/// @file enums.hpp
/// @brief The kinds, levels and statuses of the domain, with strict conversion to and from text.
///
/// English words are canonical (files, machine reports); Danish words are accepted on input and
/// used in Danish reports. An unknown word is an error naming the word and the choices.

#include <array>
#include <vector>
#include <string>
#include <string_view>

namespace klynge {

enum class BodyKind { cluster, council, region, municipality, other };
enum class GroupLevel { political, strategic, coordination, implementation, operations, project, other };
enum class InitiativeKind { cluster_project, lead, free, joint, improvement, evaluation, other };
enum class InitiativeStatus { proposed, approved, active, paused, completed, cancelled, transferred };
enum class EntryKind { opening, receipt, grant, reserve, unreserve, return_, expense, contribution };
enum class MilestoneKind { start, delivery, report, decision, end, handover, other };
/// What a dated row of changes.csv changes: initiative fields first, then body fields.
enum class ChangeField { status, end, owner, group, active_to, successor, successor_from };
/// What an indicator measures in (percent in points).
enum class IndicatorUnit { percent, count, ratio, kroner, days };
/// Which way an indicator is better.
enum class Direction { lower, higher };
/// How often an initiative reports its expenses.
enum class Cadence { month, quarter, none };

/// One enumerator's words: the English word, then Danish words (the first is the Danish label).
template <class E> struct EnumWord
{
  E value;
  std::string_view english;
  std::vector<std::string_view> danish;
};

/// Specialised per enum: `what` names the kind of word in messages, `words` lists every enumerator.
template <class E> struct EnumTraits;

#define KLYNGE_ENUM_TRAITS(E, WHAT)                                                                  \
  template <> struct EnumTraits<E>                                                                   \
  {                                                                                                  \
    static constexpr std::string_view what = WHAT;                                                   \
    static const std::vector<EnumWord<E>>& words();                                        \
  };
KLYNGE_ENUM_TRAITS(BodyKind, "body kind")
KLYNGE_ENUM_TRAITS(GroupLevel, "group level")
KLYNGE_ENUM_TRAITS(InitiativeKind, "initiative kind")
KLYNGE_ENUM_TRAITS(InitiativeStatus, "status")
KLYNGE_ENUM_TRAITS(EntryKind, "ledger kind")
KLYNGE_ENUM_TRAITS(MilestoneKind, "milestone kind")
KLYNGE_ENUM_TRAITS(ChangeField, "field")
KLYNGE_ENUM_TRAITS(IndicatorUnit, "unit")
KLYNGE_ENUM_TRAITS(Direction, "direction")
KLYNGE_ENUM_TRAITS(Cadence, "reporting cadence")
#undef KLYNGE_ENUM_TRAITS

/// The canonical English word.
template <class E> std::string_view to_text(E value);
/// The Danish label (the first Danish word).
template <class E> std::string_view to_danish(E value);
/// Accepts the English word or any Danish word, case-insensitively for ASCII.
/// @throws ValueError: `'x' is not a body kind (one of: cluster, council, …)`.
template <class E> E parse_enum(std::string_view text);

/// Whether a change field belongs to an initiative (status, end, owner, group) or to a body.
inline bool is_initiative_field(ChangeField f) { return f <= ChangeField::group; }

}  // namespace klynge

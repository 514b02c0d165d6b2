#pragma once
/// @file rag.hpp
/// @brief The RAG colour of an initiative as of a date and the reasons for it, as typed facts (kind and
/// figures); the words for them, in English and Danish, are the renderers' (reports/render/wording).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "klynge/snapshot.hpp"

namespace klynge {

enum class RagColour { green, amber, red };

struct RagReason
{
  enum class Kind
  {
    overspent,           ///< `amount`: the remaining budget, below zero
    line_over_plan,      ///< `category` is `percent` (hundredths) over plan
    milestones_overdue,  ///< `count` milestones overdue, the worst by `days`
    past_end,            ///< still `status` after its end `date`
    no_successor,        ///< runs past its owner's end `date` with no successor
    days_without_owner,  ///< `days` without owner before `successor` takes over
    unreported_periods,  ///< `count` closed periods (of `cadence`) without an expense
  };
  explicit RagReason(Kind k) : kind(k) {}
  Kind kind;
  RagColour colour = RagColour::green;
  Money amount;
  std::string category, successor;
  Hundredths percent = 0;
  std::int64_t count = 0, days = 0;
  InitiativeStatus status = InitiativeStatus::active;
  Cadence cadence = Cadence::month;
  Date date;
};

/// An initiative's milestones as of a date: the next one not done, how many are overdue and by how much.
struct MilestoneSummary
{
  const Milestone* next = nullptr;
  std::int64_t overdue = 0, worst_overdue_days = 0;
};
MilestoneSummary summarise(const std::vector<const Milestone*>& milestones, Date d);

struct RagAssessment
{
  RagColour colour = RagColour::green;  ///< the worst colour of the rules that fire
  std::vector<RagReason> reasons;      ///< every rule that fired, in the order of docs/rag.md
};
/// The rules of docs/rag.md, with the thresholds of the snapshot's settings.
RagAssessment assess(const Snapshot& snap, const InitiativeState& initiative, const MilestoneSummary& milestones);

}  // namespace klynge

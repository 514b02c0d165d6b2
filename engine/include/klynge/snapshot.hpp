#pragma once
/// @file snapshot.hpp
/// @brief The state of everything as of a date: initiatives and bodies after their dated changes, the
/// ledger figures, the estimate revisions in force. Reports read only this; it is built once per report.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "klynge/model.hpp"
#include "klynge/settings.hpp"

namespace klynge {

/// A body as of the date: its active period and successor after dated changes.
struct BodyState
{
  const Body* body = nullptr;
  std::optional<Date> active_to;
  std::string successor;
  std::optional<Date> successor_from;
  /// Whether the body is active on day d.
  bool active_on(Date d) const;
};

/// An initiative as of the date.
struct InitiativeState
{
  const Initiative* initiative = nullptr;
  InitiativeStatus status = InitiativeStatus::proposed;
  std::optional<Date> end;
  std::string owner, group;
  /// Owners over time: the initial owner from the start (or the beginning of time), then each owner change.
  std::vector<std::pair<std::optional<Date>, std::string>> owners;
};

/// A body's pool figures (design §2).
struct PoolFigures
{
  Money received, granted, reserved;
  Money free() const { return received - granted - reserved; }
};

/// An initiative's money figures (design §2).
struct InitiativeMoney
{
  Money budget, spent, reserved_for;
  Money remaining() const { return budget - spent; }
};

class Snapshot
{
public:
  /// Everything in `data` as of `as_of` (inclusive). `data` must outlive the snapshot.
  Snapshot(const Dataset& data, Date as_of);

  Date as_of() const { return as_of_; }
  const Dataset& data() const { return data_; }

  /// Bodies and initiatives in the order they were recorded.
  const std::vector<BodyState>& bodies() const { return bodies_; }
  const std::vector<InitiativeState>& initiatives() const { return initiatives_; }
  const BodyState* body(const std::string& id) const;
  const InitiativeState* initiative(const std::string& id) const;

  /// Ledger entries dated on or before the date, in ledger order.
  const std::vector<const LedgerEntry*>& ledger() const { return ledger_; }
  /// The expenses of one initiative dated on or before the date, in ledger order.
  const std::vector<const LedgerEntry*>& expenses_of(const std::string& initiative) const;
  /// The estimate lines in force: per (initiative, category, from, to) the latest revision made on or before the date.
  const std::vector<const Estimate*>& estimates() const { return estimates_; }
  std::vector<const Estimate*> estimates_of(const std::string& initiative) const;

  PoolFigures pool(const std::string& body) const;
  InitiativeMoney money(const std::string& initiative) const;
  /// The signed effect of an entry: −1 for a reversal, +1 otherwise.
  static int sign(const LedgerEntry& e) { return e.reverses.empty() ? 1 : -1; }

  const RagRules& rules() const { return rules_; }

private:
  const Dataset& data_;
  Date as_of_;
  std::vector<BodyState> bodies_;
  std::vector<InitiativeState> initiatives_;
  std::map<std::string, std::size_t> body_index_, initiative_index_;
  std::vector<const LedgerEntry*> ledger_;
  std::vector<const Estimate*> estimates_;
  std::map<std::string, PoolFigures> pools_;
  std::map<std::string, InitiativeMoney> money_;
  std::map<std::string, std::vector<const LedgerEntry*>> expenses_;
  RagRules rules_;
};

/// Estimated costs of the lines falling in [from, to], pro rata by days per line, rounded per line (design §12).
Money estimated_in(const std::vector<const Estimate*>& lines, Date from, Date to);
/// One line's share of [from, to].
Money share_of(const Estimate& line, Date from, Date to);

}  // namespace klynge

#pragma once
/// @file snapshot.hpp
/// @brief The state of everything as of a date: initiatives and bodies after their dated changes, the
/// ledger figures, the estimate revisions in force. Reports read only this; it is built once per report.

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "klynge/ledger_sums.hpp"
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
  /// Status changes up to the date, in date order (the status on `start` is `initiative->status`).
  std::vector<std::pair<Date, InitiativeStatus>> status_changes;
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
  /// Everything in `data` as of `as_of` (inclusive), the ledger figures summed from `data.ledger`.
  /// `data` must outlive the snapshot.
  Snapshot(const Dataset& data, Date as_of);
  /// The records of `data` (whose ledger may be left unread) with the ledger figures from `sums`; both must
  /// outlive the snapshot.
  Snapshot(const Dataset& data, Date as_of, const LedgerSums& sums);

  Date as_of() const { return as_of_; }
  const Dataset& data() const { return data_; }

  /// Bodies and initiatives in the order they were recorded.
  const std::vector<BodyState>& bodies() const { return bodies_; }
  const std::vector<InitiativeState>& initiatives() const { return initiatives_; }
  const BodyState* body(const std::string& id) const;
  const InitiativeState* initiative(const std::string& id) const;

  /// The signed sum of an initiative's expenses dated in [from, to] and on or before the date: of one
  /// category, or of all (nullopt).
  Money spent_in(const std::string& initiative, const std::optional<std::string>& category, Date from, Date to) const;
  /// Names windows a report will ask spent_in() for, before it asks: the sums may then read them all at once.
  void will_ask_spent(std::vector<ExpenseWindow> windows) const;
  /// The categories the initiative has expenses in, sorted.
  std::vector<std::string> expense_categories(const std::string& initiative) const;
  /// (initiative, category) of the expenses on or before the date that sum to other than zero, from the balances
  /// the snapshot reads anyway.
  const std::set<std::pair<std::string, std::string>>& expense_keys() const { return expense_keys_; }
  /// The estimate lines in force: per (initiative, category, from, to) the latest revision made on or before the date.
  const std::vector<const Estimate*>& estimates() const { return estimates_; }
  std::vector<const Estimate*> estimates_of(const std::string& initiative) const;

  /// The meeting a decision was made at (nullptr when unknown), and whether it counts as of the date.
  const Meeting* meeting_of(const Decision& decision) const;
  bool counts(const Decision& decision) const;

  PoolFigures pool(const std::string& body) const;
  InitiativeMoney money(const std::string& initiative) const;
  const RagRules& rules() const { return rules_; }
  /// Where the ledger figures come from (a report that needs them as of other dates makes its snapshots with it).
  const LedgerSums& sums() const { return *sums_; }

private:
  void build();
  std::unique_ptr<EntrySums> own_sums_;  ///< when made from the dataset's entries
  const LedgerSums* sums_;
  const Dataset& data_;
  Date as_of_;
  std::vector<BodyState> bodies_;
  std::vector<InitiativeState> initiatives_;
  std::map<std::string, std::size_t> body_index_, initiative_index_;
  std::map<std::string, const Meeting*> meetings_;
  std::vector<const Estimate*> estimates_;
  std::map<std::string, std::vector<const Estimate*>> estimates_by_initiative_;
  std::map<std::string, PoolFigures> pools_;
  std::set<std::pair<std::string, std::string>> expense_keys_;
  std::map<std::string, InitiativeMoney> money_;
  RagRules rules_;
};

/// Estimated costs of the lines falling in [from, to], pro rata by days per line, rounded per line (design §12).
Money estimated_in(const std::vector<const Estimate*>& lines, Date from, Date to);
/// One line's share of [from, to].
Money share_of(const Estimate& line, Date from, Date to);

}  // namespace klynge

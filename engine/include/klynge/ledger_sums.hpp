#pragma once
/// @file ledger_sums.hpp
/// @brief The sums of the ledger the figures are made of, as of a date or over a window. Two sources give the
/// same numbers: the entries themselves (tests, checks, reports that list entries) and the running totals the
/// store keeps with the ledger (reports over a large ledger, without reading every row).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "klynge/model.hpp"
#include "klynge/rules.hpp"

namespace klynge {

/// What the running totals are kept by: every figure of design §2 is a sum over entries of one key.
struct FlowKey
{
  std::string body, initiative, counterparty;  ///< empty when the entries have none
  EntryKind kind = EntryKind::receipt;
  std::string category;
};

/// A key and the signed sum of its entries (a reversal counts negative).
struct Flow
{
  FlowKey key;
  Money amount;
};

/// A window of an initiative's expenses (of one category, or of all: nullopt), [from, to], that a report will ask
/// LedgerSums::expenses() for.
struct ExpenseWindow
{
  std::string initiative;
  std::optional<std::string> category;
  Date from, to;
};

class LedgerSums
{
public:
  virtual ~LedgerSums() = default;
  /// Every key with entries dated on or before `d`, with their signed sum.
  virtual std::vector<Flow> balances(Date d) const = 0;
  /// The signed sum of an initiative's expenses dated in [from, to]: of one category, or of all (nullopt).
  virtual Money expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                         Date to) const = 0;
  /// The categories an initiative has expenses in (at any date), sorted.
  virtual std::vector<std::string> expense_categories(const std::string& initiative) const = 0;
  /// The date of the earliest entry; nullopt when the ledger is empty.
  virtual std::optional<Date> first_date() const = 0;
  /// The days on or before `d` with an initiative's entries of `kind` (of any kind: nullopt), ascending. For one
  /// kind, only days whose entries sum above zero: a day of reversals only, or whose entries cancel out (an expense
  /// and its reversal), reports nothing.
  virtual std::vector<Date> entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const = 0;
  /// The last of entry_days(initiative, kind, d); nullopt when there is none.
  virtual std::optional<Date> last_entry_day(const std::string& initiative, EntryKind kind, Date d) const;
  /// The money the decisions moved as of `d`: per decision, per kind of entry, the signed sum of the entries dated
  /// on or before `d` that cite it (a reversal counts, negative, for the decision its original cites).
  virtual std::map<std::string, std::map<EntryKind, Money>> decision_moves(Date d) const = 0;
  /// The decisions an initiative's entries dated on or before `d` cite, in the order they are first cited.
  virtual std::vector<std::string> decisions_cited(const std::string& initiative, Date d) const = 0;
  /// Told of windows before they are asked for (a report names those it will ask, Snapshot::will_ask_spent): a
  /// backend may read all their sums at once. A window not told may still be asked; nothing changes the sums.
  virtual void will_ask(const std::vector<ExpenseWindow>&) const {}
};

/// Sums computed from the entries of a dataset (which must outlive this).
class EntrySums : public LedgerSums
{
public:
  explicit EntrySums(const std::vector<LedgerEntry>& entries);
  std::vector<Flow> balances(Date d) const override;
  Money expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                 Date to) const override;
  std::vector<std::string> expense_categories(const std::string& initiative) const override;
  std::optional<Date> first_date() const override;
  std::vector<Date> entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const override;
  std::map<std::string, std::map<EntryKind, Money>> decision_moves(Date d) const override;
  std::vector<std::string> decisions_cited(const std::string& initiative, Date d) const override;

private:
  const std::vector<LedgerEntry>& entries_;
  std::map<std::string, std::vector<const LedgerEntry*>> expenses_;  ///< per initiative, in ledger order
};

}  // namespace klynge

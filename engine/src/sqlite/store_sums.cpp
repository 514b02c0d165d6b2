// The ledger's sums read from the running totals (schema 3) and, for what they do not keep, from the ledger.
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

namespace {

/// The ledger's sums from the running totals, read on demand (one index seek per key and date, remembered).
class StoreSums : public LedgerSums
{
public:
  explicit StoreSums(SQLite::Database& db)
      : db_(db), at_(db, "SELECT running FROM ledger_days WHERE key = ? AND day <= ? ORDER BY day DESC LIMIT 1"),
        balances_(db, "SELECT k.id, (SELECT d.running FROM ledger_days d WHERE d.key = k.id AND d.day <= ? "
                      "ORDER BY d.day DESC LIMIT 1) FROM ledger_keys k")
  {
    SQLite::Statement q(db, "SELECT id, body, initiative, counterparty, kind, category FROM ledger_keys ORDER BY id");
    while (q.executeStep()) {
      FlowKey k{q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                parse_enum<EntryKind>(q.getColumn(4).getString()), q.getColumn(5).getString()};
      std::int64_t id = q.getColumn(0).getInt64();
      if (k.kind == EntryKind::expense) expense_keys_[k.initiative].push_back({id, k.category});
      keys_.emplace(id, std::move(k));
    }
  }

  std::vector<Flow> balances(Date d) const override
  {
    std::vector<Flow> out;
    guarded([&]() {
      balances_.reset();
      balances_.bind(1, d.iso());
      while (balances_.executeStep())
        if (!balances_.getColumn(1).isNull())
          out.push_back({keys_.at(balances_.getColumn(0).getInt64()), Money::from_ore(balances_.getColumn(1).getInt64())});
      balances_.reset();
    });
    return out;
  }

  Money expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                 Date to) const override
  {
    Money sum;
    auto it = expense_keys_.find(initiative);
    if (it == expense_keys_.end() || to < from) return sum;
    for (const auto& [id, cat] : it->second)
      if (!category || cat == *category) sum += running(id, to) - running(id, from.plus_days(-1));
    return sum;
  }

  std::vector<std::string> expense_categories(const std::string& initiative) const override
  {
    std::vector<std::string> out;
    auto it = expense_keys_.find(initiative);
    if (it != expense_keys_.end())
      for (const auto& k : it->second) out.push_back(k.second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  std::map<std::string, std::map<EntryKind, Money>> decision_moves(Date d) const override
  {
    // A reversal counts for the decision its original cites, when the original is dated on or before d too.
    std::map<std::string, std::map<EntryKind, Money>> out;
    guarded([&]() {
      SQLite::Statement q(db_, std::string("SELECT CASE WHEN o.id IS NULL THEN l.decision ELSE o.decision END AS cited, "
                                           "l.kind AS kind, sum(") + signed_amount + ") AS amount "
                                           "FROM ledger l LEFT JOIN ledger o ON o.id = l.reverses AND o.date <= ?1 "
                                           "WHERE l.date <= ?1 GROUP BY 1, 2 HAVING cited IS NOT NULL");
      q.bind(1, d.iso());
      while (q.executeStep())
        out[q.getColumn("cited").getString()][parse_enum<EntryKind>(q.getColumn("kind").getString())] +=
            Money::from_ore(q.getColumn("amount").getInt64());
    });
    return out;
  }

  std::vector<std::string> decisions_cited(const std::string& initiative, Date d) const override
  {
    // Read for every initiative at once, and kept for the date: a hand-over report asks for many.
    if (!cited_on_ || *cited_on_ != d) {
      cited_.clear();
      guarded([&]() {
        SQLite::Statement q(db_, "SELECT initiative, decision FROM ledger WHERE date <= ?1 AND decision IS NOT NULL "
                                 "AND initiative IS NOT NULL GROUP BY initiative, decision ORDER BY initiative, min(seq)");
        q.bind(1, d.iso());
        while (q.executeStep())
          cited_[q.getColumn("initiative").getString()].push_back(q.getColumn("decision").getString());
      });
      cited_on_ = d;
    }
    auto it = cited_.find(initiative);
    return it == cited_.end() ? std::vector<std::string>{} : it->second;
  }

  std::optional<Date> first_date() const override
  {
    std::optional<Date> first;
    guarded([&]() {
      SQLite::Statement q(db_, "SELECT min(day) FROM ledger_days");
      if (q.executeStep() && !q.getColumn(0).isNull()) first = parse_date(q.getColumn(0).getString());
    });
    return first;
  }

  std::vector<Date> entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const override
  {
    // From the running totals' days: per key and day the signed sum and the number of entries.
    std::vector<Date> out;
    guarded([&]() {
      SQLite::Statement q(db_, "SELECT d.day FROM ledger_days d JOIN ledger_keys k ON k.id = d.key "
                               "WHERE k.initiative = ?1 AND (?2 IS NULL OR k.kind = ?2) AND d.day <= ?3 "
                               "GROUP BY d.day HAVING ?2 IS NULL OR sum(d.amount) > 0 ORDER BY d.day");
      q.bind(1, initiative);
      if (kind) q.bind(2, std::string(to_text(*kind)));
      q.bind(3, d.iso());
      while (q.executeStep()) out.push_back(parse_date(q.getColumn(0).getString()));
    });
    return out;
  }

private:
  /// The key's running sum on day d: that of its last day on or before d.
  Money running(std::int64_t key, Date d) const
  {
    const std::int64_t day = d.sys_days().time_since_epoch().count();
    const auto found = memo_.try_emplace(std::make_pair(key, day));
    const auto it = found.first;
    if (found.second) {
      guarded([&]() {
        at_.reset();
        at_.bind(1, key);
        at_.bind(2, d.iso());
        if (at_.executeStep()) it->second = Money::from_ore(at_.getColumn(0).getInt64());
        at_.reset();
      });
    }
    return it->second;
  }

  /// Runs a read, turning SQLite's errors into the store's.
  template <class F> void guarded(F&& f) const
  {
    try {
      f();
    } catch (const SQLite::Exception& e) {
      throw DatabaseError(std::string("reading the running totals: ") + e.what());
    }
  }

  struct PairHash
  {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const
    {
      return std::hash<std::int64_t>()(p.first * 1000003 + p.second);
    }
  };
  SQLite::Database& db_;
  mutable SQLite::Statement at_, balances_;
  std::unordered_map<std::int64_t, FlowKey> keys_;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> expense_keys_;  ///< per initiative: (key, category)
  mutable std::unordered_map<std::pair<std::int64_t, std::int64_t>, Money, PairHash> memo_;
  mutable std::optional<Date> cited_on_;
  mutable std::map<std::string, std::vector<std::string>> cited_;
};

}  // namespace

std::unique_ptr<LedgerSums> SqliteStore::sums() const
{
  try {
    return std::make_unique<StoreSums>(*db_);
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": " + e.what());
  }
}

}  // namespace klynge

// The ledger's sums read from the running totals (schema 3) and, for what they do not keep, from the ledger; as
// known at a revision, the running totals (which are of now) less the entries written after it.
#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "later_entries.hpp"
#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

namespace {

/// The ledger's sums from the running totals, read on demand (one index seek per key and date, remembered). As
/// known at revision R: the same, less the entries written after R, which are read once (by the index on the
/// revision), per key and day: their number grows with what was written since R, not with the ledger.
/// A key's sum up to and including a day of it: the day's running sum in its year plus the year's opening (schema
/// 13). CROSS JOIN keeps the days the outer loop, so that ORDER BY day DESC LIMIT 1 stays one seek.
constexpr const char* sum_to_day = "d.running + y.opening";
constexpr const char* day_and_year = "ledger_days d CROSS JOIN ledger_years y ON y.key = d.key AND y.year = substr(d.day, 1, 4)";

class StoreSums : public LedgerSums
{
public:
  StoreSums(SQLite::Database& db, std::optional<std::int64_t> known_at)
      : db_(db), at_(db, std::string("SELECT ") + sum_to_day + " FROM " + day_and_year +
                             " WHERE d.key = ? AND d.day <= ? ORDER BY d.day DESC LIMIT 1"),
        balances_(db, std::string("SELECT k.id, (SELECT ") + sum_to_day + " FROM " + day_and_year +
                          " WHERE d.key = k.id AND d.day <= ? ORDER BY d.day DESC LIMIT 1) FROM ledger_keys k"),
        days_(db, "SELECT day, entries FROM ledger_days WHERE key = ? ORDER BY day"),
        last_(db, "SELECT day, amount FROM ledger_days WHERE key = ? AND day <= ? ORDER BY day DESC LIMIT 1"),
        known_at_(known_at.value_or(std::numeric_limits<std::int64_t>::max())),
        later_([this](std::int64_t key, const std::function<bool(const std::string&, std::int64_t)>& each) {
          guarded([&]() {
            days_.reset();
            days_.bind(1, key);
            while (days_.executeStep())
              if (!each(days_.getColumn(0).getString(), days_.getColumn(1).getInt64())) break;
            days_.reset();
          });
        })
  {
    if (known_at) {
      SQLite::Statement later(db, std::string("SELECT k.id, l.date, sum(") + signed_amount + "), count(*) FROM ledger l "
                                  "JOIN ledger_keys k ON " + key_of_row + " WHERE l.revision > ?1 "
                                  "GROUP BY k.id, l.date ORDER BY k.id, l.date");
      later.bind(1, *known_at);
      while (later.executeStep()) {
        later_.add(later.getColumn(0).getInt64(), later.getColumn(1).getString(), later.getColumn(2).getInt64(),
                   later.getColumn(3).getInt64());
      }
    }
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
      while (balances_.executeStep()) {
        if (balances_.getColumn(1).isNull()) continue;
        const std::int64_t key = balances_.getColumn(0).getInt64();
        if (!later_.known_by(key, d)) continue;
        out.push_back({keys_.at(key), Money::from_ore(balances_.getColumn(1).getInt64() - later_.sum_up_to(key, d.iso()))});
      }
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
    read_pending();
    for (const auto& [id, cat] : it->second)
      if (!category || cat == *category) sum += running(id, to) - running(id, from.plus_days(-1));
    return sum;
  }

  std::optional<Date> last_entry_day(const std::string& initiative, EntryKind kind, Date d) const override
  {
    // From each expense key's last day on or before d (a seek each): the latest of them is the initiative's last
    // day when its keys' amounts on it sum above zero. Else (a day of reversals only, or whose entries cancel out)
    // its days are read.
    if (kind != EntryKind::expense || !later_.empty()) return LedgerSums::last_entry_day(initiative, kind, d);
    auto it = expense_keys_.find(initiative);
    if (it == expense_keys_.end()) return std::nullopt;
    std::string last;
    std::int64_t amount = 0;
    guarded([&]() {
      const std::string day = d.iso();
      for (const auto& k : it->second) {
        last_.reset();
        last_.bind(1, k.first);
        last_.bind(2, day);
        if (last_.executeStep()) {
          const std::string found = last_.getColumn(0).getString();
          if (found > last) last = found, amount = 0;
          if (found == last) amount += last_.getColumn(1).getInt64();
        }
        last_.reset();
      }
    });
    if (last.empty()) return std::nullopt;
    if (amount > 0) return parse_date(last);
    return LedgerSums::last_entry_day(initiative, kind, d);
  }

  void will_ask(const std::vector<ExpenseWindow>& windows) const override
  {
    for (const ExpenseWindow& w : windows)
      if (auto it = expense_keys_.find(w.initiative); it != expense_keys_.end())
        for (const auto& [id, cat] : it->second)
          if (!w.category || cat == *w.category) pending_.emplace_back(id, w.from.plus_days(-1)), pending_.emplace_back(id, w.to);
  }

  std::vector<std::string> expense_categories(const std::string& initiative) const override
  {
    std::vector<std::string> out;
    auto it = expense_keys_.find(initiative);
    if (it != expense_keys_.end())
      for (const auto& k : it->second)
        if (later_.first_known(k.first)) out.push_back(k.second);
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
                                           "WHERE l.date <= ?1 AND l.revision <= ?2 GROUP BY 1, 2 HAVING cited IS NOT NULL");
      q.bind(1, d.iso());
      q.bind(2, known_at_);
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
                                 "AND initiative IS NOT NULL AND revision <= ?2 "
                                 "GROUP BY initiative, decision ORDER BY initiative, min(seq)");
        q.bind(1, d.iso());
        q.bind(2, known_at_);
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
      if (later_.empty()) {
        SQLite::Statement q(db_, "SELECT min(day) FROM ledger_days");
        if (q.executeStep() && !q.getColumn(0).isNull()) first = parse_date(q.getColumn(0).getString());
        return;
      }
      // Per key its first day, or for a key with later entries its first day with an entry known then.
      std::optional<std::string> min;
      SQLite::Statement q(db_, "SELECT key, min(day) FROM ledger_days GROUP BY key");
      while (q.executeStep()) {
        const std::int64_t key = q.getColumn(0).getInt64();
        const auto day = later_.has(key) ? later_.first_known(key) : std::optional<std::string>(q.getColumn(1).getString());
        if (day && (!min || *day < *min)) min = day;
      }
      if (min) first = parse_date(*min);
    });
    return first;
  }

  std::vector<Date> entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const override
  {
    // From the running totals' days: per key and day the signed sum and the number of entries.
    std::vector<Date> out;
    if (!later_.empty()) return entry_days_known(initiative, kind, d);
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
  /// entry_days as known at a revision: the days' sums and counts less the later entries'.
  std::vector<Date> entry_days_known(const std::string& initiative, std::optional<EntryKind> kind, Date d) const
  {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> days;  // day: signed sum, entries
    guarded([&]() {
      SQLite::Statement q(db_, "SELECT d.key, d.day, d.amount, d.entries FROM ledger_days d JOIN ledger_keys k "
                               "ON k.id = d.key WHERE k.initiative = ?1 AND (?2 IS NULL OR k.kind = ?2) AND d.day <= ?3");
      q.bind(1, initiative);
      if (kind) q.bind(2, std::string(to_text(*kind)));
      q.bind(3, d.iso());
      while (q.executeStep()) {
        const std::string day = q.getColumn(1).getString();
        const LaterEntries::Day* l = later_.on(q.getColumn(0).getInt64(), day);
        auto& [amount, entries] = days[day];
        amount += q.getColumn(2).getInt64() - (l ? l->amount : 0);
        entries += q.getColumn(3).getInt64() - (l ? l->entries : 0);
      }
    });
    std::vector<Date> out;
    for (const auto& [day, sum] : days)
      if (sum.second > 0 && (!kind || sum.first > 0)) out.push_back(parse_date(day));
    return out;
  }

  /// The windows' ends named by will_ask(), read when the first window is asked (not at all by a report that asks
  /// none), in key and day order, the index's. In the process a seek costs no more with others than alone: no
  /// query of them all at once, as on a server.
  void read_pending() const
  {
    if (pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end());
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
    for (const auto& [id, day] : pending_) running(id, day);
    pending_.clear();
  }

  /// The key's running sum on day d: that of its last day on or before d (less the later entries').
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
        if (at_.executeStep()) it->second = Money::from_ore(at_.getColumn(0).getInt64() - later_.sum_up_to(key, d.iso()));
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
  mutable SQLite::Statement at_, balances_, days_, last_;
  std::int64_t known_at_;  ///< the revision known at; the largest number when everything known now counts
  LaterEntries later_;  ///< as known at a revision: the entries written after it
  std::unordered_map<std::int64_t, FlowKey> keys_;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> expense_keys_;  ///< per initiative: (key, category)
  mutable std::unordered_map<std::pair<std::int64_t, std::int64_t>, Money, PairHash> memo_;
  mutable std::vector<std::pair<std::int64_t, Date>> pending_;  ///< the windows' ends will_ask() named, not read yet
  mutable std::optional<Date> cited_on_;
  mutable std::map<std::string, std::vector<std::string>> cited_;
};

}  // namespace

std::unique_ptr<LedgerSums> SqliteStore::sums(std::optional<std::int64_t> known_at) const
{
  try {
    return std::make_unique<StoreSums>(*db_, known_at);
  } catch (const SQLite::Exception& e) {
    throw DatabaseError("database " + path_ + ": " + e.what());
  }
}

}  // namespace klynge

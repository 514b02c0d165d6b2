// The ledger's sums on PostgreSQL, read from the running totals (as engine/src/sqlite/store_sums.cpp) and, for what
// they do not keep, from the ledger; as known at a revision, the running totals less the entries written after it.
#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "later_entries.hpp"
#include "pg_store.hpp"

namespace klynge {

using detail::LaterEntries;
using pgd::key_of_row;
using pgd::signed_amount;

namespace {

class PgSums : public LedgerSums
{
public:
  PgSums(const PgStore& store, std::optional<std::int64_t> known_at)
      : s_(store), known_at_(known_at.value_or(std::numeric_limits<std::int64_t>::max())),
        later_([this](std::int64_t key, const std::function<bool(const std::string&, std::int64_t)>& each) {
          for (const auto& q : s_.exec("SELECT day, entries FROM ledger_days WHERE key = " + std::to_string(key) +
                                       " ORDER BY day"))
            if (!each(q[0].as<std::string>(), q[1].as<std::int64_t>())) break;
        })
  {
    if (known_at) {
      for (const auto& q : s_.exec(std::string("SELECT k.id, l.date, sum(") + signed_amount +
                                   ")::bigint, count(*) FROM ledger l JOIN ledger_keys k ON " + key_of_row +
                                   " WHERE l.revision > " + std::to_string(*known_at) +
                                   " GROUP BY k.id, l.date ORDER BY k.id, l.date")) {
        later_.add(q[0].as<std::int64_t>(), q[1].as<std::string>(), q[2].as<std::int64_t>(), q[3].as<std::int64_t>());
      }
    }
    for (const auto& q : s_.exec("SELECT id, body, initiative, counterparty, kind, category FROM ledger_keys ORDER BY id")) {
      FlowKey k{q[1].as<std::string>(), q[2].as<std::string>(), q[3].as<std::string>(),
                parse_enum<EntryKind>(q[4].as<std::string>()), q[5].as<std::string>()};
      const std::int64_t id = q[0].as<std::int64_t>();
      if (k.kind == EntryKind::expense) expense_keys_[k.initiative].push_back({id, k.category});
      initiative_keys_[k.initiative] += (initiative_keys_[k.initiative].empty() ? "" : ",") + std::to_string(id);
      keys_.emplace(id, std::move(k));
    }
  }

  std::vector<Flow> balances(Date d) const override
  {
    std::vector<Flow> out;
    for (const auto& q : s_.exec("SELECT k.id, (SELECT d.running FROM ledger_days d WHERE d.key = k.id AND d.day <= " +
                                 s_.lit(d.iso()) + " ORDER BY d.day DESC LIMIT 1) FROM ledger_keys k ORDER BY k.id")) {
      if (q[1].is_null()) continue;
      const std::int64_t key = q[0].as<std::int64_t>();
      if (!later_.known_by(key, d)) continue;
      out.push_back({keys_.at(key), Money::from_ore(q[1].as<std::int64_t>() - later_.sum_up_to(key, d.iso()))});
    }
    return out;
  }

  Money expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                 Date to) const override
  {
    Money sum;
    auto it = expense_keys_.find(initiative);
    if (it == expense_keys_.end() || to < from) return sum;
    load_expense_days(day_number(to));
    for (const auto& [id, cat] : it->second)
      if (!category || cat == *category) sum += running(id, to) - running(id, from.plus_days(-1));
    return sum;
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
    std::map<std::string, std::map<EntryKind, Money>> out;
    const std::string day = s_.lit(d.iso());
    for (const auto& q : s_.exec(std::string("SELECT cited, kind, amount FROM (SELECT CASE WHEN o.id IS NULL THEN "
                                             "l.decision ELSE o.decision END AS cited, l.kind AS kind, sum(") +
                                 signed_amount + ")::bigint AS amount FROM ledger l LEFT JOIN ledger o ON o.id = "
                                 "l.reverses AND o.date <= " + day + " WHERE l.date <= " + day + " AND l.revision <= " +
                                 std::to_string(known_at_) + " GROUP BY 1, 2) AS m WHERE cited IS NOT NULL"))
      out[q[0].as<std::string>()][parse_enum<EntryKind>(q[1].as<std::string>())] +=
          Money::from_ore(q[2].as<std::int64_t>());
    return out;
  }

  std::vector<std::string> decisions_cited(const std::string& initiative, Date d) const override
  {
    if (!cited_on_ || *cited_on_ != d) {
      cited_.clear();
      for (const auto& q : s_.exec("SELECT initiative, decision FROM ledger WHERE date <= " + s_.lit(d.iso()) +
                                   " AND decision IS NOT NULL AND initiative IS NOT NULL AND revision <= " +
                                   std::to_string(known_at_) +
                                   " GROUP BY initiative, decision ORDER BY initiative, min(seq)"))
        cited_[q[0].as<std::string>()].push_back(q[1].as<std::string>());
      cited_on_ = d;
    }
    auto it = cited_.find(initiative);
    return it == cited_.end() ? std::vector<std::string>{} : it->second;
  }

  std::optional<Date> first_date() const override
  {
    if (later_.empty()) {
      const auto r = s_.exec("SELECT min(day) FROM ledger_days");
      if (r[0][0].is_null()) return std::nullopt;
      return parse_date(r[0][0].as<std::string>());
    }
    std::optional<std::string> min;
    for (const auto& q : s_.exec("SELECT key, min(day) FROM ledger_days GROUP BY key")) {
      const std::int64_t key = q[0].as<std::int64_t>();
      const auto day = later_.has(key) ? later_.first_known(key) : std::optional<std::string>(q[1].as<std::string>());
      if (day && (!min || *day < *min)) min = day;
    }
    if (min) return parse_date(*min);
    return std::nullopt;
  }

  std::vector<Date> entry_days(const std::string& initiative, std::optional<EntryKind> kind, Date d) const override
  {
    std::vector<Date> out;
    if (!later_.empty()) return entry_days_known(initiative, kind, d);
    if (kind == EntryKind::expense) {
      // From the expense days read once for every initiative (load_expense_days): no query per initiative.
      const std::int32_t last = day_number(d);
      load_expense_days(last);
      std::vector<std::pair<std::int32_t, std::int64_t>> days;
      if (auto it = expense_keys_.find(initiative); it != expense_keys_.end())
        for (const auto& k : it->second)
          if (auto found = days_.find(k.first); found != days_.end())
            for (const auto& day : found->second) {
              if (day.day > last) break;
              days.emplace_back(day.day, day.amount);
            }
      std::sort(days.begin(), days.end());
      for (std::size_t i = 0; i < days.size();) {
        const std::int32_t day = days[i].first;
        std::int64_t amount = 0;
        for (; i < days.size() && days[i].first == day; ++i) amount += days[i].second;
        if (amount > 0) out.push_back(date_of(day));
      }
      return out;
    }
    const std::string of_kind = kind ? " AND k.kind = " + s_.lit(std::string(to_text(*kind))) : std::string();
    if (!kind) {
      // The initiative's keys named (no scan of ledger_keys for its initiative).
      auto it = initiative_keys_.find(initiative);
      if (it == initiative_keys_.end()) return out;
      for (const auto& q : s_.exec("SELECT DISTINCT day FROM ledger_days WHERE key IN (" + it->second + ") AND day <= " +
                                   s_.lit(d.iso()) + " ORDER BY day"))
        out.push_back(parse_date(q[0].as<std::string>()));
      return out;
    }
    for (const auto& q : s_.exec("SELECT d.day FROM ledger_days d JOIN ledger_keys k ON k.id = d.key WHERE k.initiative = " +
                                 s_.lit(initiative) + of_kind + " AND d.day <= " + s_.lit(d.iso()) + " GROUP BY d.day" +
                                 " HAVING sum(d.amount) > 0 ORDER BY d.day"))
      out.push_back(parse_date(q[0].as<std::string>()));
    return out;
  }

  void asked_up_to(Date d) const override { asked_up_to_ = std::max(asked_up_to_, day_number(d)); }

private:
  std::vector<Date> entry_days_known(const std::string& initiative, std::optional<EntryKind> kind, Date d) const
  {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> days;
    const std::string of_kind = kind ? " AND k.kind = " + s_.lit(std::string(to_text(*kind))) : std::string();
    for (const auto& q : s_.exec("SELECT d.key, d.day, d.amount, d.entries FROM ledger_days d JOIN ledger_keys k ON "
                                 "k.id = d.key WHERE k.initiative = " + s_.lit(initiative) + of_kind +
                                 " AND d.day <= " + s_.lit(d.iso()))) {
      const std::string day = q[1].as<std::string>();
      const LaterEntries::Day* l = later_.on(q[0].as<std::int64_t>(), day);
      auto& [amount, entries] = days[day];
      amount += q[2].as<std::int64_t>() - (l ? l->amount : 0);
      entries += q[3].as<std::int64_t>() - (l ? l->entries : 0);
    }
    std::vector<Date> out;
    for (const auto& [day, sum] : days)
      if (sum.second > 0 && (!kind || sum.first > 0)) out.push_back(parse_date(day));
    return out;
  }

  /// A day as a number, YYYYMMDD, which orders as the day does.
  static std::int32_t day_number(Date d) { return std::int32_t(d.year() * 10000 + int(d.month()) * 100 + int(d.day())); }
  /// From an ISO date's text (YYYY-MM-DD, as the ledger's CHECK keeps them).
  static std::int32_t day_number(const char* iso)
  {
    std::int32_t n = 0;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) n = n * 10 + (iso[i] - '0');
    return n;
  }
  static Date date_of(std::int32_t n) { return Date::from_ymd(n / 10000, unsigned(n / 100 % 100), unsigned(n % 100)); }

  /// The days of every expense key (amount and running sum), read in one query the first time a report asks for
  /// expenses: a report asks for the windows of every initiative one after another, and a query per initiative
  /// was a round trip and a scan of ledger_keys each (14 s of `report status` at 1M lines, 4,000 initiatives).
  /// Only the days up to the snapshots' latest date (asked_up_to) the first time: a report asks for sums up to
  /// its date only, and the days after it (a third of them in the benchmark's data as of 31-12-2025) need not be
  /// sent. A later question about a day after it (`upto`, a day_number()) reads them all, once.
  void load_expense_days(std::int32_t upto) const
  {
    if (days_loaded_ && upto <= days_upto_) return;
    const bool first = !days_loaded_;
    days_loaded_ = true;
    days_upto_ = first ? std::max(upto, asked_up_to_) : std::numeric_limits<std::int32_t>::max();
    upto = days_upto_;
    days_.clear();
    const std::string until = first ? " WHERE day <= " + s_.lit(date_of(upto).iso()) : std::string();
    // By COPY, each line `key<TAB>YYYY-MM-DD<TAB>running` (a million days at 1M lines: `report status` takes 0.5 s
    // so, 0.75 s with them read as a result). The days of every key, those of other kinds left here: the few
    // of them cost less than the server's join with ledger_keys to leave them out (0.12 against 0.17 s at 1M).
    s_.copy_rows("SELECT key, day, running FROM ledger_days" + until,
                 [&](std::string_view line) {
                   const char* end = line.data() + line.size();
                   std::int64_t key = 0;
                   ExpenseDay day;
                   auto r = std::from_chars(line.data(), end, key);
                   const bool read = r.ec == std::errc() && end - r.ptr > 12 && r.ptr[0] == '\t' && r.ptr[11] == '\t';
                   if (read) {
                     day.day = day_number(r.ptr + 1);
                     r = std::from_chars(r.ptr + 12, end, day.running);
                   }
                   if (!read || r.ec != std::errc() || r.ptr != end)
                     throw DatabaseError("a row of ledger_days not read: " + std::string(line));
                   if (auto k = keys_.find(key); k == keys_.end() || k->second.kind != EntryKind::expense) return;
                   days_[key].push_back(day);
                 });
    // In order of day; each day's amount is its running sum less the day before's.
    for (auto& [key, days] : days_) {
      std::sort(days.begin(), days.end(), [](const ExpenseDay& a, const ExpenseDay& b) { return a.day < b.day; });
      for (std::size_t i = 0; i < days.size(); ++i) days[i].amount = days[i].running - (i ? days[i - 1].running : 0);
    }
  }

  /// A key's running sum as of `d` (as known at the revision), from the days load_expense_days() read.
  Money running(std::int64_t key, Date d) const
  {
    auto it = days_.find(key);
    if (it == days_.end()) return Money();
    const std::int32_t day = day_number(d);
    auto at = std::upper_bound(it->second.begin(), it->second.end(), day,
                               [](std::int32_t a, const ExpenseDay& b) { return a < b.day; });
    if (at == it->second.begin()) return Money();
    return Money::from_ore(std::prev(at)->running - later_.sum_up_to(key, d.iso()));
  }

  struct ExpenseDay
  {
    std::int32_t day = 0;  ///< day_number()
    std::int64_t amount = 0, running = 0;
  };

  const PgStore& s_;
  std::int64_t known_at_;
  LaterEntries later_;  ///< as known at a revision: the entries written after it
  std::unordered_map<std::int64_t, FlowKey> keys_;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> expense_keys_;
  std::map<std::string, std::string> initiative_keys_;  ///< per initiative, its keys' ids as a list for IN (…)
  mutable bool days_loaded_ = false;
  mutable std::int32_t asked_up_to_ = 0;  ///< the latest date (day_number()) a snapshot said it asks up to
  mutable std::int32_t days_upto_ = 0;  ///< the last day (day_number()) days_ holds, when days_loaded_
  mutable std::unordered_map<std::int64_t, std::vector<ExpenseDay>> days_;  ///< per expense key, by day
  mutable std::optional<Date> cited_on_;
  mutable std::map<std::string, std::vector<std::string>> cited_;
};

}  // namespace

std::unique_ptr<LedgerSums> PgStore::sums(std::optional<std::int64_t> known_at) const
{
  return std::make_unique<PgSums>(*this, known_at);
}

}  // namespace klynge

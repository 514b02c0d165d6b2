// The ledger's sums on PostgreSQL, read from the running totals (as engine/src/sqlite/store_sums.cpp) and, for what
// they do not keep, from the ledger; as known at a revision, the running totals less the entries written after it.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
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

/// The last day of a key on or before a date, with its amount and running sum (in its year: schema 13).
std::string last_day(const std::string& key, const std::string& on)
{
  return "LEFT JOIN LATERAL (SELECT day, amount, running FROM ledger_days WHERE key = " + key + " AND day <= " + on +
         " ORDER BY day DESC LIMIT 1) AS d ON true";
}

/// The N tab-separated fields of a line of COPY's text output; false when there are not exactly N.
template <std::size_t N>
bool split(std::string_view line, std::array<std::string_view, N>& out)
{
  for (std::size_t i = 0; i < N; ++i) {
    const auto tab = line.find('\t');
    if ((tab == std::string_view::npos) != (i + 1 == N)) return false;
    out[i] = line.substr(0, tab);
    if (tab != std::string_view::npos) line.remove_prefix(tab + 1);
  }
  return true;
}

/// A whole field as a number.
template <class T>
bool number(std::string_view field, T& out)
{
  const char* end = field.data() + field.size();
  const auto r = std::from_chars(field.data(), end, out);
  return !field.empty() && r.ec == std::errc() && r.ptr == end;
}

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
      key_ids_.push_back(id);
      if (k.kind == EntryKind::expense) expense_keys_[k.initiative].push_back({id, k.category});
      initiative_keys_[k.initiative].push_back(id);
      keys_.emplace(id, std::move(k));
    }
  }

  std::vector<Flow> balances(Date d) const override
  {
    // Per key its balance: from its years (ledger_years) when d is the end of a year or the key has no day in d's
    // year, else its last day on or before d, probed. The running sum there is the balance, kept for the windows
    // ending on d (expenses()); the day and its amount for last_entry_day(), read for the keys not probed when it
    // asks (read_last_days()). At 1M lines as of a year's end no key is probed (22,004 probes before); as of a day
    // within 2025, 16,783.
    std::vector<Flow> out;
    const std::int32_t on = day_number(d);
    const int year = int(d.year());
    const bool year_end = on % 10000 == 1231;
    last_day_.clear();
    last_expense_read_.clear();
    unresolved_.clear();
    last_days_read_ = false;
    last_on_ = d;
    std::string probed;
    for (const std::int64_t key : key_ids_)
      if (!year_end && year_of(key, year)) probed += (probed.empty() ? "" : ",") + std::to_string(key);
    std::unordered_map<std::int64_t, std::int64_t> running;  // of the keys with a day on or before d
    if (!probed.empty())
      for (const auto& q : s_.exec("SELECT p.key, d.day, d.amount, d.running FROM unnest('{" + probed +
                                   "}'::bigint[]) AS p(key) " + last_day("p.key", s_.lit(d.iso())))) {
        const std::int64_t key = q[0].as<std::int64_t>();
        if (q[1].is_null()) continue;  // no day on or before d (its first is later in d's year)
        const std::int32_t last = day_number(q[1].c_str());
        running[key] = q[3].as<std::int64_t>() + opening(key, last / 10000);
        last_day_[key] = {last, q[2].as<std::int64_t>()};
      }
    for (const std::int64_t key : key_ids_) {
      if (!year_end && year_of(key, year)) {
        if (!running.count(key) && !has_year_before(key, year)) {
          remember(key, on, 0);
          continue;
        }
        if (!running.count(key)) {
          running[key] = sum_before(key, year);
          unresolved_.push_back(key);
        }
      } else {
        if (!has_year_before(key, year + 1)) {
          remember(key, on, 0);
          continue;
        }
        running[key] = sum_before(key, year + 1);
        unresolved_.push_back(key);
      }
      const std::int64_t balance = running.at(key);
      remember(key, on, balance);
      if (!later_.known_by(key, d)) continue;
      out.push_back({keys_.at(key), Money::from_ore(balance - later_.sum_up_to(key, d.iso()))});
    }
    return out;
  }

  Money expenses(const std::string& initiative, const std::optional<std::string>& category, Date from,
                 Date to) const override
  {
    Money sum;
    auto it = expense_keys_.find(initiative);
    if (it == expense_keys_.end() || to < from) return sum;
    // The running sums at both ends of the window, those not known yet read together with any named before.
    read_last_days();
    for (const auto& [id, cat] : it->second)
      if (!category || cat == *category) need(id, from.plus_days(-1)), need(id, to);
    read_points();
    for (const auto& [id, cat] : it->second)
      if (!category || cat == *category) sum += running(id, to) - running(id, from.plus_days(-1));
    return sum;
  }

  void will_ask(const std::vector<ExpenseWindow>& windows) const override
  {
    // The expense keys' last days first: an end between a key's last day and the date is its balance.
    read_last_days();
    for (const ExpenseWindow& w : windows)
      if (auto it = expense_keys_.find(w.initiative); it != expense_keys_.end())
        for (const auto& [id, cat] : it->second)
          if (!w.category || cat == *w.category) need(id, w.from.plus_days(-1)), need(id, w.to);
  }

  std::optional<Date> last_entry_day(const std::string& initiative, EntryKind kind, Date d) const override
  {
    // From each expense key's last day on or before d that balances(d) read: the latest of them is the
    // initiative's last day when its keys' amounts on it sum above zero. Else (a day of reversals only, or whose
    // entries cancel out) the days of every such initiative are read, at the first that asks.
    if (kind != EntryKind::expense || !later_.empty() || last_on_ != d) return LedgerSums::last_entry_day(initiative, kind, d);
    if (const auto it = last_expense_read_.find(initiative); it != last_expense_read_.end()) return it->second;
    const auto last = last_expense_day(initiative);
    if (!last || *last > 0) return last ? std::optional<Date>(date_of(*last)) : std::nullopt;
    read_last_expense_days(d);
    return last_expense_read_.at(initiative);
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
    const std::string of_kind = kind ? " AND k.kind = " + s_.lit(std::string(to_text(*kind))) : std::string();
    if (!kind) {
      // The initiative's keys named (no scan of ledger_keys for its initiative).
      auto it = initiative_keys_.find(initiative);
      if (it == initiative_keys_.end()) return out;
      std::string ids;
      for (const std::int64_t id : it->second) ids += (ids.empty() ? "" : ",") + std::to_string(id);
      for (const auto& q : s_.exec("SELECT DISTINCT day FROM ledger_days WHERE key IN (" + ids + ") AND day <= " +
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

private:
  /// A key's row of ledger_years.
  struct Year
  {
    int year = 0;
    std::int64_t opening = 0, total = 0;
  };

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

  /// An initiative's last expense day from last_day_ (day_number()), negated when its keys' amounts on it do not
  /// sum above zero; nullopt when it has none.
  std::optional<std::int32_t> last_expense_day(const std::string& initiative) const
  {
    auto it = expense_keys_.find(initiative);
    if (it == expense_keys_.end()) return std::nullopt;
    read_last_days();
    std::int32_t last = 0;
    std::int64_t amount = 0;
    for (const auto& k : it->second)
      if (auto found = last_day_.find(k.first); found != last_day_.end()) {
        if (found->second.first > last) last = found->second.first, amount = 0;
        if (found->second.first == last) amount += found->second.second;
      }
    if (last == 0) return std::nullopt;
    return amount > 0 ? last : -last;
  }

  /// For every initiative whose last expense day (last_expense_day()) sums to zero or less: its last day that sums
  /// above zero, from all its expense days up to d, read in one query.
  void read_last_expense_days(Date d) const
  {
    std::unordered_map<std::int64_t, const std::string*> initiative_of;
    std::string ids;
    for (const auto& [initiative, keys] : expense_keys_) {
      const auto last = last_expense_day(initiative);
      if (!last || *last > 0) continue;
      last_expense_read_[initiative] = std::nullopt;
      for (const auto& k : keys) {
        initiative_of[k.first] = &initiative;
        ids += (ids.empty() ? "" : ",") + std::to_string(k.first);
      }
    }
    std::map<std::pair<const std::string*, std::string>, std::int64_t> days;  // (initiative, day): signed sum
    for (const auto& q : s_.exec("SELECT key, day, amount FROM ledger_days WHERE key IN (" + ids + ") AND day <= " +
                                 s_.lit(d.iso())))
      days[{initiative_of.at(q[0].as<std::int64_t>()), q[1].as<std::string>()}] += q[2].as<std::int64_t>();
    for (const auto& [at, amount] : days)
      if (amount > 0) last_expense_read_[*at.first] = parse_date(at.second);  // ascending: the last stays
  }

  /// The running sum of a key at a day (day_number()) when read already, or known without reading: between its
  /// last day on or before the date of balances() and that date it is the balance; at a year's end, or in a year
  /// without days of the key, the sum of its years up to it.
  std::optional<std::int64_t> known(std::int64_t key, std::int32_t day) const
  {
    if (last_on_ && day <= day_number(*last_on_)) {
      auto last = last_day_.find(key);
      if (last != last_day_.end()) {
        if (day >= last->second.first) day = day_number(*last_on_);
      } else if (!std::binary_search(unresolved_.begin(), unresolved_.end(), key)) {
        return 0;  // no day on or before the date
      }
    }
    if (auto it = running_at_.find(key); it != running_at_.end()) {
      auto at = std::lower_bound(it->second.begin(), it->second.end(), std::make_pair(day, std::int64_t(0)),
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
      if (at != it->second.end() && at->first == day) return at->second;
    }
    const int year = day / 10000;
    if (day % 10000 == 1231 || !year_of(key, year)) return sum_before(key, year + 1);
    return std::nullopt;
  }

  void remember(std::int64_t key, std::int32_t day, std::int64_t running) const
  {
    auto& days = running_at_[key];
    auto at = std::lower_bound(days.begin(), days.end(), std::make_pair(day, std::int64_t(0)),
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    if (at != days.end() && at->first == day) at->second = running;
    else days.insert(at, {day, running});
  }

  /// Notes that the running sum of a key at day d will be asked for, unless it is read already.
  void need(std::int64_t key, Date d) const
  {
    const std::int32_t day = day_number(d);
    if (day >= first_day && !known(key, day)) pending_.emplace_back(key, day);
  }

  /// Reads the running sums noted by need(), in one query: an index probe each, on the server. A report's windows
  /// are named before it asks (will_ask), so their ends are read together, not every day up to them (652,541 days
  /// at 1M lines as of 31-12-2025, against about 17,000 ends of the estimate lines and 32,000 of the burn rates').
  void read_points() const
  {
    if (pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end());
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
    read_years();
    std::string keys = "'{", days = "'{";
    for (const auto& [key, day] : pending_) {
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", day / 10000, day / 100 % 100, day % 100);
      keys += std::to_string(key) + ",";
      days += text, days += ",";
    }
    keys.back() = '}', days.back() = '}';
    // Without compiling it first (the planner's cost of the probes passes the threshold; compiling them took
    // longer than they do).
    s_.exec("SET LOCAL jit = off");
    // By COPY, each line `ordinal<TAB>day<TAB>running` (\N\t\N when the key has no day on or before it).
    s_.copy_rows("SELECT p.n, d.day, d.running FROM unnest(" + keys + "'::bigint[], " + days +
                     "'::text[]) WITH ORDINALITY AS p(key, day, n) " + last_day("p.key", "p.day"),
                 [&](std::string_view line) {
                   std::array<std::string_view, 3> f;
                   std::size_t n = 0;
                   std::int64_t running = 0;
                   bool read = split(line, f) && number(f[0], n) && n >= 1 && n <= pending_.size();
                   if (read && f[1] != "\\N") {
                     // YYYY-MM-DD, and the running sum in the day's year
                     int year = 0;
                     read = f[1].size() == 10 && number(f[1].substr(0, 4), year) && number(f[2], running);
                     if (read) running += opening(pending_[n - 1].first, year);
                   }
                   if (!read) throw DatabaseError("a running sum of ledger_days not read: " + std::string(line));
                   remember(pending_[n - 1].first, pending_[n - 1].second, running);
                 });
    pending_.clear();
  }

  /// The sum of a key's entries before `year`: the year's opening (schema 13).
  std::int64_t opening(std::int64_t key, int year) const
  {
    if (const Year* y = year_of(key, year)) return y->opening;
    return sum_before(key, year);
  }

  /// The sum of a key's entries in the years before `year`, from its last year before it.
  std::int64_t sum_before(std::int64_t key, int year) const
  {
    const std::vector<Year>* ys = years(key);
    if (!ys) return 0;
    const auto at = std::lower_bound(ys->begin(), ys->end(), year, [](const Year& y, int n) { return y.year < n; });
    return at == ys->begin() ? 0 : std::prev(at)->opening + std::prev(at)->total;
  }

  bool has_year_before(std::int64_t key, int year) const
  {
    const std::vector<Year>* ys = years(key);
    return ys && !ys->empty() && ys->front().year < year;
  }

  /// A key's row of ledger_years for a year, if it has days in it.
  const Year* year_of(std::int64_t key, int year) const
  {
    const std::vector<Year>* ys = years(key);
    if (!ys) return nullptr;
    const auto at = std::lower_bound(ys->begin(), ys->end(), year, [](const Year& y, int n) { return y.year < n; });
    return at != ys->end() && at->year == year ? &*at : nullptr;
  }

  const std::vector<Year>* years(std::int64_t key) const
  {
    read_years();
    const auto it = years_->find(key);
    return it == years_->end() ? nullptr : &it->second;
  }

  /// Reads ledger_years once, on the first call (not while another COPY is under way: the readers call it first):
  /// one pass (102,064 rows at 1M lines), cheaper than joining a year to each probe of ledger_days (a report's
  /// balances and windows' ends at 1M lines: 115 and 160 ms alone, 45 and 70-100 ms more each with the years
  /// joined, whether by nested loop or hash).
  void read_years() const
  {
    if (years_) return;
    years_.emplace();
    s_.copy_rows("SELECT key, year, opening, total FROM ledger_years", [&](std::string_view line) {
      std::array<std::string_view, 4> f;
      std::int64_t key = 0;
      Year y;
      if (!split(line, f) || !number(f[0], key) || !number(f[1], y.year) || !number(f[2], y.opening) ||
          !number(f[3], y.total))
        throw DatabaseError("a year of ledger_years not read: " + std::string(line));
      (*years_)[key].push_back(y);
    });
    for (auto& [key, ys] : *years_)
      std::sort(ys.begin(), ys.end(), [](const Year& a, const Year& b) { return a.year < b.year; });
  }

  /// Reads the last day on or before the date of balances() of the expense keys it did not probe, all at once, for
  /// last_expense_day().
  void read_last_days() const
  {
    if (last_days_read_) return;
    last_days_read_ = true;
    std::string ids;
    std::vector<std::int64_t> left;
    for (const std::int64_t key : unresolved_)
      if (keys_.at(key).kind == EntryKind::expense) ids += (ids.empty() ? "" : ",") + std::to_string(key);
      else left.push_back(key);
    if (ids.empty()) return;
    for (const auto& q : s_.exec("SELECT p.key, d.day, d.amount FROM unnest('{" + ids + "}'::bigint[]) AS p(key) " +
                                 last_day("p.key", s_.lit(last_on_->iso()))))
      if (!q[1].is_null()) last_day_[q[0].as<std::int64_t>()] = {day_number(q[1].c_str()), q[2].as<std::int64_t>()};
    unresolved_ = std::move(left);
  }

  /// A key's running sum as of `d` (as known at the revision), read by read_points() or balances().
  Money running(std::int64_t key, Date d) const
  {
    const std::int32_t day = day_number(d);
    if (day < first_day) return Money();
    const std::int64_t later = later_.empty() ? 0 : later_.sum_up_to(key, d.iso());
    const auto read = known(key, day);
    if (!read) throw DatabaseError("a running sum of ledger_days not read");
    return Money::from_ore(*read - later);
  }

  /// No ledger date precedes 0001-01-01 (a window from the beginning of time starts there).
  static constexpr std::int32_t first_day = 10101;

  const PgStore& s_;
  std::int64_t known_at_;
  LaterEntries later_;  ///< as known at a revision: the entries written after it
  std::unordered_map<std::int64_t, FlowKey> keys_;
  std::vector<std::int64_t> key_ids_;  ///< the keys' ids, ascending
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> expense_keys_;
  std::unordered_map<std::string, std::vector<std::int64_t>> initiative_keys_;  ///< per initiative, its keys' ids
  /// Per key, the running sums read (by balances() or read_points()): (day_number(), sum), by day.
  mutable std::unordered_map<std::int64_t, std::vector<std::pair<std::int32_t, std::int64_t>>> running_at_;
  mutable std::vector<std::pair<std::int64_t, std::int32_t>> pending_;  ///< the points need() noted, not read yet
  /// Per key its rows of ledger_years, by year; read by read_years() on the first call.
  mutable std::optional<std::unordered_map<std::int64_t, std::vector<Year>>> years_;
  /// The keys with a day on or before the date of balances() whose last day it did not read (ascending).
  mutable std::vector<std::int64_t> unresolved_;
  mutable bool last_days_read_ = true;  ///< whether read_last_days() ran since balances()
  mutable std::optional<Date> last_on_;  ///< the date of the last balances(), whose last days last_day_ holds
  mutable std::unordered_map<std::int64_t, std::pair<std::int32_t, std::int64_t>> last_day_;  ///< per key: day, amount
  mutable std::map<std::string, std::optional<Date>> last_expense_read_;  ///< by read_last_expense_days()
  mutable std::optional<Date> cited_on_;
  mutable std::map<std::string, std::vector<std::string>> cited_;
};

}  // namespace

std::unique_ptr<LedgerSums> PgStore::sums(std::optional<std::int64_t> known_at) const
{
  return std::make_unique<PgSums>(*this, known_at);
}

}  // namespace klynge

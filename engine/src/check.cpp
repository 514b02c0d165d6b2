#include "klynge/check.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "klynge/decimal.hpp"
#include "klynge/indicators.hpp"
#include "klynge/rules.hpp"
#include "klynge/settings.hpp"
#include "klynge/sharing.hpp"
#include "klynge/snapshot.hpp"
#include "klynge/store.hpp"
#include "klynge/transition.hpp"

namespace klynge {

namespace {

/// Warnings of one kind are listed up to Capped::listed; the rest are only counted (a data set with thousands of
/// overlapping lines must not print, or hold, millions of lines).
class Capped
{
public:
  Capped(std::vector<Diagnostic>& out, std::vector<UnlistedWarnings>* unlisted) : out_(out), unlisted_(unlisted) {}
  static constexpr std::size_t listed = 100;
  /// Adds a warning of `kind`; `message` is made only when it is listed.
  template <class Message> void add(const char* kind, Message&& message)
  {
    std::size_t& n = counts_[kind];
    if (n++ < listed || !unlisted_) out_.push_back({Location{}, Severity::warning, message()});
  }
  /// Adds a warning of a figure below zero: `subject` names what it is about (a write compares by it).
  template <class Message> void add(const char* kind, Message&& message, std::string subject, Money figure)
  {
    std::size_t& n = counts_[kind];
    if (n++ < listed || !unlisted_)
      out_.push_back({Location{}, Severity::warning, message(), std::move(subject), figure.ore()});
  }
  ~Capped()
  {
    if (!unlisted_) return;
    for (const auto& [kind, n] : counts_)
      if (n > listed) unlisted_->push_back({kind, n - listed});
  }

private:
  std::vector<Diagnostic>& out_;
  std::vector<UnlistedWarnings>* unlisted_;
  std::map<std::string, std::size_t> counts_;
};

}  // namespace

namespace {

std::vector<std::pair<std::string, Money>> over_committed_pools(const Snapshot& snap)
{
  std::vector<std::pair<std::string, Money>> out;
  for (const auto& b : snap.bodies()) {
    // A body whose active period has ended keeps no pool to over-commit: a hand-over package brings its grants
    // to the initiatives it passes on, not the receipts behind them (design §14).
    if (b.active_to && *b.active_to < snap.as_of()) continue;
    PoolFigures p = snap.pool(b.body->id);
    if (p.free().is_negative()) out.emplace_back(b.body->id, p.free());
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, Money>> over_committed_pools(const Dataset& data, Date today, const LedgerSums& sums)
{
  return over_committed_pools(Snapshot(data, today, sums));
}

std::string pool_subject(const std::string& body)
{
  return "pool of body " + body;
}

std::string over_committed_message(const std::string& body, Money free, Date today)
{
  return "body '" + body + "' is over-committed: free " + format_money(free, MoneyStyle::danish) + " as of " + today.iso();
}

std::vector<std::pair<std::string, Money>> overspent_initiatives(const Dataset& data, Date d, const LedgerSums& sums,
                                                                 const std::set<std::string>& ids)
{
  std::vector<std::pair<std::string, Money>> out;
  Snapshot snap(data, d, sums);
  for (const auto& s : snap.initiatives())
    if (ids.count(s.initiative->id))
      if (Money remaining = snap.money(s.initiative->id).remaining(); remaining.is_negative())
        out.emplace_back(s.initiative->id, remaining);
  return out;
}

std::string initiative_subject(const std::string& initiative)
{
  return "initiative " + initiative;
}

std::string overspent_message(const std::string& initiative, Money remaining)
{
  return "initiative '" + initiative + "' has spent more than its budget: remaining " +
         format_money(remaining, MoneyStyle::danish);
}

std::vector<Diagnostic> check_records(const Dataset& data, Date today, const LedgerSums& sums,
                                      std::vector<UnlistedWarnings>* unlisted)
{
  std::vector<Diagnostic> out;
  Capped warn(out, unlisted);
  Snapshot snap(data, today, sums);
  // Named, not bound: a lambda may not capture a structured binding before C++20 as clang 14 reads it (fuzz build).
  for (const auto& pool : over_committed_pools(snap)) {
    const std::string& body = pool.first;
    const Money free = pool.second;
    warn.add("over-committed bodies", [&] { return over_committed_message(body, free, today); }, pool_subject(body), free);
  }
  for (const auto& s : snap.initiatives()) {
    const std::string& id = s.initiative->id;
    Money remaining = snap.money(id).remaining();
    if (remaining.is_negative())
      warn.add("overspent initiatives", [&] { return overspent_message(id, remaining); }, initiative_subject(id), remaining);
    Transition t = transition_of(snap, s);
    if (t.runs_past_owner && t.successor.empty() && t.owner_until)
      warn.add("initiatives past their owner without a successor", [&] {
        return "initiative '" + id + "' runs past the end of its owner '" + t.from_owner + "' (" +
               t.owner_until->iso() + ") and no successor is named";
      });
    // Its gap (design §12) counts estimated costs: with none after the owner's end it is 0, which would read as
    // "funded" in the timeline and the hand-over.
    if (t.runs_past_owner && t.owner_until && t.estimated_after_owner.is_zero())
      warn.add("initiatives past their owner without estimated costs after it", [&] {
        return "initiative '" + id + "' runs past the end of its owner '" + t.from_owner + "' (" +
               t.owner_until->iso() + ") with no estimated costs after it, so its gap shows 0 (add estimate lines "
               "for the time after)";
      });
  }
  // Spending dated after an initiative's end (its end as of today) is most often booked on the wrong initiative, or
  // its end was moved without a dated change. Entries dated after today count too: a write that books one is told.
  // The windows are named first: the sums read them together.
  {
    std::vector<ExpenseWindow> after_end;
    for (const auto& s : snap.initiatives())
      if (s.end && *s.end < Date::last() && !sums.expense_categories(s.initiative->id).empty())
        after_end.push_back({s.initiative->id, std::nullopt, s.end->plus_days(1), Date::last()});
    sums.will_ask(after_end);
    for (const auto& w : after_end) {
      const Money after = sums.expenses(w.initiative, std::nullopt, w.from, w.to);
      // Told by a write when it adds to them, as a figure below zero is when it gets deeper (less of it is not).
      if (after.ore() > 0)
        warn.add("initiatives with expenses after their end", [&] {
          return "initiative '" + w.initiative + "' has expenses of " + format_money(after, MoneyStyle::danish) +
                 " dated after its end (" + w.from.plus_days(-1).iso() + "): book them on the initiative they belong "
                 "to, or move its end by a dated change";
        }, "expenses after the end of " + w.initiative, Money{} - after);
    }
  }
  // An expense filed under a category that differs from its initiative's estimate lines only in case (`Løn` for
  // `løn`) counts on no line: the variance shows it as a line of its own.
  {
    std::map<std::string_view, std::map<std::string, std::string_view>> line_categories;  // initiative -> folded -> as typed
    for (const Estimate* e : snap.estimates()) line_categories[e->initiative].emplace(folded_case(e->category), e->category);
    for (const auto& key : snap.expense_keys()) {
      // Named copies, not a structured binding: clang 14 (the fuzz build) cannot capture a binding in a lambda.
      const auto& initiative = key.first;
      const auto& category = key.second;
      auto lines = line_categories.find(initiative);
      if (lines == line_categories.end()) continue;
      auto same = lines->second.find(folded_case(category));
      if (same == lines->second.end() || same->second == category) continue;
      if (std::any_of(lines->second.begin(), lines->second.end(), [&](const auto& l) { return l.second == category; }))
        continue;
      warn.add("expense categories that differ from an estimate line's only in case", [&] {
        return "expenses of '" + initiative + "' are filed under '" + category + "', and its estimate lines under '" +
               std::string(same->second) + "': an expense counts only on the line of its exact category";
      });
    }
  }
  // Money moved for one initiative under a decision about another is most often a typo in the decision's id.
  {
    std::map<std::string_view, std::string_view> about;
    for (const auto& d : data.decisions)
      if (!d.initiative.empty()) about[d.id] = d.initiative;
    for (const auto& i : data.initiatives)
      for (const auto& d : sums.decisions_cited(i.id, today))
        if (auto it = about.find(d); it != about.end() && it->second != i.id)
          warn.add("entries citing a decision about another initiative", [&] {
            return "entries of '" + i.id + "' cite the decision '" + d + "', which is about '" + std::string(it->second) + "'";
          });
  }
  // Thresholds that contradict each other (a write warns of them too), and count figures that are not whole, which a
  // write refuses but books can hold (stored before the rule, or put back by an undo): their export would not import.
  for (const auto& c : setting_contradictions(data.settings))
    warn.add("contradicting settings", [&] { return "settings: " + c; });
  {
    std::map<std::pair<std::string_view, std::string_view>, const Indicator*> counts;
    for (const auto& i : data.indicators)
      if (i.unit == IndicatorUnit::count) counts[{i.initiative, i.id}] = &i;
    auto not_whole = [&](const std::string& initiative, const std::string& indicator, const std::string& what,
                         const Decimal& d) {
      if (!whole_count(d))
        warn.add("count figures that are not whole", [&] {
          return "indicator '" + indicator + "' of '" + initiative + "' is a count, and its " + what + " is " +
                 decimal_text(d) + ": not a whole number of 0 or more (correct it; an export would not import)";
        });
    };
    for (const auto& [key, i] : counts) {
      if (i->baseline) not_whole(i->initiative, i->id, "baseline", *i->baseline);
      if (i->target) not_whole(i->initiative, i->id, "target", *i->target);
    }
    for (const auto& m : data.measurements)
      if (counts.count({m.initiative, m.indicator}))
        not_whole(m.initiative, m.indicator, "measurement of " + m.date.iso(), m.value);
  }
  // Figures a spreadsheet slip makes and no single row shows: a percent typed as a fraction (0,132 for 13,2 %), a
  // measurement dated after today, more counted than the whole.
  {
    std::map<std::pair<std::string_view, std::string_view>, const Indicator*> percents;
    for (const auto& i : data.indicators)
      if (i.unit == IndicatorUnit::percent) percents[{i.initiative, i.id}] = &i;
    // A figure under 1 whose hundredfold is within a factor of two of the reference (the baseline, else the
    // target, when that is 1 or more): 0,132 against 15 is 13,2 typed as a fraction, while 0,4 against a target of
    // 30 (a share that starts low) is not taken for one.
    const int d = Decimal::max_decimals;
    const auto size = [](const Decimal& x) { return x.is_negative() ? Decimal(-x.units(), x.decimals()) : x; };
    const auto fraction_of = [&](const Decimal& small, const Decimal& reference) {
      if (small.is_zero() || !(size(small) < Decimal::whole(1)) || size(reference) < Decimal::whole(1)) return false;
      const Wide hundredfold = size(small).scaled(d) * 100, ref = size(reference).scaled(d);
      return ref <= hundredfold * 2 && hundredfold <= ref * 2;
    };
    std::set<std::pair<std::string_view, std::string_view>> told;
    auto fraction = [&](const Indicator& i, const std::string& what, const Decimal& small, const char* against,
                        const Decimal& reference) {
      if (!told.insert({i.initiative, i.id}).second) return;
      warn.add("percentages typed as fractions", [&] {
        return "indicator '" + i.id + "' of '" + i.initiative + "' is in percent, and its " + what + " is " +
               decimal_text(small) + " against its " + against + " of " + decimal_text(reference) +
               ": a percentage is written 13.2 for 13.2 %, not as the fraction 0.132";
      });
    };
    for (const auto& [key, i] : percents)
      if (i->baseline && i->target && fraction_of(*i->target, *i->baseline))
        fraction(*i, "target", *i->target, "baseline", *i->baseline);
    for (const auto& m : data.measurements) {
      if (today < m.date)
        warn.add("measurements dated after today", [&] {
          return "measurement of '" + m.indicator + "' of '" + m.initiative + "' is dated " + m.date.iso() +
                 ", after today (" + today.iso() + "): a measurement is of what has happened";
        });
      auto it = percents.find({m.initiative, m.indicator});
      if (it == percents.end()) continue;
      const Indicator& i = *it->second;
      if (m.numerator && m.denominator && *m.denominator < *m.numerator)
        warn.add("percentages of more than the whole", [&] {
          return "measurement of '" + m.indicator + "' of '" + m.initiative + "' on " + m.date.iso() + " counts " +
                 decimal_text(*m.numerator) + " of " + decimal_text(*m.denominator) +
                 ": a percentage of more than the whole (are the counts swapped?)";
        });
      const std::optional<Decimal>& reference = i.baseline ? i.baseline : i.target;
      if (reference && fraction_of(m.value, *reference))
        fraction(i, "measurement of " + m.date.iso(), m.value, i.baseline ? "baseline" : "target", *reference);
    }
  }
  for (const auto& m : data.milestones)
    if (overdue_on(m, today))
      warn.add("overdue milestones", [&] {
        return "milestone '" + m.name + "' of '" + m.initiative + "' was due " + m.due.iso() + " and is not done";
      });
  // Overlapping lines of one initiative and category count the same expenses twice. Per initiative and
  // category the lines are sorted by their windows and swept once (O(n log n), not every pair): each line that
  // starts before the furthest end so far overlaps the line reaching furthest, and is reported with it once.
  // The pairs are reported in the order of the lines.
  const auto& lines = snap.estimates();
  std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> same;
  for (std::size_t i = 0; i < lines.size(); ++i) same[{lines[i]->initiative, lines[i]->category}].push_back(i);
  std::vector<std::pair<std::size_t, std::size_t>> overlaps;
  for (auto& [key, group] : same) {
    std::sort(group.begin(), group.end(), [&](std::size_t x, std::size_t y) {
      return std::tie(lines[x]->from, lines[x]->to, x) < std::tie(lines[y]->from, lines[y]->to, y);
    });
    std::size_t reach = group.front();
    for (std::size_t k = 1; k < group.size(); ++k) {
      const std::size_t b = group[k];
      if (!(lines[reach]->to < lines[b]->from)) overlaps.emplace_back(std::min(reach, b), std::max(reach, b));
      if (lines[reach]->to < lines[b]->to) reach = b;
    }
  }
  std::sort(overlaps.begin(), overlaps.end());
  for (const auto& [i, j] : overlaps) {
    const Estimate& a = *lines[i];
    const Estimate& b = *lines[j];
    warn.add("overlapping estimate lines", [&] {
      return "estimate lines of '" + a.initiative + "' for '" + a.category + "' overlap (" + a.from.iso() + ".." +
             a.to.iso() + " and " + b.from.iso() + ".." + b.to.iso() + ")";
    });
  }
  return out;
}

std::vector<Diagnostic> store_warnings(const Store& store, Date today, std::vector<UnlistedWarnings>* unlisted,
                                       std::optional<std::int64_t> known_at)
{
  std::vector<Diagnostic> out;
  if (known_at) {
    Dataset data = store.load(Store::Ledger::figures, known_at);
    out = check_records(data, today, EntrySums(data.ledger), unlisted);
  } else {
    out = check_records(store.load(Store::Ledger::none), today, *store.sums(), unlisted);
    for (auto& w : store.reversal_warnings()) out.push_back({Location{}, Severity::warning, std::move(w)});
  }
  return out;
}

std::vector<Diagnostic> check_store(const Store& store, Date today, std::vector<UnlistedWarnings>* unlisted,
                                    std::optional<std::int64_t> known_at)
{
  std::vector<Diagnostic> problems;
  store.read_consistently([&]() {
    problems.clear();
    if (unlisted) unlisted->clear();
    auto error = [&](const std::string& p) { problems.push_back({Location{}, Severity::error, p}); };
    for (auto& p : store.integrity_problems()) error(p);
    // A dropped trigger or index, or a trigger added behind klynge's back, lets the ledger be changed.
    for (auto& p : store.schema_problems()) error("schema: " + p);
    for (auto& p : store.reversal_problems()) error(p);
    for (auto& p : store.revision_problems()) error(p);
    // A release, or a reversal of a reservation, past what is reserved (a write refuses it; books written before
    // reversals were counted so may hold one).
    for (const auto& r : store.over_released(0))
      error("the entry from " + r.origin + " releases more than is reserved for " +
            (r.initiative.empty() ? "the pool of '" + r.body + "'" : "'" + r.initiative + "'") + " on " + r.date.iso() +
            " (reserved: " + format_money(r.reserved_before, MoneyStyle::plain) + ")");
    // An entry changed, deleted or put in by plain SQL: the chain names the first.
    for (auto& p : store.chain_problems()) error(p);
    // A record kept retired for the ledger is not there to count on (an undo and an import refuse it).
    for (const auto& n : store.entries_naming_retired(0, std::nullopt))
      error("ledger entry '" + n.entry + "' counts on the " + std::string(spec_for_table(n.parent).singular) + " '" +
            n.key + "', which is retired (revision " + std::to_string(n.revision) + " wrote the entry)");
    for (auto& p : revision_head_problems(store)) error(p);
    // A key every share of which is zero splits nothing (a write refuses it; books from before that rule may
    // hold one).
    // A figure of more than 12 whole digits (written before input refused them) makes differences that cannot be
    // computed: named, to be corrected.
    {
      const Dataset figures =
          store.load(Store::Ledger::none, known_at, {RecordKind::keys, RecordKind::indicators, RecordKind::measurements});
      std::map<std::string, std::vector<Decimal>> keys;
      for (const auto& k : figures.keys) keys[k.key].push_back(k.share);
      for (const auto& [key, weights] : keys) try {
          check_weights(weights);
        } catch (const ValueError& e) {
          error("key '" + key + "': " + e.what());
        }
      auto too_large = [&](const std::string& what, const char* column, const std::optional<Decimal>& x) {
        if (x && !fits_figure(*x))
          error(what + ": " + column + " " + decimal_text(*x) + " is too large (at most 12 digits before the decimal "
                "point): correct it");
      };
      for (const auto& k : figures.keys) too_large("key '" + k.key + "' of '" + k.body + "'", "share", k.share);
      for (const auto& i : figures.indicators) {
        const std::string what = "indicator '" + i.id + "' of '" + i.initiative + "'";
        too_large(what, "baseline", i.baseline);
        too_large(what, "target", i.target);
      }
      for (const auto& m : figures.measurements) {
        const std::string what = "measurement of '" + m.indicator + "' of '" + m.initiative + "' on " + m.date.iso();
        too_large(what, "value", m.value);
        too_large(what, "numerator", m.numerator);
        too_large(what, "denominator", m.denominator);
      }
    }
    const auto totals = store.totals_problems();
    for (auto& p : totals) error(p);
    // A national ledger is not read into memory while its running totals can be trusted.
    if (known_at || totals.empty()) {
      for (auto& p : store_warnings(store, today, unlisted, known_at)) problems.push_back(p);
    } else {
      Dataset data = store.load(Store::Ledger::figures);
      for (auto& p : check_records(data, today, EntrySums(data.ledger), unlisted)) problems.push_back(p);
    }
  });
  return problems;
}

}  // namespace klynge

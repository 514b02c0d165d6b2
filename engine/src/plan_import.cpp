// Checks an import against itself and the database, and decides what it writes (design §9).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "klynge/import.hpp"
#include "klynge/settings.hpp"
#include "record_fields.hpp"

namespace klynge {

namespace {

std::string where_of(const Source& s) { return s.origin(); }

/// Field-by-field comparison of a re-sent descriptive record with the stored one: the first field that
/// differs, by canonical column name, with the stored value.
struct Difference
{
  std::string column, stored;
};

/// The first field (after the identity) whose value differs, in column order, with the stored value: every
/// field the kind's description lists.
template <class R> std::optional<Difference> differ(const R& stored, const R& sent)
{
  const auto& kind = detail::kind_of<R>();
  for (const auto& f : kind.fields) {
    if (!f.interchange || f.column.identity) continue;
    std::string before = detail::canonical_text(f, stored);
    if (before != detail::canonical_text(f, sent)) return Difference{std::string(f.column.name), before};
  }
  return std::nullopt;
}

template <class E> std::string text_of(const std::optional<E>& e) { return e ? std::string(to_text(*e)) : std::string(); }

/// Descriptive records (bodies, groups, …) may arrive again: identical ones are dropped, differing ones
/// are errors naming the field, and an id appears once per import.
template <class R>
std::vector<R> merge_descriptive(const std::vector<R>& stored, std::vector<R> incoming, RecordKind kind,
                                 std::vector<Diagnostic>& problems)
{
  const std::string what(spec_for(kind).singular);
  std::map<std::string, const R*> by_id;
  for (const auto& r : stored) by_id[r.id] = &r;
  std::map<std::string, std::string> seen;  // id -> where it was first given
  std::vector<R> out;
  for (auto& r : incoming) {
    if (auto it = seen.find(r.id); it != seen.end()) {
      problems.push_back(r.src.problem(detail::name_of(detail::column::id), "duplicate " + what + " id '" + r.id + "' (first at " + it->second + ")"));
      continue;
    }
    seen[r.id] = where_of(r.src);
    if (auto it = by_id.find(r.id); it != by_id.end()) {
      if (auto d = differ(*it->second, r)) {
        std::string hint = kind == RecordKind::bodies || kind == RecordKind::initiatives
                               ? "; change it through a dated row of changes.csv"
                               : "";
        problems.push_back(r.src.problem(d->column, what + " '" + r.id + "' is stored with " + d->column + " '" +
                                                        d->stored + "', not this value" + hint));
      }
      continue;  // identical: nothing to write
    }
    out.push_back(std::move(r));
  }
  return out;
}

template <class R> std::set<std::string> ids_of(const std::vector<R>& a, const std::vector<R>& b)
{
  std::set<std::string> s;
  for (const auto& r : a) s.insert(r.id);
  for (const auto& r : b) s.insert(r.id);
  return s;
}

struct Refs
{
  std::set<std::string> bodies, groups, initiatives, meetings, decisions;
};

/// A reference to a record of `kind` that must be known: a problem at `column` when it is not.
void need(const std::set<std::string>& known, const std::string& id, const Source& src, const ColumnSpec& column,
          RecordKind kind, std::vector<Diagnostic>& problems)
{
  if (!id.empty() && !known.count(id))
    problems.push_back(src.problem(detail::name_of(column), "unknown " + std::string(spec_for(kind).singular) + " '" + id + "'"));
}

/// Records known by a composite identity (indicators, measurements, keys: design §14): one identical to the stored
/// one is known (nothing to write), one that differs is an error naming the field, and an identity appears once
/// per import.
template <class R, class Key, class Label>
std::vector<R> merge_known(const std::vector<R>& stored, std::vector<R> incoming, Key key_of, Label label_of,
                           std::vector<Diagnostic>& problems)
{
  using K = decltype(key_of(std::declval<const R&>()));
  std::map<K, const R*> by_key;
  for (const auto& r : stored) by_key[key_of(r)] = &r;
  std::map<K, std::string> seen;
  std::vector<R> out;
  for (auto& r : incoming) {
    const K k = key_of(r);
    const std::string what = label_of(r);
    const auto& first_identity = detail::kind_of<R>().fields.front().column;
    if (auto it = seen.find(k); it != seen.end()) {
      problems.push_back(r.src.problem(detail::name_of(first_identity), what + " appears twice (first at " + it->second + ")"));
      continue;
    }
    seen[k] = where_of(r.src);
    if (auto it = by_key.find(k); it != by_key.end()) {
      if (auto d = differ(*it->second, r))
        problems.push_back(r.src.problem(d->column, what + " is stored with " + d->column + " '" + d->stored + "', not this value"));
      continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

/// The decimals a count is written with, in words (`one decimal`).
std::string decimals_words(int n)
{
  if (n == 0) return "no decimals";
  if (n == 1) return "one decimal";
  return std::to_string(n) + " decimals";
}

/// A measurement's value against its counts (design §14): for percent and ratio with both counts, the value is
/// numerator ÷ denominator (× 100 for percent) rounded to the value's own decimals; other units take no counts.
void check_counts(const Measurement& m, IndicatorUnit unit, Lang lang, std::vector<Diagnostic>& problems)
{
  if (!m.numerator || !m.denominator) return;
  if (unit != IndicatorUnit::percent && unit != IndicatorUnit::ratio) {
    problems.push_back(m.src.problem(detail::name_of(detail::column::numerator),
                                     "an indicator of unit '" + std::string(to_text(unit)) + "' takes no numerator or denominator (only percent and ratio do)"));
    return;
  }
  const int decimals = m.value.decimals();
  auto expected = ratio(*m.numerator, *m.denominator, unit == IndicatorUnit::percent ? 100 : 1, decimals);
  if (!expected || *expected == m.value) return;
  const std::string sign = unit == IndicatorUnit::percent ? " %" : "";
  problems.push_back(m.src.problem(
      detail::name_of(detail::column::value),
      "'" + format_decimal(m.value, lang) + "' disagrees with its counts: " + format_decimal(*m.numerator, lang) + " of " +
          format_decimal(*m.denominator, lang) + " is " + format_decimal(*expected, lang) + sign + " at " +
          decimals_words(decimals) + " (the value's own decimals)"));
}

}  // namespace

ImportPlan plan_import(const Dataset& existing, Dataset incoming, std::vector<Diagnostic>& problems)
{
  // Ledger entries go through LedgerStream; handing them here would lose them.
  if (!incoming.ledger.empty()) throw std::logic_error("plan_import: ledger entries belong to LedgerStream");
  ImportPlan plan;
  Dataset& out = plan.inserts;
  out.bodies = merge_descriptive(existing.bodies, std::move(incoming.bodies), RecordKind::bodies, problems);
  out.groups = merge_descriptive(existing.groups, std::move(incoming.groups), RecordKind::groups, problems);
  out.initiatives = merge_descriptive(existing.initiatives, std::move(incoming.initiatives), RecordKind::initiatives, problems);
  out.meetings = merge_descriptive(existing.meetings, std::move(incoming.meetings), RecordKind::meetings, problems);
  out.decisions = merge_descriptive(existing.decisions, std::move(incoming.decisions), RecordKind::decisions, problems);

  Refs refs{ids_of(existing.bodies, out.bodies), ids_of(existing.groups, out.groups),
            ids_of(existing.initiatives, out.initiatives), ids_of(existing.meetings, out.meetings),
            ids_of(existing.decisions, out.decisions)};

  for (const auto& b : out.bodies) {
    need(refs.bodies, b.successor, b.src, detail::column::successor, RecordKind::bodies, problems);
    if (b.successor == b.id) problems.push_back(b.src.problem(detail::name_of(detail::column::successor), "a body cannot succeed itself"));
    if (b.successor_from && b.successor.empty())
      problems.push_back(b.src.problem(detail::name_of(detail::column::successor_from), "a take-over date needs a successor"));
    if (b.active_from && b.active_to && *b.active_to < *b.active_from)
      problems.push_back(b.src.problem(detail::name_of(detail::column::active_to), "the body ends (" + b.active_to->iso() + ") before it starts (" +
                                                        b.active_from->iso() + ")"));
  }
  for (const auto& g : out.groups) {
    need(refs.bodies, g.body, g.src, detail::column::body, RecordKind::bodies, problems);
    need(refs.groups, g.parent, g.src, detail::column::parent, RecordKind::groups, problems);
    if (g.parent == g.id) problems.push_back(g.src.problem(detail::name_of(detail::column::parent), "a group cannot be its own parent"));
  }
  for (const auto& i : out.initiatives) {
    need(refs.bodies, i.body, i.src, detail::column::body, RecordKind::bodies, problems);
    need(refs.groups, i.group, i.src, detail::column::group, RecordKind::groups, problems);
    if (i.start && i.end && *i.end < *i.start)
      problems.push_back(i.src.problem(detail::name_of(detail::column::end), "the initiative ends (" + i.end->iso() + ") before it starts (" +
                                                  i.start->iso() + ")"));
  }
  for (const auto& m : out.meetings)
    need(refs.groups, m.group, m.src, detail::column::group, RecordKind::groups, problems);
  for (const auto& d : out.decisions) {
    need(refs.meetings, d.meeting, d.src, detail::column::meeting, RecordKind::meetings, problems);
    need(refs.initiatives, d.initiative, d.src, detail::column::initiative, RecordKind::initiatives, problems);
  }

  // Dated changes.
  for (auto& c : incoming.changes) {
    std::size_t before = problems.size();
    need(refs.initiatives, c.initiative, c.src, detail::column::initiative, RecordKind::initiatives, problems);
    need(refs.bodies, c.body, c.src, detail::column::body, RecordKind::bodies, problems);
    need(refs.decisions, c.decision, c.src, detail::column::decision, RecordKind::decisions, problems);
    if (c.field == ChangeField::owner || c.field == ChangeField::successor)
      need(refs.bodies, c.value, c.src, detail::column::value, RecordKind::bodies, problems);
    if (c.field == ChangeField::group) need(refs.groups, c.value, c.src, detail::column::value, RecordKind::groups, problems);
    if (problems.size() == before) out.changes.push_back(std::move(c));
  }

  // Ledger entries are checked and written one at a time by LedgerStream (ledger_stream.cpp).

  // Estimates: (initiative, category, from, to, estimated_on) once.
  {
    std::set<std::tuple<std::string, std::string, Date, Date, Date>> keys;
    // The estimate lines' amounts are summed by the reports (variance, coverage): their total stays countable.
    std::int64_t total = 0;
    for (const auto& e : existing.estimates) {
      keys.insert({e.initiative, e.category, e.from, e.to, e.estimated_on});
      total = std::min(max_total_ore, total + std::min(max_total_ore, e.amount.ore()));
    }
    for (auto& e : incoming.estimates) {
      std::size_t before = problems.size();
      need(refs.initiatives, e.initiative, e.src, detail::column::initiative, RecordKind::initiatives, problems);
      if (!keys.insert({e.initiative, e.category, e.from, e.to, e.estimated_on}).second)
        problems.push_back(e.src.problem(detail::name_of(detail::column::estimated_on), "duplicate estimate: the line " + e.initiative + "/" +
                                                             e.category + " " + e.from.iso() + ".." + e.to.iso() +
                                                             " already has a revision made on " + e.estimated_on.iso()));
      if (problems.size() == before && e.amount.ore() > max_total_ore - total)
        problems.push_back(e.src.problem(detail::name_of(detail::column::amount), "the estimate lines' amounts would add up to more than " +
                                                       format_money(Money::from_ore(max_total_ore), MoneyStyle::danish) +
                                                       ", more than klynge sums safely"));
      if (problems.size() == before) {
        total += e.amount.ore();
        out.estimates.push_back(std::move(e));
      }
    }
  }

  // Milestones: known by (initiative, name); a later row may add the done date.
  {
    std::map<std::pair<std::string, std::string>, const Milestone*> stored;
    for (const auto& m : existing.milestones) stored[{m.initiative, m.name}] = &m;
    std::map<std::pair<std::string, std::string>, std::string> seen;
    for (auto& m : incoming.milestones) {
      std::size_t before = problems.size();
      need(refs.initiatives, m.initiative, m.src, detail::column::initiative, RecordKind::initiatives, problems);
      auto key = std::make_pair(m.initiative, m.name);
      if (auto it = seen.find(key); it != seen.end()) {
        problems.push_back(m.src.problem(detail::name_of(detail::column::name), "duplicate milestone '" + m.name + "' of '" + m.initiative +
                                                     "' (first at " + it->second + ")"));
        continue;
      }
      seen[key] = where_of(m.src);
      if (auto it = stored.find(key); it != stored.end()) {
        const Milestone& s = *it->second;
        if (s.kind != m.kind)
          problems.push_back(m.src.problem(detail::name_of(detail::column::kind), "milestone '" + m.name + "' is stored with kind '" + text_of(s.kind) + "'"));
        else if (s.due != m.due)
          problems.push_back(m.src.problem(detail::name_of(detail::column::due), "milestone '" + m.name + "' is stored with due date " + s.due.iso()));
        else if (s.done && s.done != m.done)
          problems.push_back(m.src.problem(detail::name_of(detail::column::done), "milestone '" + m.name + "' is stored as done on " + s.done->iso()));
        else if (problems.size() == before && !s.done && m.done)
          plan.milestone_updates.push_back(std::move(m));
        continue;
      }
      if (problems.size() == before) out.milestones.push_back(std::move(m));
    }
  }

  // Indicators, their measurements and cost-sharing keys (design §14).
  {
    std::map<std::string, std::optional<Date>> starts;
    for (const auto& i : existing.initiatives) starts[i.id] = i.start;
    for (const auto& i : out.initiatives) starts[i.id] = i.start;
    for (auto& i : incoming.indicators)
      need(refs.initiatives, i.initiative, i.src, detail::column::initiative, RecordKind::initiatives, problems);
    out.indicators = merge_known(existing.indicators, std::move(incoming.indicators),
                                 [](const Indicator& i) { return std::make_pair(i.initiative, i.id); },
                                 [](const Indicator& i) { return "indicator '" + i.id + "' of '" + i.initiative + "'"; }, problems);
    std::map<std::pair<std::string, std::string>, IndicatorUnit> units;
    for (const auto& i : existing.indicators) units[{i.initiative, i.id}] = i.unit;
    for (const auto& i : out.indicators) units[{i.initiative, i.id}] = i.unit;
    std::vector<Measurement> measurements;
    for (auto& m : incoming.measurements) {
      std::size_t before = problems.size();
      auto unit = units.find({m.initiative, m.indicator});
      auto start = starts.find(m.initiative);
      if (start == starts.end())
        need(refs.initiatives, m.initiative, m.src, detail::column::initiative, RecordKind::initiatives, problems);
      else if (unit == units.end())
        problems.push_back(m.src.problem(detail::name_of(detail::column::indicator),
                                         "unknown indicator '" + m.indicator + "' of initiative '" + m.initiative + "'"));
      else {
        if (start->second && m.date < *start->second)
          problems.push_back(m.src.problem(detail::name_of(detail::column::date),
                                           "the measurement (" + m.date.iso() + ") is before the initiative's start (" +
                                               start->second->iso() + "); a figure from before belongs in the indicator's baseline"));
        // The figures in the message in the form they were typed in (the value's header names it).
        const auto place = m.src.columns ? m.src.columns->find(detail::name_of(detail::column::value)) : decltype(m.src.columns->end()){};
        const bool danish = m.src.columns && place != m.src.columns->end() &&
                            (place->second.label == detail::column::value.danish || place->second.label == "--værdi");
        const Lang lang = danish ? Lang::da : Lang::en;
        check_counts(m, unit->second, lang, problems);
      }
      if (problems.size() == before) measurements.push_back(std::move(m));
    }
    out.measurements = merge_known(existing.measurements, std::move(measurements),
                                   [](const Measurement& m) { return std::make_tuple(m.initiative, m.indicator, m.date); },
                                   [](const Measurement& m) {
                                     return "the measurement of '" + m.indicator + "' of '" + m.initiative + "' on " + m.date.iso();
                                   },
                                   problems);
    for (auto& k : incoming.keys) need(refs.bodies, k.body, k.src, detail::column::body, RecordKind::bodies, problems);
    out.keys = merge_known(existing.keys, std::move(incoming.keys),
                           [](const KeyShare& k) { return std::make_pair(k.key, k.body); },
                           [](const KeyShare& k) { return "the share of '" + k.body + "' in key '" + k.key + "'"; }, problems);
    // A key needs one share above zero, counting the stored shares of the same key.
    std::map<std::string, bool> above_zero;
    for (const auto& k : existing.keys) above_zero[k.key] = above_zero[k.key] || !k.share.is_zero();
    for (const auto& k : out.keys) above_zero[k.key] = above_zero[k.key] || !k.share.is_zero();
    for (const auto& k : out.keys)
      if (!above_zero[k.key]) {
        problems.push_back(k.src.problem(detail::name_of(detail::column::share),
                                         "every share of key '" + k.key + "' is zero: at least one must be above zero"));
        above_zero[k.key] = true;  // once per key
      }
  }

  // Settings: known keys, valid values, one value per import.
  {
    std::map<std::string, std::string> seen;
    for (auto& s : incoming.settings) {
      if (auto p = setting_problem(s.key, s.value)) {
        problems.push_back(
            s.src.problem(detail::name_of(p->rfind("unknown", 0) == 0 ? detail::column::key : detail::column::value), *p));
        continue;
      }
      if (auto it = seen.find(s.key); it != seen.end()) {
        problems.push_back(s.src.problem(detail::name_of(detail::column::key), "setting '" + s.key + "' is given twice (first at " + it->second + ")"));
        continue;
      }
      seen[s.key] = where_of(s.src);
      out.settings.push_back(std::move(s));
    }
  }
  return plan;
}

}  // namespace klynge

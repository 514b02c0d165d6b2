// Checks an import against itself and the database, and decides what it writes (design §9).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "klynge/import.hpp"
#include "klynge/indicators.hpp"
#include "klynge/suggest.hpp"
#include "klynge/rules.hpp"
#include "klynge/settings.hpp"
#include "klynge/sharing.hpp"
#include "record_fields.hpp"

namespace klynge {

namespace {

std::string where_of(const Source& s) { return s.origin(); }

/// The identity as a user reads it: `nord`, or `tidlig/løn/2024-01-01/2024-12-31/2024-01-15`.
std::string readable(std::string identity)
{
  for (std::size_t p = 0; (p = identity.find('\x1f', p)) != std::string::npos;) identity.replace(p, 1, "/");
  return identity;
}

/// Not a correction but an update (design §9, §14): a milestone that only gains its done date, a setting's new value.
bool is_update(RecordKind kind, const std::vector<RecordOps::Difference>& diffs)
{
  if (kind == RecordKind::settings) return true;
  return kind == RecordKind::milestones && diffs.size() == 1 && diffs[0].column == detail::column::done.name &&
         diffs[0].before.empty();
}

/// Sorts the records of one kind into known (identical to a stored one: nothing to write), new, and new versions of
/// stored ones: updates, corrections (with --correct), or else errors naming the field and --correct. One identity
/// appears once per import.
void classify(const FileSpec& spec, const Dataset& existing, const Dataset& earlier, Dataset& incoming,
              ImportPlan& plan, bool correct, std::vector<Diagnostic>& problems)
{
  const RecordOps& ops = *spec.ops;
  const std::size_t n = ops.count(incoming);
  if (n == 0) return;
  const std::string what(spec.singular);
  std::map<std::string, std::size_t> stored;
  for (std::size_t i = 0, m = ops.count(existing); i < m; ++i) stored.emplace(ops.identity(existing, i), i);
  // The earlier versions of each identity. A setting's value is an update whatever it was before, so a setting
  // has none here.
  std::map<std::string, std::vector<std::size_t>> superseded;
  if (spec.kind != RecordKind::settings)
    for (std::size_t i = 0, m = ops.count(earlier); i < m; ++i) superseded[ops.identity(earlier, i)].push_back(i);
  std::map<std::string, std::string> seen;  // identity -> where it was first given
  ImportPlan::Counts& counts = plan.counts[spec.kind];
  const std::string first_key(spec.identity.front());
  for (std::size_t j = 0; j < n; ++j) {
    // As the reader stops at 100 problems: a file of a million duplicate rows must not hold a million messages.
    if (problems.size() >= 100) return;
    const std::string identity = ops.identity(incoming, j);
    const Source& src = ops.source(incoming, j);
    if (auto it = seen.find(identity); it != seen.end()) {
      const bool by_id = spec.identity.size() == 1 && first_key == detail::column::id.name;
      problems.push_back(src.problem(spec.identity.size() == 1 ? first_key : std::string(spec.identity.back()),
                                     "duplicate " + what + (by_id ? " id '" : " '") + readable(identity) +
                                         "' (first at " + it->second + ")"));
      continue;
    }
    seen.emplace(identity, where_of(src));
    auto found = stored.find(identity);
    if (found == stored.end()) {
      ops.move_to(incoming, j, plan.inserts);
      ++counts.added;
      continue;
    }
    const std::size_t i = found->second;
    const auto diffs = ops.differences(existing, i, incoming, j);
    if (diffs.empty()) {
      ++counts.known;
      counts.known_revision = std::max(counts.known_revision, ops.source(existing, i).revision);
      continue;
    }
    // A row as a record was before a later revision superseded it (an older copy: a colleague's export made before
    // the correction, the folder the record was first imported from) is known, and the stored version kept: taken
    // as a correction it would put back what the later revision changed.
    if (auto earlier_ones = superseded.find(identity); earlier_ones != superseded.end()) {
      const auto same = std::find_if(earlier_ones->second.begin(), earlier_ones->second.end(), [&](std::size_t k) {
        return ops.differences(earlier, k, incoming, j).empty();
      });
      if (same != earlier_ones->second.end()) {
        ++counts.known;
        counts.known_revision = std::max(counts.known_revision, ops.source(existing, i).revision);
        const std::string by = std::to_string(ops.source(earlier, *same).revision);
        plan.earlier_notes.push_back(where_of(src) + ": " + what + " '" + readable(identity) +
                                     "' as here was superseded in revision " + by +
                                     ": kept as stored (to put it back: klynge add … --correct)");
        continue;
      }
    }
    if (!is_update(spec.kind, diffs) && !correct) {
      const auto& d = diffs.front();
      // Only a field that changes.csv can change moves on a date (an initiative's owner is its `body` column).
      const bool dated_field = std::any_of(diffs.begin(), diffs.end(), [](const auto& x) {
        if (x.column == "body") return true;
        try {
          (void)parse_enum<ChangeField>(x.column);
          return true;
        } catch (const ValueError&) {
          return false;
        }
      });
      std::string hint = (spec.kind == RecordKind::bodies || spec.kind == RecordKind::initiatives) && dated_field
                             ? "; a change from a date on goes in changes.csv, a typo is corrected with --correct"
                             : "; a typo is corrected with --correct";
      problems.push_back(src.problem(d.column, what + " '" + readable(identity) + "' is stored with " + d.column + " '" +
                                                   d.before_as_sent + "', not '" + d.after_as_sent + "'" + hint));
      continue;
    }
    if (is_update(spec.kind, diffs)) ++counts.updated;
    else {
      ++counts.corrected;
      for (const auto& d : diffs)
        plan.correction_notes.push_back(where_of(src) + ": corrected " + what + " '" + readable(identity) + "' " +
                                        d.column + ": '" + d.before_as_sent + "' → '" + d.after_as_sent + "'");
    }
    ops.complete(existing, i, incoming, j);
    ops.move_to(incoming, j, plan.replacements);
  }
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
    problems.push_back(src.problem(detail::name_of(column), "unknown " + std::string(spec_for(kind).singular) + " '" + id +
                                                            "'" + did_you_mean(id, known)));
}

void check_references(const Dataset& out, const Refs& refs, std::vector<Diagnostic>& problems);
void check_indicators(const Dataset& existing, const ImportPlan& plan, const Refs& refs, std::vector<Diagnostic>& problems);
void check_group_cycles(const Dataset& existing, const ImportPlan& plan, std::vector<Diagnostic>& problems);
void check_changes(const Dataset& existing, const ImportPlan& plan, std::vector<Diagnostic>& problems);

/// The decimals a count is written with, in words (`one decimal`).
std::string decimals_words(int n)
{
  if (n == 0) return "no decimals";
  if (n == 1) return "one decimal";
  return std::to_string(n) + " decimals";
}

const std::string count_rule = "is not a whole number of 0 or more, which an indicator of unit 'count' takes";

/// A measurement's value against its unit and counts (design §14): a count whole; for percent and ratio with both
/// counts, the value is numerator ÷ denominator (× 100 for percent) rounded to the value's own decimals; other
/// units take no counts.
void check_counts(const Measurement& m, IndicatorUnit unit, Lang lang, std::vector<Diagnostic>& problems)
{
  if (unit == IndicatorUnit::count && !whole_count(m.value))
    problems.push_back(m.src.problem(detail::name_of(detail::column::value),
                                     "'" + format_decimal(m.value, lang) + "' " + count_rule));
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

ImportPlan plan_import(const Dataset& existing, const Dataset& earlier, Dataset incoming,
                       std::vector<Diagnostic>& problems, bool correct)
{
  // Ledger entries go through LedgerStream; handing them here would lose them.
  if (!incoming.ledger.empty()) throw std::logic_error("plan_import: ledger entries belong to LedgerStream");
  ImportPlan plan;
  // Settings: known keys and valid values, before they are compared with the stored ones.
  {
    std::vector<Setting> good;
    for (auto& s : incoming.settings) {
      if (auto p = setting_problem(s.key, s.value)) {
        problems.push_back(
            s.src.problem(detail::name_of(p->rfind("unknown", 0) == 0 ? detail::column::key : detail::column::value), *p));
        continue;
      }
      good.push_back(std::move(s));
    }
    incoming.settings = std::move(good);
  }
  for (const auto& spec : file_specs())
    if (spec.kind != RecordKind::ledger) classify(spec, existing, earlier, incoming, plan, correct, problems);
  // Past the cap the plan is partial: checking its references would only add problems that are not there.
  if (problems.size() >= 100) return plan;
  // What is written (new records and new versions) must refer to what exists once it is written.
  const Dataset& out = plan.inserts;
  const Dataset& rep = plan.replacements;
  Refs refs{ids_of(existing.bodies, out.bodies), ids_of(existing.groups, out.groups),
            ids_of(existing.initiatives, out.initiatives), ids_of(existing.meetings, out.meetings),
            ids_of(existing.decisions, out.decisions)};
  for (const Dataset* d : {&out, &rep}) check_references(*d, refs, problems);
  check_indicators(existing, plan, refs, problems);
  check_group_cycles(existing, plan, problems);
  check_changes(existing, plan, problems);

  for (const Dataset* d : {&out, &rep})
    for (const auto& e : d->estimates)
      if (auto w = category_space_warning(e.category))
        plan.warnings.push_back(e.src.problem(detail::name_of(detail::column::category), *w, Severity::warning));

  // The estimate lines' amounts are summed by the reports (variance, coverage): their total stays countable.
  {
    std::int64_t total = 0;
    for (const auto& e : existing.estimates) total = std::min(max_total_ore, total + std::min(max_total_ore, e.amount.ore()));
    for (const auto& e : out.estimates) {
      if (e.amount.ore() > max_total_ore - total) {
        problems.push_back(e.src.problem(detail::name_of(detail::column::amount),
                                         "the estimate lines' amounts would add up to more than " +
                                             format_money(Money::from_ore(max_total_ore), MoneyStyle::danish) +
                                             ", more than klynge sums safely"));
        break;
      }
      total += e.amount.ore();
    }
  }
  return plan;
}

void check_retired_records(const Dataset& known, const Dataset& retired, std::vector<Diagnostic>& problems)
{
  // As a plain file's rows are checked: what they name is known (in force or retired), nothing succeeds itself or
  // ends before it starts, and the groups' parents form no cycle.
  const Refs refs{ids_of(known.bodies, retired.bodies), ids_of(known.groups, retired.groups),
                  ids_of(known.initiatives, retired.initiatives), ids_of(known.meetings, retired.meetings),
                  ids_of(known.decisions, retired.decisions)};
  check_references(retired, refs, problems);
  ImportPlan as_written;
  as_written.inserts = retired;
  check_group_cycles(known, as_written, problems);
}

namespace {

void check_references(const Dataset& out, const Refs& refs, std::vector<Diagnostic>& problems)
{
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
  for (const auto& c : out.changes) {
    need(refs.initiatives, c.initiative, c.src, detail::column::initiative, RecordKind::initiatives, problems);
    need(refs.bodies, c.body, c.src, detail::column::body, RecordKind::bodies, problems);
    need(refs.decisions, c.decision, c.src, detail::column::decision, RecordKind::decisions, problems);
    if (c.field == ChangeField::owner || c.field == ChangeField::successor)
      need(refs.bodies, c.value, c.src, detail::column::value, RecordKind::bodies, problems);
    if (c.field == ChangeField::group) need(refs.groups, c.value, c.src, detail::column::value, RecordKind::groups, problems);
  }
  for (const auto& e : out.estimates)
    need(refs.initiatives, e.initiative, e.src, detail::column::initiative, RecordKind::initiatives, problems);
  for (const auto& m : out.milestones)
    need(refs.initiatives, m.initiative, m.src, detail::column::initiative, RecordKind::initiatives, problems);
}

void check_changes(const Dataset& existing, const ImportPlan& plan, std::vector<Diagnostic>& problems)
{
  // A dated change is held to the rules of the column it changes (as bodies.csv and initiatives.csv are): a body
  // does not succeed itself, nothing ends before it starts, a take-over date needs a successor. Checked for the
  // changes written (new or corrected) against the records as they will be, and for the records written
  // (corrected) against the changes as they will be.
  std::map<std::string, const Initiative*> initiatives;
  std::map<std::string, const Body*> bodies;
  for (const Dataset* d : {&existing, &plan.replacements, &plan.inserts}) {
    for (const auto& i : d->initiatives) initiatives[i.id] = &i;
    for (const auto& b : d->bodies) bodies[b.id] = &b;
  }
  // The changes as they will be, by identity (date, initiative, body, field).
  std::map<std::tuple<Date, std::string, std::string, ChangeField>, const Change*> changes;
  for (const Dataset* d : {&existing, &plan.replacements, &plan.inserts})
    for (const auto& c : d->changes) changes[{c.date, c.initiative, c.body, c.field}] = &c;
  std::set<std::string> with_successor;  // bodies given one by their record or by a change
  for (const auto& [id, b] : bodies)
    if (!b->successor.empty()) with_successor.insert(id);
  for (const auto& [key, c] : changes)
    if (c->field == ChangeField::successor && !c->value.empty()) with_successor.insert(c->body);
  // What is wrong with a change, if anything, with the initiative's start or the body's start it is held to.
  auto wrong = [&](const Change& c) -> std::optional<std::string> {
    switch (c.field) {
    case ChangeField::successor:
      if (c.value == c.body) return "a body cannot succeed itself";
      break;
    case ChangeField::successor_from:
      if (!with_successor.count(c.body)) return "a take-over date needs a successor";
      break;
    case ChangeField::end:
      if (const auto it = initiatives.find(c.initiative); it != initiatives.end() && it->second->start &&
                                                           c.value < it->second->start->iso())
        return "the initiative would end (" + c.value + ") before it starts (" + it->second->start->iso() + ")";
      break;
    case ChangeField::active_to:
      if (const auto it = bodies.find(c.body); it != bodies.end() && it->second->active_from &&
                                               c.value < it->second->active_from->iso())
        return "the body would end (" + c.value + ") before it starts (" + it->second->active_from->iso() + ")";
      break;
    default: break;
    }
    return std::nullopt;
  };
  const auto value = detail::name_of(detail::column::value);
  std::set<const Change*> now;
  for (const Dataset* d : {&plan.inserts, &plan.replacements})
    for (const auto& c : d->changes) {
      now.insert(&c);
      if (auto problem = wrong(c)) problems.push_back(c.src.problem(value, *problem));
    }
  // A corrected initiative or body against the stored changes of it (a change written now was checked above).
  std::map<std::string, std::optional<Date>> stored_start, stored_from;
  std::map<std::string, std::string> stored_successor;
  for (const auto& i : existing.initiatives) stored_start[i.id] = i.start;
  for (const auto& b : existing.bodies) stored_from[b.id] = b.active_from, stored_successor[b.id] = b.successor;
  for (const auto& entry : changes) {
    const Change* c = entry.second;  // named, not bound: the lambdas below capture it (clang 14, the fuzz build)
    if (now.count(c)) continue;
    // Only a correction of the start (or of the successor) is held to it: one of a name leaves a change that
    // broke the rule before this check as it was.
    const bool corrected =
        (!c->initiative.empty() &&
         std::any_of(plan.replacements.initiatives.begin(), plan.replacements.initiatives.end(),
                     [&](const Initiative& i) { return i.id == c->initiative && i.start != stored_start[i.id]; })) ||
        (!c->body.empty() && std::any_of(plan.replacements.bodies.begin(), plan.replacements.bodies.end(), [&](const Body& b) {
           return b.id == c->body && (b.active_from != stored_from[b.id] || b.successor != stored_successor[b.id]);
         }));
    if (!corrected) continue;
    if (auto problem = wrong(*c)) {
      const bool of_initiative = !c->initiative.empty();
      const Source& at = of_initiative ? initiatives.at(c->initiative)->src : bodies.at(c->body)->src;
      problems.push_back(at.problem(detail::name_of(of_initiative ? detail::column::start : detail::column::active_from),
                                    *problem + " by its change of " + c->date.iso() + " (" +
                                        std::string(to_text(c->field)) + ")"));
    }
  }
}

void check_group_cycles(const Dataset& existing, const ImportPlan& plan, std::vector<Diagnostic>& problems)
{
  // The groups as they will be (the stored ones, corrected or new), and from each written one its parents up: a
  // cycle through it is named at its row, once per cycle (a group its own parent is told by check_references).
  std::map<std::string, const Group*> groups;
  for (const auto& g : existing.groups) groups[g.id] = &g;
  for (const Dataset* d : {&plan.replacements, &plan.inserts})
    for (const auto& g : d->groups) groups[g.id] = &g;
  std::set<std::string> told;
  for (const Dataset* d : {&plan.inserts, &plan.replacements})
    for (const auto& g : d->groups) {
      if (g.parent == g.id || told.count(g.id)) continue;
      std::vector<std::string> path{g.id};
      std::set<std::string> seen{g.id};
      for (std::string at = g.parent; !at.empty();) {
        if (at == g.id) {
          std::string chain;
          for (const auto& id : path) chain += "'" + id + "' → ";
          problems.push_back(g.src.problem(detail::name_of(detail::column::parent),
                                           "the groups' parents form a cycle: " + chain + "'" + g.id + "'"));
          told.insert(path.begin(), path.end());
          break;
        }
        if (!seen.insert(at).second) break;  // a cycle above it, not through it: told at its own groups' rows
        path.push_back(at);
        const auto it = groups.find(at);
        if (it == groups.end()) break;
        at = it->second->parent;
      }
    }
}

/// Indicators, their measurements and cost-sharing keys (design §14), new or new versions: a measurement names an
/// indicator of its initiative, is not dated before the initiative starts, and agrees with its counts; a key has a
/// share above zero.
void check_indicators(const Dataset& existing, const ImportPlan& plan, const Refs& refs, std::vector<Diagnostic>& problems)
{
  const Dataset& out = plan.inserts;
  std::map<std::string, std::optional<Date>> starts;
  for (const Dataset* d : {&existing, &out, &plan.replacements})
    for (const auto& i : d->initiatives) starts[i.id] = i.start;
  std::map<std::pair<std::string, std::string>, IndicatorUnit> units;
  for (const Dataset* d : {&existing, &out, &plan.replacements})
    for (const auto& i : d->indicators) units[{i.initiative, i.id}] = i.unit;
  // Each key's shares as they will be: a corrected share replaces the stored one.
  std::map<std::string, std::map<std::string, Decimal>> shares;
  for (const Dataset* d : {&existing, &out, &plan.replacements})
    for (const auto& k : d->keys) shares[k.key].insert_or_assign(k.body, k.share);
  std::map<std::string, bool> above_zero;
  for (const auto& [key, of_body] : shares)
    for (const auto& [body, share] : of_body) above_zero[key] = above_zero[key] || !share.is_zero();
  for (const Dataset* d : {&out, &plan.replacements}) {
    for (const auto& i : d->indicators) {
      need(refs.initiatives, i.initiative, i.src, detail::column::initiative, RecordKind::initiatives, problems);
      if (i.unit != IndicatorUnit::count) continue;
      for (const auto& [figure, column] : {std::pair{i.baseline, &detail::column::baseline}, {i.target, &detail::column::target}})
        if (figure && !whole_count(*figure))
          problems.push_back(i.src.problem(detail::name_of(*column),
                                           "'" + format_decimal(*figure, i.src.numbers) + "' " + count_rule));
    }
    for (const auto& m : d->measurements) {
      auto unit = units.find({m.initiative, m.indicator});
      auto start = starts.find(m.initiative);
      if (start == starts.end())
        need(refs.initiatives, m.initiative, m.src, detail::column::initiative, RecordKind::initiatives, problems);
      else if (unit == units.end())
      {
        std::vector<std::string> of_initiative;
        for (const auto& [key, u] : units)
          if (key.first == m.initiative) of_initiative.push_back(key.second);
        problems.push_back(m.src.problem(detail::name_of(detail::column::indicator),
                                         "unknown indicator '" + m.indicator + "' of initiative '" + m.initiative + "'" +
                                             did_you_mean(m.indicator, of_initiative)));
      }
      else {
        if (start->second && m.date < *start->second)
          problems.push_back(m.src.problem(detail::name_of(detail::column::date),
                                           "the measurement (" + m.date.iso() + ") is before the initiative's start (" +
                                               start->second->iso() + "); a figure from before belongs in the indicator's baseline"));
        check_counts(m, unit->second, m.src.numbers, problems);
      }
    }
    for (const auto& k : d->keys) need(refs.bodies, k.body, k.src, detail::column::body, RecordKind::bodies, problems);
    for (const auto& k : d->keys)
      if (!above_zero[k.key]) {
        problems.push_back(k.src.problem(detail::name_of(detail::column::share),
                                         "every share of key '" + k.key + "' is zero: at least one must be above zero"));
        above_zero[k.key] = true;  // once per key
      }
  }
  // Each key written, with its shares as they will be, splits money (its shares not too large: sharing.cpp).
  std::set<std::string> split_checked;
  for (const Dataset* d : {&out, &plan.replacements})
    for (const auto& k : d->keys) {
      if (!split_checked.insert(k.key).second) continue;
      std::vector<Decimal> weights;
      for (const auto& [body, share] : shares[k.key]) weights.push_back(share);
      // A negative share, or none above zero, is told above.
      if (std::any_of(weights.begin(), weights.end(), [](const Decimal& w) { return w.is_negative(); }) ||
          std::all_of(weights.begin(), weights.end(), [](const Decimal& w) { return w.is_zero(); }))
        continue;
      try {
        check_weights(weights);
      } catch (const ValueError& e) {
        problems.push_back(k.src.problem(detail::name_of(detail::column::share), "key '" + k.key + "': " + e.what()));
      }
    }
  // A correction leaves the stored measurements valid (an export of the books imports again): an initiative's
  // start after one of them, or an indicator's unit its counts do not fit, is refused at the corrected row. A
  // measurement corrected in the same import was checked above instead.
  std::set<std::tuple<std::string, std::string, Date>> resent;
  for (const Dataset* d : {&out, &plan.replacements})
    for (const auto& m : d->measurements) resent.insert({m.initiative, m.indicator, m.date});
  auto stored = [&](const Measurement& m) { return !resent.count({m.initiative, m.indicator, m.date}); };
  for (const auto& i : plan.replacements.initiatives)
    for (const auto& m : existing.measurements)
      if (i.start && m.initiative == i.id && m.date < *i.start && stored(m)) {
        problems.push_back(i.src.problem(detail::name_of(detail::column::start),
                                         "the initiative would start (" + i.start->iso() + ") after its measurement of '" +
                                             m.indicator + "' on " + m.date.iso() +
                                             " (a figure from before the start belongs in the indicator's baseline)"));
        break;
      }
  for (const auto& ind : plan.replacements.indicators)
    for (const auto& m : existing.measurements) {
      if (m.initiative != ind.initiative || m.indicator != ind.id || !stored(m)) continue;
      std::vector<Diagnostic> misfit;
      check_counts(m, ind.unit, Lang::en, misfit);
      if (misfit.empty()) continue;
      problems.push_back(ind.src.problem(detail::name_of(detail::column::unit),
                                         "the measurement of " + m.date.iso() + " does not fit the unit '" +
                                             std::string(to_text(ind.unit)) + "': " + misfit.front().message));
      break;
    }
}

}  // namespace

}  // namespace klynge

// report changes: what differs between two states of knowledge (design §14), per body and initiative, then the
// revisions between them. The figures are the funds, status, variance and timeline reports' own, compared cell by
// cell.
#include <algorithm>
#include <exception>
#include <map>
#include <set>

#include "columns.hpp"
#include "common.hpp"
#include "klynge/error.hpp"

namespace klynge::reports {

namespace {

/// A report row by its first cell (the body or initiative id); total rows left out.
std::map<std::string, const Row*> rows_by_id(const Table& t)
{
  std::map<std::string, const Row*> out;
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    if (!t.total[i])
      if (const auto* id = std::get_if<std::string>(&t.rows[i][0])) out[*id] = &t.rows[i];
  return out;
}

bool equal_cells(const Cell& a, const Cell& b)
{
  if (a.index() != b.index()) return false;
  if (const auto* w = std::get_if<Word>(&a)) return w->english == std::get<Word>(b).english;
  if (const auto* m = std::get_if<Money>(&a)) return *m == std::get<Money>(b);
  if (const auto* t = std::get_if<std::string>(&a)) return *t == std::get<std::string>(b);
  return a.index() == 0;
}

/// The revisions after `since` that wrote a record or entry of each body and initiative.
struct Touched
{
  std::map<std::string, std::set<std::int64_t>> bodies, initiatives;
};

Touched touched_since(const Dataset& d, std::int64_t since, std::int64_t until, const std::vector<RecordVersion>& versions)
{
  Touched t;
  auto mark_at = [&](std::map<std::string, std::set<std::int64_t>>& m, const std::string& id, std::int64_t revision) {
    if (!id.empty() && revision > since && revision <= until) m[id].insert(revision);
  };
  auto mark = [&](std::map<std::string, std::set<std::int64_t>>& m, const std::string& id, const Source& src) {
    mark_at(m, id, src.revision);
  };
  // The versions in between: the revision that added each and the one that superseded or retired it, for what
  // the version was about (the stored records of the later state show only their latest revision).
  for (const auto& v : versions)
    for (std::int64_t r : {v.revision, v.retired}) {
      if (v.table == "bodies") {
        mark_at(t.bodies, v.id, r);
      } else if (v.table == "initiatives") {
        mark_at(t.initiatives, v.id, r);
        mark_at(t.bodies, v.body, r);
      } else if (v.table == "changes") {
        mark_at(t.initiatives, v.initiative, r);
        mark_at(t.bodies, v.body, r);
      } else if (v.table == "estimates" || v.table == "milestones" || v.table == "indicators" ||
                 v.table == "measurements") {
        mark_at(t.initiatives, v.initiative, r);
      }
    }
  for (const auto& e : d.ledger) {
    mark(t.bodies, e.body, e.src);
    mark(t.initiatives, e.initiative, e.src);
  }
  for (const auto& b : d.bodies) mark(t.bodies, b.id, b.src);
  for (const auto& i : d.initiatives) {
    mark(t.initiatives, i.id, i.src);
    mark(t.bodies, i.body, i.src);
  }
  for (const auto& c : d.changes) {
    mark(t.initiatives, c.initiative, c.src);
    mark(t.bodies, c.body, c.src);
  }
  for (const auto& e : d.estimates) mark(t.initiatives, e.initiative, e.src);
  for (const auto& m : d.milestones) mark(t.initiatives, m.initiative, m.src);
  for (const auto& i : d.indicators) mark(t.initiatives, i.initiative, i.src);
  for (const auto& m : d.measurements) mark(t.initiatives, m.initiative, m.src);
  return t;
}

/// A report of one state. A group the filters name that this state does not know (added after --since, or
/// retired by --until) selects nothing in it, so everything of it shows as added or removed.
Table compute_in_state(const Dataset& data, Date as_of, const ReportSpec& spec, const LedgerSums& sums)
{
  Snapshot snap(data, as_of, sums);
  ReportSpec sel = spec;
  const bool known = spec.group.empty() ||
                     std::any_of(data.groups.begin(), data.groups.end(), [&](const Group& g) { return g.id == spec.group; });
  if (known) {
    select_initiatives(data, snap, sel);
  } else {
    sel.selected_groups = std::set<std::string>{spec.group};
    sel.selected_initiatives = std::set<std::string>{};
  }
  return compute_selected(snap, sel);
}

/// One state's figures of a body or an initiative: its name and the compared cells by column key.
struct FigureRow
{
  Cell name;
  std::map<std::string, Cell> cells;
  Cell cell(const std::string& key) const
  {
    auto it = cells.find(key);
    return it == cells.end() ? Cell{} : it->second;
  }
};
using Figures = std::map<std::string, FigureRow>;  // by id

/// The rows of a report (by id, totals left out) with the cells of `fields` it has.
Figures figures(const Table& t, const std::vector<const Column*>& fields)
{
  Figures out;
  const int name_col = t.column(cols::name.key);
  for (const auto& [id, row] : rows_by_id(t)) {
    FigureRow& f = out[id];
    if (name_col >= 0) f.name = (*row)[std::size_t(name_col)];
    for (const Column* c : fields)
      if (const int k = t.column(c->key); k >= 0) f.cells[c->key] = (*row)[std::size_t(k)];
  }
  return out;
}

/// Another report's cell for the ids already there (an id it has no row for keeps no cell).
void add_field(Figures& f, const Table& t, const Column& field)
{
  const int k = t.column(field.key);
  if (k < 0) return;
  for (const auto& [id, row] : rows_by_id(t))
    if (auto it = f.find(id); it != f.end()) it->second.cells[field.key] = (*row)[std::size_t(k)];
}

/// The variance report's estimate lines summed per initiative: 0,00 for one without lines.
void add_estimated(Figures& f, const Table& variance)
{
  for (auto& [id, row] : f) row.cells[cols::estimated.key] = Money{};
  const int k = variance.column(cols::estimated.key);
  if (k < 0) return;
  for (std::size_t i = 0; i < variance.rows.size(); ++i) {
    if (variance.total[i]) continue;
    const auto* id = std::get_if<std::string>(&variance.rows[i][0]);
    const auto* amount = std::get_if<Money>(&variance.rows[i][std::size_t(k)]);
    if (!id || !amount) continue;
    if (auto it = f.find(*id); it != f.end()) {
      Money& sum = std::get<Money>(it->second.cells[cols::estimated.key]);
      sum = sum + *amount;
    }
  }
}

Items revision_items(const std::set<std::int64_t>& revisions)
{
  Items out;
  for (auto r : revisions) out.push_back(reports::same(std::to_string(r)));
  return out;
}

}  // namespace

Table changes_report(const ChangesInput& in, Date as_of, const ReportSpec& spec)
{
  Table t;
  t.report = "changes";
  t.as_of = as_of;
  t.columns = {{"scope", "omfang", CellType::word},      {"id", "id", CellType::text},
               {"name", "navn", CellType::text},         {"field", "felt", CellType::word},
               {"before", "før", CellType::text},        {"after", "efter", CellType::text},
               {"difference", "forskel", CellType::text}, {"revisions", "revisioner", CellType::list}};
  // A name must be known in one of the two states (a group added since is known after, one retired before).
  try {
    check_filters(in.after, spec);
  } catch (const DataError&) {
    // Unknown in both: the later state's message (the names the database holds now).
    const auto later = std::current_exception();
    try {
      check_filters(in.before, spec);
    } catch (const DataError&) {
      std::rethrow_exception(later);
    }
  }
  const std::int64_t until = in.revisions.empty() ? in.since : in.revisions.back().number;
  const Touched touched = touched_since(in.after, in.since, until, in.versions);
  auto in_state = [&](ReportKind kind, const Dataset& data, const LedgerSums& sums) {
    ReportSpec s = spec;
    s.kind = kind;
    s.since.reset();
    s.until.reset();
    s.known_at.reset();
    return compute_in_state(data, as_of, s, sums);
  };
  auto emit = [&](const Word& scope, const std::vector<const Column*>& fields, const Figures& before,
                  const Figures& after, const std::map<std::string, std::set<std::int64_t>>& by_id) {
    std::set<std::string> ids;
    for (const auto& [id, f] : before) ids.insert(id);
    for (const auto& [id, f] : after) ids.insert(id);
    for (const auto& id : ids) {
      const auto b = before.find(id), a = after.find(id);
      const Cell& name = a != after.end() ? a->second.name : b->second.name;
      auto revisions = by_id.count(id) ? revision_items(by_id.at(id)) : Items{};
      for (const Column* f : fields) {
        const Cell cb = b != before.end() ? b->second.cell(f->key) : Cell{};
        const Cell ca = a != after.end() ? a->second.cell(f->key) : Cell{};
        if (equal_cells(cb, ca)) continue;
        // A figure of money not there before counts as 0,00: a body added with nothing in it changes no figure (the
        // revision rows say it was added).
        if (f->type == CellType::money) {
          const auto* mb = std::get_if<Money>(&cb);
          const auto* ma = std::get_if<Money>(&ca);
          if ((mb ? *mb : Money{}) == (ma ? *ma : Money{})) continue;
        }
        Cell difference;
        if (f->type == CellType::money)
          difference = std::get_if<Money>(&ca) ? std::get<Money>(ca) : Money{};
        if (const auto* m = std::get_if<Money>(&cb); m && f->type == CellType::money)
          difference = std::get<Money>(difference) - *m;
        t.add_row({scope, id, name, Word{f->key, f->danish}, cb, ca, difference, revisions});
      }
    }
  };
  const std::vector<const Column*> body_fields = {&cols::received, &cols::granted, &cols::reserved, &cols::free,
                                                  &cols::budget,   &cols::spent,   &cols::remaining};
  emit(Word{"body", "organisation"}, body_fields,
       figures(in_state(ReportKind::funds, in.before, in.before_sums), body_fields),
       figures(in_state(ReportKind::funds, in.after, in.after_sums), body_fields), touched.bodies);
  // An initiative's figures come from three reports: status (money, status, colours), variance (its estimate
  // lines summed, so a corrected estimate shows) and timeline (the gap after its owner).
  const std::vector<const Column*> initiative_fields = {&cols::budget, &cols::spent, &cols::remaining,
                                                        &cols::estimated, &cols::gap, &cols::status,
                                                        &cols::rag, &cols::indicators_rag};
  auto initiative_figures = [&](const Dataset& data, const LedgerSums& sums) {
    Figures f = figures(in_state(ReportKind::status, data, sums), initiative_fields);
    add_estimated(f, in_state(ReportKind::variance, data, sums));
    add_field(f, in_state(ReportKind::timeline, data, sums), cols::gap);
    return f;
  };
  emit(Word{"initiative", "indsats"}, initiative_fields, initiative_figures(in.before, in.before_sums),
       initiative_figures(in.after, in.after_sums), touched.initiatives);
  for (const auto& r : in.revisions)
    t.add_row({Word{"revision", "revision"}, std::to_string(r.number), r.user.empty() ? Cell{} : Cell{r.user},
               Word{r.command, r.command}, Cell{}, r.recorded_at,
               Word{"added " + std::to_string(r.added) + ", corrected " + std::to_string(r.corrected) + ", retired " +
                        std::to_string(r.retired),
                    "tilføjet " + std::to_string(r.added) + ", rettet " + std::to_string(r.corrected) +
                        ", udgået " + std::to_string(r.retired)},
               Items{}});
  return t;
}

}  // namespace klynge::reports

// report changes: what differs between two states of knowledge (design §14), per body and initiative, then the
// revisions between them. The figures are the funds and status reports' own, compared cell by cell.
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
      } else if (v.table == "estimates" || v.table == "milestones") {
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
  auto compare = [&](ReportKind kind, const Word& scope, const std::vector<const Column*>& fields,
                     const std::map<std::string, std::set<std::int64_t>>& by_id) {
    ReportSpec s = spec;
    s.kind = kind;
    s.since.reset();
    s.until.reset();
    s.known_at.reset();
    const Table before = compute_in_state(in.before, as_of, s, in.before_sums);
    const Table after = compute_in_state(in.after, as_of, s, in.after_sums);
    const auto b = rows_by_id(before), a = rows_by_id(after);
    std::set<std::string> ids;
    for (const auto& [id, row] : b) ids.insert(id);
    for (const auto& [id, row] : a) ids.insert(id);
    for (const auto& id : ids) {
      const Row* rb = b.count(id) ? b.at(id) : nullptr;
      const Row* ra = a.count(id) ? a.at(id) : nullptr;
      const Row& named = ra ? *ra : *rb;
      const int name_col = (ra ? after : before).column(cols::name.key);
      auto revisions = by_id.count(id) ? revision_items(by_id.at(id)) : Items{};
      for (const Column* f : fields) {
        const Cell cb = rb ? (*rb)[std::size_t(before.column(f->key))] : Cell{};
        const Cell ca = ra ? (*ra)[std::size_t(after.column(f->key))] : Cell{};
        if (equal_cells(cb, ca)) continue;
        Cell difference;
        if (f->type == CellType::money)
          difference = std::get_if<Money>(&ca) ? std::get<Money>(ca) : Money{};
        if (const auto* m = std::get_if<Money>(&cb); m && f->type == CellType::money)
          difference = std::get<Money>(difference) - *m;
        t.add_row({scope, id, name_col >= 0 ? named[std::size_t(name_col)] : Cell{}, Word{f->key, f->danish}, cb, ca,
                   difference, revisions});
      }
    }
  };
  compare(ReportKind::funds, Word{"body", "organisation"},
          {&cols::received, &cols::granted, &cols::reserved, &cols::free, &cols::budget, &cols::spent, &cols::remaining},
          touched.bodies);
  compare(ReportKind::status, Word{"initiative", "indsats"},
          {&cols::budget, &cols::spent, &cols::remaining, &cols::status, &cols::rag}, touched.initiatives);
  for (const auto& r : in.revisions)
    t.add_row({Word{"revision", "revision"}, std::to_string(r.number), r.user.empty() ? Cell{} : Cell{r.user},
               Word{r.command, r.command}, Cell{}, r.recorded_at,
               Word{"added " + std::to_string(r.added) + ", corrected " + std::to_string(r.corrected) + ", retired " +
                        std::to_string(r.retired),
                    "tilføjet " + std::to_string(r.added) + ", rettet " + std::to_string(r.corrected) +
                        ", trukket tilbage " + std::to_string(r.retired)},
               Items{}});
  return t;
}

}  // namespace klynge::reports

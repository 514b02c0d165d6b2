#include "ledger_sql.hpp"

#include <algorithm>
#include <stdexcept>

#include "klynge/interchange.hpp"

namespace klynge::detail {

std::string sql_figure_sign(Figure figure, const std::string& kind_column)
{
  // One sign per kind and figure: a kind that moves a figure moves it the same way whoever's it is (a stated
  // property of the table, checked here).
  std::string sql = "(CASE " + kind_column;
  for (const auto& rule : entry_kind_rules()) {
    int sign = 0;
    for (const auto& e : rule.effects)
      if (e.figure == figure) {
        if (sign && sign != e.sign) throw std::logic_error("an entry kind moves one figure both ways");
        sign = e.sign;
      }
    if (sign) sql += " WHEN '" + std::string(to_text(rule.kind)) + "' THEN " + std::to_string(sign);
  }
  return sql + " ELSE 0 END)";
}

namespace {

/// Whether an entry lowers a reservation: a release, or the reversal of a reservation (its kind's, turned).
std::string sql_lowers_reserved()
{
  return "(" + sql_figure_sign(Figure::reserved, "l.kind") + " * (CASE WHEN l.reverses IS NULL THEN 1 ELSE -1 END)) < 0";
}

}  // namespace

std::string sql_releases_any(const std::string& after)
{
  return "SELECT CASE WHEN EXISTS (SELECT 1 FROM ledger l WHERE l.seq > " + after + " AND " + sql_lowers_reserved() +
         ") THEN 1 ELSE 0 END";
}

std::string sql_over_released(const std::string& after, const std::string& signed_amount, const std::string& as_integer)
{
  // The running reservation per (body, initiative), by date, reservations before releases on one day; which kinds
  // move a reservation, and which way, is the table of entry kinds' (rules.hpp). A release of this write that goes
  // below zero, or an earlier one that does now: a reversal of a reservation dated before it (`culprit`: the first
  // lowering entry of this write in that pair).
  const std::string moves_reserved = sql_figure_sign(Figure::reserved, "l.kind");
  return R"sql(
    WITH pairs AS (
      SELECT DISTINCT l.body, coalesce(l.initiative, '') AS ini FROM ledger l WHERE l.seq > )sql" + after + " AND " +
         sql_lowers_reserved() + R"sql(
    ), moves AS (
      SELECT l.seq, l.body, coalesce(l.initiative, '') AS ini, l.date, l.origin, )sql" +
         moves_reserved + " * " + signed_amount + R"sql( AS delta
      FROM ledger l JOIN pairs p ON p.body = l.body AND p.ini = coalesce(l.initiative, '')
      WHERE )sql" + moves_reserved + R"sql( <> 0
    ), running AS (
      SELECT *, sum(delta) OVER (PARTITION BY body, ini ORDER BY date, delta < 0, seq
                                 ROWS UNBOUNDED PRECEDING) AS balance
      FROM moves
    )
    SELECT origin, body, ini, date, (balance - delta))sql" + as_integer + R"sql( AS before, seq,
      (SELECT m.origin FROM moves m WHERE m.body = r.body AND m.ini = r.ini AND m.seq > )sql" + after + R"sql(
         AND m.delta < 0 ORDER BY m.date, m.seq LIMIT 1) AS culprit
    FROM running r
    WHERE balance < 0 AND (seq > )sql" + after + R"sql( OR EXISTS (SELECT 1 FROM moves m WHERE m.body = r.body
      AND m.ini = r.ini AND m.seq > )sql" + after + R"sql( AND m.delta < 0 AND (m.date < r.date OR m.date = r.date
      AND m.seq < r.seq)))
    ORDER BY body, ini, date, seq)sql";
}

std::string sql_sheet_went_on_without(const std::string& r, const std::string& position)
{
  // A life of the entry: its root (the id before any `~`), or the root followed by `~…` (a re-entry or sibling).
  const std::string at = position + "(o.id, '~')";
  const std::string root = "(CASE WHEN " + at + " > 0 THEN substr(o.id, 1, " + at + " - 1) ELSE o.id END)";
  // The revision's reversals first, and only them: a planner without statistics otherwise walked the whole ledger,
  // looking up the revision's entries for each (minutes for a sheet of 50,000 rows).
  return "WITH undone AS MATERIALIZED (SELECT reverses FROM ledger WHERE revision = " + r + " AND reverses IS NOT NULL) "
         "SELECT o.id, f2.revision FROM undone u JOIN ledger o ON o.id = u.reverses JOIN ledger_files f1 ON f1.number "
         "= o.sheet_file JOIN ledger_files f2 ON f2.sheet = f1.sheet AND f2.revision > " + r + " WHERE NOT EXISTS "
         "(SELECT 1 FROM ledger a WHERE a.sheet_file = f2.number AND (a.id = " + root + " OR (a.id > " + root + " || '~' AND a.id < " + root + " || '~~'))) GROUP BY o.seq, o.id, f2.revision "
         "ORDER BY o.seq, f2.revision";
}

std::string sql_revision_gaps()
{
  return "SELECT coalesce(max(number), 0) - count(*), "
         "CASE WHEN NOT EXISTS (SELECT 1 FROM revisions WHERE number = 1) THEN 1 ELSE "
         "(SELECT min(r.number + 1) FROM revisions r WHERE NOT EXISTS (SELECT 1 FROM revisions x WHERE x.number = "
         "r.number + 1)) END, coalesce(max(number), 0) FROM revisions";
}

std::string sql_unknown_revisions()
{
  // The ledger by its id; the other records by the first column of their identity, cast to text.
  std::string sql;
  for (const auto& spec : file_specs()) {
    const std::string t(spec.table);
    std::string key(spec.stored.front().stored);
    for (const auto& c : spec.stored)
      if (!spec.identity.empty() && c.name == spec.identity.front()) key = std::string(c.stored);
    const std::string orphan = " FROM " + t + " t WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.number = t.revision)";
    sql += (sql.empty() ? "" : " UNION ALL ") + std::string("SELECT '") + t + "' AS tbl, (SELECT count(*)" + orphan +
           ") AS n, (SELECT CAST(t.\"" + key + "\" AS TEXT)" + orphan + " ORDER BY t.revision LIMIT 1) AS first, " +
           "(SELECT t.revision" + orphan + " ORDER BY t.revision LIMIT 1) AS revision";
  }
  // The earlier versions of records: the revision that added each and the one that retired it.
  for (const char* column : {"revision", "retired"}) {
    const std::string c(column);
    const std::string orphan = " FROM record_versions t WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.number = t." + c + ")";
    sql += " UNION ALL SELECT 'record_versions' AS tbl, (SELECT count(*)" + orphan + ") AS n, (SELECT t.tbl" + orphan +
           " ORDER BY t." + c + " LIMIT 1) AS first, (SELECT t." + c + orphan + " ORDER BY t." + c + " LIMIT 1) AS revision";
  }
  return "SELECT * FROM (" + sql + ") AS u WHERE n > 0";
}

std::string revision_gap_problem(std::int64_t missing, std::int64_t first, std::int64_t last)
{
  return "revisions: " + std::to_string(missing) + (missing == 1 ? " number" : " numbers") + " of 1 to " +
         std::to_string(last) + " missing (the first: " + std::to_string(first) +
         "); a revision is never removed, so the history was changed behind klynge's back";
}

std::string unknown_revision_problem(const std::string& table, std::int64_t rows, const std::string& first,
                                     std::int64_t revision)
{
  if (table == "record_versions")
    return "an earlier version of a record of " + first + " names revision " + std::to_string(revision) +
           ", which is not kept" + (rows > 1 ? " (" + std::to_string(rows) + " versions so)" : std::string()) +
           "; the revisions were changed behind klynge's back";
  const std::string what = table == "ledger" ? "ledger entry" : "row of " + table;
  return what + " '" + first + "' names revision " + std::to_string(revision) + ", which is not kept" +
         (rows > 1 ? " (" + std::to_string(rows) + " rows of " + table + " so)" : std::string()) +
         "; the revisions were changed behind klynge's back";
}

std::string undo_blocked_by_reference(const std::string& what, const std::string& parent_table)
{
  std::string parent = parent_table;
  for (const auto& spec : file_specs())
    if (spec.table == parent_table) parent = std::string(spec.singular);
  const bool vowel = !parent.empty() && std::string("aeiou").find(parent[0]) != std::string::npos;
  return what + " (written later) refers to " + (vowel ? "an " : "a ") + parent + " the revision added";
}

std::vector<Diagnostic> undo_blocked_problems(std::int64_t revision, std::vector<std::pair<std::string, std::string>> refs)
{
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  const std::size_t found = refs.size();
  if (refs.size() > undo_references_told) refs.resize(undo_references_told);
  std::vector<Diagnostic> out;
  const std::string r = "revision " + std::to_string(revision) + " cannot be undone: ";
  for (auto& [table, ref] : refs) out.push_back({Location{}, Severity::error, r + ref});
  if (found > refs.size())
    out.push_back({Location{}, Severity::error,
                   r + (found >= undo_references_read ? "at least " : "") + std::to_string(found - refs.size()) +
                       " more references to what it added (the first " + std::to_string(refs.size()) + " are named)"});
  return out;
}

const std::vector<RecordReference>& record_references()
{
  // The foreign keys of schema/0001 and 0009 that point at bodies, groups, initiatives, meetings or decisions.
  static const std::vector<RecordReference> refs = {
      {"ledger", "body", "bodies"},          {"ledger", "counterparty", "bodies"},     {"ledger", "initiative", "initiatives"},
      {"ledger", "decision", "decisions"},   {"bodies", "successor", "bodies"},        {"groups", "body", "bodies"},
      {"groups", "parent", "groups"},        {"initiatives", "body", "bodies"},        {"initiatives", "grp", "groups"},
      {"meetings", "grp", "groups"},         {"decisions", "meeting", "meetings"},     {"decisions", "initiative", "initiatives"},
      {"changes", "initiative", "initiatives"}, {"changes", "body", "bodies"},         {"changes", "decision", "decisions"},
      {"estimates", "initiative", "initiatives"}, {"milestones", "initiative", "initiatives"},
      {"indicators", "initiative", "initiatives"}, {"sharing_keys", "body", "bodies"}};
  return refs;
}

bool kept_in_place(std::string_view table)
{
  for (const auto& ref : record_references())
    if (ref.parent == table) return true;
  return false;
}

namespace {

std::string quoted(const std::string& text)
{
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string sql_named_by_ledger(const RecordReference& ref, const std::string& now)
{
  return "SELECT DISTINCT l." + ref.column + " FROM ledger l WHERE l." + ref.column + " IN (SELECT p.id FROM " +
         ref.parent + " p WHERE p.retired = " + now + ")";
}

std::string sql_prune_retired(const std::string& parent, const std::string& now, const std::vector<std::string>& named)
{
  std::string sql = "DELETE FROM " + parent + " WHERE retired = " + now;
  if (!named.empty()) {
    sql += " AND id NOT IN (";
    for (std::size_t i = 0; i < named.size(); ++i) sql += (i ? ", " : "") + quoted(named[i]);
    sql += ")";
  }
  // A record kept so that names itself (a group its own parent) keeps nothing.
  for (const auto& ref : record_references())
    if (ref.parent == parent && ref.table != "ledger")
      sql += " AND NOT EXISTS (SELECT 1 FROM " + ref.table + " c WHERE c." + ref.column + " = " + parent +
             ".id AND c.retired IS NOT NULL" + (ref.table == parent ? " AND c.id <> " + parent + ".id" : "") + ")";
  return sql + " RETURNING id";
}

std::string sql_give_way_to_restored(const std::string& table, const std::string& r, const std::string& row,
                                     const std::string& version_row, const std::string& version_id)
{
  const std::string versions = " FROM record_versions WHERE tbl = '" + table + "' AND retired = " + r;
  return "DELETE FROM " + table + " WHERE retired IS NOT NULL AND (" + row + " IN (SELECT " + version_row + versions +
         ") OR id IN (SELECT " + version_id + versions + "))";
}

std::string sql_in_force_naming_retired(const RecordReference& ref, const std::string& now, const std::string& row)
{
  return "SELECT c." + row + " FROM " + ref.table + " c JOIN " + ref.parent + " p ON p.id = c." + ref.column +
         " WHERE p.retired = " + now + " AND c.retired IS NULL ORDER BY c." + row;
}

std::string sql_entries_naming_retired(const std::string& after, const std::string& retired_by)
{
  std::string hits;
  for (const auto& ref : record_references()) {
    if (ref.table != "ledger") continue;
    hits += std::string(hits.empty() ? "" : " UNION ALL ") + "SELECT l.seq, l.id, l.reverses, l.revision, l.origin, '" +
            ref.parent + "' AS parent, l." + ref.column + " AS k FROM ledger l WHERE l.seq > " + after + " AND l." +
            ref.column + " IN (SELECT p.id FROM " + ref.parent + " p WHERE p.retired IS NOT NULL" +
            (retired_by.empty() ? "" : " AND p.retired = " + retired_by) + ")";
  }
  // Only an entry that is not reversed can count; it does when it is an even number of reversals from its original.
  // The walk down that chain carries the entry along and ends at the original (no lookup per entry afterwards: a
  // server that misjudged the number of entries rescanned the whole walk for each).
  return "WITH RECURSIVE hits AS (" + hits + "), up (seq, id, origin, revision, parent, k, cur, depth) AS (SELECT h.seq, "
         "h.id, h.origin, h.revision, h.parent, h.k, h.reverses, 0 FROM hits h WHERE NOT EXISTS (SELECT 1 FROM ledger x "
         "WHERE x.reverses = h.id) UNION ALL SELECT up.seq, up.id, up.origin, up.revision, up.parent, up.k, l.reverses, "
         "up.depth + 1 FROM up JOIN ledger l ON l.id = up.cur) SELECT id, origin, revision, parent, k FROM up WHERE cur "
         "IS NULL AND depth % 2 = 0 ORDER BY seq, parent, k";
}

std::string sql_any_retired_in_place(const std::string& retired_by)
{
  std::string any;
  for (const auto& ref : record_references())
    if (ref.table == "ledger" && any.find(" " + ref.parent + " ") == std::string::npos)
      any += std::string(any.empty() ? "" : " OR") + " EXISTS (SELECT 1 FROM " + ref.parent + " WHERE retired IS NOT NULL" +
             (retired_by.empty() ? "" : " AND retired = " + retired_by) + ")";
  return "SELECT CASE WHEN" + any + " THEN 1 ELSE 0 END";
}

void keep_first_per_pair(std::vector<Store::OverRelease>& releases)
{
  std::vector<Store::OverRelease> out;
  for (auto& r : releases)
    if (out.empty() || out.back().body != r.body || out.back().initiative != r.initiative) out.push_back(std::move(r));
  releases = std::move(out);
}

}  // namespace klynge::detail

// Knowledge time on PostgreSQL (as engine/src/sqlite/store_revisions.cpp): revisions, earlier versions of records,
// ledger files (running sheets), and undoing a revision's records. The ledger itself is never changed here: an undo
// reverses entries through the ledger's own insert.
#include <stdexcept>

#include "pg_records.hpp"
#include "ledger_sql.hpp"

#include <map>
#include <set>
#include "klynge/ledger_identity.hpp"
#include "undo_cancelled.hpp"

namespace klynge {

using namespace pgd;

namespace {

bool versioned(const FileSpec& spec) { return spec.kind != RecordKind::ledger; }

}  // namespace

std::int64_t PgStore::last_revision() const
{
  return exec("SELECT coalesce(max(number), 0) FROM revisions")[0][0].as<std::int64_t>();
}

std::int64_t PgStore::begin_revision()
{
  if (!in_tx_) throw std::logic_error("begin_revision needs an open write transaction");
  // Writers hold the advisory lock: the last revision committed is the last there is.
  revision_ = last_revision() + 1;
  return revision_;
}

void PgStore::record_revision(const Revision& r)
{
  const ChainHead head = head_now();  // as the write leaves it (kept in memory until the commit writes it)
  exec("INSERT INTO revisions (number, recorded_at, \"user\", command, files, added, corrected, retired, undoes, "
       "entries, head) VALUES (" +
       lit(r.number) + ", " + lit(r.recorded_at) + ", " + lit(r.user) + ", " + lit(r.command) + ", " + lit(r.files) + ", " +
       lit(r.added) + ", " + lit(r.corrected) + ", " + lit(r.retired) + ", " +
       (r.undoes ? lit(*r.undoes) : std::string("NULL")) + ", " + lit(head.entries) + ", " + lit(head.head) + ")");
}

std::vector<Revision> PgStore::revisions() const
{
  std::vector<Revision> out;
  for (const auto& q : exec("SELECT number, recorded_at, \"user\", command, files, added, corrected, retired, undoes, "
                            "entries, coalesce(head, '') FROM revisions ORDER BY number")) {
    Revision r;
    r.number = q[0].as<std::int64_t>();
    r.recorded_at = q[1].as<std::string>();
    r.user = q[2].as<std::string>();
    r.command = q[3].as<std::string>();
    r.files = q[4].as<std::string>();
    r.added = q[5].as<std::int64_t>();
    r.corrected = q[6].as<std::int64_t>();
    r.retired = q[7].as<std::int64_t>();
    if (!q[8].is_null()) r.undoes = q[8].as<std::int64_t>();
    if (!q[9].is_null()) r.entries = q[9].as<std::int64_t>();
    r.head = q[10].as<std::string>();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RecordVersion> PgStore::versions_between(std::int64_t since, std::int64_t until) const
{
  std::vector<RecordVersion> out;
  const std::string a = std::to_string(since), b = std::to_string(until);
  for (const auto& q : exec("SELECT tbl, coalesce(data->>'id', ''), coalesce(data->>'body', ''), coalesce(data->>"
                            "'initiative', ''), revision, retired FROM record_versions WHERE (revision > " + a +
                            " AND revision <= " + b + ") OR (retired > " + a + " AND retired <= " + b +
                            ") ORDER BY retired, \"row\""))
    out.push_back({q[0].as<std::string>(), q[1].as<std::string>(), q[2].as<std::string>(), q[3].as<std::string>(),
                   q[4].as<std::int64_t>(), q[5].as<std::int64_t>()});
  return out;
}

std::int64_t PgStore::last_revision_before(const std::string& utc) const
{
  return exec("SELECT coalesce((SELECT min(number) - 1 FROM revisions WHERE recorded_at >= " + lit(utc) +
              "), (SELECT max(number) FROM revisions), 0)")[0][0].as<std::int64_t>();
}

std::int64_t PgStore::next_ledger_file()
{
  if (next_file_ == 0) next_file_ = exec("SELECT coalesce(max(number), 0) FROM ledger_files")[0][0].as<std::int64_t>();
  return ++next_file_;
}

void PgStore::record_ledger_file(const LedgerFile& f)
{
  exec("INSERT INTO ledger_files (number, revision, name, sha256, sheet) VALUES (" + lit(f.number) + ", " +
       lit(f.revision) + ", " + lit(f.name) + ", " + lit(f.sha256) + ", " + lit(f.sheet) + ")");
}

std::int64_t PgStore::sheet_of(std::int64_t file) const
{
  const auto r = exec("SELECT sheet FROM ledger_files WHERE number = " + lit(file));
  return r.empty() ? 0 : r[0][0].as<std::int64_t>();
}

void PgStore::join_sheets(std::int64_t into, std::int64_t from)
{
  exec("UPDATE ledger_files SET sheet = " + lit(into) + " WHERE sheet = " + lit(from));
}

std::vector<Store::SheetEntry> PgStore::sheet_entries(std::int64_t sheet) const
{
  std::vector<Store::SheetEntry> out;
  // A version of the sheet is stored under the name of its file, which begins its rows' origins (`FILE:LINE`).
  for (const auto& q : exec("SELECT l.id, l.origin, left(l.origin, length(f.name) + 1) = f.name || ':' "
                            "FROM ledger l JOIN ledger_files f ON l.sheet_file = f.number WHERE f.sheet = " + lit(sheet) +
                            " AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id) ORDER BY l.seq"))
    out.push_back({q[0].as<std::string>(), q[1].as<std::string>(), q[2].as<bool>()});
  return out;
}

std::int64_t PgStore::sheet_live_count(std::int64_t sheet) const
{
  const std::string s = lit(sheet);
  return exec("SELECT (SELECT count(*) FROM ledger l JOIN ledger_files f ON l.sheet_file = f.number WHERE f.sheet = " + s +
              ") - (SELECT count(*) FROM ledger r JOIN ledger o ON o.id = r.reverses JOIN ledger_files f ON "
              "o.sheet_file = f.number WHERE f.sheet = " + s + ")")[0][0]
      .as<std::int64_t>();
}

std::optional<std::string> PgStore::ledger_alias(const std::string& alias) const
{
  // Aliases are written only by a migration or a copy of a whole database (under the write lock), never by a write
  // beside this one: a transaction asks once whether there are any (there are none unless the books came from
  // before content identity), instead of a round trip for each new row of a sheet (5,000 of a month's 3.4 s at
  // 100k lines).
  if (in_tx_) {
    if (!any_alias_) any_alias_ = exec("SELECT EXISTS (SELECT 1 FROM ledger_aliases)")[0][0].as<bool>();
    if (!*any_alias_) return std::nullopt;
  }
  const auto r = exec("SELECT entry FROM ledger_aliases WHERE alias = " + lit(alias));
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

std::optional<std::string> PgStore::entry_on_file_line(const std::string& stem, const std::string& sha256_prefix,
                                                      std::int64_t line) const
{
  // A file's rows are stored under its name (their origins are `NAME:LINE`), which ends in the stem; they are found
  // among the entries of the file's revision (its index). A file imported again after an undo holds the line twice:
  // the entry in force (not reversed) is the one named, the latest first.
  for (const auto& q : exec("SELECT l.id, f.name FROM ledger_files f JOIN ledger l ON l.revision = f.revision AND "
                            "l.sheet_file = f.number WHERE left(f.sha256, 8) = " + lit(sha256_prefix) +
                            " AND l.origin = f.name || ':' || " + lit(std::to_string(line)) +
                            " ORDER BY EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id), l.seq DESC"))
    if (legacy_file_stem(q[1].as<std::string>()) == stem) return q[0].as<std::string>();
  return std::nullopt;
}

std::vector<std::pair<std::string, std::int64_t>> PgStore::sheet_versions_after(std::int64_t r) const
{
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& q : exec(detail::sql_sheet_went_on_without(std::to_string(r), "strpos")))
    out.emplace_back(q[0].as<std::string>(), q[1].as<std::int64_t>());
  return out;
}

std::int64_t PgStore::content_origin_of(const std::string& table, std::int64_t row, std::int64_t current,
                                       const detail::CancelledRevisions& cancelled) const
{
  return detail::content_origin(current, cancelled, [&](std::int64_t undone) -> std::optional<std::int64_t> {
    auto q = exec("SELECT revision FROM record_versions WHERE tbl = '" + table + "' AND \"row\" = " + std::to_string(row) +
                  " AND retired = " + std::to_string(undone));
    if (q.empty()) return std::nullopt;
    return q[0][0].as<std::int64_t>();
  });
}

std::vector<std::pair<std::int64_t, bool>> PgStore::rows_of_revision(const FileSpec& spec, std::int64_t r,
                                                                     const detail::CancelledRevisions& cancelled) const
{
  // The rows as revision `r` left them: written by it, or put back as it wrote them by a cancelled undo.
  const std::string t(spec.table), row = row_column(spec), R = std::to_string(r);
  std::string in = R;
  for (const auto& [undo, undid] : cancelled.undo_of) in += ", " + std::to_string(undo);
  std::vector<std::pair<std::int64_t, bool>> out;
  for (const auto& q : exec("SELECT t." + row + ", t.revision, EXISTS (SELECT 1 FROM record_versions v WHERE v.tbl = '" +
                            t + "' AND v.\"row\" = t." + row + " AND v.retired = " + R + ") FROM " + t +
                            " t WHERE t.retired IS NULL AND t.revision IN (" + in + ") ORDER BY t." + row)) {
    const std::int64_t x = q[0].as<std::int64_t>(), now = q[1].as<std::int64_t>();
    if (now == r || content_origin_of(t, x, now, cancelled) == r) out.emplace_back(x, q[2].as<bool>());
  }
  return out;
}

UndoPlan PgStore::plan_undo(std::int64_t r) const
{
  UndoPlan plan;
  const std::vector<Revision> all_revisions = revisions();
  const std::string R = std::to_string(r);
  auto pairs = [&](const std::string& sql) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& q : exec(sql)) out.emplace_back(q[0].as<std::string>(), q[1].as<std::int64_t>());
    return out;
  };
  auto count = [&](const std::string& sql) { return std::size_t(exec(sql)[0][0].as<std::int64_t>()); };
  for (const auto& [id, by] : pairs("SELECT l.id, r.revision FROM ledger l JOIN ledger r ON r.reverses = l.id WHERE "
                                    "l.revision = " + R + " AND r.revision <> " + R + " ORDER BY l.seq"))
    plan.dependents.push_back(klynge::reversed_in(id, by, all_revisions));
  for (const auto& q : exec("SELECT id FROM ledger WHERE revision = " + R + " ORDER BY seq"))
    plan.reverse.push_back(q[0].as<std::string>());
  // Undoing an undo brings back what it reversed: not when those entries have come again since (a re-import)
  // and count on or after the date the entry would come back on (as on SQLite), any life of the entry's root.
  for (const auto& q : exec("SELECT a.id, a.revision, rr.date, rr.revision, EXISTS (SELECT 1 FROM ledger x WHERE x.id = "
                            "a.id || '~1') FROM ledger u JOIN ledger a ON a.id > split_part(u.reverses, '~', 1) || '~' AND "
                            "a.id < split_part(u.reverses, '~', 1) || '~~' LEFT JOIN ledger rr ON rr.reverses = a.id WHERE u.revision = " + R +
                            " AND u.reverses IS NOT NULL AND a.revision > " + R + " AND (rr.id IS NULL OR (rr.date > "
                            "u.date AND rr.date > a.date)) ORDER BY a.seq")) {
    std::optional<CameAgainReversal> reversal;
    if (!q[2].is_null()) reversal = CameAgainReversal{q[2].as<std::string>(), q[3].as<std::int64_t>(), q[4].as<bool>()};
    plan.dependents.push_back(came_again(q[0].as<std::string>(), q[1].as<std::int64_t>(), reversal));
  }
  const detail::CancelledRevisions cancelled = detail::cancelled_after(revisions(), r);
  // An entry the revision reversed whose sheet had a later version imported since (as on SQLite).
  for (const auto& [id, by] : sheet_versions_after(r))
    if (!cancelled.contains(by)) plan.dependents.push_back(sheet_went_on(id, by));
  for (const auto& spec : file_specs()) {
    if (!versioned(spec)) continue;
    const std::string t(spec.table), row = row_column(spec);
    // Versions the revision wrote that a later revision superseded: not when that one was undone since, and the
    // record is as the revision left it.
    for (const auto& q : exec("SELECT " + identity_of(spec, true) + ", v.retired, t.revision, v.\"row\", (SELECT "
                              "max(x.retired) FROM record_versions x WHERE x.tbl = v.tbl AND x.\"row\" = v.\"row\") "
                              "FROM record_versions v LEFT JOIN " + t + " t ON t." + row + " = v.\"row\" AND t.retired IS NULL WHERE v.tbl = '" +
                              t + "' AND v.revision = " + R + " AND v.retired <> " + R)) {
      std::int64_t by = q[1].as<std::int64_t>();
      // Gone since: named by the revision that retired it last (as on SQLite).
      if (cancelled.contains(by) && q[2].is_null()) by = q[4].as<std::int64_t>();
      else if (cancelled.contains(by)) {
        by = content_origin_of(t, q[3].as<std::int64_t>(), q[2].as<std::int64_t>(), cancelled);
        if (by == r) continue;
      }
      plan.dependents.push_back(record_dependent(std::string(spec.singular) + " '" + q[0].as<std::string>() +
                                                 "' is changed again in revision " + std::to_string(by)));
    }
    for (const auto& q : exec("SELECT v.\"row\", t.revision FROM record_versions v JOIN " + t + " t ON t." + row +
                              " = v.\"row\" AND t.retired IS NULL WHERE v.tbl = '" + t + "' AND v.retired = " + R + " AND t.revision <> " + R))
      if (const std::int64_t by = content_origin_of(t, q[0].as<std::int64_t>(), q[1].as<std::int64_t>(), cancelled); by != r)
        plan.dependents.push_back(record_dependent(label_of(spec, q[0].as<std::int64_t>()) +
                                                   " is changed again in revision " + std::to_string(by)));
    // What the revision retired (an undo's) whose id is stored again since, as another record (as on SQLite).
    if (detail::kept_in_place(t))
      for (const auto& [id, by] : pairs("SELECT x.id, x.revision FROM record_versions v JOIN " + t + " x ON x.id = "
                                        "v.data->>'id' AND x." + row + " <> v.\"row\" AND x.retired IS NULL WHERE "
                                        "v.tbl = '" + t + "' AND v.retired = " + R))
        plan.dependents.push_back(record_dependent(std::string(spec.singular) + " '" + id +
                                                   "' is stored again, in revision " + std::to_string(by)));
    for (const auto& [x, superseded] : rows_of_revision(spec, r, cancelled)) {
      (void)x;
      ++(superseded ? plan.put_back : plan.retired);
    }
    plan.restored += count("SELECT count(*) FROM record_versions v WHERE v.tbl = '" + t + "' AND v.retired = " + R +
                           " AND NOT EXISTS (SELECT 1 FROM " + t + " x WHERE x." + row + " = v.\"row\" AND x.retired IS NULL)");
  }
  return plan;
}

std::vector<std::pair<std::string, std::string>> PgStore::prune_retired(std::int64_t revision)
{
  std::vector<std::pair<std::string, std::string>> pruned;
  const std::string now = std::to_string(revision);
  std::set<std::string> marked;
  for (const auto& ref : detail::record_references())
    if (!marked.count(ref.parent) &&
        exec("SELECT 1 FROM " + ref.parent + " WHERE retired = " + now + " LIMIT 1").size() == 1)
      marked.insert(ref.parent);
  std::map<std::string, std::vector<std::string>> named;
  for (const auto& ref : detail::record_references())
    if (ref.table == "ledger" && marked.count(ref.parent))
      for (const auto& q : exec(detail::sql_named_by_ledger(ref, now))) named[ref.parent].push_back(q[0].as<std::string>());
  for (bool again = !marked.empty(); again;) {
    again = false;
    for (const char* parent : {"decisions", "meetings", "initiatives", "groups", "bodies"})
      if (marked.count(parent))
        for (const auto& q : exec(detail::sql_prune_retired(parent, now, named[parent]))) {
          pruned.emplace_back(parent, q[0].as<std::string>());
          again = true;
        }
  }
  return pruned;
}

void PgStore::undo_records(std::int64_t r)
{
  const std::string R = std::to_string(r), now = std::to_string(revision_);
  const detail::CancelledRevisions cancelled = detail::cancelled_after(revisions(), r);
  std::set<std::string> marked;  // the tables in which records were marked retired
  for (const auto& spec : file_specs()) {
    if (!versioned(spec)) continue;
    const std::string t(spec.table), row = row_column(spec), cols = column_list(spec);
    std::vector<std::int64_t> put_back, retire;
    for (const auto& [x, superseded] : rows_of_revision(spec, r, cancelled)) (superseded ? put_back : retire).push_back(x);
    // 1. What the revision superseded comes back (as a new version of this revision).
    for (std::int64_t x : put_back) {
      save_version(spec, x, revision_);
      exec("UPDATE " + t + " SET (" + cols + ") = (SELECT " + columns_from_json(spec, false, "data") +
           " FROM record_versions WHERE tbl = '" + t + "' AND \"row\" = " + std::to_string(x) + " AND retired = " + R +
           "), revision = " + now + " WHERE " + row + " = " + std::to_string(x));
    }
    // 2. What the revision added is retired: deleted, or (a kind the ledger can name, directly or not) marked in
    // place and deleted below unless something stored names it.
    if (!retire.empty() && detail::kept_in_place(t)) marked.insert(t);
    for (std::int64_t x : retire) {
      save_version(spec, x, revision_);
      exec((detail::kept_in_place(t) ? "UPDATE " + t + " SET retired = " + now : "DELETE FROM " + t) + " WHERE " + row +
           " = " + std::to_string(x));
    }
    // 3. What the revision retired (an undo's) is restored, in its place in written order (kept in place, it gives
    // way to its restored self).
    if (detail::kept_in_place(t)) exec(detail::sql_give_way_to_restored(t, R, row, "\"row\"", "data->>'id'"));
    exec("INSERT INTO " + t + " (" + row + ", " + cols + ", revision) SELECT v.\"row\", " +
         columns_from_json(spec, false, "v.data") + ", " + now + " FROM record_versions v WHERE v.tbl = '" + t +
         "' AND v.retired = " + R + " AND NOT EXISTS (SELECT 1 FROM " + t + " x WHERE x." + row +
         " = v.\"row\") ORDER BY v.\"row\"");
  }
  // The ledger keeps every entry, the revision's own (reversed) too: what they name stays in its table, marked
  // retired, and what such a record names in turn; the rest goes.
  if (!marked.empty()) prune_retired(revision_);
  // What later revisions wrote may refer to what was retired: that is a dependency, named.
  std::vector<std::pair<std::string, std::string>> refs;  // (table, what is said)
  for (const auto& o : orphans()) {
    if (refs.size() >= detail::undo_references_read) break;
    std::string what = o.table;
    for (const auto& spec : file_specs())
      if (spec.table == o.table && o.row) what = label_of(spec, *o.row);
    refs.emplace_back(o.table, detail::undo_blocked_by_reference(what, o.parent));
  }
  // And what they wrote may refer to a record kept in place, retired, for the ledger.
  for (const auto& ref : detail::record_references())
    if (ref.table != "ledger" && marked.count(ref.parent)) {
      const FileSpec& spec = spec_for_table(ref.table);
      for (const auto& q : exec(detail::sql_in_force_naming_retired(ref, now, row_column(spec))))
        refs.emplace_back(ref.table, detail::undo_blocked_by_reference(label_of(spec, q[0].as<std::int64_t>()), ref.parent));
    }
  if (!refs.empty()) throw DataError(detail::undo_blocked_problems(r, std::move(refs)));
}

}  // namespace klynge

// Knowledge time on SQLite (schema 6): revisions, earlier versions of records, ledger files (running sheets),
// and undoing a revision's records. The ledger itself is never changed here: an undo reverses entries through
// the ledger's own insert.
#include "sqlite_store.hpp"
#include "store_sql.hpp"
#include "ledger_sql.hpp"
#include "store_statements.hpp"
#include "undo_cancelled.hpp"

#include <map>
#include <set>

#include "klynge/ledger_identity.hpp"

namespace klynge {

using namespace detail;

namespace {

std::string table_of(const FileSpec& spec) { return std::string(spec.table); }

/// `json_object('id', id, 'name', name, …)`: a row's stored columns as a version's data.
std::string json_of(const FileSpec& spec)
{
  std::string out = "json_object(";
  for (std::size_t i = 0; i < spec.stored.size(); ++i) {
    const std::string c(spec.stored[i].stored);
    out += (i ? ", '" : "'") + c + "', " + c;
  }
  return out + ")";
}

/// `json_extract(data, '$.id') AS id, …`: a version's data as the table's columns.
std::string columns_of_json(const FileSpec& spec, bool figures_only = false)
{
  std::string out;
  for (const auto& c : spec.stored) {
    const std::string name(c.stored);
    out += (out.empty() ? "" : ", ") +
           (figures_only && !c.figures ? std::string("''") : "json_extract(data, '$.\"" + name + "\"')") + " AS " + name;
  }
  return out;
}

/// `coalesce(id, '')` (or `a || '/' || b` for several): a record's identity as one text, from its table or
/// from a version's data.
std::string identity_of(const FileSpec& spec, bool from_json)
{
  std::string keys;
  for (const auto& c : spec.stored)
    if (c.identity) {
      const std::string name(c.stored);
      keys += (keys.empty() ? "" : " || '/' || ") + std::string("coalesce(") +
              (from_json ? "json_extract(data, '$.\"" + name + "\"')" : name) + ", '')";
    }
  return keys;
}

/// The records other than ledger entries: those that have versions.
bool versioned(const FileSpec& spec) { return spec.kind != RecordKind::ledger; }

}  // namespace

std::int64_t SqliteStore::last_revision() const
{
  return db_->execAndGet("SELECT coalesce(max(number), 0) FROM revisions").getInt64();
}

std::int64_t SqliteStore::begin_revision()
{
  if (sqlite3_get_autocommit(db_->getHandle())) throw std::logic_error("begin_revision needs an open write transaction");
  revision_ = last_revision() + 1;
  return revision_;
}

void SqliteStore::record_revision(const Revision& r)
{
  try {
    SQLite::Statement s(*db_, "INSERT INTO revisions (number, recorded_at, user, command, files, added, corrected, "
                              "retired, undoes, entries, head) VALUES (?,?,?,?,?,?,?,?,?,"
                              "(SELECT entries FROM ledger_head WHERE one = 1), (SELECT head FROM ledger_head WHERE one = 1))");
    s.bind(1, r.number);
    s.bind(2, r.recorded_at);
    s.bind(3, r.user);
    s.bind(4, r.command);
    s.bind(5, r.files);
    s.bind(6, r.added);
    s.bind(7, r.corrected);
    s.bind(8, r.retired);
    if (r.undoes) s.bind(9, *r.undoes);
    else s.bind(9);
    s.exec();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

std::vector<Revision> SqliteStore::revisions() const
{
  std::vector<Revision> out;
  SQLite::Statement q(*db_, "SELECT number, recorded_at, user, command, files, added, corrected, retired, undoes, "
                            "entries, ifnull(head, '') FROM revisions ORDER BY number");
  while (q.executeStep()) {
    Revision r;
    r.number = q.getColumn(0).getInt64();
    r.recorded_at = q.getColumn(1).getString();
    r.user = q.getColumn(2).getString();
    r.command = q.getColumn(3).getString();
    r.files = q.getColumn(4).getString();
    r.added = q.getColumn(5).getInt64();
    r.corrected = q.getColumn(6).getInt64();
    r.retired = q.getColumn(7).getInt64();
    if (!q.getColumn(8).isNull()) r.undoes = q.getColumn(8).getInt64();
    if (!q.getColumn(9).isNull()) r.entries = q.getColumn(9).getInt64();
    r.head = q.getColumn(10).getString();
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<RecordVersion> SqliteStore::versions_between(std::int64_t since, std::int64_t until) const
{
  std::vector<RecordVersion> out;
  try {
    SQLite::Statement q(*db_, "SELECT tbl, coalesce(json_extract(data, '$.id'), ''), coalesce(json_extract(data, "
                              "'$.body'), ''), coalesce(json_extract(data, '$.initiative'), ''), revision, retired "
                              "FROM record_versions WHERE (revision > ?1 AND revision <= ?2) OR (retired > ?1 AND "
                              "retired <= ?2) ORDER BY retired, row");
    q.bind(1, since);
    q.bind(2, until);
    while (q.executeStep())
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), q.getColumn(4).getInt64(), q.getColumn(5).getInt64()});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::int64_t SqliteStore::last_revision_before(const std::string& utc) const
{
  SQLite::Statement q(*db_, "SELECT coalesce((SELECT min(number) - 1 FROM revisions WHERE recorded_at >= ?), (SELECT max(number) FROM revisions), 0)");
  q.bind(1, utc);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::int64_t SqliteStore::next_ledger_file()
{
  if (next_file_ == 0) next_file_ = db_->execAndGet("SELECT coalesce(max(number), 0) FROM ledger_files").getInt64();
  return ++next_file_;
}

void SqliteStore::record_ledger_file(const LedgerFile& f)
{
  SQLite::Statement s(*db_, "INSERT INTO ledger_files (number, revision, name, sha256, sheet) VALUES (?,?,?,?,?)");
  s.bind(1, f.number);
  s.bind(2, f.revision);
  s.bind(3, f.name);
  s.bind(4, f.sha256);
  s.bind(5, f.sheet);
  s.exec();
}

std::int64_t SqliteStore::sheet_of(std::int64_t file) const
{
  SQLite::Statement q(*db_, "SELECT sheet FROM ledger_files WHERE number = ?");
  q.bind(1, file);
  return q.executeStep() ? q.getColumn(0).getInt64() : 0;
}

void SqliteStore::join_sheets(std::int64_t into, std::int64_t from)
{
  SQLite::Statement s(*db_, "UPDATE ledger_files SET sheet = ? WHERE sheet = ?");
  s.bind(1, into);
  s.bind(2, from);
  s.exec();
}

std::vector<Store::SheetEntry> SqliteStore::sheet_entries(std::int64_t sheet) const
{
  std::vector<SheetEntry> out;
  // A version of the sheet is stored under the name of its file, which begins its rows' origins (`FILE:LINE`).
  SQLite::Statement q(*db_, "SELECT l.id, l.origin, substr(l.origin, 1, length(f.name) + 1) = f.name || ':' "
                            "FROM ledger l JOIN ledger_files f ON l.sheet_file = f.number "
                            "WHERE f.sheet = ? AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id) "
                            "ORDER BY l.seq");
  q.bind(1, sheet);
  while (q.executeStep())
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt() != 0});
  return out;
}

std::int64_t SqliteStore::sheet_live_count(std::int64_t sheet) const
{
  // Counted per file through the index on sheet_file, then less the reversed (few) of them.
  SQLite::Statement q(*db_, "SELECT (SELECT count(*) FROM ledger l JOIN ledger_files f ON l.sheet_file = f.number "
                            "WHERE f.sheet = ?1) - (SELECT count(*) FROM ledger r JOIN ledger o ON o.id = r.reverses "
                            "JOIN ledger_files f ON o.sheet_file = f.number WHERE f.sheet = ?1)");
  q.bind(1, sheet);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::optional<std::string> SqliteStore::ledger_alias(const std::string& alias) const
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& q = statements_->alias;
  q.reset();
  q.bind(1, alias);
  std::optional<std::string> found;
  if (q.executeStep()) found = q.getColumn(0).getString();
  q.reset();
  return found;
}

std::optional<std::string> SqliteStore::entry_on_file_line(const std::string& stem, const std::string& sha256_prefix,
                                                           std::int64_t line) const
{
  // A file's rows are stored under its name (their origins are `NAME:LINE`), which ends in the stem; they are found
  // among the entries of the file's revision (its index). A file imported again after an undo holds the line twice:
  // the entry in force (not reversed) is the one named, the latest first.
  SQLite::Statement q(*db_, "SELECT l.id, f.name FROM ledger_files f JOIN ledger l ON l.revision = f.revision AND "
                            "l.sheet_file = f.number WHERE substr(f.sha256, 1, 8) = ?1 AND l.origin = f.name || ':' || ?2 "
                            "ORDER BY EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id), l.seq DESC");
  q.bind(1, sha256_prefix);
  q.bind(2, std::to_string(line));
  while (q.executeStep())
    if (legacy_file_stem(q.getColumn(1).getString()) == stem) return q.getColumn(0).getString();
  return std::nullopt;
}

void SqliteStore::save_version(const FileSpec& spec, std::int64_t row, std::int64_t retired)
{
  SQLite::Statement s(*db_, "INSERT INTO record_versions (tbl, row, revision, retired, data) SELECT '" + table_of(spec) +
                                "', rowid, revision, ?, " + json_of(spec) + " FROM " + table_of(spec) + " WHERE rowid = ?");
  s.bind(1, retired);
  s.bind(2, row);
  s.exec();
}

std::optional<std::int64_t> SqliteStore::row_of(const FileSpec& spec, const Dataset& data, std::size_t i) const
{
  std::vector<DbValue> values;
  spec.ops->to_db(data, i, values);
  std::string where;
  std::vector<std::size_t> keys;
  for (std::size_t c = 0; c < spec.stored.size(); ++c)
    if (spec.stored[c].identity) {
      where += (where.empty() ? "" : " AND ") + std::string(spec.stored[c].stored) + " IS ?";
      keys.push_back(c);
    }
  SQLite::Statement q(*db_, "SELECT rowid FROM " + table_of(spec) + " WHERE retired IS NULL AND " + where);
  for (std::size_t k = 0; k < keys.size(); ++k) bind_value(q, int(k) + 1, values[keys[k]]);
  if (q.executeStep()) return q.getColumn(0).getInt64();
  return std::nullopt;
}

void SqliteStore::supersede(const FileSpec& spec, const Dataset& data, std::size_t i)
{
  auto row = row_of(spec, data, i);
  if (!row) throw std::logic_error("supersede: no stored " + std::string(spec.singular) + " of that identity");
  save_version(spec, *row, revision_);
  std::vector<DbValue> values;
  spec.ops->to_db(data, i, values);
  std::string set;
  for (const auto& c : spec.stored) set += std::string(c.stored) + " = ?, ";
  SQLite::Statement s(*db_, "UPDATE " + table_of(spec) + " SET " + set + "revision = ? WHERE rowid = ?");
  for (std::size_t c = 0; c < values.size(); ++c) bind_value(s, int(c) + 1, values[c]);
  s.bind(int(values.size()) + 1, revision_);
  s.bind(int(values.size()) + 2, *row);
  s.exec();
}

std::string SqliteStore::label_of(const FileSpec& spec, const std::string& source, std::int64_t row) const
{
  // `body 'nord'`, `estimate 'tidlig/løn/2024-01-01/2024-12-31/2024-01-15'`: the kind and its identity.
  SQLite::Statement q(*db_, "SELECT " + identity_of(spec, false) + " FROM " + source + " WHERE rowid = ?");
  q.bind(1, row);
  std::string name = q.executeStep() ? q.getColumn(0).getString() : "?";
  return std::string(spec.singular) + " '" + name + "'";
}

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::sheet_versions_after(std::int64_t r) const
{
  std::vector<std::pair<std::string, std::int64_t>> out;
  try {
    SQLite::Statement q(*db_, sql_sheet_went_on_without("?1", "instr"));
    q.bind(1, r);
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::int64_t SqliteStore::content_origin_of(const std::string& table, std::int64_t row, std::int64_t current,
                                           const CancelledRevisions& cancelled) const
{
  SQLite::Statement q(*db_, "SELECT revision FROM record_versions WHERE tbl = ?1 AND row = ?2 AND retired = ?3");
  return content_origin(current, cancelled, [&](std::int64_t undone) -> std::optional<std::int64_t> {
    q.reset();
    q.bind(1, table);
    q.bind(2, row);
    q.bind(3, undone);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
  });
}

std::vector<std::pair<std::int64_t, bool>> SqliteStore::rows_of_revision(const std::string& t, std::int64_t r,
                                                                         const CancelledRevisions& cancelled) const
{
  // The rows as revision `r` left them: written by it, or put back as it wrote them by a cancelled undo.
  std::string in = std::to_string(r);
  for (const auto& [undo, undid] : cancelled.undo_of) in += ", " + std::to_string(undo);
  std::vector<std::pair<std::int64_t, bool>> out;
  SQLite::Statement q(*db_, "SELECT t.rowid, t.revision, EXISTS (SELECT 1 FROM record_versions v WHERE v.tbl = '" + t +
                                "' AND v.row = t.rowid AND v.retired = ?1) FROM " + t +
                                " t WHERE t.retired IS NULL AND t.revision IN (" + in + ") ORDER BY t.rowid");
  q.bind(1, r);
  while (q.executeStep()) {
    const std::int64_t row = q.getColumn(0).getInt64(), now = q.getColumn(1).getInt64();
    if (now == r || content_origin_of(t, row, now, cancelled) == r) out.emplace_back(row, q.getColumn(2).getInt() != 0);
  }
  return out;
}

UndoPlan SqliteStore::plan_undo(std::int64_t r) const
{
  UndoPlan plan;
  const std::vector<Revision> all_revisions = revisions();
  try {
    auto text = [&](const std::string& sql, std::int64_t a) {
      std::vector<std::pair<std::string, std::int64_t>> out;
      SQLite::Statement q(*db_, sql);
      q.bind(1, a);
      while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
      return out;
    };
    auto count = [&](const std::string& sql, std::int64_t a) {
      SQLite::Statement q(*db_, sql);
      q.bind(1, a);
      q.executeStep();
      return std::size_t(q.getColumn(0).getInt64());
    };
    for (const auto& [id, by] :
         text("SELECT l.id, r.revision FROM ledger l JOIN ledger r ON r.reverses = l.id WHERE l.revision = ?1 "
              "AND r.revision <> ?1 ORDER BY l.seq",
              r))
      plan.dependents.push_back(klynge::reversed_in(id, by, all_revisions));
    for (const auto& [id, seq] : text("SELECT id, seq FROM ledger WHERE revision = ? ORDER BY seq", r))
      plan.reverse.push_back(id);
    // Undoing an undo brings back what it reversed: not when those entries have come again since (a re-import)
    // and count on or after the date the entry would come back on. A re-entry counts from its date until its
    // reversal's: reversed from a date on or before both its own and that one (an undo of the re-import, or
    // `reverse` on its date), it overlaps on no date.
    {
      // Every life of the entry's root (`ROOT~N`, any depth): a sibling that came again counts as much as a child.
      const std::string root =
          "(CASE WHEN instr(u.reverses, '~') > 0 THEN substr(u.reverses, 1, instr(u.reverses, '~') - 1) ELSE u.reverses END)";
      SQLite::Statement q(*db_, "SELECT a.id, a.revision, rr.date, rr.revision, EXISTS (SELECT 1 FROM ledger x WHERE "
                                "x.id = a.id || '~1') FROM ledger u JOIN ledger a ON a.id > " + root + " || '~' AND "
                                "a.id < " + root + " || '~~' LEFT JOIN ledger rr ON rr.reverses = a.id WHERE u.revision "
                                "= ?1 AND u.reverses IS NOT NULL AND a.revision > ?1 AND (rr.id IS NULL OR (rr.date > "
                                "u.date AND rr.date > a.date)) ORDER BY a.seq");
      q.bind(1, r);
      while (q.executeStep()) {
        std::optional<CameAgainReversal> reversal;
        if (!q.getColumn(2).isNull())
          reversal = CameAgainReversal{q.getColumn(2).getString(), q.getColumn(3).getInt64(), q.getColumn(4).getInt() != 0};
        plan.dependents.push_back(came_again(q.getColumn(0).getString(), q.getColumn(1).getInt64(), reversal));
      }
    }
    const CancelledRevisions cancelled = cancelled_after(revisions(), r);
    // An entry the revision reversed whose sheet had a later version imported since: that version may have been
    // read without the entry (which row by row is not kept), so bringing the entry back could count it beside
    // whatever that version holds in its place.
    for (const auto& [id, by] : sheet_versions_after(r))
      if (!cancelled.contains(by)) plan.dependents.push_back(sheet_went_on(id, by));
    for (const auto& spec : file_specs()) {
      if (!versioned(spec)) continue;
      const std::string t = table_of(spec);
      // Versions the revision wrote that a later revision superseded: not when that one was undone since, and
      // the record is as the revision left it.
      {
        SQLite::Statement q(*db_, "SELECT " + identity_of(spec, true) + ", v.retired, t.revision, v.row, (SELECT "
                                  "max(x.retired) FROM record_versions x WHERE x.tbl = v.tbl AND x.row = v.row) FROM "
                                  "record_versions v LEFT JOIN " + t + " t ON t.rowid = v.row AND t.retired IS NULL "
                                  "WHERE v.tbl = '" + t + "' AND v.revision = ?1 AND v.retired <> ?1");
        q.bind(1, r);
        while (q.executeStep()) {
          std::int64_t by = q.getColumn(1).getInt64();
          // Gone since: named by the revision that retired it last (an undo of this revision, say), not by the
          // cancelled one, which would send the reader round in a loop.
          if (cancelled.contains(by) && q.getColumn(2).isNull()) by = q.getColumn(4).getInt64();
          else if (cancelled.contains(by)) {
            by = content_origin_of(t, q.getColumn(3).getInt64(), q.getColumn(2).getInt64(), cancelled);
            if (by == r) continue;
          }
          plan.dependents.push_back(record_dependent(std::string(spec.singular) + " '" + q.getColumn(0).getString() +
                                                     "' is changed again in revision " + std::to_string(by)));
        }
      }
      // Versions the revision superseded that are not the stored one any more.
      for (const auto& [row, now] :
           text("SELECT v.row, t.revision FROM record_versions v JOIN " + t + " t ON t.rowid = v.row AND t.retired IS "
                    "NULL WHERE v.tbl = '" + t + "' AND v.retired = ?1 AND t.revision <> ?1",
                r))
        if (const std::int64_t by = content_origin_of(t, std::stoll(row), now, cancelled); by != r)
          plan.dependents.push_back(record_dependent(label_of(spec, t, std::stoll(row)) + " is changed again in revision " +
                                                     std::to_string(by)));
      // What the revision retired (an undo's) whose id is stored again since, as another record (imported again).
      if (detail::kept_in_place(t))
        for (const auto& [id, by] :
             text("SELECT x.id, x.revision FROM record_versions v JOIN " + t + " x ON x.id = json_extract(v.data, '$.id') "
                  "AND x.rowid <> v.row AND x.retired IS NULL WHERE v.tbl = '" + t + "' AND v.retired = ?1",
                  r))
          plan.dependents.push_back(record_dependent(std::string(spec.singular) + " '" + id +
                                                     "' is stored again, in revision " + std::to_string(by)));
      for (const auto& [row, superseded] : rows_of_revision(t, r, cancelled)) {
        (void)row;
        ++(superseded ? plan.put_back : plan.retired);
      }
      plan.restored += count("SELECT count(*) FROM record_versions v WHERE v.tbl = '" + t +
                                 "' AND v.retired = ?1 AND NOT EXISTS (SELECT 1 FROM " + t +
                                 " x WHERE x.rowid = v.row AND x.retired IS NULL)",
                             r);
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return plan;
}

std::vector<std::pair<std::string, std::string>> SqliteStore::prune_retired(std::int64_t revision)
{
  std::vector<std::pair<std::string, std::string>> pruned;
  try {
    const std::string now = std::to_string(revision);
    std::set<std::string> marked;
    for (const auto& ref : detail::record_references())
      if (!marked.count(ref.parent) &&
          db_->execAndGet("SELECT EXISTS (SELECT 1 FROM " + ref.parent + " WHERE retired = " + now + ")").getInt())
        marked.insert(ref.parent);
    std::map<std::string, std::vector<std::string>> named;
    for (const auto& ref : detail::record_references())
      if (ref.table == "ledger" && marked.count(ref.parent))
        for (SQLite::Statement q(*db_, detail::sql_named_by_ledger(ref, now)); q.executeStep();)
          named[ref.parent].push_back(q.getColumn(0).getString());
    for (bool again = !marked.empty(); again;) {
      again = false;
      for (const char* parent : {"decisions", "meetings", "initiatives", "groups", "bodies"})
        if (marked.count(parent))
          for (SQLite::Statement q(*db_, detail::sql_prune_retired(parent, now, named[parent])); q.executeStep();) {
            pruned.emplace_back(parent, q.getColumn(0).getString());
            again = true;
          }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return pruned;
}

void SqliteStore::undo_records(std::int64_t r)
{
  try {
    const CancelledRevisions cancelled = cancelled_after(revisions(), r);
    std::set<std::string> marked;  // the tables in which records were marked retired
    for (const auto& spec : file_specs()) {
      if (!versioned(spec)) continue;
      const std::string t = table_of(spec);
      std::string cols = column_list(spec);
      // 1. What the revision superseded comes back (as a new version of this revision).
      std::vector<std::int64_t> put_back, retire;
      for (const auto& [row, superseded] : rows_of_revision(t, r, cancelled)) (superseded ? put_back : retire).push_back(row);
      for (std::int64_t row : put_back) {
        save_version(spec, row, revision_);
        SQLite::Statement s(*db_, "UPDATE " + t + " SET (" + cols + ") = (SELECT " + columns_of_json(spec) +
                                      " FROM record_versions WHERE tbl = '" + t + "' AND row = ?1 AND retired = ?2), "
                                      "revision = ?3 WHERE rowid = ?1");
        s.bind(1, row);
        s.bind(2, r);
        s.bind(3, revision_);
        s.exec();
      }
      // 2. What the revision added is retired: deleted, or (a kind the ledger can name, directly or not) marked in
      // place and deleted below unless something stored names it.
      if (!retire.empty() && detail::kept_in_place(t)) marked.insert(t);
      for (std::int64_t row : retire) {
        save_version(spec, row, revision_);
        SQLite::Statement s(*db_, (detail::kept_in_place(t) ? "UPDATE " + t + " SET retired = " + std::to_string(revision_)
                                                            : "DELETE FROM " + t) + " WHERE rowid = ?");
        s.bind(1, row);
        s.exec();
      }
      // 3. What the revision retired (an undo's) is restored, in its place in written order (kept in place, it
      // gives way to its restored self).
      if (detail::kept_in_place(t)) db_->exec(detail::sql_give_way_to_restored(t, std::to_string(r), "rowid", "row",
                                                                             "json_extract(data, '$.id')"));
      SQLite::Statement s(*db_, "INSERT INTO " + t + " (rowid, " + cols + ", revision) SELECT v.row, " +
                                    columns_of_json(spec) + ", ?2 FROM record_versions v WHERE v.tbl = '" + t +
                                    "' AND v.retired = ?1 AND NOT EXISTS (SELECT 1 FROM " + t +
                                    " x WHERE x.rowid = v.row) ORDER BY v.row");
      s.bind(1, r);
      s.bind(2, revision_);
      s.exec();
    }
    // The ledger keeps every entry, the revision's own (reversed) too: what they name stays in its table, marked
    // retired, and what such a record names in turn; the rest goes.
    const std::string now = std::to_string(revision_);
    if (!marked.empty()) prune_retired(revision_);
    // What later revisions wrote may refer to what was retired: that is a dependency, named.
    SQLite::Statement check(*db_, "PRAGMA foreign_key_check");
    std::vector<std::pair<std::string, std::string>> refs;  // (table, what is said)
    while (check.executeStep() && refs.size() < detail::undo_references_read) {
      const std::string table = check.getColumn(0).getString();
      std::string what = table;
      for (const auto& spec : file_specs())
        if (spec.table == table && !check.getColumn(1).isNull()) what = label_of(spec, table, check.getColumn(1).getInt64());
      refs.emplace_back(table, detail::undo_blocked_by_reference(what, check.getColumn(2).getString()));
    }
    // And what they wrote may refer to a record kept in place, retired, for the ledger.
    for (const auto& ref : detail::record_references())
      if (ref.table != "ledger" && marked.count(ref.parent))
        for (SQLite::Statement q(*db_, detail::sql_in_force_naming_retired(ref, now, "rowid")); q.executeStep();)
          refs.emplace_back(ref.table, detail::undo_blocked_by_reference(
                                           label_of(spec_for_table(ref.table), ref.table, q.getColumn(0).getInt64()),
                                           ref.parent));
    if (!refs.empty()) throw DataError(detail::undo_blocked_problems(r, std::move(refs)));
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

namespace detail {

void identify_stored_entries(SQLite::Database& db)
{
  // The migration's revision is recorded now; KLYNGE_NOW fixes now, as it does for every revision (tests, reruns).
  if (const char* fixed = std::getenv("KLYNGE_NOW"); fixed && std::strlen(fixed) >= 19) {
    SQLite::Statement s(db, "UPDATE revisions SET recorded_at = ? WHERE number = 1 AND command = 'migration'");
    s.bind(1, std::string(fixed, 19) + "Z");
    s.exec();
  }
  // Entries whose ids were generated before content identity (`STEM-XXXXXXXX-LINE`, the origin's line) get the id
  // their content would get now as an alias, counted by occurrence within their file, so that a sheet imported
  // before is known when it comes again. A reversal names its original by that original's alias.
  SQLite::Statement q(db, "SELECT id, date, kind, body, coalesce(initiative, ''), coalesce(counterparty, ''), category, "
                          "source, amount, coalesce(decision, ''), coalesce(reverses, ''), origin FROM ledger ORDER BY seq");
  SQLite::Statement insert(db, "INSERT OR IGNORE INTO ledger_aliases (alias, entry) VALUES (?, ?)");
  std::map<std::string, std::map<std::uint64_t, std::uint32_t>> occurrences;  // per file (stem and hash)
  std::map<std::string, std::string> alias_of;
  while (q.executeStep()) {
    const std::string id = q.getColumn(0).getString();
    const auto legacy = legacy_generated_id(id);
    const std::string origin = q.getColumn(11).getString();
    if (!legacy || origin.size() < 2 || origin.substr(origin.rfind(':') + 1) != std::to_string(legacy->second)) continue;
    LedgerEntry e;
    e.date = parse_date(q.getColumn(1).getString());
    e.kind = parse_enum<EntryKind>(q.getColumn(2).getString());
    e.body = q.getColumn(3).getString();
    e.initiative = q.getColumn(4).getString();
    e.counterparty = q.getColumn(5).getString();
    e.category = q.getColumn(6).getString();
    e.source = q.getColumn(7).getString();
    e.amount = Money::from_ore(q.getColumn(8).getInt64());
    e.decision = q.getColumn(9).getString();
    e.reverses = q.getColumn(10).getString();
    if (auto it = alias_of.find(e.reverses); it != alias_of.end()) e.reverses = it->second;
    const std::string content = ledger_content(e);
    const std::string file = id.substr(0, id.rfind('-'));
    const std::string alias = content_id(content, ++occurrences[file][content_fingerprint(content)]);
    alias_of[id] = alias;
    insert.bind(1, alias);
    insert.bind(2, id);
    insert.exec();
    insert.reset();
  }
}

}  // namespace detail

}  // namespace klynge

// Checks on PostgreSQL (as engine/src/sqlite/store_checks.cpp, store_chain.cpp, schema_check.cpp): releases past a
// reservation, rows that refer to missing rows, reversals, the schema against klynge's, the ledger's chain.
#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "klynge/rules.hpp"
#include "klynge/schema.hpp"
#include "ledger_sql.hpp"
#include "pg_backend.hpp"
#include "pg_records.hpp"
#include "sqlite/sqlite_store.hpp"

namespace klynge {

using namespace pgd;
using detail::keep_first_per_pair;
using detail::sql_over_released;
using detail::sql_releases_any;

std::vector<Store::OverRelease> PgStore::over_released(std::int64_t after_seq) const
{
  std::vector<OverRelease> out;
  const std::string after = std::to_string(after_seq);
  if (exec(sql_releases_any(after))[0][0].as<int>() == 0) return out;
  for (const auto& q : exec(sql_over_released(after, signed_amount, "::bigint")))
    out.push_back({q["origin"].as<std::string>(), q["body"].as<std::string>(), q["ini"].as<std::string>(),
                   parse_date(q["date"].as<std::string>()), Money::from_ore(q["before"].as<std::int64_t>()),
                   q["culprit"].is_null() ? std::string() : q["culprit"].as<std::string>(),
                   q["seq"].as<std::int64_t>()});
  keep_first_per_pair(out);
  return out;
}

std::vector<PgStore::Orphan> PgStore::orphans() const
{
  // Every foreign key of klynge's tables, from the catalogue: the rows whose key names no row of the parent.
  std::vector<Orphan> out;
  const auto keys = exec(
      "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, "
      "(SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n) "
      " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num), "
      "(SELECT string_agg(quote_ident(a.attname), ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(num, n) "
      " JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num), "
      "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'rowid' AND NOT a.attisdropped) "
      "FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace "
      "WHERE c.contype = 'f' AND s.nspname = 'public' ORDER BY c.conrelid, c.oid");
  for (const auto& k : keys) {
    const std::string table = k[0].as<std::string>(), parent = k[1].as<std::string>();
    if (table == "revisions") continue;
    const std::string child_cols = k[2].as<std::string>(), parent_cols = k[3].as<std::string>();
    const std::string row = k[4].as<bool>() ? "rowid" : (table == "ledger" || table == "changes" || table == "estimates" ||
                                                         table == "milestones" || table == "indicators" ||
                                                         table == "measurements" || table == "sharing_keys")
                                                            ? "seq"
                                                            : "NULL::bigint";
    std::string not_null;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= child_cols.size(); ++i)
      if (i == child_cols.size() || child_cols[i] == ',') {
        not_null += (not_null.empty() ? "" : " AND ") + std::string("c.") + child_cols.substr(start, i - start) + " IS NOT NULL";
        start = i + 1;
      }
    for (const auto& q : exec("SELECT " + row + " FROM " + table + " c WHERE " + not_null + " AND NOT EXISTS (SELECT 1 FROM " +
                              parent + " p WHERE (p." + parent_cols + ") = (c." + child_cols + ")) ORDER BY 1")) {
      (void)parent_cols;
      out.push_back({table, q[0].is_null() ? std::nullopt : std::optional<std::int64_t>(q[0].as<std::int64_t>()), parent});
    }
  }
  return out;
}

std::vector<std::string> PgStore::integrity_problems() const
{
  // The server keeps its own pages whole (there is no PRAGMA integrity_check to run); what is left to look for is a
  // row that refers to a missing one (the keys are checked at each commit, so only a row written with the checks
  // switched off would).
  std::vector<std::string> out;
  for (const auto& o : orphans()) out.push_back("a row of " + o.table + " refers to a missing row of " + o.parent);
  return out;
}

std::vector<std::string> PgStore::reversal_warnings() const
{
  std::vector<std::string> out;
  for (const auto& q : exec("SELECT r.id, o.id, o.category, r.category FROM ledger r JOIN ledger o ON o.id = r.reverses "
                            "WHERE r.reverses IS NOT NULL AND r.category <> o.category ORDER BY r.seq"))
    out.push_back("ledger entry '" + q[0].as<std::string>() + "' reverses '" + q[1].as<std::string>() +
                  "' under the category '" + q[3].as<std::string>() + "', the original's is '" + q[2].as<std::string>() +
                  "'");
  return out;
}

std::vector<std::string> PgStore::reversal_problems() const
{
  std::vector<std::string> out;
  for (const auto& q : exec("SELECT r.id, r.reverses, o.id IS NULL, coalesce(o.kind <> r.kind OR o.amount <> r.amount, false), "
                            "(SELECT count(*) FROM ledger p WHERE p.reverses = r.reverses AND p.seq < r.seq) "
                            "FROM ledger r LEFT JOIN ledger o ON o.id = r.reverses "
                            "WHERE r.reverses IS NOT NULL ORDER BY r.seq")) {
    const std::string id = q[0].as<std::string>(), original = q[1].as<std::string>();
    if (q[2].as<bool>()) out.push_back("ledger entry '" + id + "' reverses a missing entry '" + original + "'");
    else if (q[3].as<bool>()) out.push_back("ledger entry '" + id + "' does not match the entry it reverses ('" + original + "')");
    if (q[4].as<std::int64_t>() > 0) out.push_back("ledger entry '" + original + "' is reversed more than once");
  }
  return out;
}

std::vector<std::string> PgStore::revision_problems() const
{
  std::vector<std::string> out;
  const auto gaps = exec(detail::sql_revision_gaps());
  if (gaps[0][0].as<std::int64_t>() > 0)
    out.push_back(detail::revision_gap_problem(gaps[0][0].as<std::int64_t>(), gaps[0][1].as<std::int64_t>(),
                                               gaps[0][2].as<std::int64_t>()));
  for (const auto& q : exec(detail::sql_unknown_revisions()))
    out.push_back(detail::unknown_revision_problem(q[0].as<std::string>(), q[1].as<std::int64_t>(),
                                                   q[2].as<std::string>(), q[3].as<std::int64_t>()));
  return out;
}

namespace {

/// Each function the PostgreSQL migrations make (`CREATE [OR REPLACE] FUNCTION name(…) … AS $$body$$`), with the
/// body of its last definition, as the server keeps it (prosrc: the text between the dollar quotes).
std::map<std::string, std::string> migration_functions()
{
  std::map<std::string, std::string> out;
  for (const auto& m : postgresql_migrations()) {
    const std::string_view sql = m.sql;
    for (std::size_t at = sql.find("FUNCTION "); at != std::string_view::npos; at = sql.find("FUNCTION ", at + 1)) {
      const std::size_t name_from = at + 9, paren = sql.find('(', name_from);
      if (paren == std::string_view::npos) break;
      const std::string name(sql.substr(name_from, paren - name_from));
      if (name.rfind("klynge_", 0) != 0 || name.find_first_of(" \n") != std::string::npos) continue;
      // A definition, not a trigger's `EXECUTE FUNCTION name()`.
      const std::string_view before = sql.substr(0, at);
      if (!before.ends_with("CREATE ") && !before.ends_with("CREATE OR REPLACE ")) continue;
      // The body of this definition: its `AS $$` comes before the statement's end.
      const std::size_t open = sql.find("AS $$", paren);
      if (open == std::string_view::npos || sql.find(';', paren) < open) continue;
      const std::size_t close = sql.find("$$", open + 5);
      if (close == std::string_view::npos) continue;
      out[name] = std::string(sql.substr(open + 5, close - open - 5));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> PgStore::schema_problems() const
{
  // The tables and triggers the migrations make (schema/postgresql/), compared by name with what the database holds;
  // an extra trigger can change what is written and is named, an extra table or index cannot and is left alone.
  static const std::vector<std::string> tables = {
      "bodies",     "groups",         "initiatives", "meetings",      "decisions",      "changes",      "ledger",
      "estimates",  "milestones",     "settings",    "ledger_keys",   "ledger_days",    "ledger_years", "revisions",    "record_versions",
      "ledger_files", "ledger_aliases", "ledger_head", "indicators",  "measurements",   "sharing_keys", "klynge_schema"};
  static const std::set<std::string> triggers = {"ledger_no_update", "ledger_no_delete", "ledger_no_truncate"};
  std::vector<std::string> out;
  std::set<std::string> have_tables;
  for (const auto& q : exec("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
    have_tables.insert(q[0].as<std::string>());
  for (const auto& t : tables)
    if (!have_tables.count(t)) out.push_back("the table '" + t + "' is missing");
  std::map<std::string, bool> have_triggers;  // name: enabled
  for (const auto& q : exec("SELECT t.tgname, t.tgenabled <> 'D' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                            "JOIN pg_namespace s ON s.oid = c.relnamespace WHERE NOT t.tgisinternal AND s.nspname = 'public' "
                            "ORDER BY t.tgname"))
    have_triggers[q[0].as<std::string>()] = q[1].as<bool>();
  for (const auto& t : triggers) {
    auto it = have_triggers.find(t);
    if (it == have_triggers.end()) out.push_back("the trigger '" + t + "' is missing");
    else if (!it->second) out.push_back("the trigger '" + t + "' is not klynge's (it is disabled)");
  }
  for (const auto& [name, enabled] : have_triggers)
    if (!triggers.count(name)) out.push_back("the trigger '" + name + "' is not klynge's");
  // The functions the triggers and CHECKs call, body for body with their last definition in the migrations: a
  // function replaced in place (an append-only trigger that lets the row through) changes what is written.
  const std::map<std::string, std::string> want = migration_functions();
  std::map<std::string, std::string> have_functions;
  for (const auto& q : exec("SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace "
                            "WHERE s.nspname = 'public' AND p.proname LIKE 'klynge\\_%'"))
    have_functions[q[0].as<std::string>()] = q[1].as<std::string>();
  for (const auto& [name, body] : want) {
    auto it = have_functions.find(name);
    if (it == have_functions.end()) out.push_back("the function '" + name + "' is missing");
    else if (it->second != body) out.push_back("the function '" + name + "' is not klynge's");
  }
  // klynge makes no rules: one on its tables (`DO INSTEAD NOTHING`) can swallow what is written.
  for (const auto& q : exec("SELECT rulename, tablename FROM pg_rules WHERE schemaname = 'public' ORDER BY rulename"))
    out.push_back("the rule '" + q[0].as<std::string>() + "' on '" + q[1].as<std::string>() + "' is not klynge's");
  for (auto& p : catalog_problems(tables)) out.push_back(std::move(p));
  // The ledger is append-only by privileges too: nobody but its owner (whom the triggers hold) may change or remove
  // its rows, by a right on the table or UPDATE on one of its columns.
  for (const auto& q : exec("SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, "
                            "a.privilege_type FROM (SELECT c.relowner AS owner, c.relacl AS acl FROM pg_class c WHERE "
                            "c.oid = to_regclass('public.ledger') UNION ALL SELECT c.relowner, t.attacl FROM pg_attribute t "
                            "JOIN pg_class c ON c.oid = t.attrelid WHERE c.oid = to_regclass('public.ledger') AND "
                            "t.attnum > 0) AS x, aclexplode(x.acl) AS a WHERE a.grantee <> x.owner AND "
                            "a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') ORDER BY 1, 2"))
    out.push_back("the role '" + q[0].as<std::string>() + "' may " + q[1].as<std::string>() +
                  " rows of the ledger, which is append-only (REVOKE " + q[1].as<std::string>() + " ON ledger FROM " +
                  q[0].as<std::string>() + ")");
  return out;
}

std::vector<std::string> PgStore::catalog_problems(const std::vector<std::string>& tables) const
{
  // Each line of the catalog: `KIND TABLE.NAME DEFINITION` (catalog/query.sql). Compared with what the migrations
  // make (catalog/expected.txt), for klynge's tables only: a column, constraint or index changed or missing, and a
  // column or constraint added (a CHECK or a column of its own changes what may be written; an index does not).
  struct Line
  {
    std::string kind, name, definition;
  };
  const auto parse = [](std::string_view text) {
    Line l;
    const auto a = text.find(' '), b = a == std::string_view::npos ? a : text.find(' ', a + 1);
    l.kind = std::string(text.substr(0, a));
    if (a != std::string_view::npos) l.name = std::string(text.substr(a + 1, b == std::string_view::npos ? b : b - a - 1));
    if (b != std::string_view::npos) l.definition = std::string(text.substr(b + 1));
    return l;
  };
  const auto ours = [&](const Line& l) {
    const std::string table = l.name.substr(0, l.name.find('.'));
    return std::find(tables.begin(), tables.end(), table) != tables.end();
  };
  std::map<std::pair<std::string, std::string>, std::string> want, have;
  std::string_view expected = postgresql_catalog().at(1).sql;
  while (!expected.empty()) {
    const auto nl = expected.find('\n');
    const std::string_view line = expected.substr(0, nl);
    expected.remove_prefix(nl == std::string_view::npos ? expected.size() : nl + 1);
    if (line.empty()) continue;
    Line l = parse(line);
    want[{l.kind, l.name}] = l.definition;
  }
  for (const auto& q : exec(std::string(postgresql_catalog().at(0).sql))) {
    Line l = parse(q[0].as<std::string>());
    if (ours(l)) have[{l.kind, l.name}] = l.definition;
  }
  // expected.txt is the text PostgreSQL 15 prints the definitions in; another major version may print them otherwise,
  // so there only what is missing or added is told.
  const bool same_printing = exec("SELECT current_setting('server_version_num')::int / 10000")[0][0].as<int>() == 15;
  std::set<std::string> present;  // a table missing is said once, not for each of its columns
  for (const auto& [key, definition] : have) present.insert(key.second.substr(0, key.second.find('.')));
  std::vector<std::string> out;
  for (const auto& [key, definition] : want) {
    const auto it = have.find(key);
    if (!present.count(key.second.substr(0, key.second.find('.')))) continue;
    if (it == have.end()) out.push_back("the " + key.first + " '" + key.second + "' is missing (klynge's: " + definition + ")");
    else if (same_printing && it->second != definition)
      out.push_back("the " + key.first + " '" + key.second + "' is not klynge's: it is " + it->second + "; klynge's is " + definition);
  }
  for (const auto& [key, definition] : have)
    if (key.first != "index" && !want.count(key))
      out.push_back("the " + key.first + " '" + key.second + "' is not klynge's (" + definition + ")");
  return out;
}

std::vector<Store::LedgerRun> PgStore::ledger_runs() const
{
  std::vector<LedgerRun> out;
  for (const auto& q : exec("WITH r AS (SELECT revision, count(*) AS n, min(seq) AS f, max(seq) AS m FROM ledger GROUP BY revision) "
      "SELECT r.revision, r.n, r.f, r.m, coalesce(l.hash, '') FROM r JOIN ledger l ON l.seq = r.m ORDER BY r.revision"))
    out.push_back({q[0].as<std::int64_t>(), q[1].as<std::int64_t>(), q[2].as<std::int64_t>(), q[3].as<std::int64_t>(),
                   q[4].as<std::string>()});
  return out;
}

std::vector<std::string> PgStore::chain_problems() const
{
  constexpr std::size_t listed = 10, chunk = 4096;
  std::vector<std::string> out;
  const FileSpec& spec = spec_for(RecordKind::ledger);
  std::string previous(chain_start), last_id;
  std::int64_t entries = 0, previous_seq = 0, after = std::numeric_limits<std::int64_t>::min();
  std::size_t breaks = 0;
  std::vector<DbValue> values(spec.stored.size());
  while (true) {
    const auto r = exec("SELECT seq, hash, " + column_list(spec) + " FROM ledger WHERE seq > " + std::to_string(after) +
                        " ORDER BY seq LIMIT " + std::to_string(chunk));
    for (const auto& q : r) {
      for (std::size_t i = 0; i < values.size(); ++i) values[i] = value_of(q[int(i) + 2]);
      const std::int64_t seq = after = q[0].as<std::int64_t>();
      std::string stored = q[1].is_null() ? std::string() : q[1].as<std::string>();
      std::string id = q["id"].is_null() ? std::string() : q["id"].as<std::string>();
      const std::string computed = chain_hash(previous, values);
      ++entries;
      if (stored != computed && ++breaks <= listed) {
        std::string why;
        if (stored.empty())
          why = "it has no hash (it was written behind klynge's back)";
        else if (seq != previous_seq + 1)
          why = "its hash does not follow from the entry before it, and the entry written before it (seq " +
                std::to_string(seq - 1) + ") is missing: deleted, or moved by INSERT OR REPLACE";
        else
          why = "its hash does not follow from its columns and the entry before it: it was changed after it was "
                "written" + std::string(entries > 1 ? ", or an entry before it was deleted" : "");
        out.push_back("the ledger's chain breaks at entry '" + id + "' (number " + std::to_string(entries) +
                      " in the order written, seq " + std::to_string(seq) + "): " + why);
      }
      previous = std::move(stored);
      previous_seq = seq;
      last_id = std::move(id);
    }
    if (r.size() < chunk) break;
  }
  if (breaks > listed) out.push_back("the ledger's chain breaks at " + std::to_string(breaks - listed) + " more entries (not listed)");
  write_head();
  const auto h = exec("SELECT entries, head FROM ledger_head WHERE one = 1");
  if (h.empty()) {
    out.push_back("the ledger's head (table ledger_head) is missing: the chain cannot show that no last entry was deleted");
    return out;
  }
  const ChainHead head{h[0][0].as<std::int64_t>(), h[0][1].as<std::string>()};
  if (head.entries > entries) {
    out.push_back("the ledger holds " + std::to_string(entries) + " entries, and its head was written after " +
                  std::to_string(head.entries) +
                  (breaks ? ": entries were deleted"
                          : ": entry number " + std::to_string(entries + 1) +
                                (entries ? " (the one after '" + last_id + "')" : std::string(" (the first)")) +
                                " and any after it were deleted"));
  } else if (head.entries < entries) {
    const auto f = exec("SELECT coalesce(id, '') FROM ledger ORDER BY seq LIMIT 1 OFFSET " + std::to_string(head.entries));
    const std::string first = f.empty() ? std::string() : f[0][0].as<std::string>();
    out.push_back("the ledger's head was written after " + std::to_string(head.entries) + " entries, and it holds " +
                  std::to_string(entries) + ": entry '" + first + "' (number " + std::to_string(head.entries + 1) +
                  ") and any after it were put in behind klynge's back");
  } else if (head.head != previous && breaks == 0) {
    out.push_back("the ledger's last entry" + (entries ? " '" + last_id + "'" : std::string()) +
                  " does not end in the head recorded (" + head.head + "): the chain was rewritten");
  }
  return out;
}

void PgStore::backup_to(const std::string& target) const
{
  // The portable file is a klynge SQLite database holding the whole database as it is (copy_whole_database: every
  // revision, the ledger with its chain, the running totals), not pg_dump's custom format: any klynge reads it (a
  // build without PostgreSQL too) and `restore` and `check` check it as any backup, sqlite3 opens it, and it carries
  // no server's roles, owners or version (pg_restore wants a server as new as the one that dumped it). Made from one
  // snapshot of this database, safe while others write.
  if (!SqliteStore::init(target))
    throw DataError("backup: " + target + " is a klynge database already; choose a new file name");
  {
    SqliteStore copy(target, Access::read_write);
    copy_whole_database(*this, copy);
  }
  set_write_ahead(target, false);
}

}  // namespace klynge

// The PostgreSQL backend (libpqxx 6.4): connecting, creating the schema and its two roles, and opening a database
// with the checks every command makes first (a klynge database, this program's schema, a user who may write).
//
// Opening gives a PgStore (pg_store.hpp); this file also holds its connection's plumbing: transactions, statements
// and their errors, values read and written.
#include "pg_store.hpp"
#include "environment.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include <pqxx/pqxx>

#include "klynge/error.hpp"
#include "klynge/server.hpp"
#include "pg_backend.hpp"

namespace klynge {

namespace {

/// Any number will do that no other program on the server uses for pg_advisory_xact_lock: 'KLYG'.
constexpr long long schema_lock = 0x4B4C5947;

using pgd::first_line;

/// A connection lost in the middle of a command. libpqxx says of some of its calls on a closed connection that it
/// "could not obtain client encoding: not connected": the user is told that the connection is gone.
DatabaseError connection_lost(const std::string& db, const std::exception& e, const std::string& after = "")
{
  std::string why = first_line(e.what());
  if (why.find("not connected") != std::string::npos || why.find("closed the connection") != std::string::npos)
    why = "the server closed it, or the network cut it";
  return DatabaseError("lost the connection to " + db + ": " + why + after);
}

std::unique_ptr<pqxx::connection> connect(const std::string& db)
{
  const ServerAddress address = parse_server_address(db);
  // What libpq says, and where the password goes when it found none.
  auto failed = [&](const char* what) {
    std::string why = first_line(what);
    if (why.find("no password supplied") != std::string::npos)
      why += " (give it in PGPASSWORD or in ~/.pgpass, readable by you alone: chmod 600; never in the address)";
    return DatabaseError("cannot connect to " + db + ": " + why);
  };
  try {
    return std::make_unique<pqxx::connection>(address.conninfo());
  } catch (const pqxx::broken_connection& e) {
    throw failed(e.what());
  } catch (const pqxx::failure& e) {
    throw failed(e.what());
  }
}

/// The schema version of the database: the last migration recorded, 0 for a database without klynge's tables.
/// @throws DatabaseError for a database that holds other tables, or a newer schema.
int schema_version_of(pqxx::transaction_base& w, const std::string& db)
{
  if (w.exec("SELECT to_regclass('public.klynge_schema') IS NULL")[0][0].as<bool>()) {
    const auto tables = w.exec("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0].as<long long>();
    if (tables > 0) throw DatabaseError(db + " is not a klynge database (it holds other tables)");
    // Another application's views, or schemas of its own: init would close the database to its users (it takes
    // CONNECT from PUBLIC). A template would hand klynge's tables to every database made from it.
    const auto other = w.exec(
        "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = "
        "'public' AND c.relkind IN ('v', 'm', 'f', 'p')), (SELECT count(*) FROM pg_namespace WHERE nspname NOT IN "
        "('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'), (SELECT datistemplate FROM pg_database "
        "WHERE datname = current_database())");
    if (other[0][0].as<long long>() > 0)
      throw DatabaseError(db + " is not a klynge database (it holds other views or tables)");
    if (other[0][1].as<long long>() > 0)
      throw DatabaseError(db + " is not a klynge database (it holds schemas of another application)");
    if (other[0][2].as<bool>())
      throw DatabaseError(db + " is a template database: every database made from it would hold klynge's tables "
                               "(make a database of its own: createdb)");
    return 0;
  }
  const int version = w.exec("SELECT coalesce(max(version), 0) FROM klynge_schema")[0][0].as<int>();
  if (version > program_schema_version())
    throw DatabaseError(db + " has schema version " + std::to_string(version) + ", newer than this program's " +
                        std::to_string(program_schema_version()) + ": use a newer klynge");
  return version;
}

/// The version a migration file brings the database to: the number its name starts with.
int version_of(const Migration& m) { return std::stoi(std::string(m.name.substr(0, 4))); }

bool role_name(const std::string& prefix)
{
  if (prefix.empty() || prefix.size() > 50 || !(std::islower(static_cast<unsigned char>(prefix[0])) || prefix[0] == '_'))
    return false;
  for (char c : prefix)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

/// The roles, created when missing (by name: another council's init on the same server may have made them), and
/// their rights on this database. The reading role may SELECT; the writing role may also change the records, but
/// the ledger only by INSERT (append-only by privileges, and by triggers for whoever owns the tables).
/// Returns the roles it created.
std::vector<std::string> grant_roles(pqxx::work& w, const std::string& prefix)
{
  const std::string read = prefix + "_read", write = prefix + "_write";
  std::vector<std::string> created;
  for (const auto& role : {read, write}) {
    if (w.exec_params("SELECT 1 FROM pg_roles WHERE rolname = $1", role).empty()) {
      // Roles belong to the whole server: an `init` of another database may make the same one at this moment.
      w.exec("DO $$ BEGIN CREATE ROLE " + w.quote_name(role) +
             " NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
      created.push_back(role);
    }
  }
  const std::string r = w.quote_name(read), wr = w.quote_name(write);
  const std::string database = w.quote_name(w.exec("SELECT current_database()")[0][0].as<std::string>());
  w.exec("REVOKE CONNECT, TEMPORARY ON DATABASE " + database + " FROM PUBLIC");
  w.exec("GRANT CONNECT ON DATABASE " + database + " TO " + r + ", " + wr);
  w.exec("GRANT USAGE ON SCHEMA public TO " + r + ", " + wr);
  w.exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + r + ", " + wr);
  w.exec("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + wr);
  w.exec("REVOKE INSERT, UPDATE, DELETE ON klynge_schema FROM " + wr);
  w.exec("REVOKE UPDATE, DELETE, TRUNCATE ON ledger FROM " + wr);
  // UPDATE lets `restore` and `copy` set the sequences after the rows they copy (setval); a writer who set one
  // back would only have the next insert refused by the unique key.
  w.exec("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + wr);
  return created;
}

/// The prefixes P of the role pairs P_read and P_write the database grants CONNECT to (by `init`, or by hand).
std::vector<std::string> granted_prefixes(pqxx::work& w)
{
  std::set<std::string> roles;
  for (const auto& r : w.exec("SELECT r.rolname FROM pg_database d, aclexplode(d.datacl) a JOIN pg_roles r ON "
                              "r.oid = a.grantee WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT'"))
    roles.insert(r[0].as<std::string>());
  std::vector<std::string> out;
  for (const auto& role : roles)
    if (role.ends_with("_write")) {
      const std::string prefix = role.substr(0, role.size() - 6);
      if (roles.count(prefix + "_read")) out.push_back(prefix);
    }
  return out;
}

}  // namespace

bool postgresql_built() { return true; }

bool init_server(const std::string& db, const std::optional<std::string>& roles_prefix)
{
  if (roles_prefix && !role_name(*roles_prefix))
    throw UsageError("--roles: '" + *roles_prefix + "' is not a role name (a lower-case letter or _ first, then "
                     "lower-case letters, digits and _, at most 50)");
  // The server keeps names starting pg_ for its own roles: `pg` would make pg_read and pg_write.
  if (roles_prefix && (*roles_prefix == "pg" || roles_prefix->rfind("pg_", 0) == 0))
    throw UsageError("--roles: '" + *roles_prefix + "' would make the roles " + *roles_prefix + "_read and " +
                     *roles_prefix + "_write, and PostgreSQL keeps names starting with pg_ for its own");
  auto c = connect(db);
  try {
    pqxx::work w(*c);
    // What the server would only warn about (a right granted twice) is not for the user's screen.
    w.exec("SET LOCAL client_min_messages = error");
    // Two `init` of one database at once: the second waits here and then finds the schema made.
    w.exec("SELECT pg_advisory_xact_lock(" + std::to_string(schema_lock) + ")");
    const int from = schema_version_of(w, db);
    if (from == 0)
      w.exec("CREATE TABLE klynge_schema (version integer PRIMARY KEY, name text NOT NULL, "
             "applied_at timestamptz NOT NULL DEFAULT now())");
    bool changed = false;
    for (const auto& m : postgresql_migrations()) {
      if (version_of(m) <= from) continue;
      w.exec(std::string(m.sql));
      w.exec_params("INSERT INTO klynge_schema (version, name) VALUES ($1, $2)", version_of(m), std::string(m.name));
      changed = true;
    }
    const int now = schema_version_of(w, db);
    if (now != program_schema_version())
      throw DatabaseError("the PostgreSQL schema of this program stops at version " + std::to_string(now) + ", short of " +
                          std::to_string(program_schema_version()) + " (schema/postgresql/ lacks a migration)");
    if (!changed) {
      // A database made already: its roles and rights are its owner's to give. Anyone else who may write has nothing
      // to do here; one who may only read is told so.
      const auto who = w.exec("SELECT pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = "
                              "'public' AND tablename = 'ledger'), 'USAGE'), current_user, "
                              "has_table_privilege('public.bodies', 'UPDATE')");
      if (!who[0][0].as<bool>()) {
        if (!who[0][2].as<bool>()) throw DataError("the user " + who[0][1].as<std::string>() + " of " + db + " may only read");
        return false;
      }
    }
    // A new database gets the roles named (klynge_read and klynge_write by default). One made already keeps its
    // own: a second `init` without --roles never opens a council's database to the default roles; when it brings
    // the schema up to date, the new tables get the rights of the roles the database has.
    std::vector<std::string> prefixes;
    // Books that grant their roles already are not opened to other ones by `init --roles`: a prefix mistyped, or
    // another council's, would give their readers and writers these books without a word. A second set is the
    // owner's to grant by hand (README).
    if (roles_prefix && from != 0) {
      const auto granted = granted_prefixes(w);
      if (!granted.empty() && std::find(granted.begin(), granted.end(), *roles_prefix) == granted.end()) {
        std::string names;
        for (const auto& p : granted) names += (names.empty() ? "" : ", ") + p + "_read and " + p + "_write";
        throw DataError("init --roles " + *roles_prefix + ": " + db + " is a klynge database already, whose books are "
                        "granted to " + names + "; other roles are granted by its owner by hand (GRANT), not by init; "
                        "nothing was changed");
      }
    }
    if (roles_prefix) prefixes = {*roles_prefix};
    else if (from == 0) prefixes = {"klynge"};
    else if (changed) prefixes = granted_prefixes(w);
    bool created = false;
    for (const auto& p : prefixes) created = !grant_roles(w, p).empty() || created;
    w.commit();
    return changed || created;
  } catch (const pqxx::insufficient_privilege& e) {
    throw DatabaseError("cannot create klynge's schema and roles in " + db + ": " + first_line(e.what()) +
                        " (run `klynge init` as the database's owner, with the right to create roles)");
  } catch (const pqxx::broken_connection& e) {
    throw connection_lost(db, e, "; nothing was changed");
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("cannot create klynge's schema in " + db + ": " + first_line(e.what()) + "; nothing was changed");
  }
}

std::unique_ptr<Store> pg::open(const std::string& db, Store::Access access)
{
  auto c = connect(db);
  std::string user;
  try {
    pqxx::read_transaction r(*c);
    const int version = schema_version_of(r, db);
    if (version == 0) throw DatabaseError("no klynge database at " + db + " (create one with `klynge init`)");
    if (version < program_schema_version())
      throw DatabaseError(db + " has schema version " + std::to_string(version) + ", older than this program's " +
                          std::to_string(program_schema_version()) + ": bring it up to date with `klynge init`");
    if (access == Store::Access::read_write) {
      const auto may = r.exec("SELECT current_user, has_table_privilege('public.ledger', 'INSERT') AND "
                              "has_table_privilege('public.revisions', 'INSERT') AND "
                              "has_table_privilege('public.bodies', 'UPDATE')");
      if (!may[0][1].as<bool>())
        throw DataError("the user " + may[0][0].as<std::string>() + " of " + db + " may only read");
    }
    user = r.exec("SELECT current_user")[0][0].as<std::string>();
  } catch (const pqxx::broken_connection& e) {
    throw connection_lost(db, e);
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("cannot read " + db + ": " + first_line(e.what()));
  }
  return std::make_unique<PgStore>(std::move(c), db, access, user);
}

// The connection's plumbing.

namespace pgd {

std::string first_line(const char* what)
{
  std::string s = what;
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  for (const std::string prefix : {"ERROR:  ", "FATAL:  "})
    if (s.rfind(prefix, 0) == 0) s = s.substr(prefix.size());
  return s;
}

DbValue value_of(const pqxx::field& f)
{
  if (f.is_null()) return std::monostate{};
  // int8, int4, int2: whole numbers (øre, counts); anything else is read as its text.
  const auto type = f.type();
  if (type == 20 || type == 23 || type == 21) return f.as<std::int64_t>();
  return std::string_view(f.c_str(), f.size());
}

std::string row_column(const FileSpec& spec)
{
  for (const auto& c : spec.stored)
    if (c.stored == "seq") return "seq";
  static const std::vector<std::string_view> keyed_by_text = {"bodies", "groups", "initiatives", "meetings", "decisions",
                                                              "settings"};
  for (auto t : keyed_by_text)
    if (t == spec.table) return "rowid";
  return "seq";
}

}  // namespace pgd

using detail::busy_timeout_ms;

PgStore::PgStore(std::unique_ptr<pqxx::connection> c, const std::string& db, Access access, std::string user)
    : db_(db), user_(std::move(user)), conn_(std::move(c))
{
  const int timeout = busy_timeout_ms();  // outside the try: a bad value is the user's (exit 2), not the server's
  try {
    n_ = std::make_unique<pqxx::nontransaction>(*conn_);
    // A writer waits for another up to the busy timeout (the advisory lock), then is told the database is busy. The
    // server reads a lock_timeout of 0 as "wait for ever"; a busy timeout of 0 means "do not wait": 1 ms.
    n_->exec("SET lock_timeout = " + std::to_string(std::max(timeout, 1)));
    n_->exec("SET client_min_messages = error");
    if (access == Access::read_only) n_->exec("SET default_transaction_read_only = on");
  } catch (const std::exception& e) {
    rethrow(e);
  }
}

PgStore::~PgStore()
{
  if (in_tx_) rollback();
}

void PgStore::end_copy() const
{
  if (!copy_) return;
  const auto copy = std::move(copy_);
  try {
    copy->complete();  // the server's answer to the rows sent: an error among them shows here
  } catch (const std::exception& e) {
    rethrow(e);
  }
}

pqxx::result PgStore::exec(const std::string& sql) const
{
  end_copy();
  try {
    return n_->exec(sql);
  } catch (const std::exception& e) {
    rethrow(e);
  }
}

void PgStore::copy_rows(const std::string& query, const std::function<void(std::string_view)>& line) const
{
  end_copy();
  try {
    // libpqxx 6.4's stream_from names a table; it is put into `COPY … TO STDOUT` as it is given, so a query in
    // parentheses goes there too.
    pqxx::stream_from copy(*n_, "(" + query + ")");
    std::string text;
    while (copy.get_raw_line(text)) {
      std::string_view row(text);
      if (!row.empty() && row.back() == '\n') row.remove_suffix(1);  // the line as COPY sent it
      line(row);
    }
    copy.complete();
  } catch (const std::exception& e) {
    rethrow(e);
  }
}

std::string PgStore::lit(const DbValue& v) const
{
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  const std::string_view t = db_text(v);
  return "'" + conn_->esc(t.data(), t.size()) + "'";
}

void PgStore::rethrow(const std::exception& e) const
{
  // The store's own errors, and what is not the server's (a bug), go on as they are.
  if (dynamic_cast<const Error*>(&e) || !dynamic_cast<const pqxx::failure*>(&e)) throw;
  // A COPY cut short says so as a plain failure; the connection is gone all the same.
  if (dynamic_cast<const pqxx::broken_connection*>(&e) || !conn_->is_open()) throw connection_lost(db_, e);
  std::string state;
  if (const auto* s = dynamic_cast<const pqxx::sql_error*>(&e)) state = s->sqlstate();
  const std::string what = first_line(e.what());
  // Another writer held the database past the busy timeout, or the server chose this transaction to give way.
  if (state == "55P03" || state == "40P01" || state == "40001" || dynamic_cast<const pqxx::transaction_rollback*>(&e))
    throw BusyError("the database " + db_ + " is busy (another klynge is writing); try again");
  if (state == "42501" || state == "25006") throw DataError("the user " + user_ + " of " + db_ + " may only read");
  // Data the server will not keep (text that is not UTF-8, a NUL, a number out of range): the data's fault.
  if (state.rfind("22", 0) == 0) throw DataError("database " + db_ + ": " + what);
  if (state == "53100") throw DatabaseError("cannot write the database " + db_ + ": " + what + "; nothing was written");
  throw DatabaseError("database " + db_ + ": " + what);
}

void PgStore::begin(Transaction::Kind kind)
{
  if (in_tx_) throw std::logic_error("PgStore: a transaction is open already");
  try {
    if (kind == Transaction::Kind::write) {
      n_->exec("BEGIN ISOLATION LEVEL READ COMMITTED");
      in_tx_ = writing_ = true;
      n_->exec("SELECT pg_advisory_xact_lock(" + std::to_string(pgd::write_lock) + ")");
    } else {
      n_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      in_tx_ = true;
    }
  } catch (const std::exception& e) {
    rollback();
    rethrow(e);
  }
  revision_ = 0;
  next_file_ = 0;
  head_.reset();
  head_written_ = true;
  forget_ids(Ids::untracked);
}

void PgStore::commit()
{
  try {
    end_copy();
    write_head();
    in_tx_ = writing_ = false;
    head_.reset();
    forget_ids(Ids::untracked);
    n_->exec("COMMIT");
  } catch (const std::exception& e) {
    rethrow(e);
  }
}

void PgStore::rollback() noexcept
{
  if (!in_tx_) return;
  in_tx_ = writing_ = false;
  head_.reset();
  head_written_ = true;
  forget_ids(Ids::untracked);
  if (copy_) {
    // Ended first (its rows are rolled back with the rest); an error of its rows is of no more use.
    const auto copy = std::move(copy_);
    try {
      copy->complete();
    } catch (...) {
    }
  }
  try {
    n_->exec("ROLLBACK");
  } catch (...) {
    // Never throw from a destructor; the server rolls back when the connection closes anyway.
  }
}

int PgStore::schema_version() const
{
  return static_cast<int>(exec("SELECT coalesce(max(version), 0) FROM klynge_schema")[0][0].as<long long>());
}

void PgStore::read_consistently(const std::function<void()>& f) const
{
  if (in_tx_) {
    f();
    return;
  }
  Transaction snapshot(const_cast<PgStore&>(*this), Transaction::Kind::read);
  f();
  snapshot.commit();
}

}  // namespace klynge

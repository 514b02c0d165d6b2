// The PostgreSQL backend (libpqxx 6.4): connecting, creating the schema and its two roles, and opening a database
// with the checks every command makes first (a klynge database, this program's schema, a user who may write).
//
// What this version does on a server: `klynge init` (the schema of schema/postgresql/, recorded in klynge_schema,
// and the roles), and refusing a write to a user who may only read. Reading and writing the books through the Store
// interface is not there yet: opening a database for a command says so (exit 3) after those checks.
#include <cctype>
#include <string>

#include <pqxx/pqxx>

#include "klynge/error.hpp"
#include "klynge/server.hpp"
#include "pg_backend.hpp"

namespace klynge {

namespace {

/// Any number will do that no other program on the server uses for pg_advisory_xact_lock: 'KLYG'.
constexpr long long schema_lock = 0x4B4C5947;

/// The first line of a libpq message (the rest repeats the query or gives a hint we give ourselves).
std::string first_line(const char* what)
{
  std::string s = what;
  if (auto nl = s.find('\n'); nl != std::string::npos) s.resize(nl);
  const std::string prefix = "ERROR:  ";
  if (s.rfind(prefix, 0) == 0) s = s.substr(prefix.size());
  return s;
}

std::unique_ptr<pqxx::connection> connect(const std::string& db)
{
  const ServerAddress address = parse_server_address(db);
  try {
    return std::make_unique<pqxx::connection>(address.conninfo());
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseError("cannot connect to " + db + ": " + first_line(e.what()));
  } catch (const pqxx::failure& e) {
    throw DatabaseError("cannot connect to " + db + ": " + first_line(e.what()));
  }
}

/// The schema version of the database: the last migration recorded, 0 for a database without klynge's tables.
/// @throws DatabaseError for a database that holds other tables, or a newer schema.
int schema_version_of(pqxx::transaction_base& w, const std::string& db)
{
  if (w.exec("SELECT to_regclass('public.klynge_schema') IS NULL")[0][0].as<bool>()) {
    const auto tables = w.exec("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")[0][0].as<long long>();
    if (tables > 0) throw DatabaseError(db + " is not a klynge database (it holds other tables)");
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
  w.exec("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + wr);
  return created;
}

}  // namespace

bool postgresql_built() { return true; }

bool init_server(const std::string& db, const std::string& roles_prefix)
{
  if (!role_name(roles_prefix))
    throw UsageError("--roles: '" + roles_prefix + "' is not a role name (lower-case letters, digits and _, at most 50)");
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
    const auto created = grant_roles(w, roles_prefix);
    w.commit();
    return changed || !created.empty();
  } catch (const pqxx::insufficient_privilege& e) {
    throw DatabaseError("cannot create klynge's schema and roles in " + db + ": " + first_line(e.what()) +
                        " (run `klynge init` as the database's owner, with the right to create roles)");
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseError("lost the connection to " + db + ": " + first_line(e.what()) + "; nothing was changed");
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("cannot create klynge's schema in " + db + ": " + first_line(e.what()) + "; nothing was changed");
  }
}

std::unique_ptr<Store> pg::open(const std::string& db, Store::Access access)
{
  auto c = connect(db);
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
  } catch (const pqxx::broken_connection& e) {
    throw DatabaseError("lost the connection to " + db + ": " + first_line(e.what()));
  } catch (const pqxx::sql_error& e) {
    throw DatabaseError("cannot read " + db + ": " + first_line(e.what()));
  }
  throw DatabaseError(db + ": this version of klynge makes a database on PostgreSQL (`klynge init`, the schema and its "
                      "roles) but does not yet keep the books in one; keep them in a SQLite file for now");
}

}  // namespace klynge

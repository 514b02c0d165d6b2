// Telling a server's address from a SQLite file, and reading it.
#include "klynge/server.hpp"

#include <cstdlib>
#include <cctype>

#include "klynge/error.hpp"

namespace klynge {

namespace {

/// The scheme of `scheme://…`, empty when `db` does not start with one.
std::string scheme_of(const std::string& db)
{
  const auto colon = db.find("://");
  if (colon == std::string::npos || colon == 0) return {};
  if (!std::isalpha(static_cast<unsigned char>(db[0]))) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    const unsigned char c = static_cast<unsigned char>(db[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return db.substr(0, colon);
}

std::string lower(std::string s)
{
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr const char* form = "postgresql://USER@HOST[:PORT]/DB";

/// Decodes `%XX` escapes.
std::string decoded(const std::string& part, const std::string& what, const std::string& option)
{
  std::string out;
  for (std::size_t i = 0; i < part.size(); ++i) {
    if (part[i] != '%') {
      out += part[i];
      continue;
    }
    auto hex = [&](std::size_t j) -> int {
      if (j >= part.size()) return -1;
      const char c = part[j];
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = hex(i + 1), lo = hex(i + 2);
    if (hi < 0 || lo < 0) throw UsageError(option + ": a '%' in the address's " + what + " is not an escape (%XX)");
    if (hi == 0 && lo == 0) throw UsageError(option + ": the address's " + what + " holds %00, which no name can hold");
    out += char(hi * 16 + lo);
    i += 2;
  }
  return out;
}

/// A value of a libpq connection string: quoted, with `\` and `'` escaped.
std::string quoted(const std::string& v)
{
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

bool names_server(const std::string& db) { return !scheme_of(db).empty(); }

ServerAddress parse_server_address(const std::string& db, const std::string& option)
{
  const std::string scheme = lower(scheme_of(db));
  if (scheme != "postgresql" && scheme != "postgres")
    throw UsageError(option + ": '" + scheme_of(db) + "://' is not a database klynge can use (a SQLite file, or " + form + ")");
  std::string rest = db.substr(scheme.size() + 3);
  if (rest.find('?') != std::string::npos)
    throw UsageError(option + ": a database address takes no parameters ('?…'): " + std::string(form) +
                     " (other settings go in the PG* environment variables)");
  // In an address `#` starts a fragment: a `#` of a name is written %23.
  if (rest.find('#') != std::string::npos)
    throw UsageError(option + ": a '#' in a database address ends it: write a '#' of a user or database name as %23");
  const auto slash = rest.find('/');
  if (slash == std::string::npos || slash + 1 == rest.size())
    throw UsageError(option + ": the database address names no database (" + form + ")");
  ServerAddress a;
  a.database = decoded(rest.substr(slash + 1), "database name", option);
  if (a.database.find('/') != std::string::npos)
    throw UsageError(option + ": the database name of the address has a '/' (" + form + ")");
  std::string authority = rest.substr(0, slash);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    const std::string userinfo = authority.substr(0, at);
    if (userinfo.find(':') != std::string::npos)
      throw UsageError(option + ": a password in the database address would be seen by anyone on this machine (in the list of "
                       "processes and the shell's history); give it in PGPASSWORD or ~/.pgpass instead");
    a.user = decoded(userinfo, "user", option);
    authority = authority.substr(at + 1);
  }
  // The port follows the host, after the `]` of an IPv6 address in brackets (`[::1]:5432`).
  const auto bracket = authority.rfind(']');
  if (const auto colon = authority.rfind(':');
      colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    a.port = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
    bool digits = !a.port.empty() && a.port.size() <= 5;
    for (char c : a.port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits || std::stol(a.port) == 0 || std::stol(a.port) > 65535)
      throw UsageError(option + ": '" + a.port + "' is not a port (1 to 65535)");
  }
  if (authority.size() > 2 && authority.front() == '[' && authority.back() == ']') authority = authority.substr(1, authority.size() - 2);
  a.host = decoded(authority, "host", option);
  if (a.host.empty()) throw UsageError(option + ": the database address names no host (" + form + ")");
  return a;
}

std::string ServerAddress::conninfo() const
{
  std::string out = "host=" + quoted(host) + " dbname=" + quoted(database);
  if (!port.empty()) out += " port=" + port;
  if (!user.empty()) out += " user=" + quoted(user);
  // A server that does not answer is an error after a while, not a hang: 10 s unless PGCONNECT_TIMEOUT says.
  const char* timeout = std::getenv("PGCONNECT_TIMEOUT");
  out += std::string(timeout && *timeout ? "" : " connect_timeout=10") + " application_name=klynge";
  // klynge's text is UTF-8 whatever libpq's environment says: PGCLIENTENCODING=LATIN1 would have the server take
  // every byte of 'ø' for a character of its own and store the text encoded twice.
  out += " client_encoding=UTF8";
  return out;
}

void check_database_name(const std::string& db, const std::string& option)
{
  // SQLite's special names: a database in memory, gone when klynge ends, or a URI of options. klynge keeps books
  // in a file.
  if (db == ":memory:" || db.rfind("file:", 0) == 0)
    throw UsageError(option + ": '" + db + "' is not a database file (SQLite's name for a database in memory or a URI; "
                     "give a file's name)");
  // Only spaces (`--db " $UNSET"`): as an empty value, not a file named by spaces.
  if (db.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError(option + ": an empty value (give a database file, or leave the option out)");
  // An address with a space or a line break around it (pasted, or a variable read from a file) is the address.
  const auto first = db.find_first_not_of(" \t\r\n"), last = db.find_last_not_of(" \t\r\n");
  if (first != std::string::npos && (first > 0 || last + 1 < db.size()) && names_server(db.substr(first, last - first + 1)))
    throw UsageError(option + ": the database address has a space or a line break around it: give it without");
  // A server's address mistyped (`postgresql:user@host/db`, one slash) is not a file of that name: the user meant
  // the shared books, and a private file would take their writes without a word.
  if (!names_server(db)) {
    std::string head = db.substr(0, 11);
    for (char& c : head) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto mistyped = [&](const std::string& scheme) {
      return head.rfind(scheme, 0) == 0 && head.size() > scheme.size() && (head[scheme.size()] == ':' || head[scheme.size()] == '@');
    };
    if (mistyped("postgresql") || mistyped("postgres"))
      throw UsageError(option + ": '" + db + "' is not a server's address (" + form + ")");
    return;
  }
  parse_server_address(db, option);
  if (!postgresql_built())
    throw UsageError(option + ": this klynge was built without PostgreSQL support (build it with libpqxx-dev "
                     "installed, CMake option KLYNGE_POSTGRESQL=ON); use a SQLite file");
}

}  // namespace klynge

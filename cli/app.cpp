#include "app.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <new>
#include <streambuf>

#include <pwd.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "commands/commands.hpp"
#include "klynge/csv.hpp"
#include "klynge/error.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/server.hpp"

namespace klynge::cli {

Date option_date(const std::string& option, const std::string& value)
{
  try {
    return parse_date(value);
  } catch (const ValueError& e) {
    throw UsageError(option + ": " + e.what());
  }
}

std::string utc_text(std::int64_t seconds)
{
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t rest = seconds - days * 86400;
  const Date d = Date::from_ymd(1970, 1, 1).plus_days(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", int(rest / 3600), int(rest / 60 % 60), int(rest % 60));
  return d.iso() + buf;
}

std::string local_day_of(const std::string& utc)
{
  // The inverse of utc_text, then the day the moment falls on where the user is (TZ), as --known-at DATE reads one.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (std::sscanf(utc.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &sec) != 6) return utc.substr(0, 10);
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = mo - 1;
  t.tm_mday = d;
  t.tm_hour = h;
  t.tm_min = mi;
  t.tm_sec = sec;
  const std::time_t moment = timegm(&t);
  std::tm local{};
  if (!localtime_r(&moment, &local)) return utc.substr(0, 10);
  return Date::from_ymd(local.tm_year + 1900, unsigned(local.tm_mon + 1), unsigned(local.tm_mday)).iso();
}

namespace {

/// Today is the local date, unless KLYNGE_TODAY fixes it (tests, reruns).
Date today()
{
  // Set but empty is a mistake (`KLYNGE_TODAY=$UNSET`), as an empty KLYNGE_DB is: not silently today.
  if (const char* fixed = std::getenv("KLYNGE_TODAY"); fixed && !*fixed)
    throw UsageError("KLYNGE_TODAY: an empty value (give a date, or unset it)");
  if (const char* fixed = std::getenv("KLYNGE_TODAY"); fixed && *fixed) return option_date("KLYNGE_TODAY", fixed);
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_ymd(local.tm_year + 1900, unsigned(local.tm_mon + 1), unsigned(local.tm_mday));
}

std::string stamp(Date d)
{
  if (std::getenv("KLYNGE_TODAY")) return d.iso();
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
  return buf;
}

/// The arguments as typed from the command on, without --db and its value: what a revision records.
std::string command_text(int argc, char** argv)
{
  std::string out;
  int i = 1;
  // The options before the command are not the command: the database is where it was recorded, the user has a
  // column of its own, and -q or -v change nothing that is written.
  for (; i < argc && argv[i][0] == '-'; ++i) {
    const std::string a = argv[i];
    if (a == "--db" || a == "--user") ++i;
    else if (a.rfind("--db=", 0) != 0 && a.rfind("--user=", 0) != 0 && a != "-q" && a != "--quiet" && a != "-v" &&
             a != "--verbose")
      break;
  }
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db") {
      ++i;
      continue;
    }
    if (a.rfind("--db=", 0) == 0) continue;
    // Recorded and shown as text (history's JSON among others): a byte that is not UTF-8 is shown as '?'.
    if (!valid_utf8(a))
      for (char& c : a)
        if (static_cast<unsigned char>(c) >= 0x80) c = '?';
    if (a.find_first_of(" \t'\"") != std::string::npos || a.empty()) {
      std::string q = "'";
      for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      a = q + "'";
    }
    out += (out.empty() ? "" : " ") + a;
  }
  return out;
}

/// Now, in seconds since 1970 (UTC), unless KLYNGE_NOW fixes it as `YYYY-MM-DDTHH:MM:SS` (UTC, an optional `Z`).
std::int64_t now()
{
  const char* fixed = std::getenv("KLYNGE_NOW");
  if (fixed && !*fixed) throw UsageError("KLYNGE_NOW: an empty value (give a time, or unset it)");
  if (!fixed) return std::int64_t(std::time(nullptr));
  std::string text = fixed;
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  unsigned h = 0, m = 0, s = 0;
  char sep = 0, c1 = 0, c2 = 0;
  std::string tail;
  if (text.size() == 19) {
    Date d = option_date("KLYNGE_NOW", text.substr(0, 10));
    if (std::sscanf(text.c_str() + 10, "%c%2u%c%2u%c%2u", &sep, &h, &c1, &m, &c2, &s) == 6 && sep == 'T' && c1 == ':' &&
        c2 == ':' && h < 24 && m < 60 && s < 60)
      return d.days_since(Date::from_ymd(1970, 1, 1)) * 86400 + h * 3600 + m * 60 + s;
  }
  throw UsageError(std::string("KLYNGE_NOW: '") + fixed + "' is not a time (form: 2026-11-25T10:00:00Z)");
}

void print(const Diagnostic& d) { std::cerr << format_diagnostic(d) << "\n"; }

/// Every option that takes a value refuses an empty one (exit 2): `--db "$UNSET"` must not fall back to
/// ./klynge.db, nor `--as-of ''` to today. The columns given to `add` are data, not options, and are not here.
void refuse_empty_values(CLI::App& app)
{
  static const CLI::Validator non_empty(
      [](std::string& value) { return value.empty() ? std::string("an empty value (give one, or leave the option out)") : std::string(); },
      "", "non-empty");
  for (CLI::Option* opt : app.get_options())
    if (opt->get_type_size() != 0) opt->check(non_empty);
  for (CLI::App* sub : app.get_subcommands({})) refuse_empty_values(*sub);
}

/// Standard output as a buffer over file descriptor 1 that keeps the reason of the first write that fails (a
/// full disk, a file-size limit): errno is long overwritten by the time the command ends.
class StdoutBuffer : public std::streambuf
{
public:
  StdoutBuffer() { setp(buf_, buf_ + sizeof buf_); }
  int error() const { return error_; }

protected:
  int_type overflow(int_type c) override
  {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

private:
  bool drain()
  {
    const char* p = pbase();
    while (p < pptr() && !error_) {
      const ssize_t n = ::write(1, p, std::size_t(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) error_ = errno;
      else p += n;
    }
    setp(buf_, buf_ + sizeof buf_);  // after a failure the rest is dropped: nobody reads it
    return !error_;
  }
  char buf_[1 << 16];
  int error_ = 0;
};

/// Standard error, line by line, made safe for a terminal: messages quote what the user gave (a cell, a name, an
/// option's value), and a control character in it (an escape sequence) would recolour or clear the terminal or hide
/// the message. Every message passes here, from the commands, the engine's warnings and the error handler alike.
class StderrLines : public std::streambuf
{
public:
  explicit StderrLines(std::streambuf* to) : to_(to) {}
  ~StderrLines() override
  {
    if (!line_.empty()) write(reports::terminal_safe(line_));
  }

protected:
  int_type overflow(int_type c) override
  {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (traits_type::to_char_type(c) != '\n') line_ += traits_type::to_char_type(c);
    else {
      write(reports::terminal_safe(line_) + "\n");  // whole lines only: a character's bytes are never split
      line_.clear();
    }
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override
  {
    for (std::streamsize i = 0; i < n; ++i) overflow(traits_type::to_int_type(s[i]));
    return n;
  }
  int sync() override { return to_->pubsync(); }

private:
  void write(const std::string& text) { to_->sputn(text.data(), std::streamsize(text.size())); }
  std::streambuf* to_;
  std::string line_;
};

/// Whether everything written to stdout reached it; says why not.
bool stdout_written(StdoutBuffer& out)
{
  std::cout.flush();
  if (!out.error() && std::cout.good()) return true;
  std::cerr << "klynge: error: cannot write standard output: " << std::strerror(out.error() ? out.error() : EIO) << "\n";
  return false;
}

int run_command(int argc, char** argv);

}  // namespace

int run(int argc, char** argv)
{
  // A file-size limit (ulimit -f) would kill the process in the middle of a write; ignored, the write fails
  // with EFBIG and is reported like any other failed write.
  std::signal(SIGXFSZ, SIG_IGN);
  StdoutBuffer out;
  std::streambuf* const before = std::cout.rdbuf(&out);
  StderrLines messages(std::cerr.rdbuf());
  std::streambuf* const errors_before = std::cerr.rdbuf(&messages);
  const int code = run_command(argc, argv);
  // Output that did not reach its reader is an error, also when the command itself succeeded.
  const bool written = stdout_written(out);
  std::cout.rdbuf(before);
  std::cerr.rdbuf(errors_before);
  if (!written && code == 0) return int(ExitCode::data);
  return code;
}

namespace {

int run_command(int argc, char** argv)
{
  Context ctx;
  try {
    ctx.today = today();
    ctx.now = now();
  } catch (const Error& e) {
    std::cerr << "klynge: error: " << e.what() << "\n";
    return int(ExitCode::usage);
  }
  ctx.stamp = stamp(ctx.today);
  ctx.command = command_text(argc, argv);
  if (const char* user = std::getenv("USER"); user && *user) ctx.user = user;
  // No $USER (a container, cron): the login name of the user the program runs as, so no revision is nobody's.
  else if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) ctx.user = pw->pw_name;

  CLI::App app{"klynge: funds, initiatives and the transition of Danish health clusters", "klynge"};
  app.set_version_flag("--version", std::string("klynge ") + KLYNGE_VERSION);
  app.require_subcommand(1);
  std::string db;
  app.add_option("--db", db, "the database: a file, or postgresql://USER@HOST[:PORT]/DB (else $KLYNGE_DB, else ./klynge.db)");
  app.add_flag("-v,--verbose", ctx.verbose, "say more about what is done");
  app.add_flag("-q,--quiet", ctx.quiet, "say only what is wrong");
  auto* user_option = app.add_option("--user", ctx.user, "who writes (recorded with each revision; default $USER)");
  app.parse_complete_callback([&]() {
    const bool user_given = user_option->count() > 0;
    ctx.db_typed = !db.empty();
    if (!db.empty()) ctx.db = db;
    else if (const char* env = std::getenv("KLYNGE_DB"); env && !*env)
      // Set but empty (`KLYNGE_DB="$UNSET"`): as with `--db ''`, ./klynge.db would be the wrong database.
      throw UsageError("KLYNGE_DB: an empty value (give a database file, or unset it)");
    else if (env) ctx.db = env;
    else ctx.db = "klynge.db";
    // A server's address is read before any command runs: a malformed one, a password in it, or a build without
    // PostgreSQL is a command-line error (exit 2).
    check_database_name(ctx.db, db.empty() ? "KLYNGE_DB" : "--db");
    // Who wrote is recorded with each revision and shown in every format: text, as any value that is stored.
    if (const auto why = field_value_problem(ctx.user)) {
      if (user_given) throw UsageError("--user: " + *why);
      for (char& c : ctx.user)  // $USER is the system's: shown as far as it is text, never a reason to refuse
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\x1f') c = '?';
    }
    auto logger = std::make_shared<spdlog::logger>("klynge", std::make_shared<spdlog::sinks::ostream_sink_st>(std::cerr));
    logger->set_pattern("klynge: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(ctx.verbose ? spdlog::level::debug : ctx.quiet ? spdlog::level::warn : spdlog::level::info);
  });

  setup_init(app, ctx);
  setup_import(app, ctx);
  setup_export(app, ctx);
  setup_check(app, ctx);
  setup_add(app, ctx);
  setup_list(app, ctx);
  setup_report(app, ctx);
  setup_pack(app, ctx);
  setup_backup(app, ctx);
  setup_restore(app, ctx);
  setup_history(app, ctx);
  setup_reverse(app, ctx);
  setup_undo(app, ctx);
  setup_verify(app, ctx);
  setup_copy(app, ctx);
  refuse_empty_values(app);

  try {
    // CLI11 would only say that a subcommand is required; name the word that is wrong instead.
    std::vector<std::string> commands;
    for (const auto* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--db") {
        ++i;
        continue;
      }
      if (a == "--db=" || a == "--user=")
        throw UsageError(a.substr(0, a.size() - 1) + ": an empty value (give one, or leave the option out)");
      if (a == "--user") {
        ++i;
        continue;
      }
      if (a.rfind("--db=", 0) == 0 || a.rfind("--user=", 0) == 0 || a == "-v" || a == "--verbose" || a == "-q" || a == "--quiet" || a == "-h" ||
          a == "--help" || a == "--version")
        continue;
      if (a.rfind("-", 0) == 0) throw UsageError("unknown option '" + a + "'");
      if (std::find(commands.begin(), commands.end(), a) == commands.end()) {
        std::string names;
        for (const auto& n : commands) names += (names.empty() ? "" : ", ") + n;
        throw UsageError("unknown command '" + a + "' (one of: " + names + ")");
      }
      break;
    }
    app.parse(argc, argv);
    return 0;
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    // `klynge init --db X`: the options of klynge itself go before the command; say so rather than that X was
    // not expected.
    // Only after the command: before it (`klynge --db X --user '' history`) the option is where it belongs, and
    // CLI11's own message (an empty value) is the one to give.
    int command_at = 1;
    for (; command_at < argc; ++command_at) {
      const std::string a = argv[command_at];
      if (a == "--db" || a == "--user") ++command_at;
      else if (a.rfind("-", 0) != 0) break;
    }
    for (int i = command_at + 1; i < argc; ++i) {
      const std::string a = argv[i];
      for (const char* global : {"--db", "--user", "-q", "--quiet", "-v", "--verbose"})
        if (a == global || (a.rfind(std::string(global) + "=", 0) == 0 && a.rfind("--", 0) == 0)) {
          std::cerr << "klynge: error: " << global << " goes before the command (klynge " << global
                    << (a == "--db" || a == "--user" ? " VALUE" : "") << " COMMAND …)\n";
          return int(ExitCode::usage);
        }
    }
    std::cerr << "klynge: error: " << e.what() << " (see klynge --help)\n";
    return int(ExitCode::usage);
  } catch (const DataError& e) {
    for (const auto& p : e.problems()) print(p);
    if (e.problems().size() > 1) std::cerr << "klynge: " << e.problems().size() << " problems; nothing was written\n";
    return int(e.code());
  } catch (const Error& e) {
    std::cerr << "klynge: error: " << e.what() << "\n";
    return int(e.code());
  } catch (const std::bad_alloc&) {
    // The machine, or a limit set on the process (ulimit -v), gives too little memory: the environment, not the
    // data. A write is one transaction, rolled back; an output file is written whole or not at all.
    std::cerr << "klynge: error: out of memory (the machine, or a limit such as ulimit -v, gives klynge too little); "
                 "nothing was written\n";
    return int(ExitCode::database);
  } catch (const std::exception& e) {
    // A bug or an unexpected system failure: still a clear message and a non-zero exit.
    std::cerr << "klynge: error: " << e.what() << "\n";
    return int(ExitCode::data);
  }
}

}  // namespace

}  // namespace klynge::cli

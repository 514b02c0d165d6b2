#include "app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "commands/commands.hpp"
#include "klynge/error.hpp"

namespace klynge::cli {

Date option_date(const std::string& option, const std::string& value)
{
  try {
    return parse_date(value);
  } catch (const ValueError& e) {
    throw UsageError(option + ": " + e.what());
  }
}

namespace {

/// Today is the local date, unless KLYNGE_TODAY fixes it (tests, reruns).
Date today()
{
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

/// Now, in seconds since 1970 (UTC), unless KLYNGE_NOW fixes it as `YYYY-MM-DDTHH:MM:SS` (UTC, an optional `Z`).
std::int64_t now()
{
  const char* fixed = std::getenv("KLYNGE_NOW");
  if (!fixed || !*fixed) return std::int64_t(std::time(nullptr));
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

}  // namespace

int run(int argc, char** argv)
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

  CLI::App app{"klynge: funds, initiatives and the transition of Danish health clusters", "klynge"};
  app.set_version_flag("--version", std::string("klynge ") + KLYNGE_VERSION);
  app.require_subcommand(1);
  std::string db;
  app.add_option("--db", db, "the database file (else $KLYNGE_DB, else ./klynge.db)");
  app.add_flag("-v,--verbose", ctx.verbose, "say more about what is done");
  app.add_flag("-q,--quiet", ctx.quiet, "say only what is wrong");
  app.parse_complete_callback([&]() {
    if (!db.empty()) ctx.db = db;
    else if (const char* env = std::getenv("KLYNGE_DB"); env && *env) ctx.db = env;
    else ctx.db = "klynge.db";
    auto logger = spdlog::stderr_logger_st("klynge");
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
      if (a.rfind("--db=", 0) == 0 || a == "-v" || a == "--verbose" || a == "-q" || a == "--quiet" || a == "-h" ||
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
    std::cerr << "klynge: error: " << e.what() << " (see klynge --help)\n";
    return int(ExitCode::usage);
  } catch (const DataError& e) {
    for (const auto& p : e.problems()) print(p);
    if (e.problems().size() > 1) std::cerr << "klynge: " << e.problems().size() << " problems; nothing was written\n";
    return int(e.code());
  } catch (const Error& e) {
    std::cerr << "klynge: error: " << e.what() << "\n";
    return int(e.code());
  } catch (const std::exception& e) {
    // A bug or an unexpected system failure: still a clear message and a non-zero exit.
    std::cerr << "klynge: error: " << e.what() << "\n";
    return int(ExitCode::data);
  }
}

}  // namespace klynge::cli

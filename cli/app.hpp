#pragma once
/// @file app.hpp
/// @brief The command line: parses, calls the engine and reports, and turns errors into exit codes.

#include <cstdint>
#include <functional>
#include <string>

#include "klynge/date.hpp"

namespace CLI {
class App;
}

namespace klynge::cli {

/// What every command gets: the database path, today's date (read once, here), and the output verbosity.
struct Context
{
  std::string db;
  bool db_typed = false;  ///< --db was given (not $KLYNGE_DB, not the default)
  Date today;
  std::string stamp;  ///< the moment of the command, for the origin of records it adds
  std::int64_t now = 0;  ///< the moment of the command in seconds since 1970 (UTC); KLYNGE_NOW fixes it
  std::string user;      ///< who writes: --user, else $USER
  std::string command;   ///< the arguments as typed, without --db and its value (what a revision records)
  bool verbose = false;
  bool quiet = false;
};

/// `2026-06-02T10:00:00Z`: a moment in seconds since 1970 as ISO 8601 in UTC.
std::string utc_text(std::int64_t seconds);
/// The local day (TZ) of a moment given as utc_text writes it: `2025-09-16` for `2025-09-15T22:30:00Z` in Denmark.
std::string local_day_of(const std::string& utc);

/// Runs the command line; returns the exit code (design §10). The only place that catches.
int run(int argc, char** argv);

/// Parses a date given to an option that steers the command (exit 2 when malformed).
Date option_date(const std::string& option, const std::string& value);

}  // namespace klynge::cli

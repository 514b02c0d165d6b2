#pragma once
// Settings a user may give in the environment (tuning the stores), read the same way by both backends.

#include <charconv>
#include <climits>
#include <cstdlib>
#include <string>

#include "klynge/error.hpp"

namespace klynge::detail {

/// A whole number from 0 up from the environment, or the fallback when it is unset. A value that is set but is not
/// such a number (`KLYNGE_BUSY_TIMEOUT_MS=5s`, or empty from `=$UNSET`) is refused (exit 2), as an empty
/// KLYNGE_TODAY is: taking the default instead would wait, or not, other than the user asked.
inline int env_whole_number(const char* name, int fallback, const char* unit)
{
  const char* v = std::getenv(name);
  if (!v) return fallback;
  const std::string text(v);
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < 0)
    throw UsageError(std::string(name) + ": " +
                     (text.empty() ? "an empty value (give a number of " + std::string(unit) + " from 0 to " +
                                         std::to_string(INT_MAX) + ", or unset it)"
                                   : "'" + text + "' is not a whole number of " + unit + " from 0 to " +
                                         std::to_string(INT_MAX) + " (give one, or unset it)"));
  return n;
}

/// How long a writer waits for another before giving up (SQLite's busy timeout, PostgreSQL's lock_timeout).
inline int busy_timeout_ms() { return env_whole_number("KLYNGE_BUSY_TIMEOUT_MS", 5000, "milliseconds"); }

}  // namespace klynge::detail

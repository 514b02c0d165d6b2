// What every write shares: who writes and when (the revision), and how what it did is said.
#include <ctime>
#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

WriteOptions write_options(const Context& ctx)
{
  WriteOptions o;
  o.recorded_at = utc_text(ctx.now);
  o.user = ctx.user;
  o.command = ctx.command;
  o.warn_as_of = ctx.today;
  return o;
}

void add_write_flags(CLI::App& cmd, WriteFlags& flags)
{
  cmd.add_flag("--correct", flags.correct, "records that differ from the stored ones are corrections (listed)");
  cmd.add_flag("--strict", flags.strict, "the warnings the write causes are errors: write nothing then");
}

std::string file_line(const FileReport& f)
{
  std::string name = f.label.empty() ? std::string(spec_for(f.kind).file) : std::filesystem::path(f.label).filename().string();
  std::string out = name + ": " + std::to_string(f.rows) + (f.rows == 1 ? " row, " : " rows, ") + std::to_string(f.known) + " known";
  if (f.known && f.known_revision) out += " (revision " + std::to_string(f.known_revision) + ", " + local_day_of(f.known_recorded_at) + ")";
  out += ", " + std::to_string(f.added) + " new";
  if (f.corrected) out += ", " + std::to_string(f.corrected) + " corrected";
  if (f.updated) out += ", " + std::to_string(f.updated) + " updated";
  return out;
}

void say_written(const ImportResult& r, const std::string& what, bool dry_run)
{
  for (const auto& c : r.corrections) std::cout << c << "\n";
  for (const auto& c : r.earlier) std::cout << c << "\n";
  std::cout.flush();  // what was done before the closing message, also when both go to one pipe
  for (const auto& w : r.warnings) std::cerr << format_diagnostic(w) << "\n";
  if (dry_run) {
    std::cout << "dry run: " << r.written << (r.written == 1 ? " record" : " records")
              << " would be written; nothing was written\n";
    return;
  }
  std::size_t added = 0, updated = 0, corrected = 0;
  for (const auto& f : r.files) {
    added += f.added;
    updated += f.updated;
    corrected += f.corrected;
  }
  // In the order each file's line says them: new, corrected, updated (a milestone done, a setting's new value).
  std::string parts;
  if (added || (!updated && !corrected)) parts = std::to_string(added) + " new record" + (added == 1 ? "" : "s");
  if (corrected) parts += (parts.empty() ? "" : ", ") + std::to_string(corrected) + " correction" + (corrected == 1 ? "" : "s");
  if (updated) parts += (parts.empty() ? "" : ", ") + std::to_string(updated) + " updated";
  if (r.revision == 0) spdlog::info("{}: nothing new; no revision written", what);
  else spdlog::info("{}: revision {} ({})", what, r.revision, parts);
}

std::optional<std::int64_t> known_at_revision(const Store& store, const std::string& value, const std::string& option)
{
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string::npos) {
    if (value.size() > 12) throw UsageError(option + ": '" + value + "' is not a revision number");
    const std::int64_t r = std::stoll(value);
    const std::int64_t last = store.last_revision();
    if (r > last)
      throw DataError(option + ": there is no revision " + value + " (the last is " + std::to_string(last) + ")");
    return r;
  }
  Date d;
  try {
    d = parse_date(value);
  } catch (const ValueError& e) {
    throw UsageError(option + ": '" + value + "' is neither a revision number nor a date (" + e.what() + ")");
  }
  // The end of that day in local time (TZ), as a moment in UTC. After the last day a date can name, every revision
  // (the moment's text would have a fifth digit of year, which sorts before every other).
  const Date next = d.plus_days(1);
  if (next.year() > 9999) return store.last_revision();
  std::tm local{};
  local.tm_year = next.year() - 1900;
  local.tm_mon = int(next.month()) - 1;
  local.tm_mday = int(next.day());
  local.tm_isdst = -1;
  const std::time_t end = std::mktime(&local);
  return store.last_revision_before(utc_text(std::int64_t(end)));
}

}  // namespace klynge::cli

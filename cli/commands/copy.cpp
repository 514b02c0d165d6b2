// klynge copy --from DB --to DB: a whole database with its revisions as they are (it adds none), from one backend to
// the other (a SQLite file and a database on PostgreSQL, either way) or between two of one kind, into a new or empty
// target; then every report of both is compared as of 6 dates (design §14).
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/restore.hpp"
#include "klynge/server.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

/// A report as text (csv, English), or the error it gives: what the two databases must agree on.
std::string report_text(const Store& store, Date as_of, const reports::ReportSpec& spec)
{
  try {
    std::ostringstream out;
    reports::render(out, reports::run_report(store, as_of, spec), reports::Format::csv, Lang::en);
    return out.str();
  } catch (const Error& e) {
    return std::string("error: ") + e.what();
  }
}

/// The dates the reports are compared as of: the first and last day of the ledger, three days between them, and
/// today (six in all; the first and last of the records' dates when the ledger is empty).
std::vector<Date> comparison_dates(const Dataset& d, Date today)
{
  std::optional<Date> first, last;
  auto see = [&](Date x) {
    if (!first || x < *first) first = x;
    if (!last || *last < x) last = x;
  };
  for (const auto& e : d.ledger) see(e.date);
  if (!first)
    for (const auto& m : d.meetings) see(m.date);
  if (!first) first = last = today;
  const auto span = (last->sys_days() - first->sys_days()).count();
  std::vector<Date> out{*first};
  for (int i = 1; i <= 3; ++i) out.push_back(first->plus_days(int(span * i / 4)));
  out.push_back(*last);
  out.push_back(today);
  // A ledger of one day (or books whose last day is today) gives some dates twice: each is compared once.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// Copies the checked `source` (named `from`) into the new or empty database `to`, then compares every report of
/// both.
void copy_from(const Store& source, const std::string& from, const std::string& to, const Context& ctx)
{
  // A new file the copy makes is removed again when the copy fails (a full disk): nothing is left that looks
  // like a database. A server's database, or a file that was there, keeps what the failed transaction left:
  // nothing.
  std::error_code ec;
  const bool made = !names_server(to) && !std::filesystem::exists(std::filesystem::symlink_status(to, ec));
  std::unique_ptr<Store> target;
  struct Unmake
  {
    const std::string& path;
    std::unique_ptr<Store>& store;
    bool keep = false;
    ~Unmake()
    {
      if (keep) return;
      store.reset();
      remove_database_files(path);
    }
  } unmake{to, target, !made};
  Store::init(to);
  target = Store::open(to, Store::Access::read_write);
  // Every report of both, as of 6 dates, before the copy is kept: the copy must read as the source does, in the
  // moment it was copied from (a writer on the source since does not count), and is not kept otherwise.
  std::size_t compared = 0, records = 0, entries = 0;
  std::vector<Date> dates;
  const std::size_t revisions = copy_whole_database(source, *target, [&]() {
    const Dataset copied = source.load(Store::Ledger::figures);
    records = copied.size();
    entries = copied.ledger.size();
    std::set<std::string> keys;
    for (const auto& k : copied.keys) keys.insert(k.key);
    dates = comparison_dates(copied, ctx.today);
    std::vector<Diagnostic> differences;
    for (const auto& name : reports::report_names()) {
      reports::ReportSpec spec;
      spec.kind = reports::parse_report(name);
      std::vector<std::string> spec_keys{""};
      if (reports::info(spec.kind).key) spec_keys.assign(keys.begin(), keys.end());
      if (spec.kind == reports::ReportKind::changes) spec.since = 0;
      for (const auto& key : spec_keys) {
        spec.key = key;
        std::string differing;  // the dates it differs as of, one message a report
        for (const Date d : dates) {
          ++compared;
          if (report_text(source, d, spec) != report_text(*target, d, spec))
            differing += (differing.empty() ? "" : ", ") + d.iso();
        }
        if (!differing.empty())
          differences.push_back({Location{}, Severity::error,
                                 "copy: the report " + name + (key.empty() ? "" : " --key " + key) + " of " + to +
                                     " differs from that of " + from + " as of " + differing});
      }
    }
    if (!differences.empty()) throw DataError(std::move(differences));
  });
  unmake.keep = true;
  auto counted = [](std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
  spdlog::info("copied {} to {}: {}, {} ({})", from, to, counted(revisions, "revision", "revisions"),
               counted(records, "record", "records"), counted(entries, "ledger entry", "ledger entries"));
  std::string as_of;
  for (const Date d : dates) as_of += (as_of.empty() ? "" : ", ") + d.iso();
  spdlog::info("compared {} reports: the same on both, as of {}", compared, as_of);
}

}  // namespace

void setup_copy(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("copy", "copy a whole database with its revisions (a SQLite file or postgresql://…, "
                                         "either way) into a new or empty one, then compare every report of both");
  auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
  cmd->add_option("--from", *from, "the database to copy: a file, or postgresql://USER@HOST[:PORT]/DB");
  cmd->add_option("--to", *to, "the new or empty database to copy into: a file, or postgresql://…");
  cmd->callback([&ctx, from, to]() {
    // `klynge --db A copy --to B` reads as "copy A to B", but copy names both databases itself: refuse the guess.
    if (ctx.db_typed)
      throw UsageError("copy: --db is not used by copy; name the databases with --from and --to");
    // Required, but checked here rather than by the parser, so that a --db beside copy is told first.
    for (const auto& [option, value] : {std::pair{"--from", from}, {"--to", to}})
      if (value->empty()) throw UsageError(std::string(option) + " is required (see klynge --help)");
    check_database_name(*from, "--from");
    check_database_name(*to, "--to");
    if (*from == *to) throw UsageError("copy: --from and --to name the same database");
    // The source is checked as a backup is before it is restored (a copy is how books move): a damaged or
    // tampered one is refused, not carried across. A file is read from a checked copy in the temporary folder, so
    // that an older one is migrated there and never in place (colleagues with the older program still open it).
    auto refuse = [&](const std::vector<std::string>& problems) {
      throw DatabaseError("copy: " + *from + " is damaged: " + problems.front() +
                          (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : "") +
                          "; nothing was copied");
    };
    if (names_server(*from)) {
      const auto source = Store::open(*from, Store::Access::read_only);
      if (const auto problems = soundness_problems(*source); !problems.empty()) refuse(problems);
      copy_from(*source, *from, *to, ctx);
    } else {
      const std::string beside =
          (std::filesystem::temp_directory_path() / std::filesystem::path(*from).filename()).string();
      const auto problems =
          restore_problems(*from, beside, [&](const Store& source) { copy_from(source, *from, *to, ctx); }, "copy");
      if (!problems.empty()) refuse(problems);
    }
  });
}

}  // namespace klynge::cli

// klynge history, klynge reverse ID, klynge undo R: the revisions of a database, and the writes that take back.
#include <iostream>
#include <sstream>

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/revisions.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

/// The revisions as a table: every format renders it as it renders a report.
reports::Table history_table(const std::vector<Revision>& revisions, Date today)
{
  using reports::CellType;
  reports::Table t;
  t.report = "history";
  t.as_of = today;
  t.columns = {{"revision", "revision", CellType::integer},  {"recorded_at", "registreret", CellType::text},
               {"user", "bruger", CellType::text},           {"command", "kommando", CellType::text},
               {"files", "filer", CellType::list},           {"added", "tilføjet", CellType::count},
               {"corrected", "rettet", CellType::count},     {"retired", "udgået", CellType::count}};
  for (const auto& r : revisions) {
    reports::Items files;
    std::istringstream lines(r.files);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) files.push_back(reports::same(line));
    reports::Row row{reports::Cell{r.number},
                     reports::Cell{r.recorded_at},
                     r.user.empty() ? reports::Cell{} : reports::Cell{r.user},
                     reports::Cell{r.command},
                     reports::Cell{files},
                     reports::Cell{r.added},
                     reports::Cell{r.corrected},
                     reports::Cell{r.retired}};
    t.add_row(std::move(row));
  }
  return t;
}

}  // namespace

void setup_history(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("history", "list the revisions: every write that changed something");
  auto format = std::make_shared<std::string>();
  // Danish by default, as the reports: the secretariat reads the history beside them.
  auto lang = std::make_shared<std::string>("da");
  auto out = std::make_shared<std::string>();
  cmd->add_option("--format", *format, "table, csv, csv-da, json, md, xlsx (needs --out), html");
  cmd->add_option("--lang", *lang, "da (default) or en: headers, dates and numbers of table, md, html and xlsx");
  add_out_option(*cmd, *out);
  cmd->callback([&ctx, format, lang, out]() {
    Lang l = parse_lang(*lang);
    const auto fmt = table_format(*format, *out);
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    std::vector<Revision> revisions;
    store->read_consistently([&]() { revisions = store->revisions(); });
    const reports::Table t = history_table(revisions, ctx.today);
    write_table(t, fmt, l, *out, ctx.now);
  });
}

void setup_reverse(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("reverse", "record the reversing entry of a ledger entry (a correction of the ledger)");
  auto id = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto note = std::make_shared<std::string>();
  auto flags = std::make_shared<WriteFlags>();
  cmd->add_option("ID", *id, "the id of the entry to reverse (klynge list ledger)")->required();
  cmd->add_option("--date", *date, "the reversal's date (default the original's)");
  cmd->add_option("--note", *note, "the reversal's note (default 'reversal of ID')");
  cmd->add_flag("--strict", flags->strict, "the warnings the write causes are errors: write nothing then");
  cmd->add_flag("--dry-run", flags->dry_run, "check and report, write nothing");
  cmd->callback([&ctx, id, date, note, flags]() {
    std::optional<Date> d;
    if (!date->empty()) d = option_date("--date", *date);
    std::optional<std::string> n;
    if (!note->empty()) n = *note;
    WriteOptions o = write_options(ctx);
    o.strict = flags->strict;
    o.dry_run = flags->dry_run;
    const auto store = Store::open(ctx.db, Store::Access::read_write);
    ImportResult r = reverse_entry(*store, *id, d, n, o);
    if (o.dry_run) return say_written(r, "", true);
    for (const auto& w : r.warnings) std::cerr << format_diagnostic(w) << "\n";
    if (!r.reentered.empty())
      spdlog::info("reversed {} (revision {}): the entry it reversed is entered again as {}", *id, r.revision, r.reentered);
    else
      spdlog::info("reversed {} (revision {})", *id, r.revision);
  });
}

void setup_undo(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("undo", "undo a whole revision, as a new revision (undo an undo to redo)");
  auto revision = std::make_shared<std::string>();
  auto flags = std::make_shared<WriteFlags>();
  cmd->add_option("REVISION", *revision, "the revision's number (klynge history)")->required();
  cmd->add_flag("--strict", flags->strict, "the warnings the write causes are errors: write nothing then");
  cmd->add_flag("--dry-run", flags->dry_run, "check and report, write nothing");
  cmd->callback([&ctx, revision, flags]() {
    if (revision->empty() || revision->size() > 12 || revision->find_first_not_of("0123456789") != std::string::npos)
      throw UsageError("undo: '" + *revision + "' is not a revision number");
    const auto store = Store::open(ctx.db, Store::Access::read_write);
    WriteOptions o = write_options(ctx);
    o.strict = flags->strict;
    o.dry_run = flags->dry_run;
    ImportResult r = undo_revision(*store, std::stoll(*revision), o);
    if (o.dry_run) return say_written(r, "", true);
    for (const auto& w : r.warnings) std::cerr << format_diagnostic(w) << "\n";
    spdlog::info("undid revision {} (revision {})", *revision, r.revision);
  });
}

}  // namespace klynge::cli

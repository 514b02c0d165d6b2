// klynge report NAME [--as-of D] [--body B] [--initiative I]... [--group G] [--from D --to D] [--by P] [--key K] [--since R|D [--until R|D]] [--known-at R|D] [--format F] [--lang L] [--out FILE]
#include <iostream>
#include <sstream>

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

struct ReportOptions
{
  std::string name, as_of, body, group, from, to, by, key, format, lang = "da", out, known_at, since, until;
  std::vector<std::string> initiatives;
};

}  // namespace

void setup_report(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("report", "one report: funds, status, coverage, variance, timeline, handover, decisions, indicators, reporting, sharing, changes");
  auto o = std::make_shared<ReportOptions>();
  cmd->add_option("NAME", o->name, "funds, status, coverage, variance, timeline, handover, decisions, indicators, reporting, sharing, changes")->required();
  cmd->add_option("--as-of", o->as_of, "the date the report is as of (default today)");
  cmd->add_option("--body", o->body, "only this body (handover: this successor)");
  cmd->add_option("--initiative", o->initiatives, "only this initiative (repeatable: these initiatives)");
  cmd->add_option("--group", o->group, "only the initiatives whose steering group as of the date is this one or below it");
  cmd->add_option("--from", o->from, "start of the window (coverage, funds --by)");
  cmd->add_option("--to", o->to, "end of the window (coverage, funds --by)");
  cmd->add_option("--by", o->by, "month, quarter or year (funds)");
  cmd->add_option("--key", o->key, "the cost-sharing key to split by (sharing)");
  cmd->add_option("--format", o->format,
                  "table (default on a terminal), csv (default otherwise), csv-da, json, md, xlsx (needs --out), html");
  cmd->add_option("--lang", o->lang, "da (default) or en: numbers, dates and headers of table and md");
  add_out_option(*cmd, o->out);
  cmd->add_option("--known-at", o->known_at, "the database as known at this revision, or at the end of this day");
  cmd->add_option("--since", o->since, "changes: compare with the database as known at this revision or day");
  cmd->add_option("--until", o->until, "changes: ... up to the database as known at this revision or day (default now)");
  cmd->callback([&ctx, o]() {
    // The command line first (exit 2), the database after.
    reports::ReportSpec spec;
    spec.kind = reports::parse_report(o->name);
    spec.body = o->body;
    spec.initiatives = o->initiatives;
    spec.group = o->group;
    spec.key = o->key;
    Date as_of = o->as_of.empty() ? ctx.today : option_date("--as-of", o->as_of);
    if (!o->from.empty()) spec.from = option_date("--from", o->from);
    if (!o->to.empty()) spec.to = option_date("--to", o->to);
    if (!o->by.empty()) spec.by = reports::parse_period(o->by);
    // --since/--until are read against the database below; here only whether they are given.
    if (!o->since.empty()) spec.since = 0;
    if (!o->until.empty()) spec.until = 0;
    if (!o->known_at.empty()) spec.known_at = 0;
    reports::check_options(spec);
    Lang lang = parse_lang(o->lang);
    const reports::Format format = table_format(o->format, o->out);
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    spec.known_at = known_at_revision(*store, o->known_at);
    if (spec.since) spec.since = known_at_revision(*store, o->since, "--since");
    if (spec.until) spec.until = known_at_revision(*store, o->until, "--until");
    if (spec.since && spec.until && *spec.until < *spec.since)
      throw UsageError("--until (revision " + std::to_string(*spec.until) + ") is before --since (revision " +
                       std::to_string(*spec.since) + ")");
    const reports::Table table = reports::run_report(*store, as_of, spec);
    spdlog::debug("report {} as of {}: {} rows", o->name, as_of.iso(), table.rows.size());
    write_table(table, format, lang, o->out, ctx.now);
  });
}

}  // namespace klynge::cli

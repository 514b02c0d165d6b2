// klynge add KIND --field value … and klynge list KIND: one record in, the stored records out.
#include <algorithm>
#include <iostream>

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/import.hpp"
#include "klynge/record_filter.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

std::string kinds()
{
  std::string s;
  for (const auto& f : file_specs()) s += (s.empty() ? "" : ", ") + std::string(f.singular);
  return s;
}

const FileSpec& kind_spec(const std::string& word)
{
  const FileSpec* spec = spec_for_word(word);
  if (!spec) throw UsageError("unknown kind '" + word + "' (one of: " + kinds() + ")");
  return *spec;
}

/// How `list` shows a column of the interchange files: amounts as money and dates as dates (so that a format
/// writes them as it writes a report's, a negative amount a number), everything else as text.
reports::CellType list_type(const ColumnSpec& column)
{
  switch (column.value) {
  case ValueType::money: return reports::CellType::money;
  case ValueType::date: return reports::CellType::date;
  case ValueType::number: return reports::CellType::number;
  case ValueType::text: break;
  }
  return reports::CellType::text;
}

}  // namespace

void setup_add(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("add", "add one record: the columns of its interchange file as options, "
                                        "e.g. add entry --date 2024-03-04 --kind grant …");
  auto kind = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("da");
  auto flags = std::make_shared<WriteFlags>();
  cmd->add_option("KIND", *kind, "body, group, initiative, meeting, decision, change, entry, estimate, milestone, indicator, "
                                  "measurement, key, setting")
      ->required();
  cmd->add_option("--lang", *lang, "the form of amounts: da (1.500,00, default) or en (1,500.00)");
  add_write_flags(*cmd, *flags);
  cmd->add_flag("--dry-run", flags->dry_run, "check and report, write nothing");
  cmd->allow_extras();
  cmd->callback([&ctx, cmd, kind, lang, flags]() {
    const FileSpec& spec = kind_spec(*kind);
    if (spec.kind == RecordKind::ledger && flags->correct)
      throw UsageError("--correct: a ledger entry is never corrected (the ledger is append-only): reverse the wrong "
                       "one (klynge reverse ID) and add the right one");
    Lang l = parse_lang(*lang);
    std::vector<std::pair<std::string, std::string>> options;
    auto extras = cmd->remaining();
    for (std::size_t i = 0; i < extras.size(); ++i) {
      std::string a = extras[i];
      if (a.rfind("--", 0) != 0 || a.size() < 3) throw UsageError("add: expected --column value, not '" + a + "'");
      // No column is named so: klynge's own options, after the command (`klynge add entry --db x.db …`), would
      // otherwise be "not a column", or the database they name never opened.
      for (const char* global : {"db", "user"})
        if (a == std::string("--") + global || a.rfind(std::string("--") + global + "=", 0) == 0)
          throw UsageError(std::string("--") + global + " goes before the command (klynge --" + global + " VALUE COMMAND …)");
      a = a.substr(2);
      if (auto eq = a.find('='); eq != std::string::npos) {
        options.emplace_back(a.substr(0, eq), a.substr(eq + 1));
      } else {
        if (i + 1 >= extras.size()) throw UsageError("add: --" + a + " needs a value");
        options.emplace_back(a, extras[++i]);
      }
    }
    const auto store = Store::open(ctx.db, Store::Access::read_write);
    WriteOptions o = write_options(ctx);
    o.correct = flags->correct;
    o.strict = flags->strict;
    o.dry_run = flags->dry_run;
    ImportResult r = add_record(*store, spec, options, l, o, ctx.stamp);
    if (o.dry_run) return say_written(r, "", true);
    for (const auto& c : r.corrections) std::cout << c << "\n";
    for (const auto& c : r.earlier) std::cout << c << "\n";
    std::cout.flush();
    for (const auto& w : r.warnings) std::cerr << format_diagnostic(w) << "\n";
    if (r.revision == 0 && !r.earlier.empty()) spdlog::info("the {} was stored so before: nothing added", spec.singular);
    else if (r.revision == 0) spdlog::info("the {} is stored exactly so already: nothing added", spec.singular);
    else if (!r.corrections.empty()) spdlog::info("corrected one {} (revision {})", spec.singular, r.revision);
    else if (std::any_of(r.files.begin(), r.files.end(), [](const FileReport& f) { return f.updated > 0; }))
      spdlog::info("updated one {} (revision {})", spec.singular, r.revision);
    else spdlog::info("added one {} (revision {})", spec.singular, r.revision);
  });
}

void setup_list(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("list", "list the stored records of one kind, in their interchange columns");
  auto kind = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("en");
  auto known_at = std::make_shared<std::string>();
  cmd->add_option("--known-at", *known_at, "the records as known at this revision, or at the end of this day");
  auto as_of = std::make_shared<std::string>();
  auto filter = std::make_shared<RecordFilter>();
  cmd->add_option("KIND", *kind, "bodies, groups, initiatives, meetings, decisions, changes, ledger, estimates, "
                                 "milestones, indicators, measurements, keys, settings")->required();
  cmd->add_option("--format", *format, "table, csv, csv-da, json, md, xlsx (needs --out), html");
  auto out = std::make_shared<std::string>();
  add_out_option(*cmd, *out);
  cmd->add_option("--lang", *lang, "en or da: headers, dates and amounts");
  cmd->add_option("--as-of", *as_of, "the records as of this date: after the dated changes up to it, and only what "
                                     "was dated by then");
  cmd->add_option("--group", filter->group, "only the initiatives whose steering group is this one or below it, "
                                            "and what is theirs");
  cmd->add_option("--body", filter->body, "only this body's initiatives and records");
  cmd->add_option("--initiative", filter->initiatives, "only this initiative's records (repeatable)");
  cmd->callback([&ctx, kind, format, lang, as_of, filter, known_at, out]() {
    const FileSpec& spec = kind_spec(*kind);
    Lang l = parse_lang(*lang);
    const auto fmt = table_format(*format, *out);
    const Date date = as_of->empty() ? ctx.today : option_date("--as-of", *as_of);
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    // The ledger is read only when it is listed: at a million entries it is most of the time of any other list.
    const auto ledger = spec.kind == RecordKind::ledger ? Store::Ledger::all : Store::Ledger::none;
    Dataset data = store->load(ledger, known_at_revision(*store, *known_at));
    // The filters name what exists, as a report's do; they choose initiatives by their state as of the date.
    reports::ReportSpec names;
    names.group = filter->group;
    names.body = filter->body;
    names.initiatives = filter->initiatives;
    reports::check_filters(data, names);
    data = filter_records(data, date, *filter);
    if (!as_of->empty()) data = records_as_of(data, date);
    reports::Table t;
    t.report = std::string(spec.file.substr(0, spec.file.size() - 4));
    t.as_of = date;
    for (const auto& c : spec.columns) t.columns.push_back({std::string(c.name), std::string(c.danish), list_type(c)});
    // Amounts and dates are read back from their English form; text stays as the language writes it.
    auto english = interchange_rows(spec, data, Lang::en);
    auto texts = interchange_rows(spec, data, l);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      reports::Row r;
      for (std::size_t c = 0; c < texts[i].size(); ++c) {
        const std::string& en = english[i][c];
        switch (en.empty() ? reports::CellType::text : t.columns[c].type) {
        case reports::CellType::money: r.push_back(parse_money(en, Lang::en)); break;
        case reports::CellType::date: r.push_back(parse_date(en)); break;
        case reports::CellType::number: r.push_back(parse_decimal(en, Lang::en)); break;
        default: r.push_back(texts[i][c].empty() ? reports::Cell{} : reports::Cell{std::move(texts[i][c])});
        }
      }
      t.add_row(std::move(r));
    }
    write_table(t, fmt, l, *out, ctx.now);
  });
}

}  // namespace klynge::cli

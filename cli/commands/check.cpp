// klynge check [--strict] [--as-of D]: integrity problems are errors; what needs a look are warnings.
#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/check.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_check(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("check", "validate the database: references, reversals, running totals, "
                                          "over-commitment, initiatives past their owner's end");
  auto strict = std::make_shared<bool>(false);
  auto rebuild = std::make_shared<bool>(false);
  auto known_at = std::make_shared<std::string>();
  cmd->add_option("--known-at", *known_at, "warn of the records as known at this revision, or at the end of this day");
  cmd->add_flag("--strict", *strict, "treat warnings as errors");
  auto as_of = std::make_shared<std::string>();
  cmd->add_flag("--rebuild-totals", *rebuild, "sum the ledger's running totals again from the ledger, then check");
  cmd->add_option("--as-of", *as_of, "the date the warnings are as of (default today): over-commitment, overspending, "
                                     "overdue milestones, initiatives past their owner");
  cmd->callback([&ctx, strict, rebuild, as_of, known_at]() {
    const Date date = as_of->empty() ? ctx.today : option_date("--as-of", *as_of);
    if (*rebuild) {
      Store::open(ctx.db, Store::Access::read_write)->rebuild_totals();
      spdlog::info("the running totals were summed again from the ledger");
    }
    std::vector<UnlistedWarnings> unlisted;
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    std::vector<Diagnostic> problems = check_store(*store, date, &unlisted, known_at_revision(*store, *known_at));
    std::size_t errors = 0, warnings = 0;
    for (auto& p : problems) {
      if (p.severity == Severity::warning && *strict) p.severity = Severity::error;
      (p.severity == Severity::error ? errors : warnings)++;
      std::cerr << format_diagnostic(p) << "\n";
    }
    for (const auto& u : unlisted) {
      Diagnostic more{Location{}, *strict ? Severity::error : Severity::warning,
                      std::to_string(u.count) + " more " + u.kind + " (not listed)"};
      (*strict ? errors : warnings) += u.count;
      std::cerr << format_diagnostic(more) << "\n";
    }
    if (!ctx.quiet)
      std::cout << "check: " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                << (warnings == 1 ? " warning\n" : " warnings\n");
    if (errors) throw Error(ExitCode::data, std::to_string(errors) + (errors == 1 ? " error" : " errors"));
  });
}

}  // namespace klynge::cli

// klynge check [--strict]: integrity problems are errors; what needs a look are warnings.
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
  cmd->add_flag("--strict", *strict, "treat warnings as errors");
  cmd->add_flag("--rebuild-totals", *rebuild, "sum the ledger's running totals again from the ledger, then check");
  cmd->callback([&ctx, strict, rebuild]() {
    if (*rebuild) {
      Store(ctx.db, Store::Access::read_write).rebuild_totals();
      spdlog::info("the running totals were summed again from the ledger");
    }
    Store store(ctx.db, Store::Access::read_only);
    std::vector<Diagnostic> problems;
    std::vector<UnlistedWarnings> unlisted;
    store.read_consistently([&]() {
      problems.clear();
      unlisted.clear();
      auto error = [&](const std::string& p) { problems.push_back({Location{}, Severity::error, p}); };
      for (auto& p : store.integrity_problems()) error(p);
      // A dropped trigger or index, or a trigger added behind klynge's back, lets the ledger be changed.
      for (auto& p : store.schema_problems()) error("schema: " + p);
      for (auto& p : store.reversal_problems()) error(p);
      const auto totals = store.totals_problems();
      for (auto& p : totals) error(p);
      // The figures come from the running totals when they agree with the ledger (a national ledger is not
      // read into memory); else from the entries, which are the truth.
      if (totals.empty()) {
        Dataset data = store.load(Store::Ledger::none);
        for (auto& p : check_records(data, ctx.today, *store.sums(), &unlisted)) problems.push_back(p);
      } else {
        Dataset data = store.load(Store::Ledger::figures);
        for (auto& p : check_records(data, ctx.today, EntrySums(data.ledger), &unlisted)) problems.push_back(p);
      }
    });
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
    if (!ctx.quiet) std::cout << "check: " << errors << " errors, " << warnings << " warnings\n";
    if (errors) throw Error(ExitCode::data, std::to_string(errors) + " errors");
  });
}

}  // namespace klynge::cli

// klynge import PATH [--dry-run]: all or nothing.
#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/import.hpp"

namespace klynge::cli {

void setup_import(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("import", "import a folder (or one file) of interchange CSV files");
  auto path = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  cmd->add_option("PATH", *path, "a folder of interchange files, or one file")->required();
  cmd->add_flag("--dry-run", *dry, "check and report, write nothing");
  cmd->callback([&ctx, path, dry]() {
    const auto store = Store::open(ctx.db, Store::Access::read_write);
    spdlog::debug("{}: schema version {}", ctx.db, store->schema_version());
    ImportResult r = import_path(*store, *path, *dry, ctx.today.iso());
    for (const auto& [kind, n] : r.counts) std::cout << kind << ": " << n << "\n";
    std::cout.flush();  // the counts before the closing message, also when both go to one pipe
    if (*dry) std::cout << "dry run: " << r.written << " records would be written; nothing was written\n";
    else spdlog::info("imported {}: {} new record{}", *path, r.written, r.written == 1 ? "" : "s");
  });
}

}  // namespace klynge::cli

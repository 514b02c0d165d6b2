// klynge import PATH [--dry-run] [--correct] [--strict]: all or nothing, one revision.
#include <iostream>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/import.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_import(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("import", "import a folder (or one file) of interchange CSV files");
  auto path = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  auto flags = std::make_shared<WriteFlags>();
  cmd->add_option("PATH", *path, "a folder of interchange files, or one file")->required();
  cmd->add_flag("--dry-run", *dry, "check and report, write nothing");
  add_write_flags(*cmd, *flags);
  cmd->callback([&ctx, path, dry, flags]() {
    const auto store = Store::open(ctx.db, Store::Access::read_write);
    spdlog::debug("{}: schema version {}", ctx.db, store->schema_version());
    WriteOptions o = write_options(ctx);
    o.dry_run = *dry;
    o.correct = flags->correct;
    o.strict = flags->strict;
    ImportResult r = import_path(*store, *path, o);
    // What each file held is news, not an answer: --quiet leaves it out (a dry run's count stays).
    if (!ctx.quiet)
      for (const auto& f : r.files) std::cout << file_line(f) << "\n";
    say_written(r, "imported " + *path, *dry);
  });
}

}  // namespace klynge::cli

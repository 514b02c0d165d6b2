// klynge init: create the database, or bring an older one up to date.
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/schema.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_init(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("init", "create the database (schema migrations applied in order)");
  cmd->callback([&ctx]() {
    if (Store::init(ctx.db))
      spdlog::info("created {} (schema version {})", ctx.db, program_schema_version());
    else
      spdlog::info("{} is already a klynge database at schema version {}; nothing changed", ctx.db,
                   program_schema_version());
  });
}

}  // namespace klynge::cli

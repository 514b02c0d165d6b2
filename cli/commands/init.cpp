// klynge init: create the database, or bring an older one up to date; on a server also the two roles.
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/error.hpp"
#include "klynge/schema.hpp"
#include "klynge/server.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_init(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("init", "create the database (schema migrations applied in order)");
  auto roles = std::make_shared<std::optional<std::string>>();
  cmd->add_option("--roles", *roles,
                  "on a server: the roles are PREFIX_read and PREFIX_write (a new database: klynge_read, klynge_write by "
                  "default; one made already keeps its own)");
  cmd->callback([&ctx, roles]() {
    bool created = false;
    if (names_server(ctx.db)) created = init_server(ctx.db, *roles);
    else if (*roles) throw UsageError("--roles: only for a database on a server (postgresql://…)");
    else created = Store::init(ctx.db);
    if (created)
      spdlog::info("created {} (schema version {})", ctx.db, program_schema_version());
    else
      spdlog::info("{} is already a klynge database at schema version {}; nothing changed", ctx.db,
                   program_schema_version());
  });
}

}  // namespace klynge::cli

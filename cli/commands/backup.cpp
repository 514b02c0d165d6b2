// klynge backup FILE / restore FILE: an online copy; putting one back keeps the replaced database beside it.
#include <filesystem>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_backup(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("backup", "an online copy of the database, safe while others use it");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "the copy to write (must not exist)")->required();
  cmd->callback([&ctx, file]() {
    std::error_code ec;
    if (std::filesystem::exists(*file, ec)) throw DataError("backup: " + *file + " exists; choose a new file name");
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    store->backup_to(*file);
    spdlog::info("backed up {} to {}", ctx.db, *file);
  });
}

void setup_restore(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("restore", "put a backup back (the replaced database is kept beside it)");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "a backup made by klynge backup")->required();
  cmd->callback([&ctx, file]() {
    probe_database(*file);  // refuses what is not a klynge database or is newer than this program
    std::string stamp = ctx.stamp;
    std::erase(stamp, '-');
    std::erase(stamp, ':');
    if (stamp.size() == 8) stamp += "T000000";
    std::error_code ec;
    std::string kept;
    if (std::filesystem::exists(ctx.db, ec)) {
      kept = ctx.db + ".before-restore-" + stamp;
      Store::open(ctx.db, Store::Access::read_write)->backup_to(kept);
    }
    copy_database(*file, ctx.db);
    Store::open(ctx.db, Store::Access::read_write);  // brings an older backup's schema up to date
    if (!kept.empty()) spdlog::info("restored {} from {}; the replaced database is kept as {}", ctx.db, *file, kept);
    else spdlog::info("restored {} from {}", ctx.db, *file);
  });
}

}  // namespace klynge::cli

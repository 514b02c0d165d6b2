// klynge backup FILE / restore FILE: an online copy; putting one back keeps the replaced database beside it.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/restore.hpp"
#include "klynge/server.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

/// Gives the file `from` the new name `to`, never replacing a file there: 0, or the reason (EEXIST when `to`
/// exists). A hard link where the file system has them; else a rename that refuses to replace (FAT and many
/// network shares have no hard links); else, where neither is to be had, a rename after a look.
int publish_new(const std::string& from, const std::string& to)
{
  if (::link(from.c_str(), to.c_str()) == 0 || errno == EEXIST) return errno == EEXIST ? EEXIST : 0;
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return errno;
  struct stat st{};
  if (::lstat(to.c_str(), &st) == 0) return EEXIST;
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

}  // namespace

void setup_backup(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("backup", "an online copy of the database, safe while others use it");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "the copy to write (must not exist)")->required();
  cmd->callback([&ctx, file]() {
    // A backup is a file (a klynge SQLite file, on either backend): a database is copied with `copy`.
    if (names_server(*file))
      throw UsageError("backup: FILE is the file to write the backup to, not a database address (to copy a database "
                       "into another, use klynge copy --from DB --to DB)");
    check_database_name(*file, "backup");
    std::error_code ec;
    // A folder that is not there is named as such, before the database is read.
    if (const auto folder = std::filesystem::path(*file).parent_path();
        !folder.empty() && !std::filesystem::is_directory(folder, ec))
      throw DatabaseError("cannot write the backup " + *file + ": there is no folder " + folder.string() +
                          "; nothing was written");
    // symlink_status: a symbolic link (even one pointing nowhere) is not followed to write somewhere else.
    if (std::filesystem::exists(std::filesystem::symlink_status(*file, ec)))
      throw DataError("backup: " + *file + " exists; choose a new file name");
    // The copy is made under a name of its own beside FILE (short: FILE's name may be as long as a name can be) and
    // takes FILE's name only when whole: a backup cut short (a full disk) leaves no FILE behind that looks like a
    // backup, and nothing under FILE's name is replaced.
    char tag[16];
    std::snprintf(tag, sizeof tag, "%08x", unsigned(std::random_device{}()));
    const std::string partial =
        (std::filesystem::path(*file).parent_path() / (std::string(".klynge-backup-") + tag)).string();
    struct Remove
    {
      const std::string& path;
      ~Remove() { remove_database_files(path); }
    } remove{partial};
    naming(partial, *file, [&]() { Store::open(ctx.db, Store::Access::read_only)->backup_to(partial); });
    if (const int err = publish_new(partial, *file)) {
      if (err == EEXIST) throw DataError("backup: " + *file + " exists; choose a new file name");
      throw DatabaseError("cannot write the backup " + *file + ": " + std::strerror(err) + "; nothing was written");
    }
    spdlog::info("backed up {} to {}", ctx.db, *file);
  });
}

void setup_restore(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("restore", "put a backup back (the replaced database is kept beside it)");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "a backup made by klynge backup")->required();
  cmd->callback([&ctx, file]() {
    if (names_server(*file))
      throw UsageError("restore: FILE is a backup file made by klynge backup, not a database address (to copy a "
                       "database into another, use klynge copy --from DB --to DB)");
    std::error_code ec;
    if (!std::filesystem::exists(*file, ec)) throw DatabaseError("restore: there is no backup file " + *file);
    // On a server a backup (a klynge SQLite file: PgStore::backup_to) is checked as any is, then copied whole into
    // the database, which must be new or empty: its ledger is append-only, so nothing there is replaced.
    if (names_server(ctx.db)) {
      const auto target = Store::open(ctx.db, Store::Access::read_write);  // a user who may only read: refused first
      restore_into_empty(*file, *target);
      spdlog::info("restored {} from {}", ctx.db, *file);
      return;
    }
    std::string stamp = ctx.stamp;
    std::erase(stamp, '-');
    std::erase(stamp, ':');
    if (stamp.size() == 8) stamp += "T000000";
    const std::string kept = restore_database(*file, ctx.db, stamp);
    if (!kept.empty()) spdlog::info("restored {} from {}; the replaced database is kept as {}", ctx.db, *file, kept);
    else spdlog::info("restored {} from {}", ctx.db, *file);
  });
}

}  // namespace klynge::cli

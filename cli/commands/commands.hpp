#pragma once
// One setup function per command: it registers the subcommand, its options and its callback.

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "klynge/money.hpp"

namespace klynge::cli {

void setup_init(CLI::App& app, const Context& ctx);
void setup_import(CLI::App& app, const Context& ctx);
void setup_export(CLI::App& app, const Context& ctx);
void setup_check(CLI::App& app, const Context& ctx);
void setup_add(CLI::App& app, const Context& ctx);
void setup_list(CLI::App& app, const Context& ctx);
void setup_report(CLI::App& app, const Context& ctx);
void setup_pack(CLI::App& app, const Context& ctx);
void setup_backup(CLI::App& app, const Context& ctx);
void setup_restore(CLI::App& app, const Context& ctx);
void setup_verify(CLI::App& app, const Context& ctx);

/// Parses `--lang en|da`. @throws UsageError.
Lang parse_lang(const std::string& value);

/// Writes text to a file atomically: a temporary file beside it, then a rename.
/// Refuses a target that is not a regular file (a folder, a symbolic link, a device, a pipe).
/// @throws DataError (`cannot write PATH: REASON`) when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace klynge::cli

#pragma once
// One setup function per command: it registers the subcommand, its options and its callback.

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "klynge/import.hpp"
#include "klynge/money.hpp"
#include "klynge/reports/render.hpp"

namespace klynge {
class Store;
}

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
void setup_history(CLI::App& app, const Context& ctx);
void setup_reverse(CLI::App& app, const Context& ctx);
void setup_undo(CLI::App& app, const Context& ctx);

/// The revision a write records: when (UTC), who, the command; and the day its warnings are checked as of.
WriteOptions write_options(const Context& ctx);
/// --correct and --strict, on the commands that write.
struct WriteFlags
{
  bool correct = false, strict = false, dry_run = false;
};
void add_write_flags(CLI::App& cmd, WriteFlags& flags);
/// `ledger.csv: 48 rows, 47 known (revision 12, 2025-06-02), 1 new`.
std::string file_line(const FileReport& f);
/// Says what a write did: its corrections (stdout), the warnings it caused (stderr), and the revision.
void say_written(const ImportResult& r, const std::string& what, bool dry_run);
/// `--known-at R|D` as a revision number (nothing for an empty value). @throws UsageError when malformed (exit 2),
/// DataError for a revision that does not exist (exit 1).
std::optional<std::int64_t> known_at_revision(const Store& store, const std::string& value,
                                              const std::string& option = "--known-at");
void setup_verify(CLI::App& app, const Context& ctx);
void setup_copy(CLI::App& app, const Context& ctx);

/// The format `--format` names; without one, what `--out FILE.EXT` is named for (.xlsx, .html, .json, .md, .csv),
/// else a table on a terminal and csv otherwise. @throws UsageError (exit 2) for an unknown format, or a file named
/// for another format than the one asked for (a workbook in `funds.csv` would open wrongly or not at all).
reports::Format format_for(const std::string& format, const std::string& out);

/// Parses `--lang en|da`. @throws UsageError.
Lang parse_lang(const std::string& value);

/// `--out FILE` of a command that writes a table: stdout without one, or with `-` (as other tools read it).
CLI::Option* add_out_option(CLI::App& cmd, std::string& out);
/// The format of a table written to `out` (format_for), refusing a workbook to stdout. @throws UsageError.
reports::Format table_format(const std::string& format, const std::string& out);
/// Writes a table to `out` (atomically), or to stdout (no `--out`, or `-`).
void write_table(const reports::Table& t, reports::Format format, Lang lang, const std::string& out, std::int64_t now);

/// Runs `f`; the messages of an error it throws name `shown` where they named `actual` (a file or folder written
/// under a name of its own until it is whole).
void naming(const std::string& actual, const std::string& shown, const std::function<void()>& f);

/// Writes text to a file atomically: a temporary file beside it, then a rename.
/// Refuses a target that is not a regular file (a folder, a symbolic link, a device, a pipe).
/// @throws DataError (`cannot write PATH: REASON`) when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace klynge::cli

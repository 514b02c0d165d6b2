#pragma once
/// @file import.hpp
/// @brief Import (a folder or one file) and `add` (one record from options): read, check everything,
/// then write everything in one transaction — or nothing.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "klynge/interchange.hpp"
#include "klynge/store.hpp"

namespace klynge {

/// Decides what an import writes of the records other than ledger entries (those stream through
/// LedgerStream): records identical to stored ones are known (nothing to write), new ones are inserted, and
/// differing ones are updates (a milestone's done date, a setting), corrections (with `correct`) or problems
/// naming `--correct`; one identical to an earlier version of its record (`earlier`: Store::earlier_versions) is
/// known, the stored version kept. References must resolve. Problems go to `problems`.
ImportPlan plan_import(const Dataset& existing, const Dataset& earlier, Dataset incoming,
                       std::vector<Diagnostic>& problems, bool correct = false);
/// The rules a plain file's records are held to, for records sent retired (`retired-FILE.csv`): references to
/// `known` records (in force or retired) or to each other, no body succeeding itself, nothing ending before it
/// starts, no cycle of groups' parents.
void check_retired_records(const Dataset& known, const Dataset& retired, std::vector<Diagnostic>& problems);

/// Who writes, and how (design §14): what the revision records, and how differences and warnings are treated.
struct WriteOptions
{
  std::string recorded_at = "1970-01-01T00:00:00Z";  ///< UTC, to the second
  std::string user, command;
  bool correct = false;  ///< differing records are corrections, not errors
  bool strict = false;   ///< the warnings a write causes are errors
  bool dry_run = false;  ///< check and report; write nothing
  /// When set: the `check` warnings the write causes, as of this day, are reported (and with `strict` refused).
  std::optional<Date> warn_as_of;
};

/// What one file of an import held.
struct FileReport
{
  std::string label{}, sha256{};
  RecordKind kind = RecordKind::bodies;
  std::size_t rows = 0, known = 0, added = 0, corrected = 0, updated = 0;
  std::int64_t known_revision = 0;  ///< the last revision that wrote a known row
  std::string known_recorded_at{};  ///< when that revision was recorded (UTC, as Revision::recorded_at)
  bool retired = false;             ///< a `retired-FILE.csv`: records stored retired, for the ledger alone
};

struct ImportResult
{
  std::vector<FileReport> files;
  std::size_t written = 0;     ///< records and entries new to the database (new versions included)
  std::int64_t revision = 0;   ///< the revision written; 0 when nothing changed (or a dry run)
  std::vector<std::string> corrections;  ///< `file:line: corrected …`, one per field
  std::vector<std::string> earlier;      ///< `file:line: … as here was superseded in revision N: kept as stored …`
  std::vector<Diagnostic> warnings;      ///< what the write caused that `check` warns of, and other notices
  std::string reentered;                 ///< `reverse` of a reversal: the id its original is entered again as
};

/// Imports a folder of interchange files, or one file, as one revision.
/// @throws DataError with every problem found (nothing is written then).
ImportResult import_path(Store& store, const std::string& path, const WriteOptions& options);

/// Imports files given as (name, content) pairs, as import_path does a folder (for tests and fuzzing).
ImportResult import_texts(Store& store, const std::vector<std::pair<std::string, std::string>>& files,
                          const WriteOptions& options = {});

/// Adds one record given as options (canonical or Danish column names, without the dashes), as one revision.
/// `stamp` records when; ledger entries without an id get one derived from it.
/// @throws DataError naming the option.
ImportResult add_record(Store& store, const FileSpec& spec,
                        const std::vector<std::pair<std::string, std::string>>& options, Lang lang,
                        const WriteOptions& options_, const std::string& stamp);

/// Writes records (and ledger entries) made by a command — `add`, `reverse` — as one revision, as an import
/// would: identical ones are known, differing ones need `correct`. `inside`, when given, makes or checks the
/// records inside the write transaction, before anything is written (what it reads cannot change until the commit).
ImportResult write_records(Store& store, Dataset incoming, const WriteOptions& options,
                           const std::function<void(Dataset&)>& inside = {});

/// What a write wrote to the ledger, for the warnings it caused: the latest date of its entries, the dates of
/// those that take from a pool's free money (lowers_free), and whether the ledger held no entry before it.
struct WrittenEntries
{
  std::optional<Date> latest;
  std::set<Date> lowering_dates;
  bool ledger_was_empty = false;
  std::set<std::string> pools_lowered;  ///< the bodies whose pools those entries take from
  std::set<std::string> initiatives;    ///< the initiatives of the entries written
  std::set<Date> initiative_dates;      ///< the dates of those entries
};

/// The warnings a write caused (design §14), read inside its transaction: those of `check` as of today that were
/// not in `before` (or, of a figure below zero, deeper now), and the pools its entries over-commit on a date after
/// today — as of each date ahead on which it takes from a pool (the earliest 31 of them), as of its latest date,
/// and as of the days ahead of stored entries on the pools it takes from (the earliest 31 and the last); and the
/// initiatives of its entries that it leaves overspent as of the first and the last of their dates after today.
/// With `strict` they are errors (thrown: nothing is written); beyond 100, counted. `revision` is the write's.
std::vector<Diagnostic> caused_warnings(const Store& store, const WriteOptions& opt, const std::vector<Diagnostic>& before,
                                        std::int64_t revision, const WrittenEntries& written);

/// A warning when the revision about to be recorded at `recorded_at` is stamped more than an hour before one
/// already recorded: one of the two clocks is wrong (minutes are a long import started before another committed).
std::optional<Diagnostic> clock_behind(const Store& store, const std::string& recorded_at);

/// The hex SHA-256 of a file's bytes (streamed).
std::string sha256_file(const std::string& path);
std::string sha256_text(std::string_view text);

}  // namespace klynge

#pragma once
/// @file import.hpp
/// @brief Import (a folder or one file) and `add` (one record from options): read, check everything,
/// then write everything in one transaction — or nothing.

#include <map>
#include <string>
#include <vector>

#include "klynge/interchange.hpp"
#include "klynge/store.hpp"

namespace klynge {

/// Decides what an import writes of the records other than ledger entries (those stream through
/// LedgerStream): refuses duplicates and dangling references, drops records identical to stored ones.
/// Problems go to `problems`.
ImportPlan plan_import(const Dataset& existing, Dataset incoming, std::vector<Diagnostic>& problems);

struct ImportResult
{
  std::vector<std::pair<std::string, std::size_t>> counts;  ///< file kind -> records read
  std::size_t written = 0;                                   ///< records new to the database
};

/// Imports a folder of interchange files, or one file. `today` (ISO) is recorded with the files.
/// @throws DataError with every problem found (nothing is written then).
ImportResult import_path(Store& store, const std::string& path, bool dry_run, const std::string& today);

/// Imports files given as (name, content) pairs, as import_path does a folder (for tests and fuzzing).
ImportResult import_texts(Store& store, const std::vector<std::pair<std::string, std::string>>& files, bool dry_run,
                          const std::string& today);

/// Adds one record given as options (canonical or Danish column names, without the dashes).
/// `stamp` records when; ledger entries without an id get one derived from it.
/// @throws DataError naming the option.
void add_record(Store& store, const FileSpec& spec, const std::vector<std::pair<std::string, std::string>>& options,
                Lang lang, const std::string& today, const std::string& stamp);

/// The hex SHA-256 of a file's bytes (streamed).
std::string sha256_file(const std::string& path);
std::string sha256_text(std::string_view text);

}  // namespace klynge

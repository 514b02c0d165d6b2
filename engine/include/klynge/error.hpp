#pragma once
/// @file error.hpp
/// @brief The engine's exceptions. The CLI turns them into messages and exit codes in one place.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace klynge {

/// Exit codes of the command line (design §10).
enum class ExitCode : int { ok = 0, data = 1, usage = 2, database = 3 };

/// Where a problem is: a place in a file (line and 1-based field number), a command-line option, or nowhere.
struct Location
{
  std::string file;        ///< file name as the user gave it; empty when the problem is not in a file
  std::int64_t line = 0;   ///< 1-based; 0 when unknown
  std::int64_t column = 0; ///< 1-based field number; 0 when the whole line (or file) is meant
  std::string option;      ///< a command-line option such as "--amount", when the value came from `add`

  static Location in_file(std::string f, std::int64_t l = 0, std::int64_t c = 0) { return {std::move(f), l, c, {}}; }
  static Location of_option(std::string o) { return {{}, 0, 0, std::move(o)}; }
};

enum class Severity { error, warning };

/// One problem found in the data, with its place. Rendered compiler-style by format_diagnostic().
struct Diagnostic
{
  Location where;
  Severity severity = Severity::error;
  std::string message;
  /// Of a warning about a money figure below zero (an over-committed pool, an overspent initiative): what it is
  /// about and the figure in øre, so that a write is said to cause it only when it is new or deeper.
  std::string subject = {};
  std::optional<std::int64_t> below_zero_ore = {};
};

/// `file:line:column: error: message`, `--option: error`-less forms, or `klynge: error: message`.
std::string format_diagnostic(const Diagnostic& d);

/// A malformed value (an amount, a date, an enum word), without its place; callers add the place.
class ValueError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

/// Base of the errors the CLI reports: each carries its exit code.
class Error : public std::runtime_error
{
public:
  Error(ExitCode code, const std::string& what) : std::runtime_error(what), code_(code) {}
  ExitCode code() const noexcept { return code_; }

private:
  ExitCode code_;
};

/// The data is wrong or names something that does not exist (exit 1). Holds every problem found.
class DataError : public Error
{
public:
  explicit DataError(std::vector<Diagnostic> problems);
  explicit DataError(const std::string& message); ///< one problem with no place
  const std::vector<Diagnostic>& problems() const noexcept { return problems_; }

private:
  std::vector<Diagnostic> problems_;
};

/// The command line is wrong (exit 2).
class UsageError : public Error
{
public:
  explicit UsageError(const std::string& what) : Error(ExitCode::usage, what) {}
};

/// The database cannot be opened, is not a klynge database, or is newer than the program (exit 3).
class DatabaseError : public Error
{
public:
  explicit DatabaseError(const std::string& what) : Error(ExitCode::database, what) {}
};

/// The disk or the file system refused a database file (full, a file-size limit, no such folder): exit 3, as any
/// DatabaseError; told apart where it matters whose fault it is (restore: the disk's, not the backup's).
class StorageError : public DatabaseError
{
public:
  using DatabaseError::DatabaseError;
};

/// The database stayed busy past the timeout (exit 1).
class BusyError : public Error
{
public:
  explicit BusyError(const std::string& what) : Error(ExitCode::data, what) {}
};

}  // namespace klynge

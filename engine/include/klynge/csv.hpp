#pragma once
/// @file csv.hpp
/// @brief A streaming RFC 4180 reader: `,` or `;` (detected from the header), optional BOM, CRLF or LF,
/// quoted fields with newlines. Rows carry the line they start on; fields their 1-based number.

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "klynge/error.hpp"

namespace klynge {

struct CsvRow
{
  std::int64_t line = 0;            ///< the physical line the row starts on
  std::vector<std::string> fields;
  std::uint64_t quoted = 0;         ///< bit i: field i (of the first 64) was in quotes
  bool was_quoted(std::size_t i) const { return i < 64 && (quoted >> i & 1) != 0; }
};

/// Reads one CSV file. Structural problems (unclosed quote, invalid UTF-8, a NUL byte, a field over 64 KiB,
/// a line over 1 MiB, more than 1024 fields on a line) throw DataError naming file:line:column; the file is refused
/// at its first bad line. So a row never holds more than 1 MiB of text in 1024 fields, whatever the input.
/// Why a value given on the command line is refused that a file's field could not hold.
inline constexpr const char* field_too_long =
    "longer than 64 KiB, more than a field of a file may hold (an export of it could not be read back)";

class CsvReader
{
public:
  static constexpr std::size_t max_field_bytes = 64 * 1024;
  static constexpr std::size_t max_line_bytes = 1024 * 1024;
  /// No file has a tenth as many columns: a line of more fields is refused at the next one instead of being held
  /// (a 1 MiB line of empty fields would be a million strings).
  static constexpr std::size_t max_fields = 1024;

  CsvReader(std::istream& in, std::string file_name);

  /// The header row (read on construction). Empty fields when the file is empty.
  const CsvRow& header() const { return header_; }
  char delimiter() const { return delim_; }
  /// The next data row, or nothing at the end. Blank lines are skipped.
  std::optional<CsvRow> next();

private:
  std::optional<CsvRow> read_row(std::istream& in, bool header);
  [[noreturn]] void fail(std::int64_t line, std::int64_t column, const std::string& message) const;
  int get(std::istream& in);

  std::istream& in_;
  std::string file_;
  char delim_ = ',';
  CsvRow header_;
  std::int64_t line_ = 1;        ///< current physical line
  std::size_t line_bytes_ = 0;   ///< bytes read on the current line: a quoted field's line breaks do not end it
  std::int64_t record_line_ = 1; ///< where the current record (the line being read) starts
};

/// Whether the bytes are valid UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);
/// Whether `s` holds U+001F, the unit separator: a ledger entry's content id and chain hash join its fields with
/// it (§14), so a value holding it could move text across a field boundary and hash the same. Other control
/// characters are data (tables show them as '?').
bool holds_unit_separator(std::string_view s);
/// What a value holding it is told.
inline constexpr const char* unit_separator_refused =
    "U+001F (the unit separator) in the value: klynge separates the fields of a ledger entry with it";

/// Why a value given on the command line as a field cannot be one (so that an export of it can be read back):
/// invalid UTF-8, U+001F, longer than a field may be. Empty when it can.
std::optional<std::string> field_value_problem(std::string_view value);

/// Quotes a field for CSV output when it holds the delimiter, a quote, CR or LF.
std::string csv_quote(std::string_view field, char delimiter);

}  // namespace klynge

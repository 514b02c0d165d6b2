#pragma once
/// @file interchange.hpp
/// @brief The interchange files of design §9: their names, columns (English and Danish), and the
/// reading of rows into records. Import (CSV rows) and `add` (options) share parse_record().

#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "klynge/model.hpp"

namespace klynge {

/// The kinds of record, in the order an import reads them (references point backwards).
enum class RecordKind { bodies, groups, initiatives, meetings, decisions, changes, ledger, estimates, milestones, settings };

struct ColumnSpec
{
  std::string_view name;    ///< canonical English name
  std::string_view danish;  ///< Danish name
  bool required = false;
};

struct FileSpec
{
  RecordKind kind;
  std::string_view file;    ///< bodies.csv …
  std::string_view singular;///< body, group, initiative, meeting, decision, change, entry, estimate, milestone, setting
  std::vector<ColumnSpec> columns;
};

/// Every interchange file, in import order.
const std::vector<FileSpec>& file_specs();
const FileSpec& spec_for(RecordKind kind);
/// By file name (`ledger.csv`); nothing when the name is not an interchange file.
const FileSpec* spec_for_file(std::string_view file_name);
/// By what a user types after `add`/`list`: `body`, `bodies`, `ledger`, `entry` …
const FileSpec* spec_for_word(std::string_view word);

/// One row's values by canonical column name, with the form its amounts are in.
struct RowValues
{
  std::map<std::string, std::string> values;  ///< canonical column -> text (absent or empty: not given)
  Lang amount_lang = Lang::da;
  Source src;
};

/// Turns one row into a record appended to `out`. Problems go to `problems`; the record is added only when
/// its own fields are good. `ledger_id` is the id to give a ledger row that names none.
void parse_record(const FileSpec& spec, const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
                  const std::string& ledger_id = {});

/// Reads a whole interchange file. Problems (up to `max_problems` in all) go to `problems`.
/// @param sha256 the hex SHA-256 of the file's bytes, for the ids of ledger rows that name none.
/// @param on_entry when given, each good ledger row is handed to it as it is read instead of kept in `out`,
///        so that a file of any size streams.
/// @return the number of records read.
std::size_t read_interchange(std::istream& in, const std::string& file_label, const FileSpec& spec,
                             const std::string& sha256, Dataset& out, std::vector<Diagnostic>& problems,
                             const std::function<void(LedgerEntry&)>& on_entry = {});

/// The id a ledger row without one gets: stem, first 8 hex digits of the file's SHA-256, line.
std::string generated_ledger_id(std::string_view file_name, std::string_view sha256, std::int64_t line);

/// The records of one kind as interchange cells, in the file's column order (dates and amounts in the
/// language's form; everything else verbatim).
std::vector<std::vector<std::string>> interchange_rows(const FileSpec& spec, const Dataset& data, Lang lang);

/// Writes records of one kind as an interchange file (English: `,`, LF; Danish: `;`, BOM, CRLF,
/// Danish headers, amounts and dates). Values are written verbatim: export is data, not a report.
void write_interchange(std::ostream& out, const FileSpec& spec, const Dataset& data, Lang lang);

/// Whether an id is a well-formed slug: `[a-z0-9][a-z0-9_-]*`.
bool valid_id(std::string_view id);

}  // namespace klynge

#pragma once
/// @file interchange.hpp
/// @brief The record kinds of design §9: their files, columns (English, Danish, and where the database keeps
/// them), and what can be done with any record generically — read from a row, written out as cells, stored and
/// loaded, compared. Each kind is described once (record_kinds.cpp); everything here follows from that.

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "klynge/model.hpp"

namespace klynge {

/// The kinds of record, in the order an import reads them (references point backwards).
enum class RecordKind
{
  bodies, groups, initiatives, meetings, decisions, changes, ledger, estimates, milestones, indicators, measurements, keys,
  settings
};

/// A set of record kinds: those a reader needs (a store's load() leaves the others empty).
class RecordKinds
{
public:
  constexpr RecordKinds() = default;
  constexpr RecordKinds(std::initializer_list<RecordKind> kinds)
  {
    for (RecordKind k : kinds) bits_ |= bit(k);
  }
  static constexpr RecordKinds all() { return RecordKinds(~std::uint32_t{0}); }
  constexpr bool has(RecordKind k) const { return (bits_ & bit(k)) != 0; }
  constexpr RecordKinds operator|(RecordKinds other) const { return RecordKinds(bits_ | other.bits_); }
  constexpr bool operator==(const RecordKinds&) const = default;

private:
  explicit constexpr RecordKinds(std::uint32_t bits) : bits_(bits) {}
  static constexpr std::uint32_t bit(RecordKind k) { return std::uint32_t{1} << static_cast<unsigned>(k); }
  std::uint32_t bits_ = 0;
};

/// What a column holds, as far as showing it is concerned.
enum class ValueType { text, date, money, number };

struct ColumnSpec
{
  std::string_view name;    ///< canonical English name
  std::string_view danish;  ///< Danish name
  bool required = false;
  std::string_view stored;  ///< the database column; empty when the value is not kept
  bool figures = true;      ///< read when only the figures are wanted (false: texts nobody computes with)
  bool identity = false;    ///< one of the columns a record is known by
  ValueType value = ValueType::text;
};

/// A value as the database keeps it: NULL, text (borrowed or owned) or a whole number (øre).
using DbValue = std::variant<std::monostate, std::string_view, std::string, std::int64_t>;
/// The text of a DbValue (empty for NULL). @throws std::bad_variant_access for a number.
std::string_view db_text(const DbValue& v);

/// One row's values by canonical column name, with the form its amounts are in.
struct RowValues
{
  std::map<std::string, std::string> values;  ///< canonical column -> text (absent or empty: not given)
  Lang amount_lang = Lang::da;
  Source src;
};

/// What can be done with the records of one kind without knowing their type (record_kinds.cpp implements it
/// from the kind's fields).
class RecordOps
{
public:
  virtual ~RecordOps() = default;
  /// Turns one row into a record appended to `out` when its fields are good; problems go to `problems`.
  virtual void parse(const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
                     const std::string& generated_id) const = 0;
  virtual std::size_t count(const Dataset& data) const = 0;
  /// Makes room for n more records of the kind in `data`.
  virtual void reserve(Dataset& data, std::size_t n) const = 0;
  /// Record i as interchange cells, in the file's column order (dates and amounts in the language's form).
  virtual std::vector<std::string> cells(const Dataset& data, std::size_t i, Lang lang) const = 0;
  /// Record i as the database keeps it, one value per stored column (FileSpec::stored), borrowing its texts.
  virtual void to_db(const Dataset& data, std::size_t i, std::vector<DbValue>& out) const = 0;
  /// Appends a record made of stored values (one per stored column, in that order).
  virtual void from_db(Dataset& data, const std::vector<DbValue>& values) const = 0;

  // Knowledge time: what a record is known by, how two versions differ, which revision wrote it.
  /// The values of record i's identity columns, as one text (canonical English form, joined with U+001F).
  virtual std::string identity(const Dataset& data, std::size_t i) const = 0;
  /// A field whose value differs between two versions of a record: its column, both values as text (canonical),
  /// and both as the sent record's own file or options write them (`18.500,00`, `31-07-2025` in a Danish file).
  struct Difference
  {
    std::string column, before, after;
    std::string before_as_sent, after_as_sent;
  };
  /// The fields other than the identity (and where the record came from) in which record j of `sent` differs
  /// from record i of `stored`, in column order.
  virtual std::vector<Difference> differences(const Dataset& stored, std::size_t i, const Dataset& sent,
                                              std::size_t j) const = 0;
  /// Fills the fields record j of `sent` was not given (an absent column) from record i of `stored`.
  virtual void complete(const Dataset& stored, std::size_t i, Dataset& sent, std::size_t j) const = 0;
  virtual const Source& source(const Dataset& data, std::size_t i) const = 0;
  /// Marks the last record of the kind in `data` as written by `revision` (the store, when it loads).
  virtual void stamp(Dataset& data, std::int64_t revision) const = 0;
  /// Appends record i of `from` to `to`, moving it.
  virtual void move_to(Dataset& from, std::size_t i, Dataset& to) const = 0;
};

struct FileSpec
{
  RecordKind kind;
  std::string_view file;      ///< bodies.csv …
  std::string_view singular;  ///< body, group, initiative, meeting, decision, change, entry, estimate, milestone, setting
  std::string_view table;     ///< the database table
  std::vector<ColumnSpec> columns;  ///< the interchange columns, in file order
  std::vector<ColumnSpec> stored;   ///< the columns the database keeps, in the order of RecordOps::to_db
  std::vector<std::string_view> identity;  ///< the columns a record is known by
  /// How stored records are read back: by the order they were written, or by their identity (settings).
  enum class Order { written, identity } order = Order::written;
  /// A record whose identity is stored already replaces it (settings) rather than being refused.
  bool replaces = false;
  const RecordOps* ops = nullptr;
  /// The column whose header (English or Danish) tells the form of the file's amounts and numbers.
  std::string_view lang_column = "amount";
};

/// Every interchange file, in import order.
const std::vector<FileSpec>& file_specs();
const FileSpec& spec_for(RecordKind kind);
/// By database table (`bodies`). @throws std::logic_error for a table no kind is kept in.
const FileSpec& spec_for_table(std::string_view table);
/// By file name (`ledger.csv`); nothing when the name is not an interchange file.
const FileSpec* spec_for_file(std::string_view file_name);
/// For a file name that is not an interchange file's but almost is — one differing only in case (`Ledger.csv`,
/// `LEDGER.CSV`), by an extra suffix (`ledger.csv.txt`), or by a copy's mark (`ledger (1).csv`, `ledger-2.csv`,
/// `ledger copy.csv`) — what is wrong with it, naming the listed name (design §9: a sheet saved wrongly is an
/// error, not a note to skip); empty otherwise.
std::string almost_interchange_name(std::string_view file_name);
/// By what a user types after `add`/`list`: `body`, `bodies`, `ledger`, `entry` …
const FileSpec* spec_for_word(std::string_view word);

/// The column named `name` in English or Danish; nullptr when the kind has none.
const ColumnSpec* find_column(const FileSpec& spec, std::string_view name);
/// The English column names joined with ", ", each after `prefix` (`--` for options).
std::string column_names(const FileSpec& spec, std::string_view prefix = {});

/// Turns one row into a record appended to `out`. Problems go to `problems`; the record is added only when
/// its own fields are good. `ledger_id` is the id to give a ledger row that names none.
void parse_record(const FileSpec& spec, const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
                  const std::string& ledger_id = {});

/// Reads a whole interchange file. Problems (up to `max_problems` in all) go to `problems`.
/// @param on_entry when given, each good ledger row is handed to it as it is read instead of kept in `out`,
///        so that a file of any size streams.
/// @return the number of records read.
std::size_t read_interchange(std::istream& in, const std::string& file_label, const FileSpec& spec, Dataset& out,
                             std::vector<Diagnostic>& problems,
                             const std::function<void(LedgerEntry&)>& on_entry = {});

/// The records of one kind as interchange cells, in the file's column order (dates and amounts in the
/// language's form; everything else verbatim).
std::vector<std::vector<std::string>> interchange_rows(const FileSpec& spec, const Dataset& data, Lang lang);

/// Writes records of one kind as an interchange file (English: `,`, LF; Danish: `;`, BOM, CRLF,
/// Danish headers, amounts and dates). Values are written verbatim: export is data, not a report.
void write_interchange(std::ostream& out, const FileSpec& spec, const Dataset& data, Lang lang);

/// Whether an id is a well-formed slug: `[a-z0-9æøå][a-z0-9æøå_-]*` (design §9).
bool valid_id(std::string_view id);
/// The rule, as messages say it.
inline constexpr std::string_view id_rule =
    "lower-case letters a-z, æ, ø, å, digits, '_' and '-', starting with a letter or digit";

}  // namespace klynge

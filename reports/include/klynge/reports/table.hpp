#pragma once
/// @file table.hpp
/// @brief The one shape every report has: typed columns, rows of typed cells, total rows.
/// Renderers format tables and nothing else; totals are computed in one place (add_total).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "klynge/date.hpp"
#include "klynge/decimal.hpp"
#include "klynge/money.hpp"
#include "klynge/settings.hpp"

namespace klynge::reports {

enum class CellType
{
  text,     ///< free text (names); neutralised in spreadsheet formats
  word,     ///< an enumeration word with a Danish label (status, rag)
  money,    ///< summed in totals
  date,
  count,    ///< a whole number that is summed in totals (open milestones)
  integer,  ///< a whole number that is not summed (days)
  percent,  ///< two decimals, recomputed in totals from two money columns; empty when undefined
  flag,     ///< true/false, ja/nej
  list,     ///< items joined with "; " (JSON: an array)
  number,   ///< a measured figure with its own decimals (an indicator's value); not summed
};

/// Text in English and Danish: an enumeration word with its Danish label, or a sentence such as a RAG reason.
struct Word
{
  std::string english, danish;
};
/// A word that reads the same in both languages (an id).
inline Word same(std::string text) { return Word{text, std::move(text)}; }
/// A percentage with two decimals, in hundredths (6.86 % -> 686).
struct Percent
{
  Hundredths value = 0;
};

/// A list (reasons, decisions): each item with its Danish text, joined with "; " (JSON: an array).
using Items = std::vector<Word>;

using Cell = std::variant<std::monostate, std::string, Word, Money, Date, std::int64_t, Percent, bool, Items, Decimal>;

struct Column
{
  std::string key;     ///< machine header (English snake_case)
  std::string danish;  ///< csv-da header
  CellType type = CellType::text;
  /// For a percent column: the columns whose sums give it in a total row (numerator ÷ denominator × 100).
  int percent_of_numerator = -1, percent_of_denominator = -1;
};

using Row = std::vector<Cell>;

struct Table
{
  std::string report;
  Date as_of;
  std::string key;  ///< sharing: the cost-sharing key split by (shown beside the title)
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::vector<bool> total;  ///< per row: whether it is a total row

  int column(const std::string& key) const;
  void add_row(Row row);
  /// In a total row, the column of its label (its first cell reading TOTAL, which Danish formats show as
  /// "I alt"); -1 in any other row, so that a name that happens to read TOTAL is shown as it is.
  int total_label(std::size_t row) const;
};

/// Appends a total row over rows [first, end): money and counts summed, percentages recomputed from the
/// summed figures, everything else empty but the cells given in `keep` (column index, cell).
void add_total(Table& t, std::size_t first, const std::vector<std::pair<int, Cell>>& keep);

/// numerator ÷ denominator × 100, two decimals, half away from zero; nothing when the denominator is zero.
std::optional<Percent> percent_of(Money numerator, Money denominator);

}  // namespace klynge::reports

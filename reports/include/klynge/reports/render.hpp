#pragma once
/// @file render.hpp
/// @brief Renderers: a table in, text out. `table` (aligned, for terminals), `csv` (machines), `csv-da`
/// (Danish Excel), `json`, `md`; `xlsx` and `html` (workbook.hpp) are written whole, to a file.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "klynge/reports/table.hpp"

namespace klynge::reports {

enum class Format { table, csv, csv_da, json, md, xlsx, html };

/// The format named by the user. @throws UsageError for an unknown name.
Format parse_format(std::string_view name);
const std::vector<std::string>& format_names();

/// Renders a table. `created` (seconds since 1970, UTC) is the creation time an xlsx workbook records.
void render(std::ostream& out, const Table& t, Format format, Lang lang, std::int64_t created = 0);

/// A cell as a format writes it (a total row's first cell reads `I alt` where the format is Danish), not neutralised.
std::string cell_display(const Table& t, std::size_t row, std::size_t column, Format format, Lang lang);
/// A column's header as a format writes it.
std::string header_display(const Column& column, Format format, Lang lang);

/// Neutralises a text cell for a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` before it.
std::string neutralise(const std::string& text);

/// Display width of UTF-8 text in a terminal, in cells: combining marks count 0, East Asian wide characters and
/// emoji 2, other characters 1 (never bytes).
std::size_t display_width(std::string_view text);
/// The terminal cells of one code point (0, 1 or 2).
std::size_t cell_width(std::uint32_t code_point);
/// Text safe to print on a terminal: line breaks and tabs become spaces; other control characters (C0, DEL, C1)
/// and the bidirectional overrides (which could reorder or hide what is shown) become '?'.
std::string terminal_safe(const std::string& text);

}  // namespace klynge::reports

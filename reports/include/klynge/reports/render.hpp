#pragma once
/// @file render.hpp
/// @brief Renderers: a table in, text out. `table` (aligned, for terminals), `csv` (machines), `csv-da`
/// (Danish Excel), `json`, `md`.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "klynge/reports/table.hpp"

namespace klynge::reports {

enum class Format { table, csv, csv_da, json, md };

/// The format named by the user. @throws UsageError for an unknown name.
Format parse_format(std::string_view name);
const std::vector<std::string>& format_names();

void render(std::ostream& out, const Table& t, Format format, Lang lang);

/// Neutralises a text cell for a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` before it.
std::string neutralise(const std::string& text);

/// Display width of UTF-8 text in a terminal, in cells: combining marks count 0, East Asian wide characters and
/// emoji 2, other characters 1 (never bytes).
std::size_t display_width(std::string_view text);
/// The terminal cells of one code point (0, 1 or 2).
std::size_t cell_width(std::uint32_t code_point);

}  // namespace klynge::reports

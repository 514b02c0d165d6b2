// Fuzzes the CSV reader: any bytes either read as rows of valid UTF-8 fields or give a DataError with a place.
#include <cstdint>
#include <sstream>
#include <string>

#include "klynge/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    klynge::CsvReader reader(in, "fuzz.csv");
    std::int64_t last_line = reader.header().line;
    while (auto row = reader.next()) {
      // Lines only move forward, and every field is valid UTF-8 within the field limit.
      if (row->line <= last_line && row->line != 1) __builtin_trap();
      last_line = row->line;
      for (const auto& f : row->fields)
        if (!klynge::valid_utf8(f) || f.size() > klynge::CsvReader::max_field_bytes) __builtin_trap();
    }
  } catch (const klynge::DataError& e) {
    if (e.problems().empty() || e.problems().front().where.file != "fuzz.csv") __builtin_trap();
  }
  return 0;
}

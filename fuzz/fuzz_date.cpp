// Fuzzes the date parser: a parsed date prints in both forms and parses back to itself.
#include <cstdint>
#include <string>

#include "klynge/date.hpp"
#include "klynge/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    klynge::Date d = klynge::parse_date(text);
    if (klynge::parse_date(d.iso()) != d || klynge::parse_date(d.danish()) != d) __builtin_trap();
  } catch (const klynge::ValueError&) {
  }
  return 0;
}

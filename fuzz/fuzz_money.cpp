// Fuzzes the amount parser: a parsed amount prints and parses back to the same øre in both forms.
#include <cstdint>
#include <string>

#include "klynge/error.hpp"
#include "klynge/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  std::string text(reinterpret_cast<const char*>(data), size);
  for (klynge::Lang lang : {klynge::Lang::da, klynge::Lang::en}) {
    try {
      klynge::Money m = klynge::parse_money(text, lang);
      if (klynge::parse_money(klynge::format_money(m, klynge::grouped_style(lang)), lang) != m) __builtin_trap();
      if (klynge::parse_money(klynge::format_money(m, klynge::MoneyStyle::plain), klynge::Lang::en) != m) __builtin_trap();
    } catch (const klynge::ValueError&) {
    }
  }
  return 0;
}

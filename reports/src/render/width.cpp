// How many terminal cells text takes: what the table format pads by. A small table of our own (wcwidth() depends on
// the locale, and the C locale counts every non-ASCII character as unprintable): combining marks and other
// zero-width characters take none, East Asian wide and fullwidth characters and emoji take two, the rest one.
#include <algorithm>
#include <array>
#include <cstdint>

#include "klynge/csv.hpp"
#include "klynge/reports/render.hpp"

namespace klynge::reports {

namespace {

struct Range
{
  std::uint32_t first, last;
};

// Nonspacing and enclosing marks of the scripts names use, zero-width joiners and spaces, variation selectors.
constexpr std::array<Range, 14> zero_width{{
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0E31, 0x0E3A},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xE0000, 0xE007F}, {0xE0100, 0xE01EF},
}};

// East Asian Wide (W) and Fullwidth (F) blocks, and the emoji blocks terminals draw two cells wide.
constexpr std::array<Range, 22> wide{{
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x23E9, 0x23EC},   {0x2614, 0x2615},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F000, 0x1F02F}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
}};

template <std::size_t N> bool in(const std::array<Range, N>& ranges, std::uint32_t cp)
{
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp, [](std::uint32_t c, const Range& r) { return c < r.first; });
  return it != ranges.begin() && cp <= std::prev(it)->last;
}

}  // namespace

std::size_t cell_width(std::uint32_t cp)
{
  if (in(zero_width, cp)) return 0;
  if (in(wide, cp)) return 2;
  return 1;
}

std::size_t display_width(std::string_view text)
{
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > text.size()) len = 1;
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    n += cell_width(cp);
    i += len;
  }
  return n;
}

std::string terminal_safe(const std::string& s)
{
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else if (c < 0x20 || c == 0x7F) out += '?';
    else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      out += '?';  // C1 control characters, U+0080..U+009F (a terminal obeys some, e.g. CSI)
      i += 1;
    }
    else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
             static_cast<unsigned char>(s[i + 2]) >= 0xAA && static_cast<unsigned char>(s[i + 2]) <= 0xAE) {
      out += '?';  // U+202A..U+202E
      i += 2;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x81 &&
               static_cast<unsigned char>(s[i + 2]) >= 0xA6 && static_cast<unsigned char>(s[i + 2]) <= 0xA9) {
      out += '?';  // U+2066..U+2069
      i += 2;
    } else if (c >= 0x80) {
      // A character of 2 to 4 bytes is copied whole when valid; a byte that is not valid UTF-8 (a lone 0x9B, CSI
      // to a terminal reading Latin-1) becomes '?'.
      const std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
      if (len > 0 && i + len <= s.size() && valid_utf8(std::string_view(s).substr(i, len))) {
        out.append(s, i, len);
        i += len - 1;
      } else {
        out += '?';
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace klynge::reports

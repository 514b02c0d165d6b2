#include "klynge/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace klynge {

namespace {

/// The code points of a UTF-8 text (the stored text is valid UTF-8; a stray byte counts as one).
std::vector<std::string_view> characters(std::string_view s)
{
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

template <class Known> std::string nearest(std::string_view id, const Known& known)
{
  const std::size_t length = characters(id).size();
  const std::size_t limit = std::max<std::size_t>(2, length / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& k : known) {
    if (k == id) continue;
    const std::size_t d = edit_distance(id, k);
    if (d < best_distance || (d == best_distance && best && k < *best)) {
      best = &k;
      best_distance = d;
    }
  }
  return best ? "; did you mean '" + *best + "'?" : std::string();
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b)
{
  const auto x = characters(a), y = characters(b);
  std::vector<std::size_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::string did_you_mean(std::string_view id, const std::vector<std::string>& known) { return nearest(id, known); }
std::string did_you_mean(std::string_view id, const std::set<std::string>& known) { return nearest(id, known); }
std::string did_you_mean(std::string_view id, const std::unordered_set<std::string>& known) { return nearest(id, known); }

}  // namespace klynge

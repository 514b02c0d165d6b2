#include "later_entries.hpp"

#include <algorithm>
#include <iterator>

namespace klynge::detail {

void LaterEntries::add(std::int64_t key, std::string day, std::int64_t amount, std::int64_t entries)
{
  auto& days = days_[key];
  const std::int64_t running = (days.empty() ? 0 : days.back().running) + amount;
  days.push_back({std::move(day), amount, entries, running});
}

const LaterEntries::Day* LaterEntries::on(std::int64_t key, const std::string& day) const
{
  auto it = days_.find(key);
  if (it == days_.end()) return nullptr;
  auto at = std::lower_bound(it->second.begin(), it->second.end(), day,
                             [](const Day& a, const std::string& b) { return a.day < b; });
  return at != it->second.end() && at->day == day ? &*at : nullptr;
}

std::int64_t LaterEntries::sum_up_to(std::int64_t key, const std::string& day) const
{
  auto it = days_.find(key);
  if (it == days_.end()) return 0;
  auto at = std::upper_bound(it->second.begin(), it->second.end(), day,
                             [](const std::string& a, const Day& b) { return a < b.day; });
  return at == it->second.begin() ? 0 : std::prev(at)->running;
}

std::optional<std::string> LaterEntries::first_known(std::int64_t key) const
{
  if (!has(key)) return std::string();  // known from its first day: no need to read which it is
  auto found = first_known_.try_emplace(key);
  if (found.second)
    stored_(key, [&](const std::string& day, std::int64_t entries) {
      const Day* l = on(key, day);
      if (entries <= (l ? l->entries : 0)) return true;  // every entry of the day is later: read on
      found.first->second = day;
      return false;
    });
  return found.first->second;
}

bool LaterEntries::known_by(std::int64_t key, Date d) const
{
  if (!has(key)) return true;
  const auto first = first_known(key);
  return first && *first <= d.iso();
}

}  // namespace klynge::detail

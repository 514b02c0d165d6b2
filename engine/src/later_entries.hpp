#pragma once
// Inside the stores: the entries written after a revision, per running-totals key and day. As known at that
// revision, a sum is the running totals' (which are of now) less these; one bookkeeping for both backends, each
// reading the rows with its own SQL.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "klynge/date.hpp"

namespace klynge::detail {

class LaterEntries
{
public:
  struct Day
  {
    std::string day;  ///< ISO
    std::int64_t amount = 0, entries = 0, running = 0;
  };
  /// Reads a key's stored days in order, calling `each(day, entries)` until it returns false.
  using StoredDays = std::function<void(std::int64_t key, const std::function<bool(const std::string&, std::int64_t)>& each)>;

  explicit LaterEntries(StoredDays stored) : stored_(std::move(stored)) {}

  /// Adds the later entries of a key on a day (a key's days in ascending order).
  void add(std::int64_t key, std::string day, std::int64_t amount, std::int64_t entries);
  bool empty() const { return days_.empty(); }
  bool has(std::int64_t key) const { return days_.count(key) > 0; }

  /// The later entries' day of a key, if it has one.
  const Day* on(std::int64_t key, const std::string& day) const;
  /// The signed sum of a key's later entries dated on or before `day` (ISO).
  std::int64_t sum_up_to(std::int64_t key, const std::string& day) const;
  /// The first day of a key with an entry known at the revision (for a key without later entries, empty: known
  /// from its first day, whichever it is); none when all its entries are later.
  std::optional<std::string> first_known(std::int64_t key) const;
  /// Whether a key has an entry known at the revision dated on or before d (the caller knows it has one now).
  bool known_by(std::int64_t key, Date d) const;

private:
  StoredDays stored_;
  std::unordered_map<std::int64_t, std::vector<Day>> days_;  ///< per key: the later entries' days, ascending
  mutable std::unordered_map<std::int64_t, std::optional<std::string>> first_known_;
};

}  // namespace klynge::detail

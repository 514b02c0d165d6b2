#include "totals_diff.hpp"

#include <tuple>

namespace klynge::detail {

namespace {

/// A key as `check` names it: "body 'vest', initiative 'kth', expense 'løn'".
std::string key_place(const std::string& body, const std::string& initiative, const std::string& kind,
                      const std::string& category)
{
  std::string where = "body '" + body + "'";
  if (!initiative.empty()) where += ", initiative '" + initiative + "'";
  where += ", " + kind;
  if (!category.empty()) where += " '" + category + "'";
  return where;
}

}  // namespace

std::vector<std::string> totals_differences(const std::unordered_map<std::int64_t, KeyTexts>& keys,
                                            const std::function<bool(TotalsRow&)>& next_fresh,
                                            const std::function<bool(TotalsRow&)>& next_kept)
{
  std::size_t n = 0;
  std::optional<std::tuple<std::string, std::string, std::string, std::string, std::string>> first;
  auto differs = [&](const TotalsRow& r) {
    ++n;
    static const KeyTexts none;  // a kept day of a key that is not stored
    auto it = r.key ? keys.find(*r.key) : keys.end();
    const KeyTexts& t = r.key ? (it != keys.end() ? it->second : none) : r.text;
    auto at = std::make_tuple(r.day, t[0], t[1], t[3], t[4]);
    if (!first || at < *first) first = at;
  };
  std::optional<TotalsRow> f, k;
  std::int64_t running_key = 0, running = 0;
  auto fresh = [&]() {
    TotalsRow r;
    if (!next_fresh(r)) return f.reset();
    if (r.key) {
      if (*r.key != running_key) running = 0;
      running_key = *r.key;
      running += r.amount;
      r.running = running;
    }
    f = std::move(r);
  };
  auto kept = [&]() {
    TotalsRow r;
    if (!next_kept(r)) return k.reset();
    k = std::move(r);
  };
  fresh();
  kept();
  while (f || k) {
    if (f && !f->key) {  // entries whose key is not stored: on the fresh side only, wherever they sort
      differs(*f);
      fresh();
    } else if (f && k && f->key == k->key && f->day == k->day) {
      if (f->amount != k->amount || f->entries != k->entries || f->running != k->running) {
        differs(*f);
        differs(*k);
      }
      fresh();
      kept();
    } else if (f && (!k || std::tie(*f->key, f->day) < std::tie(*k->key, k->day))) {
      differs(*f);
      fresh();
    } else {
      differs(*k);
      kept();
    }
  }
  std::vector<std::string> out;
  if (n) {
    const auto& [day, body, initiative, kind, category] = *first;
    out.push_back("the running totals differ from the ledger in " + std::to_string(n) + " row(s), the first for " +
                  key_place(body, initiative, kind, category) + ", on " + day +
                  "; rebuild them with `klynge check --rebuild-totals`");
  }
  return out;
}

std::string years_difference(std::int64_t n, const std::unordered_map<std::int64_t, KeyTexts>& keys,
                             std::int64_t first_key, const std::string& first_year)
{
  static const KeyTexts none;  // a year of a key that is not stored
  const auto it = keys.find(first_key);
  const KeyTexts& t = it != keys.end() ? it->second : none;
  return "the running totals' years differ from their days in " + std::to_string(n) + " row(s), the first for " +
         key_place(t[0], t[1], t[3], t[4]) + ", in " + first_year + "; rebuild them with `klynge check --rebuild-totals`";
}

std::optional<std::string> magnitude_difference(std::int64_t kept, std::int64_t summed)
{
  if (kept == summed) return std::nullopt;
  return "the ledger's magnitude (its amounts without sign, added up) is kept as " + std::to_string(kept) +
         " øre but the ledger sums to " + std::to_string(summed) + "; rebuild it with `klynge check --rebuild-totals`";
}

}  // namespace klynge::detail

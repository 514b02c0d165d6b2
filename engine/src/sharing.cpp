// Largest-remainder allocation (sharing.hpp), in integers: øre and exact decimal weights, products in 128 bits.
#include "klynge/sharing.hpp"

#include <algorithm>
#include <numeric>

#include "klynge/error.hpp"

namespace klynge {

namespace {

/// The weights on one scale (the most decimals any has), and their sum.
std::pair<std::vector<Wide>, Wide> on_one_scale(const std::vector<Decimal>& weights)
{
  int d = 0;
  for (const auto& w : weights) d = std::max(d, w.decimals());
  std::vector<Wide> out;
  Wide sum = 0;
  for (const auto& w : weights) {
    if (w.is_negative()) throw ValueError("a share cannot be negative");
    out.push_back(w.scaled(d));
    sum += out.back();
  }
  if (sum == 0) throw ValueError("every share is zero: at least one must be above zero");
  // total × weight must fit in 128 bits with a total of at most 2^62 øre.
  if (sum > (Wide(1) << 62))
    throw ValueError("the shares are too large to split by (written with the most decimals any of them has, they "
                     "add up to more than 4.6 × 10^18)");
  return {out, sum};
}

}  // namespace

void check_weights(const std::vector<Decimal>& weights) { on_one_scale(weights); }

namespace {

/// A non-negative whole `total` split by the weights, by largest remainder; ties to the earlier weight.
std::vector<Wide> split(Wide total, const std::vector<Decimal>& weights)
{
  auto [w, sum] = on_one_scale(weights);
  std::vector<Wide> parts(w.size()), remainders(w.size());
  Wide given = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    parts[i] = total * w[i] / sum;
    remainders[i] = total * w[i] % sum;
    given += parts[i];
  }
  std::vector<std::size_t> order(w.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  // What is left is less than the number of parts (each remainder is below one unit).
  for (std::size_t k = 0; given < total; ++k, ++given) parts[order[k]] += 1;
  return parts;
}

}  // namespace

std::vector<Money> split_by_largest_remainder(Money total, const std::vector<Decimal>& weights)
{
  const bool negative = total.is_negative();
  std::vector<Money> out;
  for (Wide p : split(negative ? -Wide(total.ore()) : Wide(total.ore()), weights))
    out.push_back(Money::from_ore(std::int64_t(negative ? -p : p)));
  return out;
}

std::vector<Hundredths> share_percentages(const std::vector<Decimal>& weights)
{
  // By largest remainder too, so that a key's percentages add up to 100,00 as its øre add up to the total.
  std::vector<Hundredths> out;
  for (Wide p : split(10000, weights)) out.push_back(Hundredths(std::int64_t(p)));
  return out;
}

}  // namespace klynge

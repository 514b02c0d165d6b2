// Cost-sharing keys: largest remainder in øre. For random keys and amounts the parts add up exactly to the
// amount and each is less than one øre from its exact share; ties go to the earlier (lower body id) share.
#include <algorithm>
#include <random>

#include <boost/test/unit_test.hpp>

#include "klynge/error.hpp"
#include "klynge/sharing.hpp"

using namespace klynge;

BOOST_AUTO_TEST_CASE(the_leftover_ore_goes_to_the_largest_remainder_ties_to_the_lower_id)
{
  // Vest's gap of 144.794,53 by 3,3,2,2,1,1,1: 14479453 × 3 ÷ 13 leaves remainder 3 for both threes, one øre over.
  const std::vector<Decimal> w{Decimal::whole(3), Decimal::whole(3), Decimal::whole(2), Decimal::whole(2),
                               Decimal::whole(1), Decimal::whole(1), Decimal::whole(1)};
  const auto parts = split_by_largest_remainder(Money::from_ore(14479453), w);
  const std::vector<std::int64_t> want{3341413, 3341412, 2227608, 2227608, 1113804, 1113804, 1113804};
  for (std::size_t i = 0; i < want.size(); ++i) BOOST_TEST(parts[i].ore() == want[i]);
  // The percentages by largest remainder too: rounded each, they would add up to 99,99.
  const auto pct = share_percentages(w);
  const std::vector<std::int64_t> want_pct{2308, 2308, 1539, 1538, 769, 769, 769};
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < want_pct.size(); ++i) {
    BOOST_TEST(pct[i] == want_pct[i]);
    sum += pct[i];
  }
  BOOST_TEST(sum == 10000);
}

BOOST_AUTO_TEST_CASE(shares_as_decimals_and_populations)
{
  // 0,25 + 0,75 and 1 + 3 are the same key.
  const auto a = split_by_largest_remainder(Money::from_ore(101), {Decimal(25, 2), Decimal(75, 2)});
  const auto b = split_by_largest_remainder(Money::from_ore(101), {Decimal::whole(1), Decimal::whole(3)});
  BOOST_TEST(a[0].ore() == 25);
  BOOST_TEST(a[1].ore() == 76);
  BOOST_TEST((a == b));
  // A zero share pays nothing; a negative amount is split as its opposite.
  const auto c = split_by_largest_remainder(Money::from_ore(-7), {Decimal::whole(0), Decimal::whole(1), Decimal::whole(1)});
  BOOST_TEST(c[0].ore() == 0);
  BOOST_TEST(c[1].ore() == -4);
  BOOST_TEST(c[2].ore() == -3);
  BOOST_CHECK_THROW(split_by_largest_remainder(Money::from_ore(1), {Decimal::whole(0), Decimal(0, 2)}), ValueError);
}

BOOST_AUTO_TEST_CASE(random_keys_and_gaps_add_up_exactly_within_one_ore)
{
  std::mt19937_64 rng(20261202);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 1 + rng() % 12;
    std::vector<Decimal> w;
    const int decimals = int(rng() % 4);
    for (std::size_t i = 0; i < n; ++i) w.push_back(Decimal(std::int64_t(rng() % 500000), decimals));
    if (std::all_of(w.begin(), w.end(), [](const Decimal& d) { return d.is_zero(); })) w[0] = Decimal(1, decimals);
    const std::int64_t total = std::int64_t(rng() % 100000000000000ULL);  // up to 1.000.000.000.000,00
    const auto parts = split_by_largest_remainder(Money::from_ore(total), w);
    Wide sum = 0, weights = 0;
    for (const auto& d : w) weights += d.scaled(decimals);
    for (std::size_t i = 0; i < n; ++i) {
      sum += parts[i].ore();
      // |part × W − total × w| < W: less than one øre from the exact share.
      Wide diff = Wide(parts[i].ore()) * weights - Wide(total) * w[i].scaled(decimals);
      if (diff < 0) diff = -diff;
      BOOST_TEST_REQUIRE((diff < weights));
    }
    BOOST_TEST_REQUIRE((sum == Wide(total)));
  }
}

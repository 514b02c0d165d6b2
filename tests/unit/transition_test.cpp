// The transition: days without owner, estimated costs after the owner's end, the gap, an interim owner.
#include <boost/test/unit_test.hpp>

#include "klynge/transition.hpp"
#include "mini.hpp"

using namespace klynge;
using namespace klynge::test;

BOOST_AUTO_TEST_CASE(transition_runs_past_owner_with_gap)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2025-06-30"));
  Transition t = transition_of(s, *s.initiative("i1"));
  BOOST_TEST(t.runs_past_owner);
  BOOST_TEST(t.from_owner == "a");
  BOOST_TEST(t.successor == "r");
  BOOST_TEST(t.successor_from->iso() == "2027-01-01");
  BOOST_TEST(*t.days_without_owner == 365);  // 2026-01-01..2026-12-31
  BOOST_TEST(t.estimated_after_owner == kr("300.000"));
  // left = 285.000 − 90.739,73 (løn 2025-07-01..2025-12-31) = 194.260,27; gap = 300.000 − 194.260,27
  BOOST_TEST(t.gap == kr("105.739,73"));
}
BOOST_AUTO_TEST_CASE(transition_before_extension_does_not_run_past)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2025-04-30"));
  Transition t = transition_of(s, *s.initiative("i1"));
  BOOST_TEST(!t.runs_past_owner);
  BOOST_TEST(*t.days_without_owner == 0);
  BOOST_TEST(t.gap == Money{});
}
BOOST_AUTO_TEST_CASE(transition_interim_owner_shortens_the_days_without_owner)
{
  Dataset data = dataset(mini_files());
  Snapshot s(data, d("2026-01-15"));
  Transition t = transition_of(s, *s.initiative("i1"));
  BOOST_TEST(t.owner == "p");
  BOOST_TEST(t.from_owner == "a");  // the interim owner names no successor: a's successor holds
  BOOST_TEST(t.successor == "r");
  BOOST_TEST(*t.days_without_owner == 365 - 181);  // p is active 2026-01-01..2026-06-30
}
BOOST_AUTO_TEST_CASE(transition_completed_initiative_does_not_run_past)
{
  Dataset data = dataset(mini_with("changes.csv", "2025-06-15,i1,,status,completed,\n"));
  Snapshot s(data, d("2025-06-30"));
  Transition t = transition_of(s, *s.initiative("i1"));
  BOOST_TEST(!t.runs_past_owner);
  BOOST_TEST(t.estimated_after_owner == Money{});
}

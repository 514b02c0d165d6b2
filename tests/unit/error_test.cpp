// Messages: a place in a file as compilers print it, an option, or the program's name.
#include <boost/test/unit_test.hpp>

#include "klynge/error.hpp"

using namespace klynge;

BOOST_AUTO_TEST_CASE(diagnostics_name_their_place)
{
  BOOST_TEST(format_diagnostic({Location::in_file("ledger.csv", 14, 9), Severity::error, "beløb: x"}) ==
             "ledger.csv:14:9: error: beløb: x");
  BOOST_TEST(format_diagnostic({Location::in_file("ledger.csv", 3), Severity::error, "y"}) == "ledger.csv:3: error: y");
  BOOST_TEST(format_diagnostic({Location::in_file("data/budget.csv"), Severity::error, "z"}) == "data/budget.csv: error: z");
  BOOST_TEST(format_diagnostic({Location::of_option("--amount"), Severity::error, "w"}) == "klynge: error: --amount: w");
  BOOST_TEST(format_diagnostic({Location{}, Severity::warning, "v"}) == "klynge: warning: v");
}
BOOST_AUTO_TEST_CASE(errors_carry_their_exit_codes)
{
  BOOST_TEST(int(DataError("x").code()) == 1);
  BOOST_TEST(int(UsageError("x").code()) == 2);
  BOOST_TEST(int(DatabaseError("x").code()) == 3);
  BOOST_TEST(int(BusyError("x").code()) == 1);
  BOOST_TEST(std::string(DataError("one").what()) == "klynge: error: one");
}

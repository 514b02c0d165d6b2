// Enumerations: strict to and from text, English and Danish words.
#include <boost/test/unit_test.hpp>

#include "klynge/enums.hpp"
#include "klynge/error.hpp"

using namespace klynge;

BOOST_AUTO_TEST_CASE(enums_round_trip_every_word)
{
  for (const auto& w : EnumTraits<EntryKind>::words()) BOOST_TEST(int(parse_enum<EntryKind>(to_text(w.value))) == int(w.value));
  for (const auto& w : EnumTraits<GroupLevel>::words()) BOOST_TEST(int(parse_enum<GroupLevel>(to_danish(w.value))) == int(w.value));
  BOOST_TEST(to_text(EntryKind::return_) == "return");
}
BOOST_AUTO_TEST_CASE(enums_accept_danish_words)
{
  BOOST_TEST(int(parse_enum<EntryKind>("bevilling")) == int(EntryKind::grant));
  BOOST_TEST(int(parse_enum<EntryKind>("tilbageført")) == int(EntryKind::return_));
  BOOST_TEST(int(parse_enum<BodyKind>("Sundhedsråd")) == int(BodyKind::council));
  BOOST_TEST(int(parse_enum<InitiativeStatus>("Aktiv")) == int(InitiativeStatus::active));
}
// Danish words in capitals, Æ, Ø and Å too, as a spreadsheet's upper-case column gives them.
BOOST_AUTO_TEST_CASE(enums_accept_danish_capitals)
{
  BOOST_TEST(int(parse_enum<Cadence>("MÅNED")) == int(Cadence::month));
  BOOST_TEST(int(parse_enum<Direction>("HØJERE")) == int(Direction::higher));
  BOOST_TEST(int(parse_enum<InitiativeKind>("FÆLLES")) == int(InitiativeKind::joint));
  BOOST_TEST(int(parse_enum<InitiativeStatus>("FORESLÅET")) == int(InitiativeStatus::proposed));
  BOOST_CHECK_THROW(parse_enum<Cadence>("M×NED"), ValueError);
}
BOOST_AUTO_TEST_CASE(enums_accept_the_glossarys_terms_with_spaces)
{
  // design.md §2 writes the Danish kinds as words apart.
  BOOST_TEST(int(parse_enum<EntryKind>("primo saldo")) == int(EntryKind::opening));
  BOOST_TEST(int(parse_enum<EntryKind>("Modtaget tilskud")) == int(EntryKind::receipt));
  BOOST_TEST(int(parse_enum<EntryKind>("frigivet reservation")) == int(EntryKind::unreserve));
  BOOST_TEST(int(parse_enum<InitiativeKind>("cluster project")) == int(InitiativeKind::cluster_project));
  BOOST_CHECK_THROW(parse_enum<EntryKind>("primo  saldo"), ValueError);
}

BOOST_AUTO_TEST_CASE(enums_reject_unknown_words_naming_the_choices)
{
  try {
    parse_enum<EntryKind>("donation");
    BOOST_FAIL("accepted");
  } catch (const ValueError& e) {
    BOOST_TEST(std::string(e.what()) == "'donation' is not a ledger kind (one of: opening (primo), receipt (modtaget), "
                                        "grant (bevilling), reserve (reservation), unreserve (frigivet), return "
                                        "(tilbageført), expense (forbrug), contribution (medfinansiering))");
  }
}

// Renderers: csv, csv-da (Danish Excel), json, md, table; neutralising formula-like text.
#include <boost/test/unit_test.hpp>

#include "report_fixture.hpp"

using namespace klynge;
using namespace klynge::test;

namespace {
reports::Table coverage_of(const std::string& i1_name)
{
  static Dataset data;  // the table points into it
  data = dataset(mini_files(i1_name));
  reports::ReportSpec spec;
  spec.initiatives = {"i1"};
  spec.from = d("2025-07-01");
  spec.to = d("2025-12-31");
  return report(data, "coverage", "2025-06-30", spec);
}
}  // namespace

BOOST_AUTO_TEST_CASE(render_csv_for_machines)
{
  BOOST_TEST(render_text(coverage_of("Indsats Et"), reports::Format::csv) ==
             "initiative,name,owner,remaining,owner_free,available,estimated,margin,from,to\n"
             "i1,Indsats Et,a,285000.00,470000.00,755000.00,90739.73,664260.27,2025-07-01,2025-12-31\n");
}
BOOST_AUTO_TEST_CASE(render_csv_da_for_danish_excel)
{
  BOOST_TEST(render_text(coverage_of("Æble; \"ø\""), reports::Format::csv_da) ==
             "\xEF\xBB\xBFindsats;navn;ejer;resterende;ejers_frie_midler;til_rådighed;estimeret;margin;fra;til\r\n"
             "i1;\"Æble; \"\"ø\"\"\";a;285000,00;470000,00;755000,00;90739,73;664260,27;01-07-2025;31-12-2025\r\n");
}
BOOST_AUTO_TEST_CASE(render_neutralises_formula_like_names)
{
  auto t = coverage_of("=HYPERLINK(\"x\")");
  BOOST_TEST(render_text(t, reports::Format::csv).find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
  BOOST_TEST(render_text(t, reports::Format::csv_da).find(";\"'=HYPERLINK(\"\"x\"\")\";") != std::string::npos);
  BOOST_TEST(render_text(t, reports::Format::md).find("| '=HYPERLINK(\"x\") |") != std::string::npos);
  for (const char* start : {"+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    BOOST_TEST(reports::neutralise(start) == std::string("'") + start);
  BOOST_TEST(reports::neutralise("Kom Trygt Hjem") == "Kom Trygt Hjem");
}
BOOST_AUTO_TEST_CASE(render_negative_amounts_stay_numbers)
{
  Dataset data = dataset(mini_files());
  auto t = report(data, "decisions", "2025-06-30");
  std::string csv = render_text(t, reports::Format::csv);
  // The return d2 cites counts, negative, in its amount and in its own column (returned, the last).
  BOOST_TEST(csv.find("d2,2025-03-10,g,4,Tilbageførsel fra i2,i2,-20000.00,a,0.00,0.00,0.00,0.00,-20000.00\n") !=
             std::string::npos);
  std::string da = render_text(t, reports::Format::csv_da);
  BOOST_TEST(da.find("d2;10-03-2025;g;4;Tilbageførsel fra i2;i2;-20000,00;a;0,00;0,00;0,00;0,00;-20000,00\r\n") !=
             std::string::npos);
  BOOST_TEST(da.find("I alt;;;;;;570000,00;;") != std::string::npos);
}
BOOST_AUTO_TEST_CASE(render_json_with_exact_numbers)
{
  std::string json = render_text(coverage_of("Indsats Et"), reports::Format::json);
  BOOST_TEST(json.find("\"report\": \"coverage\"") != std::string::npos);
  BOOST_TEST(json.find("\"as_of\": \"2025-06-30\"") != std::string::npos);
  BOOST_TEST(json.find("\"estimated\": 90739.73, \"margin\": 664260.27") != std::string::npos);
}
BOOST_AUTO_TEST_CASE(render_table_counts_characters_not_bytes)
{
  BOOST_TEST(reports::display_width("Sønderjylland") == 13u);
  std::string table = render_text(coverage_of("Æøå"), reports::Format::table);
  // Header and row line up: "navn" column is 4 wide ("Æøå" is 3 characters, not 6 bytes).
  BOOST_TEST(table.find("i1       Æøå   a") != std::string::npos);
  BOOST_TEST(table.find("285.000,00") != std::string::npos);
}

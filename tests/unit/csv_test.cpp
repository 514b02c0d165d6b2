// The CSV reader: quoting, delimiters, BOM, CRLF, line numbers across quoted newlines, refusals.
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "klynge/csv.hpp"

using namespace klynge;

namespace {
std::vector<CsvRow> rows(const std::string& text, char* delim = nullptr)
{
  std::istringstream in(text);
  CsvReader r(in, "f.csv");
  if (delim) *delim = r.delimiter();
  std::vector<CsvRow> out{r.header()};
  while (auto row = r.next()) out.push_back(*row);
  return out;
}
std::string error_of(const std::string& text)
{
  try {
    rows(text);
  } catch (const DataError& e) {
    return format_diagnostic(e.problems().front());
  }
  return "(accepted)";
}
}  // namespace

BOOST_AUTO_TEST_CASE(csv_detects_semicolon_and_skips_bom_and_crlf)
{
  char delim = 0;
  auto r = rows("\xEF\xBB\xBFid;navn\r\na;\"b;c\"\r\n", &delim);
  BOOST_TEST(delim == ';');
  BOOST_TEST(r.size() == 2u);
  BOOST_TEST(r[0].fields[0] == "id");
  BOOST_TEST(r[1].fields[1] == "b;c");
}
BOOST_AUTO_TEST_CASE(csv_keeps_line_numbers_across_quoted_newlines)
{
  auto r = rows("a,b\n1,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n\n5,6");
  BOOST_TEST(r.size() == 4u);
  BOOST_TEST(r[1].line == 2);
  BOOST_TEST(r[1].fields[1] == "two\nlines");
  BOOST_TEST(r[2].line == 4);
  BOOST_TEST(r[2].fields[1] == "say \"hi\"");
  BOOST_TEST(r[3].line == 6);  // the blank line 5 is skipped
}
BOOST_AUTO_TEST_CASE(csv_refuses_unclosed_quote_at_its_line)
{
  BOOST_TEST(error_of("a,b\n1,2\n3,\"open\n4,5\n") ==
             "f.csv:3:2: error: unclosed quote (the field runs to the end of the file)");
}
BOOST_AUTO_TEST_CASE(csv_refuses_invalid_utf8_and_nul)
{
  BOOST_TEST(error_of("a,b\n1,\xC3\x28\n") == "f.csv:2:2: error: invalid UTF-8 in the field (is the file saved as UTF-8?)");
  BOOST_TEST(error_of(std::string("a,b\n1,x\0y\n", 10)) ==
             "f.csv:2: error: the file is not text (a NUL byte; saved as UTF-16, every other byte is one: save it as "
             "CSV UTF-8)");
  // UTF-16 by its byte order mark (either order); lines ended by CR alone.
  BOOST_TEST(error_of(std::string("\xff\xfe" "a\0,\0b\0", 8)) == "f.csv:1: error: the file is UTF-16 text, not UTF-8 (save it as CSV UTF-8)");
  BOOST_TEST(error_of(std::string("\xfe\xff" "\0a\0,\0b", 8)) == "f.csv:1: error: the file is UTF-16 text, not UTF-8 (save it as CSV UTF-8)");
  BOOST_TEST(error_of("a,b\r1,2\r") == "f.csv:1: error: the lines end in CR alone (an old Mac format): save the file as CSV UTF-8");
}
BOOST_AUTO_TEST_CASE(csv_refuses_long_fields_and_lines)
{
  std::string field(CsvReader::max_field_bytes + 1, 'x');
  BOOST_TEST(error_of("a,b\n1,\"" + field + "\"\n") == "f.csv:2:2: error: field longer than 64 KiB");
  std::string line;
  for (int i = 0; i < 20; ++i) line += std::string(60000, 'y') + ",";
  BOOST_TEST(error_of("a,b\n" + line + "\n") == "f.csv:2: error: line longer than 1 MiB");
}
BOOST_AUTO_TEST_CASE(csv_refuses_stray_quotes)
{
  BOOST_TEST(error_of("a,b\n1,x\"y\n") == "f.csv:2:2: error: a quote inside an unquoted field");
  BOOST_TEST(error_of("a,b\n1,\"x\"y\n") == "f.csv:2:2: error: text after a closing quote");
}
BOOST_AUTO_TEST_CASE(csv_validates_utf8_strictly)
{
  BOOST_TEST(valid_utf8("æøå ÆØÅ"));
  BOOST_TEST(!valid_utf8("\xC0\xAF"));        // overlong
  BOOST_TEST(!valid_utf8("\xED\xA0\x80"));    // surrogate
  BOOST_TEST(!valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

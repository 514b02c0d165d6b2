// Limits that hold whatever the input: the CSV reader stops at the line limit without reading on (an endless
// line, a record of quoted line breaks), table widths in terminal cells, percentages of enormous variances.
#include <sstream>
#include <streambuf>

#include <boost/test/unit_test.hpp>

#include "klynge/csv.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/table.hpp"

using namespace klynge;

namespace {

/// An endless input: `head` once, then `unit` repeated for ever; counts the bytes handed out.
class Endless : public std::streambuf
{
public:
  Endless(std::string head, std::string unit) : head_(std::move(head)), unit_(std::move(unit)) {}
  std::size_t given = 0;

protected:
  int_type underflow() override
  {
    buf_ = first_ ? head_ : unit_;
    first_ = false;
    while (buf_.size() < 4096) buf_ += unit_;
    given += buf_.size();
    setg(buf_.data(), buf_.data(), buf_.data() + buf_.size());
    return traits_type::to_int_type(buf_[0]);
  }

private:
  std::string head_, unit_, buf_;
  bool first_ = true;
};

std::string refusal(Endless& source)
{
  std::istream in(&source);
  try {
    CsvReader r(in, "f.csv");
    while (r.next()) {
    }
  } catch (const DataError& e) {
    return format_diagnostic(e.problems().front());
  }
  return "(accepted)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_endless_header_line_is_refused_at_the_limit_without_reading_on)
{
  Endless source("", "x");
  BOOST_TEST(refusal(source) == "f.csv:1: error: line longer than 1 MiB");
  BOOST_TEST(source.given < CsvReader::max_line_bytes + 8192);
}

BOOST_AUTO_TEST_CASE(quoted_line_breaks_count_against_the_line_limit)
{
  // Quoted fields of 1.1 KB, each holding a line break: one record, never a line over the limit on its own.
  Endless source("id,note\n", "\"" + std::string(1100, 'a') + "\nb\",");
  BOOST_TEST(refusal(source) == "f.csv:2: error: line longer than 1 MiB (with the lines its quoted fields run over)");
  BOOST_TEST(source.given < CsvReader::max_line_bytes + 16384);
}

BOOST_AUTO_TEST_CASE(a_line_of_many_small_fields_is_refused_at_the_field_count)
{
  // Many small quoted fields with line breaks: refused at the 1025th field, not held until the line limit (175,000
  // strings, 8 MB of them).
  Endless quoted("id,note\n", "\"a\nb\",");
  BOOST_TEST(refusal(quoted) == "f.csv:2:1025: error: more than 1024 fields on one line");
  BOOST_TEST(quoted.given < 1024 * 6 + 8192);
  // The header too, and empty fields.
  Endless header(std::string(2000, ',') + "\n", "x\n");
  BOOST_TEST(refusal(header) == "f.csv:1:1025: error: more than 1024 fields on one line");
  // 1024 fields are a line like any other.
  std::istringstream in("a" + std::string(1023, ',') + "\n" + std::string(1023, ',') + "\nb" + std::string(1023, ',') + "\n");
  CsvReader r(in, "f.csv");
  BOOST_TEST(r.header().fields.size() == 1024u);
  // A row of nothing but separators is no row (a spreadsheet's blank row): the next is read.
  const auto row = r.next();
  BOOST_TEST(row->fields.size() == 1024u);
  BOOST_TEST(row->line == 3);
  BOOST_TEST(row->fields[0] == "b");
}

BOOST_AUTO_TEST_CASE(a_quoted_field_over_many_lines_is_refused_at_the_field_limit)
{
  Endless source("id,note\nx,\"", "a short line\n");
  BOOST_TEST(refusal(source) == "f.csv:2:2: error: field longer than 64 KiB");
  BOOST_TEST(source.given < CsvReader::max_field_bytes + 8192);
}

BOOST_AUTO_TEST_CASE(table_widths_count_terminal_cells)
{
  BOOST_TEST(reports::display_width("Sønderjylland") == 13u);
  BOOST_TEST(reports::display_width("Cafe\xCC\x81") == 4u);                 // e + combining acute accent
  BOOST_TEST(reports::display_width("\xE6\x9D\xB1\xE4\xBA\xAC") == 4u);      // 東京
  BOOST_TEST(reports::display_width("\xF0\x9F\x8F\xA5") == 2u);              // hospital emoji
  BOOST_TEST(reports::display_width("\xEF\xBC\xA1") == 2u);                  // fullwidth A
  BOOST_TEST(reports::cell_width(0x200D) == 0u);                             // zero-width joiner
}

BOOST_AUTO_TEST_CASE(percentages_of_enormous_variances_use_128_bits)
{
  // 20 quadrillion kroner over 1 øre planned: beyond 64 bits of hundredths, so empty; over a like plan, 100 %.
  const Money huge = Money::from_ore(2'000'000'000'000'000'000);
  auto same = reports::percent_of(huge, huge);
  BOOST_REQUIRE(same.has_value());
  BOOST_TEST(same->value == 10000);
  auto half = reports::percent_of(Money::from_ore(1'000'000'000'000'000'000), huge);
  BOOST_REQUIRE(half.has_value());
  BOOST_TEST(half->value == 5000);
  BOOST_TEST(!reports::percent_of(huge, Money::from_ore(1)).has_value());
  BOOST_TEST(reports::percent_of(Money::from_ore(-1), Money::from_ore(3))->value == -3333);
}

#include "klynge/csv.hpp"

#include <algorithm>
#include <sstream>

namespace klynge {

bool valid_utf8(std::string_view s)
{
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string csv_quote(std::string_view field, char delimiter)
{
  bool needs = field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos;
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

CsvReader::CsvReader(std::istream& in, std::string file_name) : in_(in), file_(std::move(file_name))
{
  // A UTF-16 file (Excel's "Unicode text") is told as such, not as a NUL byte or invalid UTF-8.
  if (in_.peek() == 0xFF || in_.peek() == 0xFE) {
    char bom[2];
    in_.read(bom, 2);
    const bool utf16 = in_.gcount() == 2 && static_cast<unsigned char>(bom[0]) + static_cast<unsigned char>(bom[1]) == 0xFF + 0xFE;
    fail(1, 0, utf16 ? "the file is UTF-16 text, not UTF-8 (save it as CSV UTF-8)" : "the file is not UTF-8 text");
  }
  // Skip a UTF-8 byte order mark.
  if (in_.peek() == 0xEF) {
    char bom[3];
    in_.read(bom, 3);
    if (in_.gcount() != 3 || static_cast<unsigned char>(bom[1]) != 0xBB || static_cast<unsigned char>(bom[2]) != 0xBF)
      fail(1, 0, "the file is not UTF-8 text (a broken byte order mark)");
  }
  // The delimiter is whichever of ';' and ',' the header line uses: ';' wins when it appears at all,
  // since Danish Excel writes ';' and a header name never holds one.
  // Read through get(), which refuses the line as soon as it passes the limit (a file of one endless line is
  // never read whole).
  std::string first;
  // Room for the longest line at once: grown by doubling, a line at the limit would hold almost twice it.
  first.reserve(max_line_bytes + 1);
  auto read_line = [&]() {
    first.clear();
    for (int c = get(in_); c != std::char_traits<char>::eof() && c != '\n'; c = get(in_)) first += static_cast<char>(c);
  };
  read_line();
  // Lines ended by CR alone (an old Mac format): the whole file would be one header line.
  if (const auto cr = first.find('\r'); cr != std::string::npos && cr + 1 < first.size())
    fail(1, 0, "the lines end in CR alone (an old Mac format): save the file as CSV UTF-8");
  std::int64_t header_line = 1;
  // Blank lines and rows of nothing but separators before the header (a spreadsheet's empty first row) are passed
  // over, as they are between rows.
  // (A line of more separators than a row may have fields is read as the header, and refused as such.)
  auto blank = [](const std::string& line) {
    return line.size() < max_fields && line.find_first_not_of(" \t\r;,") == std::string::npos;
  };
  while (blank(first) && in_.peek() != std::char_traits<char>::eof()) {
    line_ = ++header_line;
    line_bytes_ = 0;
    read_line();
  }
  // Excel's `sep=;` line names the delimiter; the header follows it. A spreadsheet that read the line as a cell
  // and saved the file again writes it quoted (it holds the separator), with the row's empty cells after it.
  std::string_view sep_line = std::string_view(first).substr(0, first.find('\r'));
  if (sep_line.starts_with("\"sep=") && sep_line.size() >= 7 && sep_line[6] == '"') {
    const std::size_t end = sep_line.find_last_not_of(sep_line[5]);
    if (end == 6) sep_line = sep_line.substr(1, 5);
  }
  if (sep_line == "sep=;" || sep_line == "sep=,") {
    delim_ = sep_line[4];
    line_ = ++header_line;
    line_bytes_ = 0;
    read_line();
  } else {
    delim_ = first.find(';') != std::string::npos ? ';' : ',';
  }
  std::istringstream head(first + "\n");
  line_ = header_line;
  line_bytes_ = 0;
  if (auto row = read_row(head, true)) header_ = std::move(*row);
  line_ = header_line + 1;
  line_bytes_ = 0;
}

void CsvReader::fail(std::int64_t line, std::int64_t column, const std::string& message) const
{
  throw DataError({Diagnostic{Location::in_file(file_, line, column), Severity::error, message}});
}

int CsvReader::get(std::istream& in)
{
  // Straight from the stream buffer: istream::get() builds a sentry for every character.
  int c = in.rdbuf()->sbumpc();
  if (c == std::char_traits<char>::eof()) return c;
  if (c == 0) fail(line_, 0, "the file is not text (a NUL byte; saved as UTF-16, every other byte is one: save it as CSV UTF-8)");
  if (++line_bytes_ > max_line_bytes)
    fail(record_line_, 0, record_line_ == line_ ? "line longer than 1 MiB"
                                                : "line longer than 1 MiB (with the lines its quoted fields run over)");
  return c;
}

std::optional<CsvRow> CsvReader::next()
{
  while (true) {
    auto row = read_row(in_, false);
    if (!row) return std::nullopt;
    // A blank line, or a spreadsheet's row of nothing but separators (`;;;;`), is no row.
    const bool blank = std::all_of(row->fields.begin(), row->fields.end(), [](const std::string& f) { return f.empty(); });
    if (!blank) return row;
  }
}

bool holds_unit_separator(std::string_view s) { return s.find('\x1f') != std::string_view::npos; }

std::optional<std::string> field_value_problem(std::string_view value)
{
  // Invalid UTF-8 (a terminal or script in Latin-1) would be stored and exported, and the export then refused
  // at its line: books that can no longer be read back, with an append-only ledger to keep them so.
  if (!valid_utf8(value)) return "invalid UTF-8 in the value (is the terminal or script set to UTF-8?)";
  if (holds_unit_separator(value)) return unit_separator_refused;
  if (value.size() > CsvReader::max_field_bytes) return field_too_long;
  return std::nullopt;
}

std::optional<CsvRow> CsvReader::read_row(std::istream& in, bool header)
{
  const int eof = std::char_traits<char>::eof();
  int c = get(in);
  if (c == eof) return std::nullopt;

  CsvRow row;
  row.line = line_;
  record_line_ = line_;
  std::string field;
  std::int64_t quote_line = 0;
  auto finish_field = [&]() {
    if (row.fields.size() == max_fields)
      fail(row.line, std::int64_t(max_fields) + 1, "more than " + std::to_string(max_fields) + " fields on one line");
    if (!valid_utf8(field))
      fail(row.line, std::int64_t(row.fields.size()) + 1, "invalid UTF-8 in the field (is the file saved as UTF-8?)");
    if (holds_unit_separator(field)) fail(row.line, std::int64_t(row.fields.size()) + 1, unit_separator_refused);
    // A copy, of the field's own size, and the buffer kept for the next field: moved, each field would keep the
    // room its doubling left (a row of 1 KiB fields held almost twice its line).
    row.fields.emplace_back(field);
    field.clear();
  };
  auto add = [&](char ch) {
    field += ch;
    if (field.size() > max_field_bytes)
      fail(row.line, std::int64_t(row.fields.size()) + 1, "field longer than 64 KiB");
  };
  auto newline = [&]() {
    ++line_;
    line_bytes_ = 0;
  };

  enum { start, plain, quoted, quote_in_quoted } state = start;
  while (true) {
    if (c == eof) {
      if (state == quoted)
        fail(quote_line, std::int64_t(row.fields.size()) + 1, "unclosed quote (the field runs to the end of the file)");
      finish_field();
      return row;
    }
    char ch = static_cast<char>(c);
    switch (state) {
    case start:
      if (ch == '"') {
        state = quoted;
        quote_line = line_;
        if (row.fields.size() < 64) row.quoted |= std::uint64_t(1) << row.fields.size();
        break;
      }
      state = plain;
      [[fallthrough]];
    case plain:
      if (ch == delim_) { finish_field(); state = start; }
      else if (ch == '\n') { finish_field(); if (!header) newline(); return row; }
      else if (ch == '\r') {
        if (in.rdbuf()->sgetc() == '\n') { get(in); finish_field(); if (!header) newline(); return row; }
        add(ch);
      }
      else if (ch == '"') fail(line_, std::int64_t(row.fields.size()) + 1, "a quote inside an unquoted field");
      else add(ch);
      break;
    case quoted:
      if (ch == '"') state = quote_in_quoted;
      // A line break inside quotes is a line break whichever way the file ends its lines (a file turned to CRLF
      // whole turns those too): kept as LF, as it was stored and exported.
      else if (ch == '\r' && in.rdbuf()->sgetc() == '\n') {}
      else {
        add(ch);
        if (ch == '\n') ++line_;  // a line break inside quotes: the record goes on, and counts on
      }
      break;
    case quote_in_quoted:
      if (ch == '"') { add('"'); state = quoted; }
      else if (ch == delim_) { finish_field(); state = start; }
      else if (ch == '\n') { finish_field(); if (!header) newline(); return row; }
      else if (ch == '\r' && in.rdbuf()->sgetc() == '\n') { get(in); finish_field(); if (!header) newline(); return row; }
      else fail(line_, std::int64_t(row.fields.size()) + 1, "text after a closing quote");
      break;
    }
    c = get(in);
  }
}

}  // namespace klynge

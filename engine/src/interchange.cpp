#include "klynge/interchange.hpp"

#include <functional>
#include <algorithm>
#include <ostream>
#include <stdexcept>

#include "klynge/csv.hpp"
#include "record_fields.hpp"

namespace klynge {

const FileSpec* spec_for_file(std::string_view file_name)
{
  for (const auto& s : file_specs())
    if (s.file == file_name) return &s;
  return nullptr;
}

const FileSpec& spec_for_table(std::string_view table)
{
  for (const auto& s : file_specs())
    if (s.table == table) return s;
  throw std::logic_error("no record kind is kept in the table " + std::string(table));
}

std::string almost_interchange_name(std::string_view file_name)
{
  if (spec_for_file(file_name)) return {};
  std::string lower(file_name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  for (const auto& s : file_specs()) {
    const std::string listed(s.file);
    const std::string stem = listed.substr(0, listed.size() - 4);
    if (lower == listed) return "its name differs from " + listed + " only in case: rename it " + listed;
    if (lower.rfind(listed, 0) == 0)
      return "its name is " + listed + " with an extra suffix ('" + std::string(file_name.substr(listed.size())) +
             "'; a sheet saved wrongly?): rename it " + listed;
    // `ledger (1).csv`, `ledger-2.csv`, `ledger copy.csv`: the stem, a separator, then anything, then .csv.
    if (lower.size() > listed.size() && lower.rfind(stem, 0) == 0 && lower.ends_with(".csv")) {
      const char next = lower[stem.size()];
      if (next == ' ' || next == '(' || next == '-' || next == '_')
        return "its name is " + listed + " with '" + std::string(file_name.substr(stem.size(), lower.size() - 4 - stem.size())) +
               "' added (a copy?): rename it " + listed;
    }
    // `ledger.xlsx`, `Ledger (2).ods`: the sheet saved in a spreadsheet's own form, which is not read: beside an
    // older ledger.csv its new rows would be left out unsaid. (A `.txt` beside the data may well be a note.)
    for (const std::string_view suffix : {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".numbers"}) {
      if (!lower.ends_with(suffix) || lower.size() <= suffix.size()) continue;
      const std::string base = lower.substr(0, lower.size() - suffix.size());
      const bool copy = base.size() > stem.size() && base.rfind(stem, 0) == 0 &&
                        (base[stem.size()] == ' ' || base[stem.size()] == '(' || base[stem.size()] == '-' ||
                         base[stem.size()] == '_');
      if (base == stem || copy)
        return "a sheet saved as " + std::string(suffix) + ", which klynge does not read: save it as CSV UTF-8 (Excel: \"CSV UTF-8\"; LibreOffice: \"Tekst CSV\", "
               "character set UTF-8) named " + listed;
    }
  }
  return {};
}

const FileSpec* spec_for_word(std::string_view word)
{
  for (const auto& s : file_specs()) {
    std::string_view stem = s.file.substr(0, s.file.size() - 4);
    if (word == stem || word == s.singular || word == s.file) return &s;
  }
  return nullptr;
}

const ColumnSpec* find_column(const FileSpec& spec, std::string_view name)
{
  const ColumnSpec* found = nullptr;
  for (const auto& c : spec.columns)
    if (name == c.name || name == c.danish) found = &c;
  return found;
}

std::string column_names(const FileSpec& spec, std::string_view prefix)
{
  std::string out;
  for (const auto& c : spec.columns)
    if (prefix.empty() || !c.stored.empty())  // as options (`add`): the columns it may give
      out += (out.empty() ? "" : ", ") + std::string(prefix) + std::string(c.name);
  return out;
}

bool valid_id(std::string_view id)
{
  if (id.empty()) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;
    if (i > 0 && (c == '_' || c == '-')) continue;
    // æ, ø, å in UTF-8: C3 A6, C3 B8, C3 A5.
    if (c == '\xC3' && i + 1 < id.size() && (id[i + 1] == '\xA6' || id[i + 1] == '\xB8' || id[i + 1] == '\xA5')) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

namespace {

/// `Vest` in lower case (`vest`; Æ, Ø, Å as æ, ø, å): what an id typed with a capital meant, and a column name as
/// the header's are compared (`BELØB` is `beløb`).
std::string lower_id(std::string s)
{
  for (std::size_t i = 0; i < s.size(); ++i) {
    char& c = s[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    // Æ, Ø, Å in UTF-8: C3 86, C3 98, C3 85; lower case 0x20 higher in the second byte.
    if (c == '\xC3' && i + 1 < s.size() && (s[i + 1] == '\x86' || s[i + 1] == '\x98' || s[i + 1] == '\x85')) {
      ++i;
      s[i] = char(s[i] + 0x20);
    }
  }
  return s;
}

}  // namespace

std::string_view db_text(const DbValue& v)
{
  if (std::holds_alternative<std::monostate>(v)) return {};
  if (const auto* view = std::get_if<std::string_view>(&v)) return *view;
  return std::get<std::string>(v);
}

namespace detail {

std::string FieldReader::text(std::string_view col, bool required)
{
  auto it = row_.values.find(std::string(col));
  std::string v = it == row_.values.end() ? std::string() : it->second;
  if (required && v.empty()) report(col, "missing (a value is required)");
  return v;
}

std::string FieldReader::id_text(std::string_view col)
{
  // A space typed after an id in a spreadsheet cell is not part of it (as around a date or an amount).
  const std::string v = text(col, false);
  const auto first = v.find_first_not_of(" \t"), last = v.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
}

std::string FieldReader::id(std::string_view col, bool required)
{
  std::string v = id_text(col);
  if (required && v.empty()) report(col, "missing (a value is required)");
  if (!v.empty() && !valid_id(v)) {
    const std::string lower = lower_id(v);
    report(col, "'" + v + "' is not an id (" + std::string(id_rule) + ")" +
                    (valid_id(lower) ? "; did you mean '" + lower + "'?" : ""));
  }
  return v;
}

std::optional<Date> FieldReader::date(std::string_view col, bool required)
{
  std::string v = text(col, required);
  if (v.empty()) return std::nullopt;
  try {
    return parse_date(v);
  } catch (const ValueError& e) {
    report(col, e.what());
    return std::nullopt;
  }
}

namespace {

/// What a value refused in the expected form adds when it reads in the other form (`reads_in(other)`): which form
/// it is written in, and how to give it (the option's --lang, or a file's header). Empty otherwise.
std::string other_form_hint(Lang expected, bool option, bool has_other_mark, const std::function<void(Lang)>& reads_in,
                            const char* danish_file, const char* english_file)
{
  const Lang other = expected == Lang::da ? Lang::en : Lang::da;
  if (!has_other_mark) return {};
  try {
    reads_in(other);
  } catch (const ValueError&) {
    return {};
  }
  if (expected == Lang::da)
    return option ? "; it is written in the English form: write it in the Danish form, or give --lang en"
                  : std::string("; it is written in the English form: ") + danish_file;
  return option ? "; it is written in the Danish form: write it in the English form, or give --lang da"
                : std::string("; it is written in the Danish form: ") + english_file;
}

/// `13,2 %`, `11.250,50 kr.`, `DKK 500`: the number without its unit mark when that is what makes it unreadable.
std::optional<std::string> without_unit_mark(std::string_view text, Lang lang)
{
  std::string_view v = trim_figure_spaces(text);
  if (!v.empty() && v.back() == '%') v = trim_figure_spaces(v.substr(0, v.size() - 1));
  else if (!take_currency_mark(v)) return std::nullopt;
  if (v.empty()) return std::nullopt;
  try {
    parse_decimal(v, lang);
  } catch (const ValueError&) {
    return std::nullopt;
  }
  return std::string(v);
}

}  // namespace

Money FieldReader::money(std::string_view col)
{
  auto it = row_.values.find(std::string(col));
  std::string v = it == row_.values.end() ? std::string() : it->second;
  try {
    return parse_money(v, row_.amount_lang);
  } catch (const ValueError& e) {
    // An amount in the other form is the commonest slip: say which form was expected and how to give the other.
    // Only when the other form's decimal mark is plain (`62500.00` where `62.500,00` was expected): `1.5` or
    // `1,005` may be either form's mistake.
    const char other_mark = row_.amount_lang == Lang::da ? '.' : ',';
    report(col, e.what() + other_form_hint(row_.amount_lang, row_.src.file.empty(),
                                           v.size() >= 3 && v[v.size() - 3] == other_mark,
                                           [&](Lang l) { parse_money(v, l); },
                                           "a Danish header (beløb) expects Danish amounts, an English header (amount) "
                                           "English ones",
                                           "an English header (amount) expects English amounts, a Danish header "
                                           "(beløb) Danish ones"));
    return Money{};
  }
}

std::optional<Decimal> FieldReader::number(std::string_view col, bool required)
{
  std::string v = text(col, required);
  if (v.empty()) return std::nullopt;
  try {
    const Decimal x = parse_decimal(v, row_.amount_lang);
    if (!fits_figure(x)) {
      report(col, "'" + v + "' is too large: at most 12 digits before the decimal " +
                      (row_.amount_lang == Lang::da ? "comma" : "point"));
      return std::nullopt;
    }
    return x;
  } catch (const ValueError& e) {
    // A number typed with its unit (`13,2 %`, `11.250,50 kr.`): the indicator's unit says what it is, so the mark
    // is not read, nor guessed away; say what to write instead.
    if (const auto bare = without_unit_mark(v, row_.amount_lang)) {
      report(col, e.what() + std::string("; write the number without its unit: ") + *bare);
      return std::nullopt;
    }
    // As for amounts: a number that reads in the other form, with that form's decimal mark, is said to be in it.
    const char other_mark = row_.amount_lang == Lang::da ? '.' : ',';
    report(col, e.what() + other_form_hint(row_.amount_lang, row_.src.file.empty(),
                                           v.find(other_mark) != std::string::npos,
                                           [&](Lang l) { parse_decimal(v, l); },
                                           "a Danish header expects Danish numbers (13,2), an English header English "
                                           "ones (13.2)",
                                           "an English header expects English numbers (13.2), a Danish header Danish "
                                           "ones (13,2)"));
    return std::nullopt;
  }
}

void FieldReader::report(std::string_view col, const std::string& message)
{
  problems_.push_back(row_.src.problem(std::string(col), message));
  failed_.insert(std::string(col));
  ok = false;
}

}  // namespace detail

void parse_record(const FileSpec& spec, const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
                  const std::string& ledger_id)
{
  spec.ops->parse(row, out, problems, ledger_id);
}

namespace {

std::string trimmed(const std::string& s)
{
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

constexpr std::size_t max_problems = 100;

}  // namespace

std::size_t read_interchange(std::istream& in, const std::string& file_label, const FileSpec& spec, Dataset& out,
                             std::vector<Diagnostic>& problems,
                             const std::function<void(LedgerEntry&)>& on_entry)
{
  std::size_t records = 0;
  try {
    CsvReader reader(in, file_label);
    const auto& header = reader.header();
    auto columns = std::make_shared<std::map<std::string, Source::Column>>();
    std::vector<std::string> canonical(header.fields.size());
    Lang amount_lang = Lang::da;
    bool header_ok = true;
    auto header_problem = [&](std::int64_t col, const std::string& msg) {
      problems.push_back({Location::in_file(file_label, header.line, col), Severity::error, msg});
      header_ok = false;
    };
    // A column without a name is what a spreadsheet exports for cells once touched beside the table (`note;;`):
    // it is passed over, as long as it holds nothing.
    std::vector<std::size_t> unnamed;
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      if (trimmed(header.fields[i]).empty()) unnamed.push_back(i);
    if (unnamed.size() == header.fields.size()) {
      header_problem(0, "empty file: the first line must name the columns");
      return 0;
    }
    // Excel's "Text (tab-separated)": one header field holding every name with tabs between them.
    if (header.fields.size() == 1 && header.fields[0].find('\t') != std::string::npos) {
      header_problem(0, "the columns are separated by tabs (a sheet saved as text): save it as CSV UTF-8, with ; or , "
                        "between the fields");
      return 0;
    }
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string name = lower_id(trimmed(header.fields[i]));
      if (name.empty()) continue;
      const ColumnSpec* found = find_column(spec, name);
      if (!found) {
        header_problem(std::int64_t(i) + 1, "unknown column '" + header.fields[i] + "' in " + std::string(spec.file) +
                                                " (columns: " + column_names(spec) + ")");
        continue;
      }
      std::string key(found->name);
      if (columns->count(key)) {
        header_problem(std::int64_t(i) + 1, "column '" + header.fields[i] + "' appears twice");
        continue;
      }
      (*columns)[key] = Source::Column{int(i) + 1, trimmed(header.fields[i])};
      canonical[i] = key;
      if (key == spec.lang_column) amount_lang = name == found->name ? Lang::en : Lang::da;
    }
    for (const auto& c : spec.columns)
      if (c.required && !columns->count(std::string(c.name)))
        header_problem(0, "missing column '" + std::string(c.name) + "' (or '" + std::string(c.danish) + "') in " +
                              std::string(spec.file));
    if (!header_ok) return 0;
    // Danish amounts in a file separated by commas: an amount with øre (18.000,50) is split in two at its decimal
    // comma unless it is in quotes. The row then has a field too many, or, when it leaves out its last (empty)
    // field, the øre land in the next column and the amount reads as whole kroner: never taken as that.
    const bool split_amounts = reader.delimiter() == ',' && amount_lang == Lang::da && !spec.lang_column.empty() &&
                               columns->count(std::string(spec.lang_column));
    std::vector<std::size_t> amount_fields;
    if (split_amounts)
      for (std::size_t i = 0; i + 1 < canonical.size(); ++i)
        if (const ColumnSpec* c = canonical[i].empty() ? nullptr : find_column(spec, canonical[i]);
            c && c->value == ValueType::money)
          amount_fields.push_back(i);
    const std::string quote_hint = "; in a file separated by commas, an amount with øre is written in quotes "
                                   "(\"18.000,50\"), or the file is separated by semicolons";

    while (auto row = reader.next()) {
      if (problems.size() >= max_problems) return records;
      if (row->fields.size() != header.fields.size()) {
        problems.push_back({Location::in_file(file_label, row->line), Severity::error,
                            "the row has " + std::to_string(row->fields.size()) + " fields, the header " +
                                std::to_string(header.fields.size()) +
                                (split_amounts && row->fields.size() > header.fields.size() ? quote_hint : "")});
        continue;
      }
      bool split = false;
      for (std::size_t i : amount_fields) {
        const std::string kroner = trimmed(row->fields[i]), ore = trimmed(row->fields[i + 1]);
        // Øre as Danish amounts write them (two digits), after an amount not in quotes: quoted, it was whole.
        const bool whole = !kroner.empty() && !row->was_quoted(i) && !row->was_quoted(i + 1) &&
                           kroner.find_first_not_of("0123456789.-") == std::string::npos;
        const bool cents = ore.size() == 2 && ore.find_first_not_of("0123456789") == std::string::npos;
        if (whole && cents) {
          problems.push_back({Location::in_file(file_label, row->line, std::int64_t(i) + 1), Severity::error,
                              header.fields[i] + ": '" + kroner + "' followed by '" + ore +
                                  "' in the next column looks like " + kroner + "," + ore +
                                  " split at its decimal comma" + quote_hint});
          split = true;
        }
      }
      if (split) continue;
      bool stray = false;
      for (std::size_t i : unnamed)
        if (!trimmed(row->fields[i]).empty()) {
          problems.push_back({Location::in_file(file_label, row->line, std::int64_t(i) + 1), Severity::error,
                              "'" + row->fields[i] + "' is in a column without a name in the header"});
          stray = true;
        }
      if (stray) continue;
      RowValues values;
      values.amount_lang = amount_lang;
      values.src = Source{file_label, row->line, columns};
      values.src.numbers = amount_lang;
      for (std::size_t i = 0; i < row->fields.size(); ++i)
        if (!canonical[i].empty()) values.values[canonical[i]] = std::move(row->fields[i]);
      // A ledger row without an id is known by its content: the ledger stream gives it the id of that.
      parse_record(spec, values, out, problems);
      ++records;
      if (on_entry && !out.ledger.empty()) {
        on_entry(out.ledger.back());
        out.ledger.pop_back();
      }
    }
  } catch (const DataError& e) {
    for (const auto& p : e.problems()) problems.push_back(p);
  }
  return records;
}

std::vector<std::vector<std::string>> interchange_rows(const FileSpec& spec, const Dataset& data, Lang lang)
{
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0, n = spec.ops->count(data); i < n; ++i) rows.push_back(spec.ops->cells(data, i, lang));
  return rows;
}

void write_interchange(std::ostream& out, const FileSpec& spec, const Dataset& data, Lang lang)
{
  const char delim = lang == Lang::da ? ';' : ',';
  const char* eol = lang == Lang::da ? "\r\n" : "\n";
  if (lang == Lang::da) out << "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out << delim;
      out << csv_quote(cells[i], delim);
    }
    out << eol;
  };
  std::vector<std::string> head;
  for (const auto& c : spec.columns) head.emplace_back(lang == Lang::da ? c.danish : c.name);
  line(head);
  for (const auto& row : interchange_rows(spec, data, lang)) line(row);
}

}  // namespace klynge

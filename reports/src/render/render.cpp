#include "klynge/reports/render.hpp"

#include <nlohmann/json.hpp>

#include "klynge/csv.hpp"
#include "klynge/error.hpp"
#include "klynge/reports/workbook.hpp"

namespace klynge::reports {

const std::vector<std::string>& format_names()
{
  static const std::vector<std::string> names{"table", "csv", "csv-da", "json", "md", "xlsx", "html"};
  return names;
}

Format parse_format(std::string_view name)
{
  if (name == "table") return Format::table;
  if (name == "csv") return Format::csv;
  if (name == "csv-da") return Format::csv_da;
  if (name == "json") return Format::json;
  if (name == "md") return Format::md;
  if (name == "xlsx") return Format::xlsx;
  if (name == "html") return Format::html;
  throw UsageError("unknown format '" + std::string(name) + "' (one of: table, csv, csv-da, json, md, xlsx, html)");
}

std::string neutralise(const std::string& text)
{
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                        text[0] == '\r'))
    return "'" + text;
  return text;
}

namespace {

/// How one cell reads in a given format.
struct Style
{
  Format format;
  Lang lang;
  bool danish() const
  {
    return format == Format::csv_da ||
           ((format == Format::table || format == Format::md || format == Format::html || format == Format::xlsx) && lang == Lang::da);
  }
};

std::string percent_text(Hundredths v, char decimal)
{
  std::string s = format_hundredths(v);
  if (decimal != '.') s[s.find('.')] = decimal;
  return s;
}

std::string cell_text(const Cell& cell, const Style& st)
{
  const bool machine = st.format == Format::csv || st.format == Format::json;
  const bool da_sheet = st.format == Format::csv_da;
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) return {};
        else if constexpr (std::is_same_v<T, std::string>) return v;
        else if constexpr (std::is_same_v<T, Word>) return st.danish() ? v.danish : v.english;
        else if constexpr (std::is_same_v<T, Money>) {
          if (machine) return format_money(v, MoneyStyle::plain);
          if (da_sheet) return format_money(v, MoneyStyle::danish_plain);
          return format_money(v, grouped_style(st.lang));
        } else if constexpr (std::is_same_v<T, Date>) {
          return (machine || (!da_sheet && st.lang == Lang::en)) ? v.iso() : v.danish();
        } else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
        else if constexpr (std::is_same_v<T, Percent>) return percent_text(v.value, (da_sheet || (!machine && st.lang == Lang::da)) ? ',' : '.');
        else if constexpr (std::is_same_v<T, bool>) return st.danish() ? (v ? "ja" : "nej") : (v ? "true" : "false");
        else if constexpr (std::is_same_v<T, Decimal>) {
          if (machine) return decimal_text(v);
          if (da_sheet) return format_decimal(v, Lang::da);
          return format_decimal(v, st.lang, true);
        } else {
          std::string out;
          for (const auto& item : v) out += (out.empty() ? "" : "; ") + (st.danish() ? item.danish : item.english);
          return out;
        }
      },
      cell);
}

bool is_text(const Cell& c) { return std::holds_alternative<std::string>(c) || std::holds_alternative<Word>(c) || std::holds_alternative<Items>(c); }

std::string header(const Column& c, const Style& st) { return st.danish() ? c.danish : c.key; }

/// Cell c of row r as text: the label of a total row reads TOTAL, or "I alt" in Danish formats; nothing else is
/// relabelled.
std::string shown(const Table& t, std::size_t r, std::size_t c, const Style& st)
{
  return (st.danish() && int(c) == t.total_label(r)) ? "I alt" : cell_text(t.rows[r][c], st);
}

void render_csv(std::ostream& out, const Table& t, const Style& st)
{
  const bool da = st.format == Format::csv_da;
  const char delim = da ? ';' : ',';
  const char* eol = da ? "\r\n" : "\n";
  if (da) out << "\xEF\xBB\xBF";
  for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? std::string(1, delim) : "") << csv_quote(header(t.columns[c], st), delim);
  out << eol;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& cell = t.rows[r][c];
      std::string text = shown(t, r, c, st);
      if (is_text(cell)) text = neutralise(text);
      out << (c ? std::string(1, delim) : "") << csv_quote(text, delim);
    }
    out << eol;
  }
}

void render_md(std::ostream& out, const Table& t, const Style& st)
{
  auto escape = [](const std::string& s) {  // Markdown is read on a terminal too: no control characters
    std::string o;
    for (char c : terminal_safe(s)) {
      if (c == '|') o += "\\|";
      // A viewer renders HTML in Markdown: a name's `<b>` is text, shown as typed.
      else if (c == '<') o += "&lt;";
      else if (c == '>') o += "&gt;";
      else if (c == '&') o += "&amp;";
      else o += c;
    }
    return o;
  };
  out << "|";
  for (const auto& c : t.columns) out << " " << escape(header(c, st)) << " |";
  out << "\n|";
  for (const auto& c : t.columns) {
    bool right = c.type == CellType::money || c.type == CellType::count || c.type == CellType::integer ||
                 c.type == CellType::percent || c.type == CellType::number;
    out << (right ? " ---: |" : " --- |");
  }
  out << "\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out << "|";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::string text = shown(t, r, c, st);
      if (is_text(t.rows[r][c])) text = neutralise(text);
      out << " " << escape(text) << " |";
    }
    out << "\n";
  }
}

void render_table(std::ostream& out, const Table& t, const Style& st)
{
  std::vector<std::size_t> width(t.columns.size());
  std::vector<std::vector<std::string>> cells;
  auto flat = [](const std::string& s) { return terminal_safe(s); };
  for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = display_width(header(t.columns[c], st));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      std::string text = flat(shown(t, r, c, st));
      width[c] = std::max(width[c], display_width(text));
      line.push_back(std::move(text));
    }
    cells.push_back(std::move(line));
  }
  auto right_aligned = [&](std::size_t c) {
    auto ty = t.columns[c].type;
    return ty == CellType::money || ty == CellType::count || ty == CellType::integer || ty == CellType::percent ||
           ty == CellType::number;
  };
  auto print = [&](const std::vector<std::string>& line) {
    std::string s;
    for (std::size_t c = 0; c < line.size(); ++c) {
      std::string pad(width[c] - display_width(line[c]), ' ');
      if (c) s += "  ";
      s += right_aligned(c) ? pad + line[c] : line[c] + pad;
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << "\n";
  };
  std::vector<std::string> head;
  for (const auto& c : t.columns) head.push_back(header(c, st));
  print(head);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < t.columns.size(); ++c) rule.push_back(std::string(width[c], '-'));
  print(rule);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    if (t.total[r]) print(rule);
    print(cells[r]);
  }
}

void render_json(std::ostream& out, const Table& t, const Style& st)
{
  // Text stored before values were checked as UTF-8 (an older revision's command) is shown with U+FFFD, not refused.
  auto str = [](const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  out << "{\n  \"report\": " << str(t.report) << ",\n  \"as_of\": " << str(t.as_of.iso());
  if (!t.key.empty()) out << ",\n  \"key\": " << str(t.key);
  out << ",\n  \"columns\": [";
  for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? ", " : "") << str(t.columns[c].key);
  out << "],\n  \"rows\": [";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out << (r ? ",\n" : "\n") << "    {";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& cell = t.rows[r][c];
      out << (c ? ", " : "") << str(t.columns[c].key) << ": ";
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) out << "null";
            else if constexpr (std::is_same_v<T, std::string>) out << str(v);
            else if constexpr (std::is_same_v<T, Word>) out << str(v.english);
            else if constexpr (std::is_same_v<T, Money>) out << format_money(v, MoneyStyle::plain);
            else if constexpr (std::is_same_v<T, Date>) out << str(v.iso());
            else if constexpr (std::is_same_v<T, std::int64_t>) out << v;
            else if constexpr (std::is_same_v<T, Percent>) out << format_hundredths(v.value);
            else if constexpr (std::is_same_v<T, bool>) out << (v ? "true" : "false");
            else if constexpr (std::is_same_v<T, Decimal>) out << decimal_text(v);
            else {
              out << "[";
              for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << str(v[i].english);
              out << "]";
            }
          },
          cell);
    }
    out << "}";
  }
  out << (t.rows.empty() ? "]\n}\n" : "\n  ]\n}\n");
  (void)st;
}

}  // namespace

std::string cell_display(const Table& t, std::size_t row, std::size_t column, Format format, Lang lang)
{
  return shown(t, row, column, Style{format, lang});
}

std::string header_display(const Column& column, Format format, Lang lang) { return header(column, Style{format, lang}); }

void render(std::ostream& out, const Table& t, Format format, Lang lang, std::int64_t created)
{
  Style st{format, lang};
  switch (format) {
  case Format::table: render_table(out, t, st); break;
  case Format::csv:
  case Format::csv_da: render_csv(out, t, st); break;
  case Format::json: render_json(out, t, st); break;
  case Format::md: render_md(out, t, st); break;
  case Format::xlsx: out << xlsx_report(t, lang, created); break;
  case Format::html: out << html_report(t, lang); break;
  }
}

}  // namespace klynge::reports

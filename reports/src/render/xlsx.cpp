// xlsx: report tables as typed cells of a workbook, written with libxlsxwriter.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <cstring>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

#include <xlsxwriter.h>

#include "klynge/error.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/workbook.hpp"

namespace klynge::reports {

namespace {

/// Money leaves integer øre only here, at the rendering boundary: a spreadsheet's number is a double (as_kroner).
double kroner(Money m) { return as_kroner(m); }

/// A spreadsheet shows 15 significant digits of a number; an amount with more (from 10.000.000.000.000,00 kr.) is
/// written as its text, so that no øre is lost.
bool shown_exactly(Money m) { return m.ore() < 1'000'000'000'000'000 && m.ore() > -1'000'000'000'000'000; }

void check(lxw_error e, const char* what)
{
  if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}

struct Formats
{
  lxw_format *bold, *money, *money_bold, *date, *number, *number_bold, *percent, *percent_bold, *text_bold, *title;
  explicit Formats(lxw_workbook* wb)
  {
    auto make = [wb](const char* num, bool is_bold) {
      lxw_format* f = workbook_add_format(wb);
      if (num) format_set_num_format(f, num);
      if (is_bold) format_set_bold(f);
      return f;
    };
    bold = make(nullptr, true);
    money = make("#,##0.00", false);
    money_bold = make("#,##0.00", true);
    date = make("dd-mm-yyyy", false);
    number = make("0", false);
    number_bold = make("0", true);
    percent = make("0.00", false);
    percent_bold = make("0.00", true);
    text_bold = bold;
    title = make(nullptr, true);
    format_set_font_size(title, 14);
  }
};

/// A workbook reads `_xHHHH_` in a cell's text as the character U+HHHH (how it keeps control characters), so a
/// text holding one literally (`_x0041_`) has its `_` written as `_x005F_`, and reads back as typed.
std::string workbook_text(std::string_view text)
{
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') && hex(text[i + 2]) &&
        hex(text[i + 3]) && hex(text[i + 4]) && hex(text[i + 5]) && text[i + 6] == '_')
      out += "_x005F";
    out += text[i];
  }
  return out;
}

/// Every text cell goes through here.
lxw_error write_text(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* format)
{
  return worksheet_write_string(ws, row, col, workbook_text(text).c_str(), format);
}

/// A date as a date cell shown `dd-mm-yyyy`; one before 1900, which a workbook's dates (serial days from
/// 1900-01-01) cannot hold, as its text the same way shown.
lxw_error write_date(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, Date d, const Formats& f)
{
  if (d.year() < 1900) return write_text(ws, row, col, d.danish(), nullptr);
  lxw_datetime dt{d.year(), int(d.month()), int(d.day()), 0, 0, 0.0};
  return worksheet_write_datetime(ws, row, col, &dt, f.date);
}

/// Column width in characters from the widest cell (as the table format writes it), within reason.
double width_of(std::size_t chars) { return double(std::min<std::size_t>(std::max<std::size_t>(chars, 6) + 2, 60)); }

/// Writes a table with its header at `top`; returns the row after it.
lxw_row_t write_table(lxw_worksheet* ws, const Formats& f, const Table& t, Lang lang, lxw_row_t top)
{
  std::vector<std::size_t> width(t.columns.size());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    std::string h = header_display(t.columns[c], Format::xlsx, lang);
    width[c] = display_width(h);
    check(write_text(ws, top, lxw_col_t(c), h, f.bold), "header");
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool total = t.total[r];
    const lxw_row_t row = top + 1 + lxw_row_t(r);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& cell = t.rows[r][c];
      const lxw_col_t col = lxw_col_t(c);
      width[c] = std::max(width[c], display_width(cell_display(t, r, c, Format::table, lang)));
      lxw_error e = LXW_NO_ERROR;
      if (auto m = std::get_if<Money>(&cell)) {
        if (shown_exactly(*m))
          e = worksheet_write_number(ws, row, col, kroner(*m), total ? f.money_bold : f.money);
        else
          e = write_text(ws, row, col, format_money(*m, grouped_style(lang)), total ? f.text_bold : nullptr);
      } else if (auto d = std::get_if<Date>(&cell)) {
        e = write_date(ws, row, col, *d, f);
      } else if (auto n = std::get_if<std::int64_t>(&cell)) {
        e = worksheet_write_number(ws, row, col, double(*n), total ? f.number_bold : f.number);
      } else if (auto p = std::get_if<Percent>(&cell)) {
        e = worksheet_write_number(ws, row, col, double(p->value) / 100.0, total ? f.percent_bold : f.percent);
      } else if (auto x = std::get_if<Decimal>(&cell)) {
        // A measured figure leaves its exact decimal only here, as a spreadsheet's number.
        e = worksheet_write_number(ws, row, col, as_number(*x), total ? f.bold : nullptr);
      } else if (!std::holds_alternative<std::monostate>(cell)) {
        // Text stays text: write_string never makes a formula, so nothing needs a leading '.
        std::string text = cell_display(t, r, c, Format::xlsx, lang);
        e = write_text(ws, row, col, text, total ? f.text_bold : nullptr);
      } else if (total) {
        e = worksheet_write_blank(ws, row, col, f.bold);
      }
      check(e, "cell");
    }
  }
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width_of(width[c]), nullptr), "width");
  return top + 1 + lxw_row_t(t.rows.size());
}

/// Writes a chart's figures at (top, 0) and the chart beside them; returns the row after both.
lxw_row_t write_chart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const Formats& f,
                      const BarChart& ch, lxw_row_t top)
{
  check(write_text(ws, top, 0, ch.title, f.bold), "chart title");
  if (ch.empty()) {  // as on the page: a sentence, not a chart over empty cells
    check(write_text(ws, top + 1, 0, ch.nothing_to_show, nullptr), "chart");
    return top + 3;
  }
  for (std::size_t s = 0; s < ch.series.size(); ++s)
    check(write_text(ws, top + 1, lxw_col_t(1 + s), ch.series[s].name, f.bold), "series");
  for (std::size_t i = 0; i < ch.categories.size(); ++i) {
    const lxw_row_t row = top + 2 + lxw_row_t(i);
    check(write_text(ws, row, 0, ch.categories[i], nullptr), "category");
    for (std::size_t s = 0; s < ch.series.size(); ++s)
      check(worksheet_write_number(ws, row, lxw_col_t(1 + s), kroner(ch.series[s].values.at(i)), f.money), "value");
  }
  const lxw_row_t first = top + 2, last = top + 1 + lxw_row_t(std::max<std::size_t>(ch.categories.size(), 1));
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
  for (std::size_t s = 0; s < ch.series.size(); ++s) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, sheet.c_str(), first, 0, last, 0);
    chart_series_set_values(series, sheet.c_str(), first, lxw_col_t(1 + s), last, lxw_col_t(1 + s));
    chart_series_set_name_range(series, sheet.c_str(), top + 1, lxw_col_t(1 + s));
  }
  chart_title_set_name(chart, ch.title.c_str());
  chart_axis_set_num_format(chart->x_axis, "#,##0");
  chart_axis_set_reverse(chart->y_axis);  // categories top-down, in the table's order
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opt{};
  opt.x_scale = 1.6;
  opt.y_scale = std::max(1.0, 0.25 * double(ch.categories.size() * ch.series.size()) / 2.0);
  const lxw_col_t beside = lxw_col_t(ch.series.size() + 2);
  check(worksheet_insert_chart_opt(ws, top, beside, chart, &opt), "chart");
  // The chart is about 15 rows high per unit of scale.
  const lxw_row_t chart_rows = lxw_row_t(15.0 * opt.y_scale) + 1;
  return std::max(last + 2, top + chart_rows + 1);
}

/// Writes an indicator's figures at (top, 0) — date, value, baseline, target per measurement — and a native line
/// chart beside them: the measurements, and the baseline and target as dashed level lines. The level lines are
/// drawn through two points of their own at the ends of the date axis, written under the measurements, so they
/// cross the whole chart as on the HTML page (through the measurements' rows, one measurement drew no line).
/// Returns the row after.
lxw_row_t write_indicator_chart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet, const Formats& f,
                                const IndicatorChart& ch, lxw_row_t top)
{
  check(write_text(ws, top, 0, ch.title, f.bold), "chart title");
  const char* names[] = {ch.value_name.c_str(), ch.baseline_name.c_str(), ch.target_name.c_str()};
  for (lxw_col_t c = 0; c < 3; ++c) check(write_text(ws, top + 1, c + 1, names[c], f.bold), "series");
  for (std::size_t i = 0; i < ch.dates.size(); ++i) {
    const lxw_row_t row = top + 2 + lxw_row_t(i);
    check(write_date(ws, row, 0, ch.dates[i], f), "date");
    check(worksheet_write_number(ws, row, 1, as_number(ch.values[i]), nullptr), "value");
    if (ch.baseline) check(worksheet_write_number(ws, row, 2, as_number(*ch.baseline), nullptr), "baseline");
    if (ch.target) check(worksheet_write_number(ws, row, 3, as_number(*ch.target), nullptr), "target");
  }
  const lxw_row_t first = top + 2, last = top + 1 + lxw_row_t(std::max<std::size_t>(ch.dates.size(), 1));
  // The axis from the first measurement to the last (a fortnight either side of a single one), not from 1900.
  const Date epoch = Date::from_ymd(1899, 12, 30);
  const double from = double(ch.dates.front().days_since(epoch)), to = double(ch.dates.back().days_since(epoch));
  const double margin = to > from ? (to - from) * 0.05 : 15;
  const auto axis_from = std::int64_t(std::floor(from - margin)), axis_to = std::int64_t(std::ceil(to + margin));
  // The level lines' two points: the axis's first and last day, with the baseline and the target.
  const bool levels = ch.baseline || ch.target;
  const lxw_row_t level_top = last + 2;
  if (levels) {
    check(write_text(ws, level_top, 0, ch.levels_name, f.bold), "level lines");
    for (lxw_row_t k = 0; k < 2; ++k) {
      const lxw_row_t row = level_top + 1 + k;
      check(write_date(ws, row, 0, epoch.plus_days(k == 0 ? axis_from : axis_to), f), "date");
      if (ch.baseline) check(worksheet_write_number(ws, row, 2, as_number(*ch.baseline), nullptr), "baseline");
      if (ch.target) check(worksheet_write_number(ws, row, 3, as_number(*ch.target), nullptr), "target");
    }
  }
  // A scatter chart: its x axis is a value axis of the dates' serial numbers, so measurements stand at their dates
  // in every reader. A line chart's category axis of dates was read as a date axis in years by LibreOffice (the
  // measurement of 31-12-2023 stood on 01-01-2023), and libxlsxwriter writes no date axis.
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
  for (lxw_col_t c = 1; c <= 3; ++c) {
    if ((c == 2 && !ch.baseline) || (c == 3 && !ch.target)) continue;
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    const lxw_row_t from_row = c == 1 ? first : level_top + 1, to_row = c == 1 ? last : level_top + 2;
    chart_series_set_categories(series, sheet.c_str(), from_row, 0, to_row, 0);
    chart_series_set_values(series, sheet.c_str(), from_row, c, to_row, c);
    chart_series_set_name_range(series, sheet.c_str(), top + 1, c);
    if (c == 1) {
      chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
    } else {
      chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
      lxw_chart_line line{};
      line.dash_type = c == 2 ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_ROUND_DOT;
      line.width = 1.5;
      chart_series_set_line(series, &line);
    }
  }
  chart_title_set_name(chart, ch.title.c_str());
  chart_axis_set_num_format(chart->x_axis, "dd-mm-yyyy");
  chart_axis_set_min(chart->x_axis, double(axis_from));
  chart_axis_set_max(chart->x_axis, double(axis_to));
  chart_axis_major_gridlines_set_visible(chart->x_axis, LXW_FALSE);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opt{};
  opt.x_scale = 1.4;
  opt.y_scale = 1.0;
  check(worksheet_insert_chart_opt(ws, top, 5, chart, &opt), "chart");
  return std::max((levels ? level_top + 3 : last) + 2, top + 17);
}

/// A file of our own for libxlsxwriter to write, removed again whatever happens.
struct TempFile
{
  std::filesystem::path path;
  TempFile()
  {
    std::random_device rd;
    std::ostringstream name;
    name << "klynge-" << std::hex << rd() << rd() << ".xlsx";
    path = std::filesystem::temp_directory_path() / name.str();
  }
  ~TempFile()
  {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

std::string xlsx_workbook(const std::vector<Sheet>& sheets, Lang lang, std::int64_t created)
{
  TempFile file;
  lxw_workbook_options options{};
  options.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(file.path.c_str(), &options);
  if (!wb) throw std::runtime_error("xlsx: cannot create a workbook in " + file.path.parent_path().string());
  // Fixed properties: the creation time is the one given, so that the bytes follow from the input alone.
  static char name[] = "klynge";  // the library's fields are not const
  lxw_doc_properties props{};
  props.title = name;
  props.author = name;
  props.created = std::time_t(created);
  workbook_set_properties(wb, &props);
  Formats f(wb);
  for (const Sheet& s : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    if (!ws) {
      workbook_close(wb);
      throw std::runtime_error("xlsx: cannot add a sheet named '" + s.name + "'");
    }
    lxw_row_t row = 0;
    std::size_t label_width = 0, value_width = 0;
    for (const auto& [label, value] : s.lines) {
      check(write_text(ws, row, 0, label, row == 0 ? f.title : f.bold), "line");
      if (!value.empty()) check(write_text(ws, row, 1, value, nullptr), "line");
      label_width = std::max(label_width, display_width(label));
      value_width = std::max(value_width, display_width(value));
      ++row;
    }
    if (!s.lines.empty()) {
      worksheet_set_column(ws, 0, 0, width_of(label_width), nullptr);
      worksheet_set_column(ws, 1, 1, width_of(value_width), nullptr);
      ++row;
    }
    if (s.table) {
      const lxw_row_t header = row;
      row = write_table(ws, f, *s.table, lang, header);
      worksheet_freeze_panes(ws, header + 1, 0);
      // The filter covers the rows, not the TOTAL rows after them: sorting or filtering keeps the total below.
      std::size_t rows = s.table->rows.size();
      while (rows > 0 && s.table->total[rows - 1]) --rows;
      if (!s.table->columns.empty())
        check(worksheet_autofilter(ws, header, 0, header + lxw_row_t(rows), lxw_col_t(s.table->columns.size() - 1)),
              "autofilter");
      ++row;
    }
    // A sheet of charts only: its columns wide enough for the charts' data (labels, amounts such as 6.251.950,00,
    // dates), which Excel would otherwise show as ########.
    if (!s.table && s.lines.empty() && (!s.charts.empty() || !s.indicator_charts.empty())) {
      std::size_t label = 12, values = 1;
      for (const BarChart& ch : s.charts) {
        for (const auto& c : ch.categories) label = std::max(label, display_width(c));
        values = std::max(values, ch.series.size());
      }
      values = std::max<std::size_t>(values, s.indicator_charts.empty() ? 0 : 3);
      worksheet_set_column(ws, 0, 0, width_of(std::min<std::size_t>(label, 48)), nullptr);
      worksheet_set_column(ws, 1, lxw_col_t(values), width_of(16), nullptr);
    }
    for (const BarChart& ch : s.charts) row = write_chart(wb, ws, s.name, f, ch, row);
    for (const IndicatorChart& ch : s.indicator_charts) row = write_indicator_chart(wb, ws, s.name, f, ch, row);
  }
  errno = 0;
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    // A full disk or a file-size limit: the system's reason says more than the library's ("Zip generic error").
    const int err = errno;
    throw std::runtime_error("cannot write the workbook (in " + file.path.parent_path().string() + "): " +
                             (err ? std::strerror(err) : lxw_strerror(e)));
  }
  std::ifstream in(file.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("xlsx: cannot read back " + file.path.string());
  return bytes;
}

std::string xlsx_report(const Table& t, Lang lang, std::int64_t created)
{
  Sheet s;
  s.name = t.report;
  s.table = &t;
  return xlsx_workbook({s}, lang, created);
}

}  // namespace klynge::reports

// html: report tables as one self-contained page (no script, no font, no image from outside the file).
#include <sstream>

#include "klynge/reports/render.hpp"
#include "klynge/reports/wording.hpp"
#include "klynge/reports/workbook.hpp"

namespace klynge::reports {

std::string html_escape(const std::string& text)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    // Control characters are not allowed in HTML (a stored name may hold one, from a file): shown as U+FFFD, as
    // the table format shows them as '?'. C1 controls are U+0080–U+009F, in UTF-8 0xC2 0x80–0x9F.
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) {
      out += "\uFFFD";
      continue;
    }
    if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

namespace {

bool numeric(CellType t)
{
  return t == CellType::money || t == CellType::count || t == CellType::integer || t == CellType::percent ||
         t == CellType::number;
}

/// The RAG word of a cell, for its colour: green, amber or red (English), else nothing.
std::string rag_class(const Cell& cell)
{
  if (auto w = std::get_if<Word>(&cell))
    if (w->english == "green" || w->english == "amber" || w->english == "red") return " rag-" + w->english;
  return {};
}

}  // namespace

std::string html_table(const Table& t, Lang lang)
{
  std::ostringstream o;
  // A table of many columns (status has 19) is set smaller in print, so that its words fit whole on the page.
  o << "<table class=\"report" << (t.columns.size() > 14 ? " wide" : "") << "\" data-report=\"" << html_escape(t.report)
    << "\">\n<thead><tr>";
  for (const auto& c : t.columns) {
    // A header such as åbne_milepæle may break after its underscores on a narrow (printed) page, never inside a word.
    std::string header = html_escape(header_display(c, Format::html, lang));
    for (std::size_t at = 0; (at = header.find('_', at)) != std::string::npos; at += 6) header.insert(at + 1, "<wbr>");
    o << "<th" << (numeric(c.type) ? " class=\"num\"" : "") << " data-key=\"" << html_escape(c.key) << "\">" << header
      << "</th>";
  }
  o << "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    o << (t.total[r] ? "<tr class=\"total\">" : "<tr>");
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const Cell& cell = t.rows[r][c];
      const std::string shown = cell_display(t, r, c, Format::html, lang);
      // A long text (a reason, a command, a milestone's name) wraps in a column of its own width; the rest stays on
      // one line, so that a wide table does not push its figures off the page.
      std::string cls = (numeric(t.columns[c].type) ? "num" : t.columns[c].type == CellType::date ? "date" : "") +
                        rag_class(cell) + (shown.size() > 40 ? " wrap" : "");
      if (!cls.empty() && cls[0] == ' ') cls.erase(0, 1);
      o << "<td" << (cls.empty() ? "" : " class=\"" + cls + "\"") << ">" << html_escape(shown) << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</tbody>\n</table>\n";
  return o.str();
}

std::string html_page(const std::string& title, Lang lang, const std::string& body)
{
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::da ? "da" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    // Nothing may be fetched: a policy that forbids every source but the page's own inline style.
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:\">\n"
    << "<title>" << html_escape(title) << "</title>\n<style>\n"
    << R"(body{font-family:"Segoe UI",Helvetica,Arial,sans-serif;margin:24px 32px;color:#1f2933;background:#f7f8fa}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #d9dee5;padding-bottom:4px}
.sub{color:#52606d;margin:0 0 16px}
section{background:#fff;border:1px solid #e1e5ea;border-radius:6px;padding:12px 16px;margin:0 0 16px;overflow-x:auto}
table.report{border-collapse:collapse;font-size:12px;width:100%}
table.report th{background:#243b53;color:#fff;text-align:left;padding:4px 6px;white-space:nowrap}
table.report td{padding:3px 6px;border-bottom:1px solid #e4e7eb;white-space:nowrap}
table.report td.wrap{white-space:normal;overflow-wrap:break-word;min-width:14em;max-width:28em}
table.report .num{text-align:right;font-variant-numeric:tabular-nums}
table.report tr.total td{font-weight:bold;border-top:2px solid #243b53;background:#f0f4f8}
td.rag-green{background:#c6f6d5}td.rag-amber{background:#feebc8}td.rag-red{background:#fed7d7}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 16px}
.card{background:#fff;border:1px solid #e1e5ea;border-left:6px solid #829ab1;border-radius:6px;padding:8px 14px;min-width:150px}
.card.green{border-left-color:#38a169}.card.amber{border-left-color:#dd6b20}.card.red{border-left-color:#e53e3e}
.card .k{font-size:12px;color:#52606d}.card .v{font-size:20px;font-weight:bold}
dl.cover{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dl.cover dt{font-weight:bold}
svg{max-width:100%;height:auto;font-family:inherit}svg.chart{display:block}
.burns{display:flex;flex-wrap:wrap;gap:16px}.burns svg{width:460px;max-width:100%}
@page{size:A4 landscape;margin:10mm}
@media print{body{margin:0;background:#fff}.burns svg{width:48%}section{break-inside:avoid;border:none;padding:0;overflow:visible}
h2{break-after:avoid}table.report{font-size:8px}.pagebreak{break-before:page}
table.report th,table.report td{white-space:normal;overflow-wrap:break-word;padding:2px 3px}
table.report td.num,table.report td.date{white-space:nowrap}table.report.wide{font-size:7px}
table.report.wide th,table.report.wide td{padding:2px 2px}}
)"
    << "</style>\n</head>\n<body>\n"
    << body << "</body>\n</html>\n";
  return o.str();
}

std::string html_report(const Table& t, Lang lang)
{
  std::string title = report_title(t.report, lang) + (t.key.empty() ? "" : " " + t.key) +
                      (lang == Lang::da ? " pr. " + t.as_of.danish() : " as of " + t.as_of.iso());
  return html_page(title, lang, "<h1>" + html_escape(title) + "</h1>\n<section>\n" + html_table(t, lang) + "</section>\n");
}

}  // namespace klynge::reports

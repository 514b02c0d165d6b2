#include "klynge/interchange.hpp"

#include <algorithm>
#include <ostream>

#include "klynge/csv.hpp"

namespace klynge {

const std::vector<FileSpec>& file_specs()
{
  static const std::vector<FileSpec> specs{
      {RecordKind::bodies, "bodies.csv", "body",
       {{"id", "id", true}, {"kind", "type", true}, {"name", "navn", true}, {"region", "region"},
        {"active_from", "aktiv_fra"}, {"active_to", "aktiv_til"}, {"successor", "efterfølger"},
        {"successor_from", "efterfølger_fra"}}},
      {RecordKind::groups, "groups.csv", "group",
       {{"id", "id", true}, {"body", "organisation", true}, {"name", "navn", true}, {"level", "niveau", true},
        {"parent", "overordnet"}}},
      {RecordKind::initiatives, "initiatives.csv", "initiative",
       {{"id", "id", true}, {"body", "ejer", true}, {"name", "navn", true}, {"kind", "type"},
        {"group", "styregruppe"}, {"lead", "projektleder"}, {"start", "start"}, {"end", "slut"},
        {"status", "status", true}}},
      {RecordKind::meetings, "meetings.csv", "meeting",
       {{"id", "id", true}, {"group", "styregruppe", true}, {"date", "dato", true}, {"place", "sted"}}},
      {RecordKind::decisions, "decisions.csv", "decision",
       {{"id", "id", true}, {"meeting", "møde", true}, {"item", "punkt"}, {"title", "titel", true},
        {"text", "tekst"}, {"initiative", "indsats"}}},
      {RecordKind::changes, "changes.csv", "change",
       {{"date", "dato", true}, {"initiative", "indsats"}, {"body", "organisation"}, {"field", "felt", true},
        {"value", "værdi", true}, {"decision", "beslutning"}, {"note", "note"}}},
      {RecordKind::ledger, "ledger.csv", "entry",
       {{"id", "id"}, {"date", "dato", true}, {"kind", "art", true}, {"body", "organisation", true},
        {"initiative", "indsats"}, {"counterparty", "modpart"}, {"category", "kategori"}, {"source", "kilde"},
        {"amount", "beløb", true}, {"decision", "beslutning"}, {"reverses", "tilbagefører"}, {"note", "note"}}},
      {RecordKind::estimates, "estimates.csv", "estimate",
       {{"initiative", "indsats", true}, {"category", "kategori", true}, {"from", "fra", true},
        {"to", "til", true}, {"amount", "beløb", true}, {"estimated_on", "estimeret_dato", true},
        {"note", "note"}}},
      {RecordKind::milestones, "milestones.csv", "milestone",
       {{"initiative", "indsats", true}, {"name", "navn", true}, {"kind", "type"}, {"due", "frist", true},
        {"done", "udført"}}},
      {RecordKind::settings, "settings.csv", "setting", {{"key", "nøgle", true}, {"value", "værdi", true}}},
  };
  return specs;
}

const FileSpec& spec_for(RecordKind kind)
{
  for (const auto& s : file_specs())
    if (s.kind == kind) return s;
  throw std::logic_error("unknown record kind");
}

const FileSpec* spec_for_file(std::string_view file_name)
{
  for (const auto& s : file_specs())
    if (s.file == file_name) return &s;
  return nullptr;
}

const FileSpec* spec_for_word(std::string_view word)
{
  for (const auto& s : file_specs()) {
    std::string_view stem = s.file.substr(0, s.file.size() - 4);
    if (word == stem || word == s.singular || word == s.file) return &s;
  }
  return nullptr;
}

bool valid_id(std::string_view id)
{
  if (id.empty()) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '_' || c == '-'));
  };
  for (std::size_t i = 0; i < id.size(); ++i)
    if (!ok(id[i], i == 0)) return false;
  return true;
}

std::string generated_ledger_id(std::string_view file_name, std::string_view sha256, std::int64_t line)
{
  std::string stem(file_name);
  if (auto slash = stem.find_last_of('/'); slash != std::string::npos) stem = stem.substr(slash + 1);
  if (auto dot = stem.rfind('.'); dot != std::string::npos) stem = stem.substr(0, dot);
  return stem + "-" + std::string(sha256.substr(0, 8)) + "-" + std::to_string(line);
}

namespace {

/// Reads the fields of one row, recording problems with their place; `ok` stays true while all is well.
class Fields
{
public:
  Fields(const RowValues& row, std::vector<Diagnostic>& problems) : row_(row), problems_(problems) {}
  bool ok = true;

  std::string text(const std::string& col, bool required = false)
  {
    auto it = row_.values.find(col);
    std::string v = it == row_.values.end() ? std::string() : it->second;
    if (required && v.empty()) report(col, "missing (a value is required)");
    return v;
  }
  std::string id(const std::string& col, bool required = false)
  {
    std::string v = text(col, required);
    if (!v.empty() && !valid_id(v))
      report(col, "'" + v + "' is not an id (lower-case letters, digits, '_' and '-', starting with a letter or digit)");
    return v;
  }
  std::optional<Date> date(const std::string& col, bool required = false)
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
  Date required_date(const std::string& col) { return date(col, true).value_or(Date{}); }
  Money money(const std::string& col)
  {
    auto it = row_.values.find(col);
    std::string v = it == row_.values.end() ? std::string() : it->second;
    try {
      return parse_money(v, row_.amount_lang);
    } catch (const ValueError& e) {
      report(col, e.what());
      return Money{};
    }
  }
  template <class E> std::optional<E> enumeration(const std::string& col, bool required = false)
  {
    std::string v = text(col, required);
    if (v.empty()) return std::nullopt;
    try {
      return parse_enum<E>(v);
    } catch (const ValueError& e) {
      report(col, e.what());
      return std::nullopt;
    }
  }
  void report(const std::string& col, const std::string& message)
  {
    problems_.push_back(row_.src.problem(col, message));
    ok = false;
  }

private:
  const RowValues& row_;
  std::vector<Diagnostic>& problems_;
};

/// Normalises the value of a dated change by its field: a date to ISO, a status to its English word.
std::string change_value(Fields& f, ChangeField field)
{
  std::string v = f.text("value", true);
  if (v.empty()) return v;
  try {
    switch (field) {
    case ChangeField::status: return std::string(to_text(parse_enum<InitiativeStatus>(v)));
    case ChangeField::end:
    case ChangeField::active_to:
    case ChangeField::successor_from: return parse_date(v).iso();
    case ChangeField::owner:
    case ChangeField::group:
    case ChangeField::successor:
      if (!valid_id(v)) throw ValueError("'" + v + "' is not an id");
      return v;
    }
  } catch (const ValueError& e) {
    f.report("value", e.what());
  }
  return v;
}

}  // namespace

void parse_record(const FileSpec& spec, const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
                  const std::string& ledger_id)
{
  Fields f(row, problems);
  switch (spec.kind) {
  case RecordKind::bodies: {
    Body b;
    b.id = f.id("id", true);
    b.kind = f.enumeration<BodyKind>("kind", true).value_or(BodyKind::other);
    b.name = f.text("name", true);
    b.region = f.text("region");
    b.active_from = f.date("active_from");
    b.active_to = f.date("active_to");
    b.successor = f.id("successor");
    b.successor_from = f.date("successor_from");
    b.src = row.src;
    if (f.ok) out.bodies.push_back(std::move(b));
    break;
  }
  case RecordKind::groups: {
    Group g;
    g.id = f.id("id", true);
    g.body = f.id("body", true);
    g.name = f.text("name", true);
    g.level = f.enumeration<GroupLevel>("level", true).value_or(GroupLevel::other);
    g.parent = f.id("parent");
    g.src = row.src;
    if (f.ok) out.groups.push_back(std::move(g));
    break;
  }
  case RecordKind::initiatives: {
    Initiative i;
    i.id = f.id("id", true);
    i.body = f.id("body", true);
    i.name = f.text("name", true);
    i.kind = f.enumeration<InitiativeKind>("kind");
    i.group = f.id("group");
    i.lead = f.text("lead");
    i.start = f.date("start");
    i.end = f.date("end");
    i.status = f.enumeration<InitiativeStatus>("status", true).value_or(InitiativeStatus::proposed);
    i.src = row.src;
    if (f.ok) out.initiatives.push_back(std::move(i));
    break;
  }
  case RecordKind::meetings: {
    Meeting m;
    m.id = f.id("id", true);
    m.group = f.id("group", true);
    m.date = f.required_date("date");
    m.place = f.text("place");
    m.src = row.src;
    if (f.ok) out.meetings.push_back(std::move(m));
    break;
  }
  case RecordKind::decisions: {
    Decision d;
    d.id = f.id("id", true);
    d.meeting = f.id("meeting", true);
    d.item = f.text("item");
    d.title = f.text("title", true);
    d.text = f.text("text");
    d.initiative = f.id("initiative");
    d.src = row.src;
    if (f.ok) out.decisions.push_back(std::move(d));
    break;
  }
  case RecordKind::changes: {
    Change c;
    c.date = f.required_date("date");
    c.initiative = f.id("initiative");
    c.body = f.id("body");
    auto field = f.enumeration<ChangeField>("field", true);
    if (field) {
      c.field = *field;
      c.value = change_value(f, c.field);
      if (c.initiative.empty() == c.body.empty())
        f.report(c.initiative.empty() ? "initiative" : "body", "name exactly one of initiative or body");
      else if (!c.initiative.empty() && !is_initiative_field(c.field))
        f.report("field", "'" + std::string(to_text(c.field)) + "' is a field of a body, not of an initiative");
      else if (!c.body.empty() && is_initiative_field(c.field))
        f.report("field", "'" + std::string(to_text(c.field)) + "' is a field of an initiative, not of a body");
    } else {
      f.text("value", true);
    }
    c.decision = f.id("decision");
    c.note = f.text("note");
    c.origin = row.src.origin();
    c.src = row.src;
    if (f.ok) out.changes.push_back(std::move(c));
    break;
  }
  case RecordKind::ledger: {
    LedgerEntry e;
    e.id = f.text("id");
    if (e.id.empty()) e.id = ledger_id;
    else if (!valid_id(e.id)) f.report("id", "'" + e.id + "' is not an id (lower-case letters, digits, '_' and '-')");
    e.date = f.required_date("date");
    e.kind = f.enumeration<EntryKind>("kind", true).value_or(EntryKind::receipt);
    e.body = f.id("body", true);
    e.initiative = f.id("initiative");
    e.counterparty = f.id("counterparty");
    e.category = f.text("category");
    e.source = f.text("source");
    e.amount = f.money("amount");
    e.decision = f.id("decision");
    e.reverses = f.text("reverses");
    e.note = f.text("note");
    e.origin = row.src.origin();
    e.src = row.src;
    if (f.ok) {
      if (e.amount.is_zero()) f.report("amount", "the amount is zero");
      else if (e.amount.is_negative() && e.kind != EntryKind::opening)
        f.report("amount", "'" + format_money(e.amount, grouped_style(row.amount_lang)) + "' is negative: only an opening may be negative; the kind '" +
                               std::string(to_text(e.kind)) + "' gives the direction");
      else if (e.initiative.empty() &&
               (e.kind == EntryKind::grant || e.kind == EntryKind::return_ || e.kind == EntryKind::expense))
        f.report("initiative", "missing: a " + std::string(to_text(e.kind)) + " names the initiative");
    }
    if (f.ok) out.ledger.push_back(std::move(e));
    break;
  }
  case RecordKind::estimates: {
    Estimate e;
    e.initiative = f.id("initiative", true);
    e.category = f.text("category", true);
    auto from = f.date("from", true);
    auto to = f.date("to", true);
    e.amount = f.money("amount");
    e.estimated_on = f.required_date("estimated_on");
    e.note = f.text("note");
    e.origin = row.src.origin();
    e.src = row.src;
    if (from && to) {
      e.from = *from;
      e.to = *to;
      if (*to < *from) f.report("to", "the window ends (" + to->iso() + ") before it starts (" + from->iso() + ")");
    }
    if (f.ok && e.amount.is_negative()) f.report("amount", "an estimate cannot be negative");
    if (f.ok) out.estimates.push_back(std::move(e));
    break;
  }
  case RecordKind::milestones: {
    Milestone m;
    m.initiative = f.id("initiative", true);
    m.name = f.text("name", true);
    m.kind = f.enumeration<MilestoneKind>("kind");
    m.due = f.required_date("due");
    m.done = f.date("done");
    m.src = row.src;
    if (f.ok) out.milestones.push_back(std::move(m));
    break;
  }
  case RecordKind::settings: {
    Setting s;
    s.key = f.text("key", true);
    s.value = f.text("value", true);
    s.src = row.src;
    if (f.ok) out.settings.push_back(std::move(s));
    break;
  }
  }
}

namespace {

std::string lower_ascii(std::string s)
{
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

std::string trimmed(const std::string& s)
{
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

constexpr std::size_t max_problems = 100;

}  // namespace

std::size_t read_interchange(std::istream& in, const std::string& file_label, const FileSpec& spec,
                             const std::string& sha256, Dataset& out, std::vector<Diagnostic>& problems,
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
    if (header.fields.empty() || (header.fields.size() == 1 && header.fields[0].empty())) {
      header_problem(0, "empty file: the first line must name the columns");
      return 0;
    }
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
      std::string name = lower_ascii(trimmed(header.fields[i]));
      const ColumnSpec* found = nullptr;
      for (const auto& c : spec.columns)
        if (name == c.name || name == c.danish) found = &c;
      if (!found) {
        std::string known;
        for (const auto& c : spec.columns) known += (known.empty() ? "" : ", ") + std::string(c.name);
        header_problem(std::int64_t(i) + 1, "unknown column '" + header.fields[i] + "' in " + std::string(spec.file) +
                                                " (columns: " + known + ")");
        continue;
      }
      std::string key(found->name);
      if (columns->count(key)) {
        header_problem(std::int64_t(i) + 1, "column '" + header.fields[i] + "' appears twice");
        continue;
      }
      (*columns)[key] = Source::Column{int(i) + 1, trimmed(header.fields[i])};
      canonical[i] = key;
      if (key == "amount") amount_lang = name == "amount" ? Lang::en : Lang::da;
    }
    for (const auto& c : spec.columns)
      if (c.required && !columns->count(std::string(c.name)))
        header_problem(0, "missing column '" + std::string(c.name) + "' (or '" + std::string(c.danish) + "') in " +
                              std::string(spec.file));
    if (!header_ok) return 0;

    const bool ledger = spec.kind == RecordKind::ledger;
    int id_column = -1;
    for (std::size_t i = 0; i < canonical.size(); ++i)
      if (canonical[i] == "id") id_column = int(i);
    while (auto row = reader.next()) {
      if (problems.size() >= max_problems) return records;
      if (row->fields.size() != header.fields.size()) {
        problems.push_back({Location::in_file(file_label, row->line), Severity::error,
                            "the row has " + std::to_string(row->fields.size()) + " fields, the header " +
                                std::to_string(header.fields.size())});
        continue;
      }
      RowValues values;
      values.amount_lang = amount_lang;
      values.src = Source{file_label, row->line, columns};
      for (std::size_t i = 0; i < row->fields.size(); ++i)
        if (!canonical[i].empty()) values.values[canonical[i]] = std::move(row->fields[i]);
      // A ledger row without an id gets one from the file and the line.
      std::string id;
      if (ledger && (id_column < 0 || values.values["id"].empty())) id = generated_ledger_id(file_label, sha256, row->line);
      parse_record(spec, values, out, problems, id);
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

namespace {

std::string opt_date(const std::optional<Date>& d, Lang lang)
{
  if (!d) return {};
  return lang == Lang::da ? d->danish() : d->iso();
}
std::string date_text(Date d, Lang lang) { return lang == Lang::da ? d.danish() : d.iso(); }
std::string money_text(Money m, Lang lang)
{
  return format_money(m, lang == Lang::da ? MoneyStyle::danish_plain : MoneyStyle::plain);
}
template <class E> std::string opt_enum(const std::optional<E>& e) { return e ? std::string(to_text(*e)) : std::string(); }

std::string change_value_text(const Change& c, Lang lang)
{
  if (c.field == ChangeField::end || c.field == ChangeField::active_to || c.field == ChangeField::successor_from)
    return date_text(parse_date(c.value), lang);
  return c.value;
}

}  // namespace

std::vector<std::vector<std::string>> interchange_rows(const FileSpec& spec, const Dataset& data, Lang lang)
{
  std::vector<std::vector<std::string>> rows;
  auto line = [&](std::vector<std::string> cells) { rows.push_back(std::move(cells)); };
  switch (spec.kind) {
  case RecordKind::bodies:
    for (const auto& b : data.bodies)
      line({b.id, std::string(to_text(b.kind)), b.name, b.region, opt_date(b.active_from, lang),
            opt_date(b.active_to, lang), b.successor, opt_date(b.successor_from, lang)});
    break;
  case RecordKind::groups:
    for (const auto& g : data.groups) line({g.id, g.body, g.name, std::string(to_text(g.level)), g.parent});
    break;
  case RecordKind::initiatives:
    for (const auto& i : data.initiatives)
      line({i.id, i.body, i.name, opt_enum(i.kind), i.group, i.lead, opt_date(i.start, lang), opt_date(i.end, lang),
            std::string(to_text(i.status))});
    break;
  case RecordKind::meetings:
    for (const auto& m : data.meetings) line({m.id, m.group, date_text(m.date, lang), m.place});
    break;
  case RecordKind::decisions:
    for (const auto& d : data.decisions) line({d.id, d.meeting, d.item, d.title, d.text, d.initiative});
    break;
  case RecordKind::changes:
    for (const auto& c : data.changes)
      line({date_text(c.date, lang), c.initiative, c.body, std::string(to_text(c.field)), change_value_text(c, lang),
            c.decision, c.note});
    break;
  case RecordKind::ledger:
    for (const auto& e : data.ledger)
      line({e.id, date_text(e.date, lang), std::string(to_text(e.kind)), e.body, e.initiative, e.counterparty,
            e.category, e.source, money_text(e.amount, lang), e.decision, e.reverses, e.note});
    break;
  case RecordKind::estimates:
    for (const auto& e : data.estimates)
      line({e.initiative, e.category, date_text(e.from, lang), date_text(e.to, lang), money_text(e.amount, lang),
            date_text(e.estimated_on, lang), e.note});
    break;
  case RecordKind::milestones:
    for (const auto& m : data.milestones)
      line({m.initiative, m.name, opt_enum(m.kind), date_text(m.due, lang), opt_date(m.done, lang)});
    break;
  case RecordKind::settings:
    for (const auto& s : data.settings) line({s.key, s.value});
    break;
  }
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

// The ten record kinds of design §9, each described once: file, table, fields (English and Danish column, the
// database column, how the member is read and written) and the rules across fields. Parsing, export, the
// store's columns and the comparison of re-sent records all follow from these descriptions.
#include "record_fields.hpp"

#include "klynge/rules.hpp"

#include <stdexcept>

namespace klynge::detail {

using namespace fields;

namespace {

// Columns several kinds share, named once.
const ColumnSpec id_column = col("id", "id");
const ColumnSpec name_column = col("name", "navn");
const ColumnSpec initiative_column = col("initiative", "indsats");
const ColumnSpec body_column = col("body", "organisation");
const ColumnSpec date_column = col("date", "dato");
const ColumnSpec decision_column = col("decision", "beslutning");
const ColumnSpec note_column = col("note", "note");
const ColumnSpec category_column = col("category", "kategori");
const ColumnSpec amount_column = col("amount", "beløb");
const ColumnSpec kind_column = col("kind", "type");
const ColumnSpec value_column = col("value", "værdi");
ColumnSpec required(ColumnSpec c)
{
  c.required = true;
  return c;
}

/// Normalises the value of a dated change by its field: a date to ISO, a status to its English word.
std::string change_value(FieldReader& f, std::string_view column, ChangeField field)
{
  std::string v = f.text(column, true);
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
    f.report(column, e.what());
  }
  return v;
}

bool is_date_field(ChangeField f)
{
  return f == ChangeField::end || f == ChangeField::active_to || f == ChangeField::successor_from;
}

/// The value of a change: read by its field's rules, written in the language's date form when it is a date.
Field<Change> change_value_field()
{
  const ColumnSpec c = required(value_column);
  Field<Change> f = text(c, &Change::value);
  f.parse = [c](FieldReader& r, Change& x) {
    if (r.failed("field")) {  // no field to read the value by: only whether it is there
      r.text(c.name, true);
      return;
    }
    x.value = change_value(r, c.name, x.field);
    const bool of_initiative = !x.initiative.empty();
    if (of_initiative == !x.body.empty())
      r.report(of_initiative ? "body" : "initiative", "name exactly one of initiative or body");
    else if (of_initiative && !is_initiative_field(x.field))
      r.report("field", "'" + std::string(to_text(x.field)) + "' is a field of a body, not of an initiative");
    else if (!of_initiative && is_initiative_field(x.field))
      r.report("field", "'" + std::string(to_text(x.field)) + "' is a field of an initiative, not of a body");
  };
  f.text = [](const Change& x, Lang lang) { return is_date_field(x.field) ? date_text(parse_date(x.value), lang) : x.value; };
  return f;
}

/// A ledger row's id: the one it names, else the one generated for it.
Field<LedgerEntry> ledger_id_field()
{
  Field<LedgerEntry> f = text(id_column, &LedgerEntry::id);
  f.parse = [](FieldReader& r, LedgerEntry& e) {
    e.id = r.text("id");
    if (e.id.empty()) e.id = r.generated_id();
    else if (!valid_id(e.id)) r.report("id", "'" + e.id + "' is not an id (lower-case letters, digits, '_' and '-')");
  };
  return f;
}

}  // namespace

template <> const Kind<Body>& kind_of<Body>()
{
  static const Kind<Body> k{RecordKind::bodies, "bodies.csv", "body", "bodies", &Dataset::bodies,
                            {key(id(required(id_column), &Body::id)), enumeration(required(kind_column), &Body::kind),
                             text(required(name_column), &Body::name), text(col("region", "region"), &Body::region),
                             opt_date(col("active_from", "aktiv_fra"), &Body::active_from),
                             opt_date(col("active_to", "aktiv_til"), &Body::active_to),
                             id(col("successor", "efterfølger"), &Body::successor),
                             opt_date(col("successor_from", "efterfølger_fra"), &Body::successor_from)}};
  return k;
}

template <> const Kind<Group>& kind_of<Group>()
{
  static const Kind<Group> k{RecordKind::groups, "groups.csv", "group", "groups", &Dataset::groups,
                             {key(id(required(id_column), &Group::id)), id(required(body_column), &Group::body),
                              text(required(name_column), &Group::name), enumeration(req("level", "niveau"), &Group::level),
                              id(col("parent", "overordnet"), &Group::parent)}};
  return k;
}

template <> const Kind<Initiative>& kind_of<Initiative>()
{
  static const Kind<Initiative> k{
      RecordKind::initiatives, "initiatives.csv", "initiative", "initiatives", &Dataset::initiatives,
      {key(id(required(id_column), &Initiative::id)), id(req("body", "ejer"), &Initiative::body),
       text(required(name_column), &Initiative::name), opt_enum(kind_column, &Initiative::kind),
       id(col("group", "styregruppe", "grp"), &Initiative::group), text(col("lead", "projektleder"), &Initiative::lead),
       opt_date(col("start", "start"), &Initiative::start), opt_date(col("end", "slut"), &Initiative::end),
       enumeration(req("status", "status"), &Initiative::status)}};
  return k;
}

template <> const Kind<Meeting>& kind_of<Meeting>()
{
  static const Kind<Meeting> k{RecordKind::meetings, "meetings.csv", "meeting", "meetings", &Dataset::meetings,
                               {key(id(required(id_column), &Meeting::id)), id(req("group", "styregruppe", "grp"), &Meeting::group),
                                date(required(date_column), &Meeting::date), text(col("place", "sted"), &Meeting::place)}};
  return k;
}

template <> const Kind<Decision>& kind_of<Decision>()
{
  static const Kind<Decision> k{
      RecordKind::decisions, "decisions.csv", "decision", "decisions", &Dataset::decisions,
      {key(id(required(id_column), &Decision::id)), id(req("meeting", "møde"), &Decision::meeting),
       text(col("item", "punkt"), &Decision::item), text(req("title", "titel"), &Decision::title),
       text(col("text", "tekst"), &Decision::text), id(initiative_column, &Decision::initiative)}};
  return k;
}

template <> const Kind<Change>& kind_of<Change>()
{
  static const Kind<Change> k{RecordKind::changes, "changes.csv", "change", "changes", &Dataset::changes,
                              {key(date(required(date_column), &Change::date)),
                               key(id(initiative_column, &Change::initiative)),
                               key(id(body_column, &Change::body)),
                               key(enumeration(req("field", "felt"), &Change::field)), change_value_field(),
                               id(decision_column, &Change::decision),
                               text(note_column, &Change::note), origin(&Change::origin)}};
  return k;
}

template <> const Kind<LedgerEntry>& kind_of<LedgerEntry>()
{
  static const Kind<LedgerEntry> k{
      RecordKind::ledger, "ledger.csv", "entry", "ledger", &Dataset::ledger,
      {key(ledger_id_field()), date(required(date_column), &LedgerEntry::date),
       enumeration(req("kind", "art"), &LedgerEntry::kind), id(required(body_column), &LedgerEntry::body),
       id(initiative_column, &LedgerEntry::initiative),
       id(col("counterparty", "modpart"), &LedgerEntry::counterparty),
       text(category_column, &LedgerEntry::category),
       not_a_figure(text(col("source", "kilde"), &LedgerEntry::source)), money(required(amount_column), &LedgerEntry::amount),
       id(decision_column, &LedgerEntry::decision),
       text(col("reverses", "tilbagefører"), &LedgerEntry::reverses, true),
       not_a_figure(text(note_column, &LedgerEntry::note)), origin(&LedgerEntry::origin)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, LedgerEntry& e) {
        if (!f.ok) return;
        const Lang lang = f.row().amount_lang;
        if (e.amount.is_zero()) f.report("amount", "the amount is zero");
        else if (e.amount.is_negative() && e.kind != EntryKind::opening)
          f.report("amount", "'" + format_money(e.amount, grouped_style(lang)) +
                                 "' is negative: only an opening may be negative; the kind '" +
                                 std::string(to_text(e.kind)) + "' gives the direction");
        else if (e.initiative.empty() && names_initiative(e.kind))
          f.report("initiative", "missing: a " + std::string(to_text(e.kind)) + " names the initiative");
      }};
  return k;
}

template <> const Kind<Estimate>& kind_of<Estimate>()
{
  static const Kind<Estimate> k{
      RecordKind::estimates, "estimates.csv", "estimate", "estimates", &Dataset::estimates,
      {key(id(required(initiative_column), &Estimate::initiative)), key(text(required(category_column), &Estimate::category)),
       key(date(req("from", "fra", "date_from"), &Estimate::from)), key(date(req("to", "til", "date_to"), &Estimate::to)),
       money(required(amount_column), &Estimate::amount), key(date(req("estimated_on", "estimeret_dato"), &Estimate::estimated_on)),
       text(note_column, &Estimate::note), origin(&Estimate::origin)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, Estimate& e) {
        if (!f.failed("from") && !f.failed("to") && e.to < e.from)
          f.report("to", "the window ends (" + e.to.iso() + ") before it starts (" + e.from.iso() + ")");
        if (f.ok && e.amount.is_negative()) f.report("amount", "an estimate cannot be negative");
      }};
  return k;
}

template <> const Kind<Milestone>& kind_of<Milestone>()
{
  static const Kind<Milestone> k{
      RecordKind::milestones, "milestones.csv", "milestone", "milestones", &Dataset::milestones,
      {key(id(required(initiative_column), &Milestone::initiative)), key(text(required(name_column), &Milestone::name)),
       opt_enum(kind_column, &Milestone::kind), date(req("due", "frist"), &Milestone::due),
       opt_date(col("done", "udført"), &Milestone::done)}};
  return k;
}

template <> const Kind<Setting>& kind_of<Setting>()
{
  static const Kind<Setting> k{RecordKind::settings, "settings.csv", "setting", "settings", &Dataset::settings,
                               {key(text(req("key", "nøgle"), &Setting::key)), text(required(value_column), &Setting::value)},
                               FileSpec::Order::identity, true};
  return k;
}

namespace {

/// The generic operations of a kind, from its description.
template <class R> class KindOps final : public RecordOps
{
public:
  explicit KindOps(const Kind<R>& kind) : k_(kind) {}

  void parse(const RowValues& row, Dataset& out, std::vector<Diagnostic>& problems,
             const std::string& generated_id) const override
  {
    FieldReader f(row, problems, generated_id);
    R r;
    for (const auto& field : k_.fields) field.parse(f, r);
    r.src = row.src;
    if (k_.check) k_.check(f, r);
    if (f.ok) (out.*k_.records).push_back(std::move(r));
  }
  std::size_t count(const Dataset& data) const override { return (data.*k_.records).size(); }
  void reserve(Dataset& data, std::size_t n) const override { (data.*k_.records).reserve((data.*k_.records).size() + n); }
  std::vector<std::string> cells(const Dataset& data, std::size_t i, Lang lang) const override
  {
    const R& r = (data.*k_.records)[i];
    std::vector<std::string> out;
    for (const auto& field : k_.fields)
      if (field.interchange) out.push_back(field.text(r, lang));
    return out;
  }
  void to_db(const Dataset& data, std::size_t i, std::vector<DbValue>& out) const override
  {
    const R& r = (data.*k_.records)[i];
    out.clear();
    for (const auto& field : k_.fields)
      if (!field.column.stored.empty()) out.push_back(field.to_db(r));
  }
  void from_db(Dataset& data, const std::vector<DbValue>& values) const override
  {
    R r;
    std::size_t i = 0;
    for (const auto& field : k_.fields)
      if (!field.column.stored.empty()) field.from_db(r, values.at(i++));
    (data.*k_.records).push_back(std::move(r));
  }

private:
  const Kind<R>& k_;
};

template <class R> FileSpec spec_of()
{
  static const KindOps<R> ops(kind_of<R>());
  const Kind<R>& k = kind_of<R>();
  FileSpec s{k.kind, k.file, k.singular, k.table, {}, {}, {}, k.order, k.replaces, &ops};
  for (const auto& f : k.fields) {
    if (f.interchange) s.columns.push_back(f.column);
    if (!f.column.stored.empty()) s.stored.push_back(f.column);
    if (f.column.identity) s.identity.push_back(f.column.name);
  }
  return s;
}

}  // namespace

}  // namespace klynge::detail

namespace klynge {

const std::vector<FileSpec>& file_specs()
{
  using namespace detail;
  static const std::vector<FileSpec> specs{spec_of<Body>(),     spec_of<Group>(),       spec_of<Initiative>(),
                                           spec_of<Meeting>(),  spec_of<Decision>(),    spec_of<Change>(),
                                           spec_of<LedgerEntry>(), spec_of<Estimate>(), spec_of<Milestone>(),
                                           spec_of<Setting>()};
  return specs;
}

const FileSpec& spec_for(RecordKind kind)
{
  for (const auto& s : file_specs())
    if (s.kind == kind) return s;
  throw std::logic_error("unknown record kind");
}

}  // namespace klynge

// The record kinds of design §9 and §14, each described once: file, table, fields (English and Danish column, the
// database column, how the member is read and written) and the rules across fields. Parsing, export, the
// store's columns and the comparison of re-sent records all follow from these descriptions.
#include "record_fields.hpp"

#include "klynge/rules.hpp"

#include <stdexcept>

namespace klynge::detail {

using namespace fields;

namespace {

/// `15.0` and `15`: the same measured number with other decimals, as a spreadsheet writes it back (General format
/// drops the trailing zeros). A record sent again so is known, and keeps the decimals it was stored with.
bool same_number(const std::string& a, const std::string& b)
{
  try {
    return parse_decimal(a, Lang::en) == parse_decimal(b, Lang::en);
  } catch (const ValueError&) {
    return false;
  }
}

}  // namespace

namespace {

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
  const ColumnSpec c = required(column::value);
  Field<Change> f = text(c, &Change::value);
  f.parse = [c](FieldReader& r, Change& x) {
    if (r.failed(column::field.name)) {  // no field to read the value by: only whether it is there
      r.text(c.name, true);
      return;
    }
    x.value = change_value(r, c.name, x.field);
    const bool of_initiative = !x.initiative.empty();
    if (of_initiative == !x.body.empty())
      r.report(of_initiative ? column::body.name : column::initiative.name, "name exactly one of initiative or body");
    else if (of_initiative && !is_initiative_field(x.field))
      r.report(column::field.name, "'" + std::string(to_text(x.field)) + "' is a field of a body, not of an initiative");
    else if (!of_initiative && is_initiative_field(x.field))
      r.report(column::field.name, "'" + std::string(to_text(x.field)) + "' is a field of an initiative, not of a body");
  };
  f.text = [](const Change& x, Lang lang) { return is_date_field(x.field) ? date_text(parse_date(x.value), lang) : x.value; };
  return f;
}

/// Whether `id` is a ledger entry's id: an id, with one `~N` per time the entry came again (`ID~1`, `ID~1~1`: an
/// entry an undo reversed that came again, design §14).
bool valid_entry_id(std::string_view id)
{
  while (true) {
    auto tilde = id.rfind('~');
    if (tilde == std::string_view::npos || tilde + 1 == id.size() ||
        id.find_first_not_of("0123456789", tilde + 1) != std::string_view::npos)
      break;
    id = id.substr(0, tilde);
  }
  return valid_id(id);
}

/// The running sheet of an exported entry (export writes it beside the entry's id: the id of the sheet's first
/// entry). A row without an id belongs to the sheet of its own file, so naming another is an error.
Field<LedgerEntry> ledger_sheet_field()
{
  Field<LedgerEntry> f = text(column::sheet, &LedgerEntry::sheet);
  f.parse = [](FieldReader& r, LedgerEntry& e) {
    e.sheet = r.id_text(column::sheet.name);
    if (e.sheet.empty()) return;
    if (r.id_text(column::id.name).empty())
      r.report(column::sheet.name, "a row without an id belongs to the sheet of its own file: only an exported "
                                   "entry, with its id, names the sheet it came from");
    else if (!valid_entry_id(e.sheet))
      r.report(column::sheet.name, "'" + e.sheet + "' is not an entry's id (export names a sheet by its first entry)");
  };
  return f;
}

/// A ledger row's id: the one it names, else the one generated for it.
Field<LedgerEntry> ledger_id_field()
{
  Field<LedgerEntry> f = text(column::id, &LedgerEntry::id);
  f.parse = [](FieldReader& r, LedgerEntry& e) {
    e.id = r.id_text(column::id.name);
    if (e.id.empty()) {
      e.id = r.generated_id();
      return;
    }
    // An entry that came again after an undo reversed it carries `~N` (design §14): exported, it imports as it is.
    if (!valid_entry_id(e.id)) r.report(column::id.name, "'" + e.id + "' is not an id (" + std::string(id_rule) + ")");
  };
  return f;
}

}  // namespace

template <> const Kind<Body>& kind_of<Body>()
{
  static const Kind<Body> k{RecordKind::bodies, "bodies.csv", "body", "bodies", &Dataset::bodies,
                            {key(id(required(column::id), &Body::id)), enumeration(required(column::kind), &Body::kind),
                             text(required(column::name), &Body::name), text(column::region, &Body::region),
                             opt_date(column::active_from, &Body::active_from),
                             opt_date(column::active_to, &Body::active_to),
                             id(column::successor, &Body::successor),
                             opt_date(column::successor_from, &Body::successor_from)}};
  return k;
}

template <> const Kind<Group>& kind_of<Group>()
{
  static const Kind<Group> k{RecordKind::groups, "groups.csv", "group", "groups", &Dataset::groups,
                             {key(id(required(column::id), &Group::id)), id(required(column::body), &Group::body),
                              text(required(column::name), &Group::name), enumeration(required(column::level), &Group::level),
                              id(column::parent, &Group::parent)}};
  return k;
}

template <> const Kind<Initiative>& kind_of<Initiative>()
{
  static const Kind<Initiative> k{
      RecordKind::initiatives, "initiatives.csv", "initiative", "initiatives", &Dataset::initiatives,
      {key(id(required(column::id), &Initiative::id)), id(required(named(column::body, "ejer")), &Initiative::body),
       text(required(column::name), &Initiative::name), opt_enum(column::kind, &Initiative::kind),
       id(column::group, &Initiative::group), text(column::lead, &Initiative::lead),
       opt_date(column::start, &Initiative::start), opt_date(column::end, &Initiative::end),
       enumeration(required(column::status), &Initiative::status), opt_enum(column::reporting, &Initiative::reporting)}};
  return k;
}

template <> const Kind<Meeting>& kind_of<Meeting>()
{
  static const Kind<Meeting> k{RecordKind::meetings, "meetings.csv", "meeting", "meetings", &Dataset::meetings,
                               {key(id(required(column::id), &Meeting::id)), id(required(column::group), &Meeting::group),
                                date(required(column::date), &Meeting::date), text(column::place, &Meeting::place)}};
  return k;
}

template <> const Kind<Decision>& kind_of<Decision>()
{
  static const Kind<Decision> k{
      RecordKind::decisions, "decisions.csv", "decision", "decisions", &Dataset::decisions,
      {key(id(required(column::id), &Decision::id)), id(required(column::meeting), &Decision::meeting),
       text(column::item, &Decision::item), text(required(column::title), &Decision::title),
       text(column::text, &Decision::text), id(column::initiative, &Decision::initiative)}};
  return k;
}

template <> const Kind<Change>& kind_of<Change>()
{
  static const Kind<Change> k{RecordKind::changes, "changes.csv", "change", "changes", &Dataset::changes,
                              {key(date(required(column::date), &Change::date)),
                               key(id(column::initiative, &Change::initiative)),
                               key(id(column::body, &Change::body)),
                               key(enumeration(required(column::field), &Change::field)), change_value_field(),
                               id(column::decision, &Change::decision),
                               text(column::note, &Change::note), origin(&Change::origin)}};
  return k;
}

template <> const Kind<LedgerEntry>& kind_of<LedgerEntry>()
{
  static const Kind<LedgerEntry> k{
      RecordKind::ledger, "ledger.csv", "entry", "ledger", &Dataset::ledger,
      {key(ledger_id_field()), date(required(column::date), &LedgerEntry::date),
       enumeration(required(named(column::kind, "art")), &LedgerEntry::kind), id(required(column::body), &LedgerEntry::body),
       id(column::initiative, &LedgerEntry::initiative),
       id(column::counterparty, &LedgerEntry::counterparty),
       text(column::category, &LedgerEntry::category),
       not_a_figure(text(column::source, &LedgerEntry::source)), money(required(column::amount), &LedgerEntry::amount),
       id(column::decision, &LedgerEntry::decision),
       text(column::reverses, &LedgerEntry::reverses, true),
       not_a_figure(text(column::note, &LedgerEntry::note)), origin(&LedgerEntry::origin), ledger_sheet_field()},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, LedgerEntry& e) {
        if (!f.ok) return;
        const Lang lang = f.row().amount_lang;
        if (e.amount.is_zero()) f.report(column::amount.name, "the amount is zero");
        else if (e.amount.is_negative() && e.kind != EntryKind::opening)
          f.report(column::amount.name, "'" + format_money(e.amount, grouped_style(lang)) +
                                 "' is negative: only an opening may be negative; the kind '" +
                                 std::string(to_text(e.kind)) + "' gives the direction");
        else if (e.initiative.empty() && names_initiative(e.kind))
          f.report(column::initiative.name, "missing: a " + std::string(to_text(e.kind)) + " names the initiative");
      }};
  return k;
}

template <> const Kind<Estimate>& kind_of<Estimate>()
{
  static const Kind<Estimate> k{
      RecordKind::estimates, "estimates.csv", "estimate", "estimates", &Dataset::estimates,
      {key(id(required(column::initiative), &Estimate::initiative)), key(text(required(column::category), &Estimate::category)),
       key(date(required(column::from), &Estimate::from)), key(date(required(column::to), &Estimate::to)),
       money(required(column::amount), &Estimate::amount), key(date(required(column::estimated_on), &Estimate::estimated_on)),
       text(column::note, &Estimate::note), origin(&Estimate::origin)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, Estimate& e) {
        if (!f.failed(column::from.name) && !f.failed(column::to.name) && e.to < e.from)
          f.report(column::to.name, "the window ends (" + e.to.iso() + ") before it starts (" + e.from.iso() + ")");
        if (f.ok && e.amount.is_negative()) f.report(column::amount.name, "an estimate cannot be negative");
      }};
  return k;
}

template <> const Kind<Milestone>& kind_of<Milestone>()
{
  static const Kind<Milestone> k{
      RecordKind::milestones, "milestones.csv", "milestone", "milestones", &Dataset::milestones,
      {key(id(required(column::initiative), &Milestone::initiative)), key(text(required(column::name), &Milestone::name)),
       opt_enum(column::kind, &Milestone::kind), date(required(column::due), &Milestone::due),
       opt_date(column::done, &Milestone::done)}};
  return k;
}

/// A window's end before its start, reported at the end's column.
template <class R>
void window_in_order(FieldReader& f, const std::optional<Date>& from, const std::optional<Date>& to, const ColumnSpec& to_column)
{
  if (from && to && *to < *from)
    f.report(to_column.name, "the period ends (" + to->iso() + ") before it starts (" + from->iso() + ")");
}

template <> const Kind<Indicator>& kind_of<Indicator>()
{
  static const Kind<Indicator> k{
      RecordKind::indicators, "indicators.csv", "indicator", "indicators", &Dataset::indicators,
      {key(id(required(column::initiative), &Indicator::initiative)), key(id(required(column::id), &Indicator::id)),
       text(required(column::name), &Indicator::name), enumeration(required(column::unit), &Indicator::unit),
       enumeration(required(column::direction), &Indicator::direction),
       opt_number(column::baseline, &Indicator::baseline), opt_date(column::baseline_from, &Indicator::baseline_from),
       opt_date(column::baseline_to, &Indicator::baseline_to), text(column::baseline_note, &Indicator::baseline_note),
       opt_number(column::target, &Indicator::target), opt_date(column::target_date, &Indicator::target_date)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, Indicator& i) { window_in_order<Indicator>(f, i.baseline_from, i.baseline_to, column::baseline_to); },
      column::unit.name};
  return k;
}

template <> const Kind<Measurement>& kind_of<Measurement>()
{
  static const Kind<Measurement> k{
      RecordKind::measurements, "measurements.csv", "measurement", "measurements", &Dataset::measurements,
      {key(id(required(column::initiative), &Measurement::initiative)),
       key(id(required(column::indicator), &Measurement::indicator)), key(date(required(column::date), &Measurement::date)),
       number(required(column::value), &Measurement::value), opt_number(column::numerator, &Measurement::numerator),
       opt_number(column::denominator, &Measurement::denominator),
       opt_date(column::period_from, &Measurement::period_from), opt_date(column::period_to, &Measurement::period_to),
       text(column::note, &Measurement::note)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, Measurement& m) {
        window_in_order<Measurement>(f, m.period_from, m.period_to, column::period_to);
        // Counts are whole numbers (people, admissions): 1,5 of 8 counts nothing.
        for (auto [count, col] : {std::pair{&m.numerator, column::numerator.name}, {&m.denominator, column::denominator.name}})
          if (*count && (*count)->scaled(Decimal::max_decimals) % Decimal::whole(1).scaled(Decimal::max_decimals) != 0)
            f.report(col, "a count is a whole number");
        if (m.numerator && m.numerator->is_negative()) f.report(column::numerator.name, "a count cannot be negative");
        if (m.denominator && !(Decimal{} < *m.denominator))
          f.report(column::denominator.name, "the denominator must be above zero");
        // A count that did not read is not missing: its own error says what is wrong.
        if (m.numerator.has_value() != m.denominator.has_value() && !f.failed(column::numerator.name) &&
            !f.failed(column::denominator.name))
          f.report(m.numerator ? column::denominator.name : column::numerator.name,
                   "missing: give both numerator and denominator, or neither");
      },
      column::value.name};
  return k;
}

template <> const Kind<KeyShare>& kind_of<KeyShare>()
{
  static const Kind<KeyShare> k{
      RecordKind::keys, "keys.csv", "key", "sharing_keys", &Dataset::keys,
      {key(id(required(column::key), &KeyShare::key)), key(id(required(column::body), &KeyShare::body)),
       number(required(column::share), &KeyShare::share)},
      FileSpec::Order::written,
      false,
      [](FieldReader& f, KeyShare& k) {
        if (!f.failed(column::share.name) && k.share.is_negative())
          f.report(column::share.name, "a share cannot be negative");
      },
      column::share.name};
  return k;
}

template <> const Kind<Setting>& kind_of<Setting>()
{
  static const Kind<Setting> k{RecordKind::settings, "settings.csv", "setting", "settings", &Dataset::settings,
                               {key(text(required(column::key), &Setting::key)), text(required(column::value), &Setting::value)},
                               FileSpec::Order::identity, true};
  return k;
}

namespace {

/// Whether a record's row gave a column: an absent column (or an option `add` was not given) is not given.
bool given(const Source& src, std::string_view column)
{
  if (!src.columns) return true;
  auto it = src.columns->find(std::string(column));
  return it != src.columns->end() && it->second.given;
}

/// A value that owns its text.
DbValue own(DbValue v)
{
  if (const auto* t = std::get_if<std::string_view>(&v)) return std::string(*t);
  return v;
}

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
  std::string identity(const Dataset& data, std::size_t i) const override
  {
    const R& r = (data.*k_.records)[i];
    std::string out;
    for (const auto& field : k_.fields)
      if (field.column.identity) out += (out.empty() ? "" : "\x1f") + canonical_text(field, r);
    return out;
  }
  std::vector<Difference> differences(const Dataset& stored, std::size_t i, const Dataset& sent,
                                      std::size_t j) const override
  {
    const R& a = (stored.*k_.records)[i];
    const R& b = (sent.*k_.records)[j];
    std::vector<Difference> out;
    for (const auto& field : k_.fields) {
      // A column the database does not keep (a ledger entry's sheet) is not compared: the stored record has none.
      if (!field.interchange || field.column.identity || field.column.stored.empty() || !given(b.src, field.column.name))
        continue;
      std::string before = canonical_text(field, a), after = canonical_text(field, b);
      if (before != after && !(field.column.value == ValueType::number && same_number(before, after))) {
        // Amounts as the file's language groups them (18.000,00), as every message writes money.
        auto shown = [&](const R& r, const std::string& canonical) {
          if (field.column.value != ValueType::money || canonical.empty()) return field.text(r, b.src.numbers);
          return format_money(parse_money(canonical, Lang::en), grouped_style(b.src.numbers));
        };
        std::string before_shown = shown(a, before), after_shown = shown(b, after);
        out.push_back({std::string(field.column.name), std::move(before), std::move(after), std::move(before_shown),
                       std::move(after_shown)});
      }
    }
    return out;
  }
  void complete(const Dataset& stored, std::size_t i, Dataset& sent, std::size_t j) const override
  {
    const R& a = (stored.*k_.records)[i];
    R& b = (sent.*k_.records)[j];
    for (const auto& field : k_.fields)
      if (!field.column.stored.empty() && field.interchange && !given(b.src, field.column.name))
        field.from_db(b, own(field.to_db(a)));
  }
  const Source& source(const Dataset& data, std::size_t i) const override { return (data.*k_.records)[i].src; }
  void stamp(Dataset& data, std::int64_t revision) const override { (data.*k_.records).back().src.revision = revision; }
  void move_to(Dataset& from, std::size_t i, Dataset& to) const override
  {
    (to.*k_.records).push_back(std::move((from.*k_.records)[i]));
  }

private:
  const Kind<R>& k_;
};

template <class R> FileSpec spec_of()
{
  static const KindOps<R> ops(kind_of<R>());
  const Kind<R>& k = kind_of<R>();
  FileSpec s{k.kind, k.file, k.singular, k.table, {}, {}, {}, k.order, k.replaces, &ops, k.lang_column};
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
                                           spec_of<Indicator>(), spec_of<Measurement>(), spec_of<KeyShare>(),
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

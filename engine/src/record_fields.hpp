#pragma once
// Inside the engine: how a record kind is described — a list of fields, each knowing its column and how to read,
// write, store and load its member — and the generic operations that follow from the description.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "klynge/interchange.hpp"

namespace klynge::detail {

/// Reads the fields of one row, recording problems with their place; `ok` stays true while all is well.
class FieldReader
{
public:
  FieldReader(const RowValues& row, std::vector<Diagnostic>& problems, const std::string& generated_id)
      : row_(row), problems_(problems), generated_id_(generated_id)
  {
  }
  bool ok = true;

  const RowValues& row() const { return row_; }
  /// The id of a ledger row that names none.
  const std::string& generated_id() const { return generated_id_; }
  /// Whether a problem was reported for this column.
  bool failed(std::string_view column) const { return failed_.count(std::string(column)) > 0; }

  std::string text(std::string_view col, bool required = false);
  /// The text of a column that names an id, without the spaces a spreadsheet cell may add around it.
  std::string id_text(std::string_view col);
  std::string id(std::string_view col, bool required = false);
  std::optional<Date> date(std::string_view col, bool required = false);
  Money money(std::string_view col);
  /// A number in the form of the file's header language (as amounts are read); nothing when empty.
  std::optional<Decimal> number(std::string_view col, bool required = false);
  template <class E> std::optional<E> enumeration(std::string_view col, bool required = false)
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
  void report(std::string_view col, const std::string& message);

private:
  const RowValues& row_;
  std::vector<Diagnostic>& problems_;
  const std::string& generated_id_;
  std::set<std::string> failed_;
};

/// One field of a record kind: its column and how its member is read from a row, written as a cell, stored and
/// loaded. Made by the factories below from a member pointer; a field with rules of its own replaces a function.
template <class R> struct Field
{
  ColumnSpec column;
  bool interchange = true;  ///< false: kept in the database only (where a row came from)
  std::function<void(FieldReader&, R&)> parse;
  std::function<std::string(const R&, Lang)> text;
  std::function<DbValue(const R&)> to_db;
  std::function<void(R&, const DbValue&)> from_db;
};

inline std::string date_text(Date d, Lang lang) { return lang == Lang::da ? d.danish() : d.iso(); }
inline std::string money_text(Money m, Lang lang)
{
  return format_money(m, lang == Lang::da ? MoneyStyle::danish_plain : MoneyStyle::plain);
}

/// Columns: `col("name", "navn")`, required with `req(…)`; the database column is the name unless given.
inline ColumnSpec col(std::string_view name, std::string_view danish, std::string_view stored = {})
{
  return {name, danish, false, stored.empty() ? name : stored};
}
inline ColumnSpec req(std::string_view name, std::string_view danish, std::string_view stored = {})
{
  return {name, danish, true, stored.empty() ? name : stored};
}

/// Every column of the interchange files, named once: the kinds' descriptions list them, and the rules that point a
/// message at a column name them by these constants. A column that is read under another Danish name in one file
/// says so there (`named`).
namespace column {
inline const ColumnSpec active_from = col("active_from", "aktiv_fra");
inline const ColumnSpec active_to = col("active_to", "aktiv_til");
inline const ColumnSpec amount = col("amount", "beløb");
inline const ColumnSpec body = col("body", "organisation");
inline const ColumnSpec category = col("category", "kategori");
inline const ColumnSpec counterparty = col("counterparty", "modpart");
inline const ColumnSpec date = col("date", "dato");
inline const ColumnSpec decision = col("decision", "beslutning");
inline const ColumnSpec done = col("done", "udført");
inline const ColumnSpec end = col("end", "slut");
inline const ColumnSpec group = col("group", "styregruppe", "grp");
inline const ColumnSpec id = col("id", "id");
inline const ColumnSpec initiative = col("initiative", "indsats");
inline const ColumnSpec item = col("item", "punkt");
inline const ColumnSpec kind = col("kind", "type");
inline const ColumnSpec lead = col("lead", "projektleder");
inline const ColumnSpec name = col("name", "navn");
inline const ColumnSpec note = col("note", "note");
inline const ColumnSpec parent = col("parent", "overordnet");
inline const ColumnSpec place = col("place", "sted");
inline const ColumnSpec region = col("region", "region");
inline const ColumnSpec reverses = col("reverses", "tilbagefører");
inline const ColumnSpec source = col("source", "kilde");
inline const ColumnSpec start = col("start", "start");
inline const ColumnSpec successor = col("successor", "efterfølger");
inline const ColumnSpec successor_from = col("successor_from", "efterfølger_fra");
inline const ColumnSpec text = col("text", "tekst");
inline const ColumnSpec value = col("value", "værdi");
inline const ColumnSpec due = col("due", "frist");
inline const ColumnSpec estimated_on = col("estimated_on", "estimeret_dato");
inline const ColumnSpec field = col("field", "felt");
inline const ColumnSpec from = col("from", "fra", "date_from");
inline const ColumnSpec key = col("key", "nøgle");
inline const ColumnSpec level = col("level", "niveau");
inline const ColumnSpec meeting = col("meeting", "møde");
inline const ColumnSpec status = col("status", "status");
inline const ColumnSpec title = col("title", "titel");
inline const ColumnSpec to = col("to", "til", "date_to");
inline const ColumnSpec reporting = col("reporting", "rapportering");
inline const ColumnSpec unit = col("unit", "enhed");
inline const ColumnSpec direction = col("direction", "retning");
inline const ColumnSpec baseline = col("baseline", "baseline");
inline const ColumnSpec baseline_from = col("baseline_from", "baseline_fra");
inline const ColumnSpec baseline_to = col("baseline_to", "baseline_til");
inline const ColumnSpec baseline_note = col("baseline_note", "baseline_note");
inline const ColumnSpec target = col("target", "mål");
inline const ColumnSpec target_date = col("target_date", "måldato");
inline const ColumnSpec indicator = col("indicator", "indikator");
inline const ColumnSpec numerator = col("numerator", "tæller");
inline const ColumnSpec denominator = col("denominator", "nævner");
inline const ColumnSpec period_from = col("period_from", "periode_fra");
inline const ColumnSpec period_to = col("period_to", "periode_til");
inline const ColumnSpec share = col("share", "andel");
/// Where a record came from (`file:line`, or the command): kept in the database, not a column of the files.
inline const ColumnSpec origin{"origin", "", false, "origin", false};
/// The running sheet of an exported ledger entry: a column of the file, not of the table (the store derives it).
inline const ColumnSpec sheet{"sheet", "ark", false, {}};
}  // namespace column

/// The column, required.
inline ColumnSpec required(ColumnSpec c)
{
  c.required = true;
  return c;
}
/// The column under another Danish name in one file (`ejer` for an initiative's body).
inline ColumnSpec named(ColumnSpec c, std::string_view danish)
{
  c.danish = danish;
  return c;
}
/// The canonical name of a column, as Source::problem takes it.
inline std::string name_of(const ColumnSpec& c) { return std::string(c.name); }

namespace fields {

/// Free text, kept verbatim ('' when empty, or NULL when `null_when_empty`).
template <class R> Field<R> text(ColumnSpec c, std::string R::*m, bool null_when_empty = false)
{
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.text(c.name, c.required); },
          [m](const R& r, Lang) { return r.*m; },
          [m, null_when_empty](const R& r) -> DbValue {
            if (null_when_empty && (r.*m).empty()) return std::monostate{};
            return std::string_view(r.*m);
          },
          [m](R& r, const DbValue& v) { r.*m = db_text(v); }};
}
/// An id, or a reference to a record by its id (NULL when empty).
template <class R> Field<R> id(ColumnSpec c, std::string R::*m)
{
  Field<R> f = text(c, m, true);
  f.parse = [c, m](FieldReader& r, R& x) { x.*m = r.id(c.name, c.required); };
  return f;
}
template <class R> Field<R> date(ColumnSpec c, Date R::*m)
{
  c.value = ValueType::date;
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.date(c.name, true).value_or(Date{}); },
          [m](const R& r, Lang lang) { return date_text(r.*m, lang); },
          [m](const R& r) -> DbValue { return (r.*m).iso(); },
          [m](R& r, const DbValue& v) { r.*m = parse_date(db_text(v)); }};
}
template <class R> Field<R> opt_date(ColumnSpec c, std::optional<Date> R::*m)
{
  c.value = ValueType::date;
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.date(c.name, c.required); },
          [m](const R& r, Lang lang) { return r.*m ? date_text(*(r.*m), lang) : std::string(); },
          [m](const R& r) -> DbValue {
            if (!(r.*m)) return std::monostate{};
            return (r.*m)->iso();
          },
          [m](R& r, const DbValue& v) {
            if (std::holds_alternative<std::monostate>(v)) r.*m = std::nullopt;
            else r.*m = parse_date(db_text(v));
          }};
}
template <class R, class E> Field<R> enumeration(ColumnSpec c, E R::*m)
{
  return {c, true,
          [c, m](FieldReader& f, R& r) {
            if (auto v = f.enumeration<E>(c.name, c.required)) r.*m = *v;
          },
          [m](const R& r, Lang) { return std::string(to_text(r.*m)); },
          [m](const R& r) -> DbValue { return to_text(r.*m); },
          [m](R& r, const DbValue& v) { r.*m = parse_enum<E>(db_text(v)); }};
}
template <class R, class E> Field<R> opt_enum(ColumnSpec c, std::optional<E> R::*m)
{
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.enumeration<E>(c.name, c.required); },
          [m](const R& r, Lang) { return r.*m ? std::string(to_text(*(r.*m))) : std::string(); },
          [m](const R& r) -> DbValue {
            if (!(r.*m)) return std::monostate{};
            return to_text(*(r.*m));
          },
          [m](R& r, const DbValue& v) {
            if (std::holds_alternative<std::monostate>(v)) r.*m = std::nullopt;
            else r.*m = parse_enum<E>(db_text(v));
          }};
}
template <class R> Field<R> money(ColumnSpec c, Money R::*m)
{
  c.value = ValueType::money;
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.money(c.name); },
          [m](const R& r, Lang lang) { return money_text(r.*m, lang); },
          [m](const R& r) -> DbValue { return static_cast<std::int64_t>((r.*m).ore()); },
          [m](R& r, const DbValue& v) { r.*m = Money::from_ore(std::get<std::int64_t>(v)); }};
}
/// A measured number (decimal.hpp), written in the language's form and kept in the database in its canonical
/// English form with its own decimals (`13.2`), so that export gives back what was typed.
template <class R> Field<R> number(ColumnSpec c, Decimal R::*m)
{
  c.value = ValueType::number;
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.number(c.name, true).value_or(Decimal{}); },
          [m](const R& r, Lang lang) { return format_decimal(r.*m, lang); },
          [m](const R& r) -> DbValue { return decimal_text(r.*m); },
          [m](R& r, const DbValue& v) { r.*m = parse_decimal(db_text(v), Lang::en); }};
}
template <class R> Field<R> opt_number(ColumnSpec c, std::optional<Decimal> R::*m)
{
  c.value = ValueType::number;
  return {c, true, [c, m](FieldReader& f, R& r) { r.*m = f.number(c.name, c.required); },
          [m](const R& r, Lang lang) { return r.*m ? format_decimal(*(r.*m), lang) : std::string(); },
          [m](const R& r) -> DbValue {
            if (!(r.*m)) return std::monostate{};
            return decimal_text(*(r.*m));
          },
          [m](R& r, const DbValue& v) {
            if (std::holds_alternative<std::monostate>(v)) r.*m = std::nullopt;
            else r.*m = parse_decimal(db_text(v), Lang::en);
          }};
}
/// Where the record came from (`file:line`, or the command): kept in the database, not a column of the file.
template <class R> Field<R> origin(std::string R::*m)
{
  Field<R> f = text(column::origin, m);
  f.interchange = false;
  f.parse = [m](FieldReader& r, R& x) { x.*m = r.row().src.origin(); };
  return f;
}
/// The same field, one of the columns a record is known by.
template <class R> Field<R> key(Field<R> f)
{
  f.column.identity = true;
  return f;
}
/// The same field, not read when only the figures are wanted (texts nobody computes with).
template <class R> Field<R> not_a_figure(Field<R> f)
{
  f.column.figures = false;
  return f;
}

}  // namespace fields

/// A record kind: its file, table, fields and the rules across its fields.
template <class R> struct Kind
{
  RecordKind kind;
  std::string_view file, singular, table;
  std::vector<R> Dataset::*records;
  std::vector<Field<R>> fields;
  FileSpec::Order order = FileSpec::Order::written;
  bool replaces = false;
  /// Rules across fields, run after every field was read (may report problems).
  std::function<void(FieldReader&, R&)> check = {};
  /// The column whose header language tells the form of the file's amounts and numbers.
  std::string_view lang_column = "amount";
};

/// The description of the kind whose records are R (defined in record_kinds.cpp for the ten kinds).
template <class R> const Kind<R>& kind_of();

/// A record's value of one column as canonical text (English form): what comparisons compare and name.
template <class R> std::string canonical_text(const Field<R>& f, const R& r) { return f.text(r, Lang::en); }

}  // namespace klynge::detail

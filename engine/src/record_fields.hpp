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
  std::string id(std::string_view col, bool required = false);
  std::optional<Date> date(std::string_view col, bool required = false);
  Money money(std::string_view col);
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
/// Where the record came from (`file:line`, or the command): kept in the database, not a column of the file.
template <class R> Field<R> origin(std::string R::*m)
{
  Field<R> f = text(ColumnSpec{"origin", "", false, "origin"}, m);
  f.interchange = false;
  f.column.figures = false;
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
};

/// The description of the kind whose records are R (defined in record_kinds.cpp for the ten kinds).
template <class R> const Kind<R>& kind_of();

/// A record's value of one column as canonical text (English form): what comparisons compare and name.
template <class R> std::string canonical_text(const Field<R>& f, const R& r) { return f.text(r, Lang::en); }

}  // namespace klynge::detail

// The record tables on PostgreSQL: every kind read and written by the columns its description names (as
// engine/src/sqlite/store_records.cpp), and the earlier versions of records (record_versions, jsonb).
#include "pg_records.hpp"
#include "ledger_sql.hpp"

#include <stdexcept>

namespace klynge {

using namespace pgd;

namespace pgd {

std::string column_list(const FileSpec& spec, bool figures_only)
{
  std::string out;
  for (const auto& c : spec.stored) {
    if (!out.empty()) out += ", ";
    if (figures_only && !c.figures) out += "''::text AS ";
    out += quoted(c.stored);
  }
  return out;
}

std::string quoted(std::string_view column)
{
  // The stored names that are words of SQL on PostgreSQL.
  if (column == "end" || column == "user" || column == "row") return "\"" + std::string(column) + "\"";
  return std::string(column);
}

std::string from_json(const ColumnSpec& c, const std::string& data)
{
  const std::string key = "(" + data + "->>'" + std::string(c.stored) + "')";
  if (c.value == ValueType::money) return key + "::bigint";
  return key + " COLLATE \"C\"";
}

std::string columns_from_json(const FileSpec& spec, bool figures_only, const std::string& data)
{
  std::string out;
  for (const auto& c : spec.stored) {
    out += out.empty() ? "" : ", ";
    out += (figures_only && !c.figures ? std::string("''::text") : from_json(c, data)) + " AS " + quoted(c.stored);
  }
  return out;
}

std::string json_of(const FileSpec& spec)
{
  std::string out = "jsonb_build_object(";
  for (std::size_t i = 0; i < spec.stored.size(); ++i) {
    const std::string c(spec.stored[i].stored);
    out += (i ? ", '" : "'") + c + "', " + quoted(c);
  }
  return out + ")";
}

std::string identity_of(const FileSpec& spec, bool from_json_data)
{
  std::string keys;
  for (const auto& c : spec.stored)
    if (c.identity) {
      keys += (keys.empty() ? "" : " || '/' || ") + std::string("coalesce(") +
              (from_json_data ? "(data->>'" + std::string(c.stored) + "')" : quoted(c.stored) + "::text") + ", '')";
    }
  return keys;
}

}  // namespace pgd

Dataset PgStore::load(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const
{
  if (in_tx_) return load_tables(ledger, known_at, kinds);
  Dataset d;
  read_consistently([&]() { d = load_tables(ledger, known_at, kinds); });
  return d;
}

Dataset PgStore::load_tables(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const
{
  Dataset d;
  for (const auto& spec : file_specs()) {
    const bool is_ledger = spec.kind == RecordKind::ledger;
    if (!kinds.has(spec.kind) || (is_ledger && ledger == Ledger::none)) continue;
    const std::string table(spec.table), row = row_column(spec);
    if (is_ledger) spec.ops->reserve(d, exec("SELECT count(*) FROM ledger")[0][0].as<std::size_t>());
    std::string order;
    for (auto k : spec.identity) {
      for (const auto& c : spec.stored)
        if (c.name == k) order += (order.empty() ? "" : ", ") + quoted(c.stored);
    }
    if (spec.order == FileSpec::Order::written) order = "row_";
    // An entry's sheet, as export names it: the sheet its ledger file belongs to (after the stored columns).
    const bool sheets = is_ledger && ledger == Ledger::all;
    std::string from = "SELECT " + row + " AS row_, revision AS revision_, " +
                       column_list(spec, is_ledger && ledger == Ledger::figures) +
                       (sheets ? ", (SELECT sheet FROM ledger_files WHERE number = sheet_file) AS sheet_" : "") +
                       " FROM " + table;
    // A record retired in place (kept for the ledger entries that name it) is not read.
    if (!is_ledger) from += " WHERE retired IS NULL";
    if (known_at) {
      const std::string k = std::to_string(*known_at);
      from += std::string(is_ledger ? " WHERE" : " AND") + " revision <= " + k;
      if (!is_ledger)
        from += " UNION ALL SELECT \"row\", revision, " + columns_from_json(spec, false, "data") +
                " FROM record_versions WHERE tbl = '" + table + "' AND revision <= " + k + " AND retired > " + k;
    }
    const pqxx::result r = exec("SELECT * FROM (" + from + ") AS t ORDER BY " + order);
    std::vector<DbValue> values(spec.stored.size());
    for (const auto& q : r) {
      for (std::size_t i = 0; i < values.size(); ++i) values[i] = value_of(q[int(i) + 2]);
      spec.ops->from_db(d, values);
      spec.ops->stamp(d, q[1].as<std::int64_t>());
      if (sheets && !q[int(values.size()) + 2].is_null()) d.ledger.back().sheet = q[int(values.size()) + 2].c_str();
    }
    if (sheets) name_sheets(d.ledger);
  }
  return d;
}

Dataset PgStore::retired_records() const
{
  return stamped_records(RecordKinds::all(), [](const FileSpec& spec) {
    return "SELECT retired, " + column_list(spec) + " FROM " + std::string(spec.table) +
           " WHERE retired IS NOT NULL ORDER BY " + row_column(spec);
  });
}

std::vector<Store::RetiredName> PgStore::entries_naming_retired(std::int64_t after_seq,
                                                                std::optional<std::int64_t> retired_by) const
{
  std::vector<RetiredName> out;
  const std::string by = retired_by ? std::to_string(*retired_by) : "";
  if (exec(detail::sql_any_retired_in_place(by))[0][0].as<int>() == 0) return out;
  for (const auto& q : exec(detail::sql_entries_naming_retired(std::to_string(after_seq), by)))
    out.push_back({q[0].as<std::string>(), q[1].as<std::string>(), q[2].as<std::int64_t>(), q[3].as<std::string>(),
                   q[4].as<std::string>()});
  return out;
}

Dataset PgStore::earlier_versions(RecordKinds kinds) const
{
  return stamped_records(kinds, [](const FileSpec& spec) {
    return "SELECT retired, " + columns_from_json(spec, false, "data") + " FROM record_versions WHERE tbl = '" +
           std::string(spec.table) + "' ORDER BY \"row\", retired";
  });
}

Dataset PgStore::stamped_records(RecordKinds kinds, const std::function<std::string(const FileSpec&)>& sql_of) const
{
  Dataset d;
  for (const auto& spec : file_specs()) {
    if (spec.kind == RecordKind::ledger || !kinds.has(spec.kind)) continue;
    std::vector<DbValue> values(spec.stored.size());
    for (const auto& q : exec(sql_of(spec))) {
      for (std::size_t i = 0; i < values.size(); ++i) values[i] = value_of(q[int(i) + 1]);
      spec.ops->from_db(d, values);
      spec.ops->stamp(d, q[0].as<std::int64_t>());
    }
  }
  return d;
}

namespace {

/// How many records one INSERT writes.
constexpr std::size_t rows_per_insert = 256;

}  // namespace

void PgStore::write(const ImportPlan& plan)
{
  if (!in_tx_ || revision_ == 0) throw std::logic_error("PgStore::write needs an open write transaction and a revision begun");
  for (const auto& spec : file_specs()) {
    if (spec.kind == RecordKind::ledger) continue;
    for (std::size_t i = 0, n = spec.ops->count(plan.replacements); i < n; ++i) supersede(spec, plan.replacements, i);
    insert_all(spec, plan.inserts, false);
    insert_all(spec, plan.retired, true);
  }
}

void PgStore::insert_all(const FileSpec& spec, const Dataset& data, bool retired)
{
  const std::size_t n = spec.ops->count(data);
  if (n == 0) return;
  const std::string table(spec.table), R = std::to_string(revision_);
  std::vector<DbValue> values;
  // A record retired in place under the same identity gives way (as on SQLite): the ledger entries that name it
  // name the new one (the keys are checked at commit); its data stays in record_versions.
  if (!retired && exec("SELECT 1 FROM " + table + " WHERE retired IS NOT NULL LIMIT 1").size() == 1)
    for (std::size_t i = 0; i < n; ++i) {
      spec.ops->to_db(data, i, values);
      std::string where;
      for (std::size_t c = 0; c < values.size(); ++c)
        if (spec.stored[c].identity)
          where += " AND " + quoted(spec.stored[c].stored) + " IS NOT DISTINCT FROM " + lit(values[c]);
      exec("DELETE FROM " + table + " WHERE retired IS NOT NULL" + where);
    }
  for (std::size_t first = 0; first < n; first += rows_per_insert) {
    std::string sql = "INSERT INTO " + table + " (" + column_list(spec) + ", revision" + (retired ? ", retired" : "") +
                      ") VALUES ";
    for (std::size_t i = first; i < n && i < first + rows_per_insert; ++i) {
      spec.ops->to_db(data, i, values);
      sql += i == first ? "(" : ",(";
      for (const auto& v : values) sql += lit(v) + ", ";
      sql += R + (retired ? ", " + R : std::string()) + ")";
    }
    exec(sql);
  }
}

void PgStore::save_version(const FileSpec& spec, std::int64_t row, std::int64_t retired)
{
  const std::string t(spec.table);
  exec("INSERT INTO record_versions (tbl, \"row\", revision, retired, data) SELECT '" + t + "', " + row_column(spec) +
       ", revision, " + std::to_string(retired) + ", " + json_of(spec) + " FROM " + t + " WHERE " + row_column(spec) +
       " = " + std::to_string(row));
}

std::optional<std::int64_t> PgStore::row_of(const FileSpec& spec, const Dataset& data, std::size_t i) const
{
  std::vector<DbValue> values;
  spec.ops->to_db(data, i, values);
  std::string where;
  for (std::size_t c = 0; c < spec.stored.size(); ++c)
    if (spec.stored[c].identity)
      where += (where.empty() ? "" : " AND ") + quoted(spec.stored[c].stored) + " IS NOT DISTINCT FROM " + lit(values[c]);
  const auto r = exec("SELECT " + row_column(spec) + " FROM " + std::string(spec.table) + " WHERE retired IS NULL AND " + where);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

void PgStore::supersede(const FileSpec& spec, const Dataset& data, std::size_t i)
{
  auto row = row_of(spec, data, i);
  if (!row) throw std::logic_error("supersede: no stored " + std::string(spec.singular) + " of that identity");
  save_version(spec, *row, revision_);
  std::vector<DbValue> values;
  spec.ops->to_db(data, i, values);
  std::string set;
  for (std::size_t c = 0; c < values.size(); ++c) set += quoted(spec.stored[c].stored) + " = " + lit(values[c]) + ", ";
  exec("UPDATE " + std::string(spec.table) + " SET " + set + "revision = " + std::to_string(revision_) + " WHERE " +
       row_column(spec) + " = " + std::to_string(*row));
}

std::string PgStore::label_of(const FileSpec& spec, std::int64_t row) const
{
  const auto r = exec("SELECT " + identity_of(spec, false) + " FROM " + std::string(spec.table) + " WHERE " +
                      row_column(spec) + " = " + std::to_string(row));
  const std::string name = r.empty() ? "?" : r[0][0].as<std::string>();
  return std::string(spec.singular) + " '" + name + "'";
}

}  // namespace klynge

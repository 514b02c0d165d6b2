// A whole database on PostgreSQL table by table, for `klynge copy` (store.hpp: dump_table, load_table), by column
// name; after rows come in with their own numbers, each identity column's sequence goes on after the highest.
#include "pg_store.hpp"

#include <algorithm>

namespace klynge {

namespace {

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

}  // namespace

Store::TableRows PgStore::dump_table(const std::string& table) const
{
  TableRows out;
  write_head();
  for (const auto& q : exec("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                            "table_name = " + lit(table) + " ORDER BY ordinal_position"))
    out.columns.push_back(q[0].as<std::string>());
  std::string cols;
  for (const auto& c : out.columns) cols += (cols.empty() ? "" : ", ") + quoted(c);
  const bool has_rowid = std::find(out.columns.begin(), out.columns.end(), "rowid") != out.columns.end();
  for (const auto& q : exec("SELECT " + cols + " FROM " + quoted(table) + " ORDER BY " + (has_rowid ? "rowid" : "1"))) {
    std::vector<DbValue> row;
    for (int i = 0; i < int(out.columns.size()); ++i) {
      DbValue v = pgd::value_of(q[i]);
      if (const auto* t = std::get_if<std::string_view>(&v)) v = std::string(*t);
      row.push_back(std::move(v));
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

void PgStore::load_table(const std::string& table, const TableRows& rows)
{
  if (table == "ledger") forget_ids(Ids::off);  // rows written otherwise than as entries: not tracked
  if (table == "ledger_head") {
    exec("DELETE FROM ledger_head");
    head_.reset();
    head_written_ = true;
  }
  std::string cols;
  for (const auto& c : rows.columns) cols += (cols.empty() ? "" : ", ") + quoted(c);
  constexpr std::size_t per_insert = 500;
  for (std::size_t first = 0; first < rows.rows.size(); first += per_insert) {
    std::string sql = "INSERT INTO " + quoted(table) + " (" + cols + ") VALUES ";
    for (std::size_t i = first; i < rows.rows.size() && i < first + per_insert; ++i) {
      sql += i == first ? "(" : ",(";
      for (std::size_t c = 0; c < rows.rows[i].size(); ++c) sql += (c ? "," : "") + lit(rows.rows[i][c]);
      sql += ")";
    }
    exec(sql);
  }
  // The next row number of a table: past its rows, and past the rows record_versions keeps of its earlier records
  // (a new record on a row an earlier one had would be taken for it). Either table may be copied first.
  auto next_row = [&](const std::string& t) {
    for (const auto& q : exec("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND "
                              "table_name = " + lit(t) + " AND is_identity = 'YES'")) {
      const std::string column = q[0].as<std::string>();
      exec("SELECT setval(pg_get_serial_sequence(" + lit("public." + t) + ", " + lit(column) + "), greatest(coalesce(max(" +
           quoted(column) + "), 0), coalesce((SELECT max(\"row\") FROM record_versions WHERE tbl = " + lit(t) +
           "), 0)) + 1, false) FROM " + quoted(t));
    }
  };
  next_row(table);
  if (table == "record_versions")
    for (const auto& q : exec("SELECT DISTINCT tbl FROM record_versions")) next_row(q[0].as<std::string>());
}

}  // namespace klynge

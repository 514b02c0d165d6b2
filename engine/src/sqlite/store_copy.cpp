// A whole SQLite database table by table, for `klynge copy` (store.hpp: dump_table, load_table): by column name, a
// table keyed by text with its rowid (its written order), the values as they are stored.
#include "sqlite_store.hpp"
#include "store_sql.hpp"

namespace klynge {

using namespace detail;

namespace {

/// The tables keyed by text, whose written order is their implicit rowid.
bool keyed_by_text(const std::string& table)
{
  return table == "bodies" || table == "groups" || table == "initiatives" || table == "meetings" || table == "decisions" ||
         table == "settings";
}

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

}  // namespace

Store::TableRows SqliteStore::dump_table(const std::string& table) const
{
  TableRows out;
  try {
    if (keyed_by_text(table)) out.columns.push_back("rowid");
    {
      SQLite::Statement info(*db_, "SELECT name FROM pragma_table_info(?)");
      info.bind(1, table);
      while (info.executeStep()) out.columns.push_back(info.getColumn(0).getString());
    }
    std::string cols;
    for (const auto& c : out.columns) cols += (cols.empty() ? "" : ", ") + quoted(c);
    SQLite::Statement q(*db_, "SELECT " + cols + " FROM " + quoted(table) + " ORDER BY 1");
    while (q.executeStep()) {
      std::vector<DbValue> row;
      for (int i = 0; i < int(out.columns.size()); ++i) {
        DbValue v = read_value(q.getColumn(i));
        if (const auto* t = std::get_if<std::string_view>(&v)) v = std::string(*t);
        row.push_back(std::move(v));
      }
      out.rows.push_back(std::move(row));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

void SqliteStore::load_table(const std::string& table, const TableRows& rows)
{
  try {
    if (table == "ledger_head") db_->exec("DELETE FROM ledger_head");
    std::string cols, marks;
    for (const auto& c : rows.columns) {
      cols += (cols.empty() ? "" : ", ") + quoted(c);
      marks += marks.empty() ? "?" : ", ?";
    }
    SQLite::Statement s(*db_, "INSERT INTO " + quoted(table) + " (" + cols + ") VALUES (" + marks + ")");
    for (const auto& row : rows.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) bind_value(s, int(i) + 1, row[i]);
      s.exec();
      s.reset();
      s.clearBindings();
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

}  // namespace klynge

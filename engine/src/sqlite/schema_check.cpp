// The schema check: a database is compared with the schema the migrations make in an empty in-memory database,
// object by object (tables, indexes, triggers and their SQL), so that a dropped trigger, a missing table or a
// trigger added behind klynge's back is found by `check` and by `restore` before anything is replaced.
#include "schema_check.hpp"

#include <map>
#include <utility>

#include <SQLiteCpp/SQLiteCpp.h>

#include "klynge/schema.hpp"

namespace klynge::detail {

namespace {

using Objects = std::map<std::pair<std::string, std::string>, std::string>;  // (type, name) → sql

Objects objects_of(SQLite::Database& db)
{
  Objects out;
  SQLite::Statement q(db, "SELECT type, name, ifnull(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'");
  while (q.executeStep()) out[{q.getColumn(0).getString(), q.getColumn(1).getString()}] = q.getColumn(2).getString();
  return out;
}

/// The objects of schema `version`, made once per version.
const Objects& reference(int version)
{
  static std::map<int, Objects> made;
  if (auto it = made.find(version); it != made.end()) return it->second;
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const auto& migrations = schema_migrations();
  for (int i = 0; i < version && i < int(migrations.size()); ++i) db.exec(std::string(migrations[std::size_t(i)].sql));
  return made[version] = objects_of(db);
}

}  // namespace

std::vector<std::string> schema_problems(SQLite::Database& db, int version)
{
  std::vector<std::string> out;
  const Objects& want = reference(version);
  const Objects have = objects_of(db);
  for (const auto& [key, sql] : want) {
    auto it = have.find(key);
    if (it == have.end()) out.push_back("the " + key.first + " '" + key.second + "' is missing");
    else if (it->second != sql) out.push_back("the " + key.first + " '" + key.second + "' is not klynge's");
  }
  // An extra trigger can change what is written; an extra table or index cannot, and is left alone.
  for (const auto& [key, sql] : have)
    if (key.first == "trigger" && !want.count(key)) out.push_back("the trigger '" + key.second + "' is not klynge's");
  return out;
}

std::vector<std::string> missing_tables(SQLite::Database& db, int version)
{
  std::vector<std::string> out;
  const Objects have = objects_of(db);
  for (const auto& [key, sql] : reference(version))
    if (key.first == "table" && !have.count(key)) out.push_back(key.second);
  return out;
}

}  // namespace klynge::detail

#pragma once
/// @file schema.hpp
/// @brief The schema migrations compiled into the program (generated from schema/*.sql).

#include <string_view>
#include <vector>

namespace klynge {

struct Migration
{
  std::string_view name;  ///< file name, e.g. 0001_init.sql
  std::string_view sql;
};

/// Every migration in order; migration i brings the database to `user_version` i + 1.
const std::vector<Migration>& schema_migrations();

/// The schema version this program writes: the number of migrations.
inline int program_schema_version() { return static_cast<int>(schema_migrations().size()); }

}  // namespace klynge

#pragma once
// Inside the PostgreSQL store: SQL that follows from the record kinds' descriptions.
#include <string>
#include <string_view>

#include "pg_store.hpp"

namespace klynge::pgd {

/// A stored column's name as SQL (quoted when PostgreSQL reserves the word: `end`, `user`).
std::string quoted(std::string_view column);
/// `a, b, c`: the stored columns of a kind (as `'' AS x` those not read when `figures_only`).
std::string column_list(const FileSpec& spec, bool figures_only = false);
/// A stored column read from a version's data (jsonb): money as bigint, the rest as text compared byte by byte.
std::string from_json(const ColumnSpec& c, const std::string& data);
/// Every stored column read from a version's data, as the table's columns.
std::string columns_from_json(const FileSpec& spec, bool figures_only, const std::string& data);
/// `jsonb_build_object('id', id, …)`: a row's stored columns as a version's data.
std::string json_of(const FileSpec& spec);
/// A record's identity as one text (`a/b` for several columns), from its table or from a version's data.
std::string identity_of(const FileSpec& spec, bool from_json_data);

}  // namespace klynge::pgd

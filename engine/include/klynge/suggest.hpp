#pragma once
/// @file suggest.hpp
/// @brief The nearest known id to one that is not known: `unknown initiative 'tidlig-opsporning'; did you mean
/// 'tidlig-opsporing'?`.

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace klynge {

/// The edit distance between two texts, counted in characters (UTF-8 code points), not bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// `; did you mean 'ID'?` for the known id nearest to `id` — at most a third of its characters apart (at least
/// two), the smallest among equally near ones — or empty when none is that near.
std::string did_you_mean(std::string_view id, const std::vector<std::string>& known);
std::string did_you_mean(std::string_view id, const std::set<std::string>& known);
std::string did_you_mean(std::string_view id, const std::unordered_set<std::string>& known);

}  // namespace klynge

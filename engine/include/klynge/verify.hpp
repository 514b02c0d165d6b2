#pragma once
/// @file verify.hpp
/// @brief `klynge verify DIR [--head HASH]`: the ledger of an export checked against its chain and against a head
/// kept outside it (a meeting's minutes), without a database.

#include <optional>
#include <string>

namespace klynge {

/// What verify found: sound or not, said in one line.
struct Verified
{
  bool ok = false;
  std::string message;
};

/// Computes the chain of `dir/ledger.csv` (either language, entries in the order written) and compares it with the
/// hashes export wrote beside it (`ledger-chain.txt`, one per entry, when present), the head it wrote
/// (`ledger-head.txt`) and, when given, `head` (64 hex digits, lower case): the files verify when their chain ends
/// in that head, or passes through it (entries were added after it).
/// Not ok, naming the first entry (file and line) that differs from the exported chain, or the head not reached.
/// @throws DataError (exit 1) when a file is missing or cannot be read: its problems with their places.
Verified verify_export(const std::string& dir, const std::optional<std::string>& head);

}  // namespace klynge

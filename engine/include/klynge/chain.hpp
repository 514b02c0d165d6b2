#pragma once
/// @file chain.hpp
/// @brief The tamper-evident ledger (design §14): in the order entries were written, each entry's hash is the
/// SHA-256 of the previous entry's hash and its own exported columns in canonical form, so that no stored entry
/// can change, disappear or appear between others without the chain saying where.
///
/// The text hashed for an entry is, in UTF-8, joined with U+001F (the byte 0x1F):
///   previous hash (64 lower-case hex digits; 64 zeros before the first entry), id, date (ISO), kind (English word),
///   body, initiative, counterparty, category, source, amount (whole øre, `-` for a negative opening), decision,
///   reverses, note
/// with an absent value as the empty text. The hash is written as 64 lower-case hex digits. So an entry can be
/// checked by hand: `printf '%s\x1f%s…' PREV ID … | sha256sum`.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "klynge/interchange.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// The hash before the first entry.
inline constexpr std::string_view chain_start = "0000000000000000000000000000000000000000000000000000000000000000";

/// Where the chain ends: how many entries it holds and the hash of the last (chain_start when empty).
struct ChainHead
{
  std::int64_t entries = 0;
  std::string head{chain_start};
  bool operator==(const ChainHead&) const = default;
};

/// The hash of an entry that follows `previous`.
std::string chain_hash(std::string_view previous, const LedgerEntry& e);
/// The same, from the entry's values as the database keeps them (one per stored column of the ledger, in the order
/// of FileSpec::stored).
std::string chain_hash(std::string_view previous, std::span<const DbValue> stored);

/// Whether `text` is a hash as the chain writes it: 64 lower-case hex digits.
bool is_chain_hash(std::string_view text);

/// `ledger-head.txt` of an export: `entries N` and `head HASH`, one a line.
std::string head_file_text(const ChainHead& head);
/// Reads what head_file_text() wrote. @throws ValueError saying what is wrong.
ChainHead parse_head_file(std::string_view text);

}  // namespace klynge

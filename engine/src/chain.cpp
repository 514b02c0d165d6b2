// The ledger's chain: the canonical text of an entry and its hash (chain.hpp says what is hashed).
#include "klynge/chain.hpp"

#include <array>
#include <charconv>

#include "klynge/error.hpp"
#include "record_fields.hpp"
#include "sha256.hpp"

namespace klynge {

namespace {

using namespace detail;

/// The exported columns hashed, in the order design §14 lists them.
const std::array<const ColumnSpec*, 12> hashed_columns{
    &column::id,       &column::date,   &column::kind,     &column::body,     &column::initiative, &column::counterparty,
    &column::category, &column::source, &column::amount,   &column::decision, &column::reverses,   &column::note};

/// Where each hashed column is among the ledger's stored values.
const std::array<std::size_t, 12>& stored_positions()
{
  static const std::array<std::size_t, 12> positions = []() {
    std::array<std::size_t, 12> out{};
    const auto& stored = spec_for(RecordKind::ledger).stored;
    for (std::size_t i = 0; i < hashed_columns.size(); ++i) {
      std::size_t at = 0;
      while (at < stored.size() && stored[at].name != hashed_columns[i]->name) ++at;
      if (at == stored.size()) throw std::logic_error("the ledger keeps no column " + std::string(hashed_columns[i]->name));
      out[i] = at;
    }
    return out;
  }();
  return positions;
}

void append(std::string& out, const DbValue& v)
{
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, *n);
    out.append(buf, std::size_t(r.ptr - buf));
  } else if (!std::holds_alternative<std::monostate>(v)) {
    out += db_text(v);
  }
}

}  // namespace

std::string chain_hash(std::string_view previous, std::span<const DbValue> stored)
{
  thread_local std::string text;  // one buffer for every entry of an import
  text.assign(previous);
  const auto& positions = stored_positions();
  if (stored.size() != spec_for(RecordKind::ledger).stored.size()) throw std::logic_error("chain_hash: not a ledger row");
  for (std::size_t at : positions) {
    text += '\x1f';
    append(text, stored[at]);
  }
  return sha256_hex(text);
}

std::string chain_hash(std::string_view previous, const LedgerEntry& e)
{
  std::vector<DbValue> values;
  for (const auto& f : kind_of<LedgerEntry>().fields)
    if (!f.column.stored.empty()) values.push_back(f.to_db(e));
  return chain_hash(previous, values);
}

bool is_chain_hash(std::string_view text)
{
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string head_file_text(const ChainHead& head)
{
  return "entries " + std::to_string(head.entries) + "\nhead " + head.head + "\n";
}

ChainHead parse_head_file(std::string_view text)
{
  ChainHead out;
  bool entries = false, head = false;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const std::string where = "line " + std::to_string(line_no) + ": ";
    if (line.starts_with("entries ")) {
      const std::string_view n = line.substr(8);
      auto r = std::from_chars(n.data(), n.data() + n.size(), out.entries);
      if (entries || r.ec != std::errc() || r.ptr != n.data() + n.size() || out.entries < 0)
        throw ValueError(where + "'" + std::string(line) + "' is not `entries N`");
      entries = true;
    } else if (line.starts_with("head ")) {
      out.head = std::string(line.substr(5));
      if (head || !is_chain_hash(out.head))
        throw ValueError(where + "'" + std::string(line) + "' is not `head HASH` (64 lower-case hex digits)");
      head = true;
    } else {
      throw ValueError(where + "'" + std::string(line) + "' is neither `entries N` nor `head HASH`");
    }
  }
  if (!entries || !head) throw ValueError(std::string("it lacks the line `") + (entries ? "head HASH" : "entries N") + "`");
  return out;
}

}  // namespace klynge

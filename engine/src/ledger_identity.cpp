#include "klynge/ledger_identity.hpp"

#include "klynge/import.hpp"

namespace klynge {

std::string ledger_content(const LedgerEntry& e)
{
  const char sep = '\x1f';
  std::string s;
  s.reserve(96);
  s += e.date.iso();
  s += sep;
  s += to_text(e.kind);
  for (const std::string* t : {&e.body, &e.initiative, &e.counterparty, &e.category, &e.source}) {
    s += sep;
    s += *t;
  }
  s += sep;
  s += std::to_string(e.amount.ore());
  s += sep;
  s += e.decision;
  s += sep;
  s += e.reverses;
  return s;
}

std::uint64_t content_fingerprint(std::string_view content)
{
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : content) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string content_id(std::string_view content, std::uint32_t occurrence)
{
  std::string text(content);
  text += '\x1f';
  text += std::to_string(occurrence);
  return "ledger-" + sha256_text(text).substr(0, 16);
}

std::string reentry_id(const std::string& id, int n) { return n == 0 ? id : id + "~" + std::to_string(n); }

std::optional<std::pair<std::string, std::int64_t>> legacy_generated_id(std::string_view id)
{
  const auto last = id.rfind('-');
  if (last == std::string_view::npos || last < 10 || last + 1 == id.size()) return std::nullopt;
  std::int64_t line = 0;
  for (char c : id.substr(last + 1)) {
    if (c < '0' || c > '9' || line > 1'000'000'000) return std::nullopt;
    line = line * 10 + (c - '0');
  }
  const std::string_view hex = id.substr(last - 8, 8);
  if (id[last - 9] != '-') return std::nullopt;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  return std::make_pair(std::string(hex), line);
}

std::string legacy_stem(std::string_view id) { return std::string(id.substr(0, id.rfind('-') - 9)); }

std::string legacy_file_stem(std::string_view file_name)
{
  if (const auto slash = file_name.find_last_of('/'); slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  if (const auto dot = file_name.rfind('.'); dot != std::string_view::npos) file_name = file_name.substr(0, dot);
  return std::string(file_name);
}

std::string undo_note(std::int64_t revision) { return "undo of revision " + std::to_string(revision); }

bool is_undo_note(std::string_view note)
{
  constexpr std::string_view prefix = "undo of revision ";
  if (note.size() <= prefix.size() || note.substr(0, prefix.size()) != prefix) return false;
  const std::string_view digits = note.substr(prefix.size());
  return digits.find_first_not_of("0123456789") == std::string_view::npos && digits.front() != '0';
}

}  // namespace klynge

// klynge verify: an export's ledger against its chain and a head kept outside it.
#include "klynge/verify.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "klynge/chain.hpp"
#include "klynge/error.hpp"
#include "klynge/import.hpp"
#include "klynge/interchange.hpp"

namespace klynge {

namespace fs = std::filesystem;

namespace {

std::string read_whole(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(std::vector<Diagnostic>{{Location::in_file(path.string()), Severity::error, "cannot read the file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The hashes of ledger-chain.txt, one a line; nothing when there is no such file.
std::optional<std::vector<std::string>> read_chain(const fs::path& path)
{
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::vector<std::string> out;
  std::istringstream in(read_whole(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!is_chain_hash(line))
      throw DataError(std::vector<Diagnostic>{{Location::in_file(path.string(), std::int64_t(out.size()) + 1), Severity::error,
                                               "not a hash (64 lower-case hex digits)"}});
    out.push_back(line);
  }
  return out;
}

}  // namespace

Verified verify_export(const std::string& dir, const std::optional<std::string>& head)
{
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DataError("verify: " + dir + " is not a folder (give the folder `klynge export` wrote)");
  const fs::path head_path = fs::path(dir) / "ledger-head.txt";
  const fs::path ledger_path = fs::path(dir) / "ledger.csv";
  const std::string head_label = head_path.string(), ledger_label = ledger_path.string();
  if (!fs::exists(head_path, ec))
    throw DataError(std::vector<Diagnostic>{{Location::in_file(head_label), Severity::error,
                                             "missing: the export's head (count and hash) is not there"}});
  ChainHead recorded;
  try {
    recorded = parse_head_file(read_whole(head_path));
  } catch (const ValueError& e) {
    throw DataError(std::vector<Diagnostic>{{Location::in_file(head_label), Severity::error, e.what()}});
  }
  const auto chain = read_chain(fs::path(dir) / "ledger-chain.txt");
  const std::string chain_label = (fs::path(dir) / "ledger-chain.txt").string();

  // The chain of the file, entry by entry, as it is read.
  std::string hash(chain_start);
  std::int64_t n = 0, reached_at = head && *head == chain_start ? 0 : -1;
  std::optional<Verified> differs;
  if (fs::exists(ledger_path, ec)) {
    std::ifstream in(ledger_path, std::ios::binary);
    if (!in) throw DataError(std::vector<Diagnostic>{{Location::in_file(ledger_label), Severity::error, "cannot read the file"}});
    std::vector<Diagnostic> problems;
    Dataset unused;
    read_interchange(in, ledger_label, spec_for(RecordKind::ledger), unused, problems,
                     [&](LedgerEntry& e) {
                       ++n;
                       hash = chain_hash(hash, e);
                       if (head && hash == *head && reached_at < 0) reached_at = n;
                       if (chain && !differs) {
                         const std::string where = ledger_label + ":" + std::to_string(e.src.line) + ": entry '" + e.id +
                                                   "' (number " + std::to_string(n) + ")";
                         if (std::size_t(n) > chain->size())
                           differs = Verified{false, where + " is not in the exported chain (" + chain_label + " holds " +
                                                         std::to_string(chain->size()) + " entries)"};
                         else if ((*chain)[std::size_t(n - 1)] != hash)
                           differs = Verified{false, where + " differs from the exported chain (" + chain_label + " line " +
                                                         std::to_string(n) + "): it, or an entry before it, was changed, "
                                                         "deleted or put in after the export"};
                       }
                     });
    if (!problems.empty()) throw DataError(std::move(problems));
  } else if (recorded.entries > 0) {
    throw DataError(std::vector<Diagnostic>{{Location::in_file(ledger_label), Severity::error,
                                             "missing, and " + head_label + " counts " + std::to_string(recorded.entries) + " entries"}});
  }
  if (differs) return *differs;
  if (chain && std::size_t(n) < chain->size())
    return {false, ledger_label + " ends after " + std::to_string(n) + " entries, and " + chain_label + " holds " +
                       std::to_string(chain->size()) + ": entry number " + std::to_string(n + 1) + " and any after it are missing"};
  if (n != recorded.entries || hash != recorded.head)
    return {false, ledger_label + " gives " + std::to_string(n) + " entries ending in " + hash + ", and " + head_label +
                       " says " + std::to_string(recorded.entries) + " ending in " + recorded.head};
  if (!head)
    return {true, "verified: " + ledger_label + " holds " + std::to_string(n) + " entries, ending in the head " + hash +
                      " that " + head_label + " gives"};
  if (reached_at == n)
    return {true, "verified: " + ledger_label + " holds " + std::to_string(n) + " entries, ending in the head " + hash};
  if (reached_at >= 0)
    return {true, "verified: the first " + std::to_string(reached_at) + " of the " + std::to_string(n) + " entries of " +
                      ledger_label + " end in the head " + *head + " (" + std::to_string(n - reached_at) +
                      " entries were added after it)"};
  return {false, "no entry of " + ledger_label + " ends in the head " + *head + " (its " + std::to_string(n) +
                     " entries end in " + hash + "): the ledger differs from the one that head was taken of"};
}

}  // namespace klynge

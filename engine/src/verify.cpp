// klynge verify: an export's ledger against its chain and a head kept outside it.
#include "klynge/verify.hpp"

#include <filesystem>
#include <fstream>

#include "klynge/chain.hpp"
#include "klynge/error.hpp"
#include "klynge/import.hpp"
#include "klynge/interchange.hpp"

namespace klynge {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const std::string& label, std::int64_t line, const std::string& what)
{
  throw DataError(std::vector<Diagnostic>{
      {line > 0 ? Location::in_file(label, line) : Location::in_file(label), Severity::error, what}});
}

/// An exported file to read: a regular file (a FIFO would block, a folder reads as nothing).
std::ifstream open_regular(const fs::path& path)
{
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) refuse(path.string(), 0, "not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) refuse(path.string(), 0, "cannot read the file");
  return in;
}

/// ledger-head.txt: two short lines, so a file of more than a few KiB is not one (and is not read whole).
std::string read_head_file(const fs::path& path)
{
  constexpr std::size_t limit = 4096;
  std::ifstream in = open_regular(path);
  std::string text(limit + 1, '\0');
  in.read(text.data(), std::streamsize(text.size()));
  text.resize(std::size_t(in.gcount()));
  if (text.size() > limit)
    refuse(path.string(), 0, "more than " + std::to_string(limit) + " bytes: not a head (it holds `entries N` and `head HASH`)");
  return text;
}

/// ledger-chain.txt read a line at a time as the ledger is: a hash per line, a line read no further than a hash
/// is long, so neither a long line nor a long chain is held in memory.
class ChainFile
{
public:
  explicit ChainFile(const fs::path& path) : in_(open_regular(path)), label_(path.string()) {}

  /// The next hash; nothing at the end of the file.
  std::optional<std::string> next()
  {
    std::string line;
    bool any = false;
    // Straight from the stream buffer: istream::get() builds a sentry for every character.
    std::streambuf& buf = *in_.rdbuf();
    for (int c = buf.sbumpc(); c != std::char_traits<char>::eof(); c = buf.sbumpc()) {
      any = true;
      if (c == '\n') break;
      if (line.size() > 65) refuse(label_, lines_ + 1, "not a hash (64 lower-case hex digits)");
      line.push_back(static_cast<char>(c));
    }
    if (!any) return std::nullopt;
    ++lines_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!is_chain_hash(line)) refuse(label_, lines_, "not a hash (64 lower-case hex digits)");
    return line;
  }
  /// Reads the hashes left and returns how many the file holds in all.
  std::int64_t count_all()
  {
    while (next()) {
    }
    return lines_;
  }
  const std::string& label() const { return label_; }

private:
  std::ifstream in_;
  std::string label_;
  std::int64_t lines_ = 0;
};

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
    recorded = parse_head_file(read_head_file(head_path));
  } catch (const ValueError& e) {
    refuse(head_label, 0, e.what());
  }
  const fs::path chain_path = fs::path(dir) / "ledger-chain.txt";
  std::optional<ChainFile> chain;
  if (fs::exists(chain_path, ec) || fs::is_symlink(chain_path, ec)) chain.emplace(chain_path);

  // The chain of the file, entry by entry, as it is read.
  std::string hash(chain_start);
  std::int64_t n = 0, reached_at = head && *head == chain_start ? 0 : -1;
  std::optional<Verified> differs;
  if (fs::exists(ledger_path, ec) || fs::is_symlink(ledger_path, ec)) {
    std::ifstream in = open_regular(ledger_path);
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
                         const auto exported = chain->next();
                         if (!exported)
                           differs = Verified{false, where + " is not in the exported chain (" + chain->label() + " holds " +
                                                         std::to_string(n - 1) + " entries)"};
                         else if (*exported != hash)
                           differs = Verified{false, where + " differs from the exported chain (" + chain->label() + " line " +
                                                         std::to_string(n) + "): it, or an entry before it, was changed, "
                                                         "deleted or put in after the export"};
                       }
                     });
    if (!problems.empty()) throw DataError(std::move(problems));
  } else if (recorded.entries > 0) {
    refuse(ledger_label, 0, "missing, and " + head_label + " counts " + std::to_string(recorded.entries) + " entries");
  }
  // Every line of the chain is a hash, also after the first difference.
  const std::int64_t chained = chain ? chain->count_all() : 0;
  if (differs) return *differs;
  if (chain && n < chained)
    return {false, ledger_label + " ends after " + std::to_string(n) + " entries, and " + chain->label() + " holds " +
                       std::to_string(chained) + ": entry number " + std::to_string(n + 1) + " and any after it are missing"};
  if (n != recorded.entries || hash != recorded.head)
    return {false, ledger_label + " gives " + std::to_string(n) + " entries ending in " + hash + ", and " + head_label +
                       " says " + std::to_string(recorded.entries) + " ending in " + recorded.head};
  if (!head)
    return {true, "verified: " + ledger_label + " holds " + std::to_string(n) + " entries, ending in the head " + hash +
                      " that " + head_label + " gives"};
  if (reached_at == n)
    return {true, "verified: " + ledger_label + " holds " + std::to_string(n) + " entries, ending in the head " + hash};
  if (reached_at == 0)
    return {true, "verified: " + *head + " is the head of an empty ledger, which every ledger starts from; it proves "
                  "nothing of the " + std::to_string(n) + " entries of " + ledger_label};
  if (reached_at > 0)
    return {true, "verified: the first " + std::to_string(reached_at) + " of the " + std::to_string(n) + " entries of " +
                      ledger_label + " end in the head " + *head + " (" + std::to_string(n - reached_at) +
                      " entries were added after it)"};
  return {false, "no entry of " + ledger_label + " ends in the head " + *head + " (its " + std::to_string(n) +
                     " entries end in " + hash + "): the ledger differs from the one that head was taken of"};
}

}  // namespace klynge

// klynge export DIR [--lang en|da] [--successor S [--as-of D]] [--known-at R|D]: every record back as interchange
// files, the ledger in the order written with its chain (ledger-chain.txt: each entry's hash, one a line;
// ledger-head.txt: how many, and the last hash), or the hand-over package of successor S.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/chain.hpp"
#include "klynge/handover_package.hpp"
#include "klynge/interchange.hpp"
#include "klynge/retired_records.hpp"
#include "klynge/store.hpp"
#include "klynge/suggest.hpp"

namespace klynge::cli {

void setup_export(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("export", "write every record back as interchange CSV files");
  auto dir = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("en");
  auto known_at = std::make_shared<std::string>();
  cmd->add_option("--known-at", *known_at, "the database as known at this revision, or at the end of this day");
  auto successor = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  cmd->add_option("DIR", *dir, "the folder to write (created; must not hold interchange files already)")->required();
  cmd->add_option("--lang", *lang, "en (canonical) or da (Danish headers, ';', BOM, CRLF, Danish amounts and dates)");
  cmd->add_option("--successor", *successor,
                  "write the hand-over package of this successor body: the initiatives running past their owner "
                  "toward it, with all their records and what those refer to");
  cmd->add_option("--as-of", *as_of, "the date the hand-over package is as of (default today; needs --successor)");
  cmd->callback([&ctx, dir, lang, successor, as_of, known_at]() {
    namespace fs = std::filesystem;
    Lang l = parse_lang(*lang);
    if (!as_of->empty() && successor->empty())
      throw UsageError("--as-of chooses the date of a hand-over package: give --successor S with it");
    const Date date = as_of->empty() ? ctx.today : option_date("--as-of", *as_of);
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    // The records, the chain and its head as of one moment.
    const auto revision = known_at_revision(*store, *known_at);
    Dataset data, candidates;
    ChainHead head;
    std::vector<std::string> hashes, broken;
    store->read_consistently([&]() {
      data = store->load(Store::Ledger::all, revision);
      // Records retired in place that the ledger still names (an undone import's own bodies, say).
      candidates = store->earlier_versions(RecordKinds::all());
      Dataset kept = store->retired_records();
      for (const auto& spec : file_specs())
        for (std::size_t i = 0, n = spec.ops->count(kept); i < n; ++i) spec.ops->move_to(kept, i, candidates);
      head = store->ledger_head();
      hashes = store->ledger_hashes();
      broken = store->chain_problems();
      for (auto& p : revision_head_problems(*store)) broken.push_back(std::move(p));
    });
    // Books changed behind klynge's back are not carried on, as `copy` does not carry them: an import of the
    // export would write a new, whole chain over the change and hide it.
    if (!broken.empty())
      throw DatabaseError("export: the books in " + ctx.db + " were changed behind klynge's back: " + broken.front() +
                          (broken.size() > 1 ? " (and " + std::to_string(broken.size() - 1) + " more)" : "") +
                          "; nothing was written (`klynge check` lists every problem; restore a backup from before)");
    // As known at a revision: the entries written by then are the chain's first ones (revisions are numbered in
    // the order they commit, entries in the order written), so its head is theirs.
    if (revision && hashes.size() >= data.ledger.size()) {
      hashes.resize(data.ledger.size());
      head = ChainHead{std::int64_t(hashes.size()), hashes.empty() ? std::string(chain_start) : hashes.back()};
    }
    const bool package = !successor->empty();
    if (package) {
      std::vector<std::string> bodies;
      for (const auto& b : data.bodies) bodies.push_back(b.id);
      if (std::find(bodies.begin(), bodies.end(), *successor) == bodies.end())
        throw DataError(std::vector<Diagnostic>{{Location::of_option("--successor"), Severity::error,
                                                 "unknown body '" + *successor + "'" + did_you_mean(*successor, bodies)}});
      data = handover_package(data, date, *successor);
      // A sheet named by an entry the package leaves out would be named otherwise by the books it makes.
      name_sheets(data.ledger);
    }
    Dataset retired = retired_named_by(data, std::move(candidates), revision);
    // A hand-over package carries what runs on: the entries that name a retired record count for nothing (they are
    // reversed, or reversals), so they are left out with the record, rather than the record and all it names.
    if (package && retired.size() > 0) {
      std::set<std::string> gone;  // table:id
      for (const auto& b : retired.bodies) gone.insert("bodies:" + b.id);
      for (const auto& i : retired.initiatives) gone.insert("initiatives:" + i.id);
      for (const auto& x : retired.decisions) gone.insert("decisions:" + x.id);
      std::erase_if(data.ledger, [&](const LedgerEntry& e) {
        return gone.count("bodies:" + e.body) || gone.count("bodies:" + e.counterparty) ||
               gone.count("initiatives:" + e.initiative) || gone.count("decisions:" + e.decision);
      });
      retired = Dataset{};
      name_sheets(data.ledger);
    }
    std::vector<std::pair<std::string, std::string>> files;  // (name, content), written in this order
    for (const auto& spec : file_specs()) {
      std::ostringstream text;
      write_interchange(text, spec, data, l);
      files.emplace_back(spec.file, text.str());
    }
    for (const auto& spec : file_specs())
      if (spec.ops->count(retired) > 0) {
        std::ostringstream text;
        write_interchange(text, spec, retired, l);
        files.emplace_back(retired_file_name(spec), text.str());
      }
    // A hand-over package holds part of the ledger: the chain is the whole ledger's, so it is not written with it.
    if (!package) {
      std::string chain;
      for (const auto& h : hashes) chain += h + "\n";
      files.emplace_back("ledger-chain.txt", std::move(chain));
      files.emplace_back("ledger-head.txt", head_file_text(head));
    }
    std::error_code ec;
    if (fs::exists(*dir, ec) && !fs::is_directory(*dir, ec))
      throw DataError("cannot export into " + *dir + ": it is a file, not a folder");
    for (const auto& [name, content] : files)
      if (fs::exists(fs::symlink_status(fs::path(*dir) / name, ec)))
        throw DataError("cannot export into " + *dir + ": it already holds " + name +
                        " (export into a new or empty folder; nothing was written)");
    // Nor beside other CSV files (an import of the folder reads every .csv, and a share that ignores case takes
    // Ledger.csv for ledger.csv); the first by name is told.
    if (fs::is_directory(*dir, ec)) {
      const auto lower = [](std::string s) {
        for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
      };
      std::vector<std::string> clashes;
      std::error_code listing;
      for (const auto& entry : fs::directory_iterator(*dir, listing)) {
        const std::string name = entry.path().filename().string();
        const bool same = std::any_of(files.begin(), files.end(), [&](const auto& f) { return lower(f.first) == lower(name); });
        if (same || lower(name).ends_with(".csv")) clashes.push_back(name);
      }
      if (listing) throw DataError("cannot read the folder " + *dir + ": " + listing.message() + "; nothing was written");
      if (!clashes.empty())
        throw DataError("cannot export into " + *dir + ": it already holds " +
                        *std::min_element(clashes.begin(), clashes.end()) +
                        " (export into a new or empty folder; nothing was written)");
    }
    const bool made = !fs::exists(*dir, ec);
    fs::create_directories(*dir, ec);
    if (ec) throw DataError("cannot create the folder " + *dir + ": " + ec.message());
    // All or nothing: when a file cannot be written (a full disk, a file-size limit), those written before it
    // are removed again, and the folder if export made it.
    std::vector<fs::path> written;
    try {
      for (const auto& [name, content] : files) {
        const fs::path file = fs::path(*dir) / name;
        write_file_atomically(file.string(), content);
        written.push_back(file);
      }
    } catch (...) {
      for (const auto& f : written) fs::remove(f, ec);
      if (made) fs::remove(*dir, ec);
      throw;
    }
    const std::string kept = retired.size() == 0 ? std::string()
                             : " (and " + std::to_string(retired.size()) + " retired " +
                                   (retired.size() == 1 ? "one" : "ones") + " its ledger names)";
    if (package) spdlog::info("exported {} records{} to {}", data.size(), kept, *dir);
    else spdlog::info("exported {} records{} to {}; the ledger's head: {} entries, {}", data.size(), kept, *dir,
                      head.entries, head.head);
  });
}

}  // namespace klynge::cli

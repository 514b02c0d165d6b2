// klynge export DIR [--lang en|da]: every record back as interchange files, the ledger in the order written, with
// its chain: ledger-chain.txt (each entry's hash, one a line) and ledger-head.txt (how many, and the last hash).
#include <filesystem>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/chain.hpp"
#include "klynge/interchange.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

void setup_export(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("export", "write every record back as interchange CSV files");
  auto dir = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("en");
  cmd->add_option("DIR", *dir, "the folder to write (created; must not hold interchange files already)")->required();
  cmd->add_option("--lang", *lang, "en (canonical) or da (Danish headers, ';', BOM, CRLF, Danish amounts and dates)");
  cmd->callback([&ctx, dir, lang]() {
    namespace fs = std::filesystem;
    Lang l = parse_lang(*lang);
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    // The records, the chain and its head as of one moment.
    Dataset data;
    ChainHead head;
    std::vector<std::string> hashes;
    store->read_consistently([&]() {
      data = store->load();
      head = store->ledger_head();
      hashes = store->ledger_hashes();
    });
    std::vector<std::pair<std::string, std::string>> files;  // (name, content), written in this order
    for (const auto& spec : file_specs()) {
      std::ostringstream text;
      write_interchange(text, spec, data, l);
      files.emplace_back(spec.file, text.str());
    }
    std::string chain;
    for (const auto& h : hashes) chain += h + "\n";
    files.emplace_back("ledger-chain.txt", std::move(chain));
    files.emplace_back("ledger-head.txt", head_file_text(head));
    std::error_code ec;
    if (fs::exists(*dir, ec) && !fs::is_directory(*dir, ec))
      throw DataError("cannot export into " + *dir + ": it is a file, not a folder");
    for (const auto& [name, content] : files)
      if (fs::exists(fs::symlink_status(fs::path(*dir) / name, ec)))
        throw DataError("cannot export into " + *dir + ": it already holds " + name +
                        " (export into a new or empty folder; nothing was written)");
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
    spdlog::info("exported {} records to {}; the ledger's head: {} entries, {}", data.size(), *dir, head.entries, head.head);
  });
}

}  // namespace klynge::cli

// klynge export DIR [--lang en|da] [--successor S [--as-of D]]: every record back as interchange files, or the
// hand-over package of successor S.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/handover_package.hpp"
#include "klynge/interchange.hpp"
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
    Dataset data = store->load(Store::Ledger::all, known_at_revision(*store, *known_at));
    if (!successor->empty()) {
      std::vector<std::string> bodies;
      for (const auto& b : data.bodies) bodies.push_back(b.id);
      if (std::find(bodies.begin(), bodies.end(), *successor) == bodies.end())
        throw DataError(std::vector<Diagnostic>{{Location::of_option("--successor"), Severity::error,
                                                 "unknown body '" + *successor + "'" + did_you_mean(*successor, bodies)}});
      data = handover_package(data, date, *successor);
    }
    std::error_code ec;
    if (fs::exists(*dir, ec) && !fs::is_directory(*dir, ec))
      throw DataError("cannot export into " + *dir + ": it is a file, not a folder");
    for (const auto& spec : file_specs())
      if (fs::exists(fs::path(*dir) / spec.file, ec))
        throw DataError("cannot export into " + *dir + ": it already holds " + std::string(spec.file) +
                        " (export into a new or empty folder; nothing was written)");
    const bool made = !fs::exists(*dir, ec);
    fs::create_directories(*dir, ec);
    if (ec) throw DataError("cannot create the folder " + *dir + ": " + ec.message());
    // All or nothing: when a file cannot be written (a full disk, a file-size limit), those written before it
    // are removed again, and the folder if export made it.
    std::vector<fs::path> written;
    try {
      for (const auto& spec : file_specs()) {
        std::ostringstream text;
        write_interchange(text, spec, data, l);
        const fs::path file = fs::path(*dir) / spec.file;
        write_file_atomically(file.string(), text.str());
        written.push_back(file);
      }
    } catch (...) {
      for (const auto& f : written) fs::remove(f, ec);
      if (made) fs::remove(*dir, ec);
      throw;
    }
    spdlog::info("exported {} records to {}", data.size(), *dir);
  });
}

}  // namespace klynge::cli

// klynge pack --as-of D [--group G] [--body B] [--initiative I] [--known-at R|D] [--lang da|en] --out DIR
#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "klynge/error.hpp"
#include "klynge/reports/pack.hpp"
#include "klynge/reports/render.hpp"
#include "klynge/reports/reports.hpp"
#include "klynge/store.hpp"

namespace klynge::cli {

namespace {

struct PackOptions
{
  std::string as_of, group, body, lang = "da", out, known_at;
  std::vector<std::string> initiatives;
};

}  // namespace

namespace {

/// The files of an earlier pack in `dir`, which a new pack replaces: none when `dir` is missing or empty.
/// @throws DataError when `dir` holds anything else (a pack written into the data folder would overwrite its
/// indicators.csv), or report files without the pack's own.
std::vector<std::string> earlier_pack_files(const std::string& dir)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  std::set<std::string> ours{"pack.xlsx", "pack.html"};
  for (const auto& n : reports::report_names()) ours.insert(n + ".csv");
  std::vector<std::string> found, other;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".partial-")) continue;  // a pack being written, or one killed while it was
    // A link is not one of ours even when it points at a file: the pack would put a file in its place, which
    // `--out FILE` refuses too (the user put the link there on purpose).
    const bool link = e.is_symlink(ec);
    if (ours.count(name) && !link && e.is_regular_file(ec))
      found.push_back(name);
    else
      other.push_back(link ? name + " is a link" : name);
  }
  if (ec) throw DataError("cannot read the folder " + dir + ": " + ec.message());
  std::sort(found.begin(), found.end());
  std::sort(other.begin(), other.end());
  const bool a_pack = std::find(found.begin(), found.end(), "pack.xlsx") != found.end() ||
                      std::find(found.begin(), found.end(), "pack.html") != found.end();
  if (!other.empty() || (!found.empty() && !a_pack)) {
    const auto& named = other.empty() ? found : other;
    throw DataError("--out: " + dir + " holds files that are not an earlier pack's (" + named.front() +
                    (named.size() > 1 ? ", …" : "") +
                    "); write the pack into a new or empty folder, or over an earlier pack; nothing was written");
  }
  return found;
}

}  // namespace

void setup_pack(CLI::App& app, const Context& ctx)
{
  auto* cmd = app.add_subcommand("pack", "the meeting pack: pack.xlsx, pack.html and every report as csv-da in a folder");
  auto o = std::make_shared<PackOptions>();
  cmd->add_option("--as-of", o->as_of, "the date the pack is as of (default today)");
  cmd->add_option("--group", o->group, "only the initiatives whose steering group as of the date is this one or below it");
  cmd->add_option("--body", o->body, "only the initiatives this body owns as of the date, and those it is to inherit");
  cmd->add_option("--initiative", o->initiatives, "only this initiative (repeatable: these initiatives)");
  cmd->add_option("--lang", o->lang, "da (default) or en: words, numbers and dates of the workbook and the page");
  cmd->add_option("--out", o->out, "the folder to write into (made if missing)")->required();
  cmd->add_option("--known-at", o->known_at, "the database as known at this revision, or at the end of this day");
  cmd->callback([&ctx, o]() {
    reports::PackSpec spec;
    spec.as_of = o->as_of.empty() ? ctx.today : option_date("--as-of", o->as_of);
    spec.group = o->group;
    spec.body = o->body;
    spec.initiatives = o->initiatives;
    spec.lang = parse_lang(o->lang);
    spec.generated = ctx.now;
    if (o->out.empty()) throw UsageError("--out: an empty folder name");
    // Elsewhere `--out -` is stdout; a pack is a folder of files, which stdout cannot be.
    if (o->out == "-") throw UsageError("--out: a pack is a folder of files, not stdout: name the folder");

    // The records and the ledger's running totals in one read, as every report reads them.
    const auto store = Store::open(ctx.db, Store::Access::read_only);
    reports::Pack pack;
    const auto known_at = known_at_revision(*store, o->known_at);
    spec.known_at = known_at;
    store->read_consistently([&]() {
      // What changed since the group's previous meeting: as known at the end of its day against now (or --known-at).
      auto changes_since = [&](const Dataset& data) -> std::optional<reports::PackChanges> {
        const auto meeting = reports::previous_meeting(data, spec);
        const std::int64_t until = known_at.value_or(store->last_revision());
        if (!meeting || until == 0) return std::nullopt;
        reports::ReportSpec c;
        c.kind = reports::ReportKind::changes;
        c.group = spec.group;
        c.body = spec.body;
        c.initiatives = spec.initiatives;
        c.since = std::min(known_at_revision(*store, meeting->date.iso()).value_or(0), until);
        c.until = known_at;
        return reports::PackChanges{*meeting, *c.since, reports::changes_between(*store, spec.as_of, c)};
      };
      if (known_at) {
        // As known at a revision: the entries it had, summed from themselves.
        Dataset data = store->load(Store::Ledger::figures, known_at);
        const auto changes = changes_since(data);
        pack = reports::make_pack(data, EntrySums(data.ledger), spec, changes ? &*changes : nullptr);
        return;
      }
      Dataset data = store->load(Store::Ledger::none);
      const auto changes = changes_since(data);
      pack = reports::make_pack(data, *store->sums(), spec, changes ? &*changes : nullptr);
    });
    // Everything is made before anything is written, and written in full before any file takes its name: into a
    // folder of its own inside the pack's folder, whose files are then renamed into place (a rename needs no room
    // on the disk). A pack cut short (a full disk) leaves the folder as it was, not half a pack beside an earlier
    // one's other half.
    namespace fs = std::filesystem;
    const auto earlier = earlier_pack_files(o->out);
    std::error_code ec;
    fs::path made = fs::absolute(o->out, ec);  // the outermost folder this pack makes, removed if it fails
    for (fs::path up = made; !up.empty() && !fs::exists(up, ec) && up != up.parent_path(); up = up.parent_path()) made = up;
    if (fs::exists(made, ec)) made.clear();
    fs::create_directories(o->out, ec);
    if (ec) throw DataError("cannot write " + o->out + ": " + ec.message());
    const fs::path dir(o->out);
    const fs::path staging = dir / (".partial-" + std::to_string(std::random_device{}()));
    struct Staging
    {
      const fs::path &staging, &made;
      bool done = false;
      ~Staging()
      {
        std::error_code ec;
        fs::remove_all(staging, ec);
        if (!done && !made.empty()) fs::remove_all(made, ec);
      }
    } cleanup{staging, made};
    if (!fs::create_directory(staging, ec)) throw DataError("cannot write " + o->out + ": " + ec.message());
    std::vector<std::string> names{"pack.xlsx", "pack.html"};
    naming(staging.string(), dir.string(), [&]() {
      write_file_atomically((staging / "pack.xlsx").string(), pack.xlsx);
      write_file_atomically((staging / "pack.html").string(), pack.html);
      for (const auto& t : pack.tables) {
        std::ostringstream text;
        reports::render(text, t, reports::Format::csv_da, spec.lang);
        names.push_back(t.report + ".csv");
        write_file_atomically((staging / names.back()).string(), text.str());
      }
    });
    for (const auto& name : names) {
      fs::rename(staging / name, dir / name, ec);
      if (ec) throw DataError("cannot write " + (dir / name).string() + ": " + ec.message());
    }
    cleanup.done = true;
    // A report the earlier pack had and this one has not (no indicators for this body) is not left behind.
    for (const auto& name : earlier)
      if (std::find(names.begin(), names.end(), name) == names.end()) fs::remove(dir / name, ec);
    spdlog::info("wrote {}: pack.xlsx, pack.html and {} reports as csv-da", o->out, pack.tables.size());
  });
}

}  // namespace klynge::cli

#include "klynge/import.hpp"
#include "klynge/retired_records.hpp"
#include "klynge/ledger_stream.hpp"
#include "klynge/check.hpp"
#include "klynge/csv.hpp"
#include "klynge/ledger_identity.hpp"
#include "klynge/snapshot.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "ledger_sql.hpp"
#include "record_fields.hpp"
#include "sha256.hpp"

namespace klynge {

namespace fs = std::filesystem;
using detail::Sha256;

std::string sha256_file(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(std::vector<Diagnostic>{{Location::in_file(path), Severity::error, "cannot read the file"}});
  Sha256 sha;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    sha.update(buf.data(), std::size_t(in.gcount()));
  }
  return sha.hex();
}

std::string sha256_text(std::string_view text)
{
  Sha256 sha;
  sha.update(text.data(), text.size());
  return sha.hex();
}

namespace {

/// One interchange file to import: what it is, how it is named in messages, its SHA-256, and how to read it.
struct ImportSource
{
  const FileSpec* spec;
  std::string label;
  std::string sha256;
  std::function<std::unique_ptr<std::istream>()> open;
  bool retired = false;  ///< `retired-FILE.csv`: records an export wrote as retired (kept for its ledger alone)
};

/// The ids ledger entries may name: stored ones and those the plan adds, in force or retired in place (an entry
/// that counts may not name a retired one: checked once the ledger is written).
LedgerStream::Known known_ids(const Dataset& existing, const ImportPlan& plan, const Dataset& retired)
{
  LedgerStream::Known k;
  for (const Dataset* d : std::initializer_list<const Dataset*>{&retired, &plan.retired}) {
    for (const auto& b : d->bodies) k.bodies.insert(b.id);
    for (const auto& i : d->initiatives) k.initiatives.insert(i.id);
    for (const auto& x : d->decisions) k.decisions.insert(x.id);
  }
  for (const auto& b : existing.bodies) k.bodies.insert(b.id);
  for (const auto& b : plan.inserts.bodies) k.bodies.insert(b.id);
  for (const auto& i : existing.initiatives) k.initiatives.insert(i.id);
  for (const auto& i : plan.inserts.initiatives) k.initiatives.insert(i.id);
  for (const auto& d : existing.decisions) k.decisions.insert(d.id);
  for (const auto& d : plan.inserts.decisions) k.decisions.insert(d.id);
  return k;
}

void append(Dataset& to, Dataset& from)
{
  // The first file of a kind hands over its records whole (no second copy while the vector grows).
  auto move = [](auto& a, auto& b) {
    if (a.empty()) a = std::move(b);
    else std::move(b.begin(), b.end(), std::back_inserter(a));
  };
  move(to.bodies, from.bodies);
  move(to.groups, from.groups);
  move(to.initiatives, from.initiatives);
  move(to.meetings, from.meetings);
  move(to.decisions, from.decisions);
  move(to.changes, from.changes);
  move(to.ledger, from.ledger);
  move(to.estimates, from.estimates);
  move(to.milestones, from.milestones);
  move(to.indicators, from.indicators);
  move(to.measurements, from.measurements);
  move(to.keys, from.keys);
  move(to.settings, from.settings);
}

/// The `check` warnings of the database as it is inside the write transaction (design §14: a write reports those
/// it caused).
/// The earlier versions of the kinds of record `incoming` holds (none when it holds none that have them).
Dataset earlier_of(const Store& store, const Dataset& incoming)
{
  RecordKinds kinds;
  for (const auto& spec : file_specs())
    if (spec.kind != RecordKind::ledger && spec.kind != RecordKind::settings && spec.ops->count(incoming) > 0)
      kinds = kinds | RecordKinds{spec.kind};
  return kinds == RecordKinds{} ? Dataset{} : store.earlier_versions(kinds);
}

std::vector<Diagnostic> warnings_now(const Store& store, Date as_of)
{
  return store_warnings(store, as_of);
}

/// Ends a write: the warnings it caused (those not there before), refused under --strict; the revision's row when
/// something changed; the commit unless it is a dry run.
void finish_write(Store& store, Store::Transaction& tx, const WriteOptions& opt, std::int64_t revision,
                  const std::vector<Diagnostic>& warnings_before, Revision r, ImportResult& result,
                  const LedgerStream& stream)
{
  for (auto& w : caused_warnings(store, opt, warnings_before, revision,
                                 {stream.latest(), stream.lowering_dates(), stream.ledger_was_empty(), stream.pools_lowered(),
                                  stream.initiatives(), stream.initiative_dates()}))
    result.warnings.push_back(std::move(w));
  if (result.written > 0) {
    if (auto w = clock_behind(store, opt.recorded_at)) result.warnings.push_back(std::move(*w));
    r.number = revision;
    r.recorded_at = opt.recorded_at;
    r.user = opt.user;
    r.command = opt.command;
    store.record_revision(r);
    result.revision = revision;
  }
  if (!opt.dry_run) tx.commit();
  else result.revision = 0;
}

/// `PATH SHA256 rows/known/new/corrected`, one line per file: what a revision records of its sources.
std::string files_text(const std::vector<FileReport>& files)
{
  std::string out;
  for (const auto& f : files)
    out += (out.empty() ? "" : "\n") + f.label + " " + f.sha256 + " " + std::to_string(f.rows) + "/" +
           std::to_string(f.known) + "/" + std::to_string(f.added + f.updated) + "/" + std::to_string(f.corrected);
  return out;
}

/// The records of `retired-FILE.csv` files to store retired: those known nowhere (in force, retired already, or
/// sent in force by this import) and whose references are known, in force or retired. Counts go to their files.
void plan_retired(const Dataset& existing, const Dataset& retired_stored, Dataset sent, ImportPlan& plan,
                  std::vector<FileReport>& files, std::vector<Diagnostic>& problems)
{
  std::map<std::string, std::set<std::string>> ids;  // table → ids known, in force or retired
  for (const auto& spec : file_specs())
    for (const Dataset* d : std::initializer_list<const Dataset*>{&existing, &retired_stored, &plan.inserts, &plan.replacements})
      for (std::size_t i = 0, n = spec.ops->count(*d); i < n; ++i)
        ids[std::string(spec.table)].insert(spec.ops->identity(*d, i));
  std::map<RecordKind, std::size_t> known, added;
  for (const auto& spec : file_specs()) {
    std::map<std::string, std::string> seen;  // id -> where it was first given
    for (std::size_t i = 0, n = spec.ops->count(sent); i < n; ++i) {
      const Source& src = spec.ops->source(sent, i);
      const auto [first, fresh] = seen.emplace(spec.ops->identity(sent, i), src.origin());
      if (!fresh) {
        problems.push_back(src.problem("id", "duplicate " + std::string(spec.singular) + " id '" + first->first +
                                                 "' (first at " + first->second + ")"));
        continue;
      }
      if (ids[std::string(spec.table)].insert(spec.ops->identity(sent, i)).second) {
        spec.ops->move_to(sent, i, plan.retired);
        ++added[spec.kind];
      } else {
        ++known[spec.kind];
      }
    }
  }
  // What a record kept retired names must be known too (in force or retired), as a plain file's rows are checked.
  if (plan.retired.size() > 0) {
    Dataset known = existing;
    for (const Dataset* d : std::initializer_list<const Dataset*>{&retired_stored, &plan.inserts, &plan.replacements}) {
      Dataset copy = *d;
      append(known, copy);
    }
    check_retired_records(known, plan.retired, problems);
  }
  for (auto& f : files)
    if (f.retired) {
      f.known = known[f.kind];
      f.added = added[f.kind];
      known[f.kind] = added[f.kind] = 0;  // told once, at the first file of the kind
    }
}

/// An entry this import wrote that counts (not reversed, not a reversal) and names a record retired in place: an
/// error at its line. The ledger keeps what an undo reversed; a retired record is not there to spend on.
void named_retired_problems(const Store& store, std::int64_t seq_before, std::vector<Diagnostic>& problems)
{
  for (const auto& n : store.entries_naming_retired(seq_before, std::nullopt)) {
    const std::string what(spec_for_table(n.parent).singular);
    problems.push_back({Location{}, Severity::error,
                        n.origin + ": entry '" + n.entry + "' names the " + what + " '" + n.key +
                            "', which is retired (kept only for the entries an undo reversed); import the " + what +
                            " again first, or leave the entry out"});
  }
}

ImportResult import_sources(Store& store, std::vector<ImportSource> files, std::vector<Diagnostic> problems,
                            const WriteOptions& opt)
{
  // Dependency order: bodies first, settings last.
  std::stable_sort(files.begin(), files.end(),
                   [](const auto& a, const auto& b) { return int(a.spec->kind) < int(b.spec->kind); });
  ImportResult result;
  // Checked and written under one write lock: a second import waits, then checks against this one's records.
  // A dry run does the same and rolls back.
  Store::Transaction tx(store, Store::Transaction::Kind::write);
  const std::int64_t revision = store.begin_revision();
  std::vector<const ImportSource*> ledgers;
  Dataset incoming, retired_incoming;
  for (const auto& file : files) {
    const FileSpec& spec = *file.spec;
    if (spec.kind == RecordKind::ledger) {
      ledgers.push_back(&file);  // streamed below, once the records it refers to are known
      continue;
    }
    auto in = file.open();
    if (!in || !*in) {
      problems.push_back({Location::in_file(file.label), Severity::error, "cannot read the file"});
      continue;
    }
    Dataset one;
    FileReport report{.label = file.label, .sha256 = file.sha256, .kind = spec.kind, .retired = file.retired};
    report.rows = read_interchange(*in, file.label, spec, one, problems);
    result.files.push_back(std::move(report));
    append(file.retired ? retired_incoming : incoming, one);
  }
  // Everything but the ledger is small: check it in memory against the stored records, and write it.
  Dataset existing = store.load(Store::Ledger::none);
  std::vector<Diagnostic> warnings_before;
  if (opt.warn_as_of) warnings_before = store_warnings(store, *opt.warn_as_of);
  const Dataset earlier = earlier_of(store, incoming);
  ImportPlan plan = plan_import(existing, earlier, std::move(incoming), problems, opt.correct);
  const Dataset retired_stored = store.retired_records();
  plan_retired(existing, retired_stored, std::move(retired_incoming), plan, result.files, problems);
  std::map<std::pair<std::string, std::string>, std::string> retired_where;  // (table, id) → file:line
  for (const auto& spec : file_specs())
    for (std::size_t i = 0, n = spec.ops->count(plan.retired); i < n; ++i)
      retired_where[{std::string(spec.table), spec.ops->identity(plan.retired, i)}] =
          spec.ops->source(plan.retired, i).origin();
  // With problems already, nothing will be kept: write nothing that could break a constraint, but go on
  // checking the ledger so that one run reports as much as it can.
  if (problems.empty()) store.write(plan);
  for (auto& f : result.files) {
    if (f.retired) continue;  // counted by plan_retired()
    const auto& c = plan.counts[f.kind];
    f.known = c.known;
    f.added = c.added;
    f.corrected = c.corrected;
    f.updated = c.updated;
    f.known_revision = c.known_revision;
  }
  result.corrections = std::move(plan.correction_notes);
  result.earlier = std::move(plan.earlier_notes);
  std::vector<Diagnostic> plan_warnings = std::move(plan.warnings);
  std::size_t corrected = 0;
  for (const auto& [kind, c] : plan.counts) corrected += c.corrected;
  result.written = plan.inserts.size() + plan.replacements.size() + plan.retired.size();
  // The ledger streams: each entry is checked against the database and written as it is read. Of the records,
  // only their ids are needed from here on: the rest is let go before a ledger of any size is read.
  const std::int64_t seq_before = store.last_ledger_seq();
  LedgerStream stream(store, known_ids(existing, plan, retired_stored), problems, revision);
  existing = Dataset{};
  plan = ImportPlan{};
  std::vector<std::size_t> ledger_rows;
  for (const ImportSource* file : ledgers) {
    auto in = file->open();
    if (!in || !*in) {
      problems.push_back({Location::in_file(file->label), Severity::error, "cannot read the file"});
      continue;
    }
    Dataset unused;
    auto sink = [&](LedgerEntry& e) {
      if (problems.size() < 100) stream.add(e);
    };
    stream.begin_file(file->label, file->sha256);
    ledger_rows.push_back(read_interchange(*in, file->label, *file->spec, unused, problems, sink));
    stream.end_file();
  }
  stream.finish();
  if (problems.empty()) named_retired_problems(store, seq_before, problems);
  // A record sent retired is kept for the entries that name it; one that nothing names is a mistake of the file.
  if (problems.empty())
    for (const auto& [table, id] : store.prune_retired(revision))
      problems.push_back({Location{}, Severity::error,
                          retired_where[{table, id}] + ": " + std::string(spec_for_table(table).singular) + " '" + id +
                              "' is named by no ledger entry; a retired record is kept only for the entries that name "
                              "it (import it with the ledger it came with)"});
  if (!problems.empty()) throw DataError(std::move(problems));
  for (std::size_t i = 0; i < stream.files().size(); ++i) {
    const auto& c = stream.files()[i];
    FileReport f{.label = c.label, .sha256 = c.sha256, .kind = RecordKind::ledger, .rows = ledger_rows[i],
                 .known = c.known, .added = c.added};
    f.known_revision = c.known_revision;
    result.files.push_back(std::move(f));
  }
  std::stable_sort(result.files.begin(), result.files.end(),
                   [](const auto& a, const auto& b) { return a.kind < b.kind; });
  result.written += stream.written();
  // New ledger rows per file: what was read less what was known (rows with problems would have thrown).
  for (auto& f : result.files)
    if (f.kind == RecordKind::ledger) f.added = f.rows - f.known;
  result.warnings = std::move(plan_warnings);
  result.warnings.insert(result.warnings.end(), stream.warnings().begin(), stream.warnings().end());
  std::map<std::int64_t, std::string> recorded;
  for (const auto& r : store.revisions()) recorded[r.number] = r.recorded_at;
  for (auto& f : result.files)
    if (f.known_revision) f.known_recorded_at = recorded[f.known_revision];
  Revision r;
  r.files = files_text(result.files);
  r.added = std::int64_t(result.written - corrected);
  r.corrected = std::int64_t(corrected);
  finish_write(store, tx, opt, revision, warnings_before, r, result, stream);
  return result;
}

const FileSpec* known_file(const std::string& label, const std::string& name, std::vector<Diagnostic>& problems)
{
  if (const FileSpec* retired = spec_for_retired_file(name)) return retired;
  const FileSpec* spec = spec_for_file(name);
  if (!spec) {
    if (auto wrong = almost_interchange_name(name); !wrong.empty()) {
      problems.push_back({Location::in_file(label), Severity::error, "not an interchange file: " + wrong});
      return nullptr;
    }
    std::string known;
    for (const auto& s : file_specs()) known += (known.empty() ? "" : ", ") + std::string(s.file);
    problems.push_back({Location::in_file(label), Severity::error, "not an interchange file (known: " + known + ")"});
  }
  return spec;
}

}  // namespace

std::vector<Diagnostic> caused_warnings(const Store& store, const WriteOptions& opt, const std::vector<Diagnostic>& before,
                                        std::int64_t revision, const WrittenEntries& written)
{
  std::vector<Diagnostic> caused;
  if (!opt.warn_as_of) return caused;
  // A warning is caused when it is new; one of a figure below zero also when the figure is deeper than before (a
  // receipt into an over-committed pool leaves it over-committed, less so: that is not caused, nor refused by
  // --strict; a further grant from it is).
  std::set<std::string> told_before;
  std::map<std::string, std::int64_t> depth_before;
  for (const auto& w : before) {
    told_before.insert(w.message);
    if (w.below_zero_ore) depth_before[w.subject] = *w.below_zero_ore;
  }
  for (auto& w : warnings_now(store, *opt.warn_as_of)) {
    if (w.severity != Severity::warning || told_before.count(w.message)) continue;
    if (w.below_zero_ore)
      if (auto it = depth_before.find(w.subject); it != depth_before.end() && *w.below_zero_ore >= it->second) continue;
    caused.push_back(std::move(w));
  }
  // The pools the write takes from are checked as of the days after today as well, for what it over-commits then:
  // each body once, as of the first date it is over-committed (deeper than before this write), unless it is as of
  // today. The dates: those ahead on which the write takes from a pool (a September grant before a December
  // receipt) and its latest entry's; and the days ahead of entries stored before it on those pools (a June grant
  // that an October grant already in the books over-commits from October) — the earliest 31 of each, and the last.
  // The books before this write are those known at the revision before it, from the running totals less this
  // write's entries, as `--known-at` reads them.
  std::set<Date> dates;
  if (const auto& latest = written.latest; latest && *opt.warn_as_of < *latest) {
    dates.insert(*latest);
    for (auto it = written.lowering_dates.upper_bound(*opt.warn_as_of);
         it != written.lowering_dates.end() && dates.size() < 32; ++it)
      dates.insert(*it);
  }
  if (!written.ledger_was_empty)
    for (const Date d : store.pool_days_after(written.pools_lowered, *opt.warn_as_of, 31)) dates.insert(d);
  // A body that has ended keeps no pool to judge as of today (a hand-over package brings grants without the
  // receipts behind them), so a write that takes from its pool on a day of its active period — December's grants
  // imported in January — is judged as of the body's last day, where these books hold the pool (its receipts).
  std::optional<Dataset> loaded;
  std::unique_ptr<LedgerSums> loaded_sums;
  if (!written.pools_lowered.empty() && !written.lowering_dates.empty() &&
      !(*opt.warn_as_of < *written.lowering_dates.begin())) {
    loaded = store.load(Store::Ledger::none);
    loaded_sums = store.sums();
    const Snapshot today(*loaded, *opt.warn_as_of, *loaded_sums);
    for (const auto& b : today.bodies())
      if (b.active_to && *b.active_to < *opt.warn_as_of && written.pools_lowered.count(b.body->id) &&
          !(*b.active_to < *written.lowering_dates.begin()) && !today.pool(b.body->id).received.is_zero())
        dates.insert(*b.active_to);
  }
  // The initiatives of its entries, as of the first and the last of their dates ahead (each date judges every
  // initiative of the write: a month's import would take a second at thousands of initiatives for 31 of them).
  std::set<Date> initiative_dates;
  if (auto it = written.initiative_dates.upper_bound(*opt.warn_as_of); it != written.initiative_dates.end()) {
    initiative_dates.insert(*it);
    initiative_dates.insert(*written.initiative_dates.rbegin());
  }
  if (!dates.empty() || !initiative_dates.empty()) {
    const Dataset now = loaded ? std::move(*loaded) : store.load(Store::Ledger::none);
    const std::unique_ptr<LedgerSums> now_sums = loaded_sums ? std::move(loaded_sums) : store.sums();
    std::optional<Dataset> then;
    std::unique_ptr<LedgerSums> then_sums;
    // Without entries before, no pool was over-committed: a first import does not read its own entries back.
    if (!written.ledger_was_empty) {
      then = store.load(Store::Ledger::none, revision - 1);
      then_sums = store.sums(revision - 1);
    }
    // A body warned of as of today is not warned of again; one over-committed today already, but not deeper, is
    // judged as of the dates ahead like any other (deeper then than before this write, it is warned of).
    std::set<std::string> caused_subjects, told;
    for (const auto& w : caused) caused_subjects.insert(w.subject);
    for (const auto& [body, free] : over_committed_pools(now, *opt.warn_as_of, *now_sums))
      if (caused_subjects.count(pool_subject(body))) told.insert(body);
    for (const Date d : dates) {
      std::map<std::string, Money> before_d;
      if (then)
        for (const auto& [body, free] : over_committed_pools(*then, d, *then_sums)) before_d[body] = free;
      for (const auto& [body, free] : over_committed_pools(now, d, *now_sums)) {
        if (told.count(body)) continue;
        if (auto it = before_d.find(body); it != before_d.end() && !(free < it->second)) continue;
        told.insert(body);
        caused.push_back({Location{}, Severity::warning, over_committed_message(body, free, d)});
      }
    }
    // The initiatives its entries leave overspent as of their dates ahead (an expense dated after today): each
    // once, as of the first such date, unless warned of as of today or overspent as much then before this write.
    std::set<std::string> told_initiatives;
    for (const Date d : initiative_dates) {
      std::map<std::string, Money> before_d;
      if (then)
        for (const auto& [initiative, remaining] : overspent_initiatives(*then, d, *then_sums, written.initiatives))
          before_d[initiative] = remaining;
      for (const auto& [initiative, remaining] : overspent_initiatives(now, d, *now_sums, written.initiatives)) {
        if (caused_subjects.count(initiative_subject(initiative)) || told_initiatives.count(initiative)) continue;
        if (auto it = before_d.find(initiative); it != before_d.end() && !(remaining < it->second)) continue;
        told_initiatives.insert(initiative);
        caused.push_back({Location{}, Severity::warning,
                          overspent_message(initiative, remaining) + " as of " + d.iso()});
      }
    }
  }
  if (opt.strict && !caused.empty()) {
    for (auto& w : caused) {
      w.severity = Severity::error;
      w.message += " (refused: --strict)";
    }
    throw DataError(std::move(caused));
  }
  // As `check` lists them: a data set with thousands of overlapping lines must not print thousands of lines.
  constexpr std::size_t listed = 100;
  if (caused.size() > listed) {
    const std::size_t more = caused.size() - listed;
    caused.resize(listed);
    caused.push_back({Location{}, Severity::warning,
                      std::to_string(more) + " more warnings this write caused (klynge check lists them)"});
  }
  return caused;
}

ImportResult import_path(Store& store, const std::string& path, const WriteOptions& options)
{
  std::error_code ec;
  std::vector<std::string> labels;
  std::vector<Diagnostic> problems;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(path, ec)) entries.push_back(entry.path());
    if (ec) throw DataError("cannot read the folder " + path + ": " + ec.message());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries) {
      const std::string label = (fs::path(path) / p.filename()).string();
      if (p.extension() == ".csv") labels.push_back(label);
      // A README beside the data is fine; a sheet saved under almost the name of one is not.
      else if (auto wrong = almost_interchange_name(p.filename().string()); !wrong.empty())
        problems.push_back({Location::in_file(label), Severity::error, "not an interchange file: " + wrong});
    }
    if (labels.empty() && problems.empty())
      throw DataError("no interchange files (bodies.csv, ledger.csv, …) in the folder " + path);
  } else if (fs::exists(path, ec)) {
    labels.push_back(path);
  } else {
    throw DataError("no such file or folder: " + path);
  }
  std::vector<ImportSource> sources;
  for (const auto& label : labels) {
    const FileSpec* spec = known_file(label, fs::path(label).filename().string(), problems);
    if (!spec) continue;
    if (!fs::is_regular_file(label, ec)) {
      problems.push_back({Location::in_file(label), Severity::error, "not a regular file"});
      continue;
    }
    sources.push_back({spec, label, sha256_file(label),
                       [label]() { return std::make_unique<std::ifstream>(label, std::ios::binary); },
                       spec_for_retired_file(fs::path(label).filename().string()) != nullptr});
  }
  return import_sources(store, std::move(sources), std::move(problems), options);
}

ImportResult import_texts(Store& store, const std::vector<std::pair<std::string, std::string>>& files,
                          const WriteOptions& options)
{
  std::vector<Diagnostic> problems;
  std::vector<ImportSource> sources;
  for (const auto& [name, text] : files) {
    const FileSpec* spec = known_file(name, name, problems);
    if (!spec) continue;
    const std::string* content = &text;
    sources.push_back({spec, name, sha256_text(text),
                       [content]() { return std::make_unique<std::istringstream>(*content); },
                       spec_for_retired_file(name) != nullptr});
  }
  return import_sources(store, std::move(sources), std::move(problems), options);
}

ImportResult add_record(Store& store, const FileSpec& spec,
                        const std::vector<std::pair<std::string, std::string>>& options, Lang lang,
                        const WriteOptions& opt, const std::string& stamp)
{
  auto columns = std::make_shared<std::map<std::string, Source::Column>>();
  RowValues row;
  row.amount_lang = lang;
  std::vector<Diagnostic> problems;
  bool danish = false;  // options given by their Danish names: a message about one not given names it so too
  for (const auto& [option, value] : options) {
    const ColumnSpec* found = find_column(spec, option);
    if (found && option == found->danish && option != found->name) danish = true;
    // A column the database does not keep (an exported entry's sheet) is export's, not something to add.
    if (found && found->stored.empty()) found = nullptr;
    if (!found) {
      problems.push_back({Location::of_option("--" + option), Severity::error,
                          "not a column of " + std::string(spec.file) + " (options: " + column_names(spec, "--") + ")"});
      continue;
    }
    if (spec.kind == RecordKind::ledger && found->name == "note" && is_undo_note(value)) {
      problems.push_back({Location::of_option("--" + option), Severity::error, undo_note_refused});
      continue;
    }
    // What a file's field may hold, so that an export of what is added can be read back.
    if (const auto why = field_value_problem(value)) {
      problems.push_back({Location::of_option("--" + option), Severity::error, *why});
      continue;
    }
    std::string key(found->name);
    if (row.values.count(key)) {
      problems.push_back({Location::of_option("--" + option), Severity::error, "given twice"});
      continue;
    }
    (*columns)[key] = Source::Column{0, "--" + option};
    row.values[key] = value;
  }
  // An option not given names its column in messages; for a stored record, its stored value stands (so that a
  // correction or a milestone's done date names only what changes).
  if (!spec.identity.empty() && spec.kind != RecordKind::ledger) {
    const Dataset existing = store.load(Store::Ledger::none);
    for (std::size_t i = 0, n = spec.ops->count(existing); i < n; ++i) {
      const auto en = spec.ops->cells(existing, i, Lang::en), da = spec.ops->cells(existing, i, Lang::da);
      bool same = true;
      for (std::size_t c = 0; c < spec.columns.size() && same; ++c) {
        if (!spec.columns[c].identity) continue;
        auto it = row.values.find(std::string(spec.columns[c].name));
        same = it != row.values.end() && (it->second == en[c] || it->second == da[c]);
      }
      if (!same) continue;
      const auto& stored = lang == Lang::da ? da : en;
      for (std::size_t c = 0; c < spec.columns.size(); ++c)
        if (!row.values.count(std::string(spec.columns[c].name))) row.values[std::string(spec.columns[c].name)] = stored[c];
      break;
    }
  }
  for (const auto& c : spec.columns) {
    std::string key(c.name);
    if (!columns->count(key)) (*columns)[key] = Source::Column{0, "--" + std::string(danish ? c.danish : c.name), false};
  }
  row.src = Source{{}, 0, columns};
  row.src.numbers = lang;
  if (!problems.empty()) throw DataError(std::move(problems));

  Dataset incoming;
  // An entry added without an id gets one when its revision is known (write_records): `add` always adds.
  parse_record(spec, row, incoming, problems);
  for (auto& e : incoming.ledger) e.origin = "add " + stamp;
  for (auto& e : incoming.changes) e.origin = "add " + stamp;
  for (auto& e : incoming.estimates) e.origin = "add " + stamp;
  if (!problems.empty()) throw DataError(std::move(problems));
  return write_records(store, std::move(incoming), opt);
}

ImportResult write_records(Store& store, Dataset incoming, const WriteOptions& opt,
                           const std::function<void(Dataset&)>& inside)
{
  std::vector<Diagnostic> problems;
  ImportResult result;
  Store::Transaction tx(store, Store::Transaction::Kind::write);
  if (inside) inside(incoming);
  const std::int64_t revision = store.begin_revision();
  Dataset existing = store.load(Store::Ledger::none);
  std::vector<Diagnostic> warnings_before;
  if (opt.warn_as_of) warnings_before = store_warnings(store, *opt.warn_as_of);
  std::vector<LedgerEntry> entries = std::move(incoming.ledger);
  incoming.ledger.clear();
  // `add` states one record: with --correct, a value it had before is put back (an import holds a whole file,
  // in which a row as it was before is an older copy).
  const Dataset earlier = opt.correct ? Dataset{} : earlier_of(store, incoming);
  ImportPlan plan = plan_import(existing, earlier, std::move(incoming), problems, opt.correct);
  if (!problems.empty()) throw DataError(std::move(problems));
  store.write(plan);
  std::size_t corrected = 0;
  for (const auto& [kind, c] : plan.counts) {
    corrected += c.corrected;
    FileReport f{.kind = kind, .rows = c.known + c.added + c.corrected + c.updated, .known = c.known, .added = c.added,
                 .corrected = c.corrected, .updated = c.updated};
    f.known_revision = c.known_revision;
    result.files.push_back(std::move(f));
  }
  result.corrections = std::move(plan.correction_notes);
  result.earlier = std::move(plan.earlier_notes);
  result.written = plan.inserts.size() + plan.replacements.size();
  LedgerStream::Known known = known_ids(existing, plan, Dataset{});
  {
    const Dataset retired = store.retired_records();
    for (const auto& b : retired.bodies) known.retired_bodies.insert(b.id);
    for (const auto& i : retired.initiatives) known.retired_initiatives.insert(i.id);
    for (const auto& d : retired.decisions) known.retired_decisions.insert(d.id);
  }
  LedgerStream stream(store, std::move(known), problems, revision);
  for (auto& e : entries) {
    // An entry added without an id: from its content and its revision, so two identical ones are two entries.
    if (e.id.empty())
      e.id = "add-" + opt.recorded_at.substr(0, 10) + "-" +
             sha256_text(ledger_content(e) + "\x1f" + std::to_string(revision)).substr(0, 8);
    stream.add(e);
  }
  stream.finish();
  if (!problems.empty()) throw DataError(std::move(problems));
  result.warnings = std::move(plan.warnings);
  result.warnings.insert(result.warnings.end(), stream.warnings().begin(), stream.warnings().end());
  if (!entries.empty()) {
    FileReport f{.kind = RecordKind::ledger, .rows = entries.size(), .added = stream.written()};
    result.files.push_back(std::move(f));
  }
  result.written += stream.written();
  Revision r;
  r.added = std::int64_t(result.written - corrected);
  r.corrected = std::int64_t(corrected);
  finish_write(store, tx, opt, revision, warnings_before, r, result, stream);
  return result;
}

std::optional<Diagnostic> clock_behind(const Store& store, const std::string& recorded_at)
{
  auto seconds = [](const std::string& utc) -> std::optional<std::int64_t> {
    std::istringstream in(utc);
    date::sys_seconds t;
    in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
    if (in.fail()) return std::nullopt;
    return t.time_since_epoch().count();
  };
  const auto now = seconds(recorded_at);
  if (!now) return std::nullopt;
  const Revision* latest = nullptr;
  const auto revisions = store.revisions();
  for (const auto& r : revisions)
    if (!latest || latest->recorded_at < r.recorded_at) latest = &r;
  if (!latest) return std::nullopt;
  const auto then = seconds(latest->recorded_at);
  if (!then || *then - *now <= 3600) return std::nullopt;
  return Diagnostic{Location{}, Severity::warning,
                    "this write's time (" + recorded_at + ") is more than an hour before the time revision " +
                        std::to_string(latest->number) + " was recorded (" + latest->recorded_at +
                        "): this computer's clock, or the one that recorded revision " + std::to_string(latest->number) +
                        ", is wrong; set it right (what was known at a date reads the revisions in their order, so a "
                        "wrong time misplaces the revisions after it)"};
}

}  // namespace klynge

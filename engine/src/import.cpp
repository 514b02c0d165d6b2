#include "klynge/import.hpp"
#include "klynge/ledger_stream.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include "sha256.hpp"

namespace klynge {

namespace fs = std::filesystem;
using detail::Sha256;

namespace {

/// Records that move money or revise plans are never merged: the same file twice is refused.
bool never_merged(RecordKind k) { return k == RecordKind::changes || k == RecordKind::ledger || k == RecordKind::estimates; }

std::string kind_name(const FileSpec& spec) { return std::string(spec.file.substr(0, spec.file.size() - 4)); }

}  // namespace

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
};

/// The ids ledger entries may name: stored ones and those the plan adds.
LedgerStream::Known known_ids(const Dataset& existing, const ImportPlan& plan)
{
  LedgerStream::Known k;
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
  move(to.settings, from.settings);
}

ImportResult import_sources(Store& store, std::vector<ImportSource> files, std::vector<Diagnostic> problems,
                            bool dry_run, const std::string& today)
{
  // Dependency order: bodies first, settings last.
  std::stable_sort(files.begin(), files.end(),
                   [](const auto& a, const auto& b) { return int(a.spec->kind) < int(b.spec->kind); });
  ImportResult result;
  // Checked and written under one write lock: a second import waits, then checks against this one's records.
  // A dry run does the same and rolls back.
  Store::Transaction tx(store, Store::Transaction::Kind::write);
  std::vector<ImportPlan::File> fingerprints;
  std::vector<const ImportSource*> ledgers;
  std::vector<std::pair<RecordKind, std::size_t>> counts;  // records read per file
  Dataset incoming;
  for (const auto& file : files) {
    const FileSpec& spec = *file.spec;
    if (never_merged(spec.kind)) {
      if (auto when = store.imported_on(file.sha256)) {
        problems.push_back({Location::in_file(file.label), Severity::error,
                            "this file was imported before, on " + *when + " (" + kind_name(spec) +
                                " files are never merged; put new rows in a new file)"});
        continue;
      }
      auto same = std::find_if(fingerprints.begin(), fingerprints.end(),
                               [&](const ImportPlan::File& f) { return f.sha256 == file.sha256; });
      if (same != fingerprints.end()) {
        problems.push_back({Location::in_file(file.label), Severity::error,
                            "this file has the same content as " + same->name + " in this import (" +
                                kind_name(spec) + " files are never merged)"});
        continue;
      }
      fingerprints.push_back({file.sha256, file.label});
    }
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
    counts.emplace_back(spec.kind, read_interchange(*in, file.label, spec, file.sha256, one, problems));
    append(incoming, one);
  }
  // Everything but the ledger is small: check it in memory against the stored records, and write it.
  Dataset existing = store.load(Store::Ledger::none);
  ImportPlan plan = plan_import(existing, std::move(incoming), problems);
  plan.files = std::move(fingerprints);
  // With problems already, nothing will be kept: write nothing that could break a constraint, but go on
  // checking the ledger so that one run reports as much as it can.
  if (problems.empty()) store.write(plan, today);
  result.written = plan.inserts.size() + plan.milestone_updates.size();
  // The ledger streams: each entry is checked against the database and written as it is read. Of the records,
  // only their ids are needed from here on: the rest is let go before a ledger of any size is read.
  LedgerStream stream(store, known_ids(existing, plan), problems);
  existing = Dataset{};
  plan = ImportPlan{};
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
    counts.emplace_back(RecordKind::ledger,
                        read_interchange(*in, file->label, *file->spec, file->sha256, unused, problems, sink));
  }
  stream.finish();
  if (!problems.empty()) throw DataError(std::move(problems));
  std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [kind, n] : counts) result.counts.emplace_back(kind_name(spec_for(kind)), n);
  result.written += stream.written();
  if (!dry_run) tx.commit();
  return result;
}

const FileSpec* known_file(const std::string& label, const std::string& name, std::vector<Diagnostic>& problems)
{
  const FileSpec* spec = spec_for_file(name);
  if (!spec) {
    std::string known;
    for (const auto& s : file_specs()) known += (known.empty() ? "" : ", ") + std::string(s.file);
    problems.push_back({Location::in_file(label), Severity::error, "not an interchange file (known: " + known + ")"});
  }
  return spec;
}

}  // namespace

ImportResult import_path(Store& store, const std::string& path, bool dry_run, const std::string& today)
{
  std::error_code ec;
  std::vector<std::string> labels;
  std::vector<Diagnostic> problems;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(path, ec)) entries.push_back(entry.path());
    if (ec) throw DataError("cannot read the folder " + path + ": " + ec.message());
    std::sort(entries.begin(), entries.end());
    for (const auto& p : entries)
      if (p.extension() == ".csv") labels.push_back((fs::path(path) / p.filename()).string());  // a README beside is fine
    if (labels.empty()) throw DataError("no interchange files (bodies.csv, ledger.csv, …) in the folder " + path);
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
                       [label]() { return std::make_unique<std::ifstream>(label, std::ios::binary); }});
  }
  return import_sources(store, std::move(sources), std::move(problems), dry_run, today);
}

ImportResult import_texts(Store& store, const std::vector<std::pair<std::string, std::string>>& files, bool dry_run,
                          const std::string& today)
{
  std::vector<Diagnostic> problems;
  std::vector<ImportSource> sources;
  for (const auto& [name, text] : files) {
    const FileSpec* spec = known_file(name, name, problems);
    if (!spec) continue;
    const std::string* content = &text;
    sources.push_back({spec, name, sha256_text(text),
                       [content]() { return std::make_unique<std::istringstream>(*content); }});
  }
  return import_sources(store, std::move(sources), std::move(problems), dry_run, today);
}

void add_record(Store& store, const FileSpec& spec, const std::vector<std::pair<std::string, std::string>>& options,
                Lang lang, const std::string& today, const std::string& stamp)
{
  auto columns = std::make_shared<std::map<std::string, Source::Column>>();
  RowValues row;
  row.amount_lang = lang;
  std::vector<Diagnostic> problems;
  std::string canonical_text;
  for (const auto& [option, value] : options) {
    const ColumnSpec* found = find_column(spec, option);
    if (!found) {
      problems.push_back({Location::of_option("--" + option), Severity::error,
                          "not a column of " + std::string(spec.file) + " (options: " + column_names(spec, "--") + ")"});
      continue;
    }
    std::string key(found->name);
    if (row.values.count(key)) {
      problems.push_back({Location::of_option("--" + option), Severity::error, "given twice"});
      continue;
    }
    (*columns)[key] = Source::Column{0, "--" + option};
    row.values[key] = value;
    canonical_text += key + "=" + value + "\n";
  }
  for (const auto& c : spec.columns) {
    std::string key(c.name);
    if (!columns->count(key)) (*columns)[key] = Source::Column{0, "--" + key};
  }
  row.src = Source{{}, 0, columns};
  if (!problems.empty()) throw DataError(std::move(problems));

  Dataset incoming;
  // An entry added without an id gets one from its content and the moment it was added.
  std::string id = "add-" + today + "-" + sha256_text(canonical_text + stamp).substr(0, 8);
  parse_record(spec, row, incoming, problems, id);
  for (auto& e : incoming.ledger) e.origin = "add " + stamp;
  for (auto& e : incoming.changes) e.origin = "add " + stamp;
  for (auto& e : incoming.estimates) e.origin = "add " + stamp;
  if (!problems.empty()) throw DataError(std::move(problems));
  Store::Transaction tx(store, Store::Transaction::Kind::write);
  Dataset existing = store.load(Store::Ledger::none);
  std::vector<LedgerEntry> entries = std::move(incoming.ledger);
  incoming.ledger.clear();
  ImportPlan plan = plan_import(existing, std::move(incoming), problems);
  if (!problems.empty()) throw DataError(std::move(problems));
  if (plan.inserts.size() + plan.milestone_updates.size() + entries.size() == 0)
    throw DataError("the " + std::string(spec.singular) + " is already stored exactly so: nothing to add");
  store.write(plan, today);
  LedgerStream stream(store, known_ids(existing, plan), problems);
  for (auto& e : entries) stream.add(e);
  stream.finish();
  if (!problems.empty()) throw DataError(std::move(problems));
  tx.commit();
}

}  // namespace klynge

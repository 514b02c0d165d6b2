#include "klynge/ledger_stream.hpp"
#include "klynge/rules.hpp"
#include "klynge/suggest.hpp"

#include <algorithm>

#include "klynge/ledger_identity.hpp"
#include "record_fields.hpp"

namespace klynge {

namespace {

/// The 64 bits of a content id (`ledger-` and 16 hex digits); 0 for another id.
std::uint64_t id_bits(const std::string& id)
{
  if (id.size() != 23 || id.compare(0, 7, "ledger-") != 0) return 0;
  return std::stoull(id.substr(7), nullptr, 16);
}

std::string id_of_bits(std::uint64_t bits)
{
  static const char* digits = "0123456789abcdef";
  std::string out = "ledger-0000000000000000";
  for (int i = 22; i >= 7; --i, bits >>= 4) out[std::size_t(i)] = digits[bits & 15];
  return out;
}

/// The line of an origin `file:line` (0 for another origin).
std::int64_t line_of(const std::string& origin)
{
  // `ledger.csv:14`; a re-entry's origin (`undo 2025-07-03T09:00:03Z`) names no line, though it ends in digits.
  auto colon = origin.rfind(':');
  if (colon == std::string::npos || colon + 1 == origin.size() || colon + 19 < origin.size()) return 0;
  const std::string digits = origin.substr(colon + 1);
  if (digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(digits);
}

}  // namespace

LedgerStream::LedgerStream(Store& store, Known known, std::vector<Diagnostic>& problems, std::int64_t revision)
    : store_(store), known_(std::move(known)), problems_(problems), revision_(revision),
      first_seq_(store.last_ledger_seq()), magnitude_(store.ledger_magnitude())
{
  for (const auto& r : store_.revisions())
    if (r.undoes) undo_revisions_.insert(r.number);
  for (auto& id : store_.undone_by_imported_undo()) undone_by_import_.insert(std::move(id));
}

namespace {

/// New rows kept to tell how they differ from the known row they replace (see new_rows_).
constexpr std::size_t max_rows_told = 256;

/// `amount '18000.00' here '18500.00', …`: the fields in which `sent` differs from the stored entry (the note too,
/// when `with_note`: a known entry's note is not changed, but a row that replaced one may differ in it alone).
std::string differing_fields(const LedgerEntry& stored, const LedgerEntry& sent, bool with_note)
{
  Dataset a, b;
  a.ledger.push_back(stored);
  b.ledger.push_back(sent);
  std::string out;
  for (const auto& d : spec_for(RecordKind::ledger).ops->differences(a, 0, b, 0))
    if (with_note || d.column != detail::column::note.name)
      out += (out.empty() ? "" : ", ") + d.column + " '" + d.before_as_sent + "' here '" + d.after_as_sent + "'";
  return out;
}

}  // namespace

void LedgerStream::begin_file(const std::string& label, const std::string& sha256)
{
  in_file_ = true;
  problems_before_file_ = problems_.size();
  files_.push_back({label, sha256});
  file_number_ = store_.next_ledger_file();
  occurrences_.clear();
  first_lines_.clear();
  repeated_ = 0;
  sheets_.clear();
  sheet_of_.clear();
  known_ids_.clear();
  reversed_known_.clear();
  new_lines_.clear();
  new_rows_.clear();
  line_ids_.clear();
  new_generated_ = 0;
  exported_sheets_.clear();
}

namespace {

/// Whether a stored entry holds the row's content (`with_date`: its date too).
bool same_content(const Store::StoredEntry& s, const LedgerEntry& e, bool with_date)
{
  return (!with_date || s.date == e.date) && s.kind == e.kind && s.body == e.body && s.initiative == e.initiative &&
         s.counterparty == e.counterparty && s.category == e.category && s.source == e.source &&
         s.amount == e.amount && s.decision == e.decision && s.reverses == e.reverses;
}

}  // namespace

bool LedgerStream::undone(const std::string& id) const
{
  if (undone_by_import_.count(id)) return true;
  if (undo_revisions_.empty()) return false;  // no undo yet: nothing to look up (a re-imported sheet asks per row)
  auto by = store_.reversed_in(id);
  return by && undo_revisions_.count(*by);
}

std::optional<Store::StoredEntry> LedgerStream::identify(LedgerEntry& e)
{
  // A reversal may name its original in the form ids had before content identity (stem, file hash, line): within
  // the same file, that is the row on that line.
  // In a file imported before, it is the entry stored as new from that line of it (books that held such ids keep
  // them, and the id finds the entry itself).
  if (!e.reverses.empty())
    if (auto legacy = legacy_generated_id(e.reverses)) {
      if (files_.back().sha256.compare(0, 8, legacy->first) == 0 && legacy->second > 0 &&
          std::size_t(legacy->second) < line_ids_.size() && line_ids_[std::size_t(legacy->second)])
        e.reverses = id_of_bits(line_ids_[std::size_t(legacy->second)]);
      else if (!store_.ledger_entry(e.reverses))
        if (auto stored = store_.entry_on_file_line(legacy_stem(e.reverses), legacy->first, legacy->second))
          e.reverses = *stored;
    }
  const std::string content = ledger_content(e);
  const std::uint64_t fingerprint = content_fingerprint(content);
  const std::uint32_t occurrence = ++occurrences_[fingerprint];
  // Rows alike but for their note (two salaries of one day, each with its name) are not a paste: the warning
  // below compares the note too, which identity leaves out.
  const std::uint64_t with_note = content_fingerprint(content + "\x1f" + e.note);
  const auto [first_like, first_time] = first_lines_.emplace(with_note, e.src.line);
  std::string base = content_id(content, occurrence);
  // Into a ledger that held no entry before this write (klynge numbers entries from 1) nothing sent is known: every
  // lookup below would end at its first step with the base id, so a first import asks none.
  if (first_seq_ == 0) {
    e.id = std::move(base);
  } else {
    for (int n = 0;; ++n) {
      std::string id = reentry_id(base, n);
      auto stored = store_.ledger_entry(id);
      if (!stored && n == 0)
        if (auto alias = store_.ledger_alias(base)) stored = store_.ledger_entry(*alias);
      // The id of a row's content names an entry of that content, unless a file gave it by hand to another entry
      // (an id typed in the form klynge gives, `ledger-…` or `X~N`): then the row is not that entry, and taking it
      // for it would drop the row without a word. (A re-entry, `ID~N`, may be dated later than its original.)
      if (stored && stored->seq <= first_seq_ && !same_content(*stored, e, n == 0)) {
        problems_.push_back({Location::in_file(e.src.file, e.src.line), Severity::error,
                             "this row's id by its content, '" + id + "', is taken by an entry of other content (" +
                                 stored->origin + "), given that id by hand; give this row an id of its own"});
        e.id = std::move(id);
        return std::nullopt;
      }
      if (!stored || stored->seq > first_seq_ || !undone(stored->id)) {
        // A reversed entry of a sheet that came again (ID~N) and is in force: the row stands for that one. In these
        // books an undo says so (above); in books made from an export of them the undo's reversals came as rows, so
        // it is told by the re-entry itself. (One that an undo reversed since is not followed: the row stays the
        // reversed entry it was.)
        identified_reversed_.reset();
        if (stored && stored->seq <= first_seq_ && stored->sheet_file) {
          identified_reversed_ = store_.is_reversed(stored->id);
          if (*identified_reversed_)
            if (auto again = store_.ledger_entry(reentry_id(base, n + 1));
                again && again->seq <= first_seq_ && !store_.is_reversed(again->id))
              continue;
        }
        e.id = std::move(id);
        if (stored && stored->seq <= first_seq_) return stored;
        break;
      }
    }
  }
  e.sheet_file = file_number_;
  if (e.src.line > 0) {
    const auto line = std::size_t(e.src.line);
    if (line_ids_.size() <= line) line_ids_.resize(line + 1, 0);
    line_ids_[line] = id_bits(e.id);
    new_lines_.push_back(e.src.line);
    // Kept before the file is known to repeat a sheet too: the row that replaced a known one may come first.
    if (new_rows_.size() < max_rows_told) new_rows_.emplace(e.src.line, e);
  }
  // A new row the same as an earlier one of its file is a second entry (two purchases alike on one day), or a block
  // pasted twice: said, so that a doubled sheet is not taken in silence (the first 20 of a file, then a count).
  if (occurrence > 1 && !first_time && ++repeated_ <= 20 && first_like->second > 0)
    warnings_.push_back({Location::in_file(e.src.file, e.src.line), Severity::warning,
                         "the same as line " + std::to_string(first_like->second) +
                             ", note and all: another entry like it; if the row was pasted twice, delete it"});
  ++new_generated_;
  return std::nullopt;
}

void LedgerStream::known(const LedgerEntry& e, const Store::StoredEntry& stored, bool by_content)
{
  FileCounts& f = files_.back();
  ++f.known;
  f.known_revision = std::max(f.known_revision, stored.revision);
  // A re-entry made by `reverse` has klynge's own note (`reversal of …: … entered again`): a sheet's row is not
  // told apart by it.
  if (e.note != stored.note && !(by_content && stored.origin.rfind("reverse ", 0) == 0))
    warnings_.push_back(e.src.problem(detail::name_of(detail::column::note),
                                      "the entry '" + stored.id + "' is known with the note '" + stored.note +
                                          "'; ledger notes are not changed",
                                      Severity::warning));
  // An export names each entry by its id and may be older than the sheet (a colleague's books of last month): its
  // rows are known entries, not a version of the sheet that must hold every later row. New entries it names in the
  // same sheet join this entry's sheet here (record_exported_sheets).
  if (!by_content && !e.sheet.empty() && stored.sheet_file) exported_sheets_[e.sheet].known_files.insert(*stored.sheet_file);
  if (by_content && stored.sheet_file) {
    known_ids_.push_back(content_fingerprint(stored.id));
    // The sheet of each earlier file, looked up once per file read (a grown sheet repeats one file's rows).
    auto [at, added] = sheet_of_.try_emplace(*stored.sheet_file);
    if (added) at->second = store_.sheet_of(*stored.sheet_file);
    const std::int64_t sheet = at->second;
    std::size_t& live = sheets_[sheet];
    if (!(identified_reversed_ ? *identified_reversed_ : store_.is_reversed(stored.id))) ++live;
    else reversed_known_.push_back({stored.id, content_fingerprint(ledger_content(e))});
  }
}

bool LedgerStream::held_by_reversed(const std::string& id)
{
  if (reversed_known_.empty()) return false;
  const auto tilde = id.find('~');  // a re-entry's re-entry (`ID~1~1`) stands for ID too
  const std::string base = tilde == std::string::npos ? id : id.substr(0, tilde);
  std::optional<std::uint64_t> content;
  for (ReversedKnown& r : reversed_known_) {
    if (r.used) continue;
    if (r.id.substr(0, r.id.find('~')) != base) {  // any life of the same entry stands for this one
      if (!content) {
        const auto full = store_.full_entry(id);
        content = full ? content_fingerprint(ledger_content(*full)) : 0;
      }
      if (*content != r.content) continue;
    }
    r.used = true;
    return true;
  }
  return false;
}

void LedgerStream::end_file()
{
  if (!in_file_) return;
  flush();
  if (repeated_ > 20)
    warnings_.push_back({Location{}, Severity::warning,
                         files_.back().label + ": " + std::to_string(repeated_ - 20) +
                             " more new rows the same as an earlier row of the file"});
  for (const LedgerEntry& e : undone_sent_) enter_again(e);
  undone_sent_.clear();
  reversals_sent_.clear();
  in_file_ = false;
  const FileCounts& f = files_.back();
  std::int64_t sheet = file_number_;
  // A row of the file that could not be read (a typo in an amount, an unknown initiative) would also be named as a
  // known entry the sheet no longer holds, with advice to reverse an entry that is there: the rows' own problems
  // are told alone, and the sheet is held to its earlier version once they are read.
  if (!sheets_.empty() && problems_.size() == problems_before_file_) {
    sheet = sheets_.begin()->first;
    std::sort(known_ids_.begin(), known_ids_.end());
    std::sort(new_lines_.begin(), new_lines_.end());
    std::size_t missing = 0;
    for (const auto& [earlier, present] : sheets_) {
      if (std::int64_t(present) >= store_.sheet_live_count(earlier)) continue;
      // A row of the earlier version is missing: name it, and the line of this file that took its place.
      for (const auto& [id, origin, on_its_line] : store_.sheet_entries(earlier)) {
        if (std::binary_search(known_ids_.begin(), known_ids_.end(), content_fingerprint(id))) continue;
        if (held_by_reversed(id)) continue;
        if (++missing > 20) break;  // told: the first 20, and that there are more
        const std::int64_t line = on_its_line ? line_of(origin) : 0;
        const bool replaced = std::binary_search(new_lines_.begin(), new_lines_.end(), line);
        Location at = replaced ? Location::in_file(f.label, line) : Location::in_file(f.label);
        std::string differs;
        if (auto row = new_rows_.find(line); replaced && row != new_rows_.end())
          if (auto stored = store_.full_entry(id)) differs = differing_fields(*stored, row->second, true);
        // Where the entry came from: a file's line, or the command that wrote it, with its revision (`undo`,
        // `reverse` and `add` keep a time, which `history` does not show).
        std::string from = origin;
        if (line_of(origin) == 0)
          if (const auto space = origin.find(' '); space != std::string::npos &&
                                                   (origin.starts_with("undo ") || origin.starts_with("reverse ") ||
                                                    origin.starts_with("add ")))
            if (const auto stored = store_.ledger_entry(id))
              from = "written by `" + origin.substr(0, space) + "` in revision " + std::to_string(stored->revision);
        problems_.push_back(
            {at, Severity::error,
             std::string(replaced ? "this row differs from" : "this version of the sheet does not hold") +
                 " the known entry '" + id + "' (" + (!on_its_line && line_of(origin) > 0 ? "from " : "") + from +
                 (differs.empty() ? "" : "; " + differs) +
                 (replaced ? "); a known entry is not changed: record a reversing entry (klynge reverse " + id +
                                 ") and put the corrected row after it"
                           : "); if it was taken out or changed on purpose, record a reversing entry (klynge reverse " +
                                 id + ") and put any corrected row after it")});
      }
    }
    // Every row known and some gone: perhaps an earlier version of the sheet sent again (last month's file), where
    // reversing what it lacks would undo the later months. Said first, before the entries it lacks.
    if (missing > 0 && new_lines_.empty())
      problems_.insert(problems_.end() - std::ptrdiff_t(std::min<std::size_t>(missing, 20)),
                       {Location::in_file(f.label), Severity::error,
                        "every row of this file is known, and " +
                            (missing > 20 ? std::string("more than 20 entries of the sheet it repeats are")
                             : missing == 1 ? std::string("1 entry of the sheet it repeats is")
                                            : std::to_string(missing) + " entries of the sheet it repeats are") +
                            " not in it: if it is an earlier version of the sheet, import the latest version instead; "
                            "if it is another sheet, whose rows only look like known ones, give its rows an id "
                            "column (a row without one is known by its content); if the rows were taken out on "
                            "purpose, reverse each entry" +
                            (missing > 20 ? " (the first 20 below)" : " as below")});
  }
  if (problems_.empty()) {
    for (const auto& [earlier, present] : sheets_)
      if (earlier != sheet) store_.join_sheets(sheet, earlier);
    if (new_generated_ > 0) store_.record_ledger_file({file_number_, revision_, sheet, f.label, f.sha256});
    record_exported_sheets();
  }
}

void LedgerStream::record_exported_sheets()
{
  const FileCounts& f = files_.back();
  for (const auto& [name, x] : exported_sheets_) {
    if (x.added == 0) continue;
    // Its new entries join the sheet here of its first known entry, as it is now (a version of a sheet read before
    // may have joined two). Sheets that hold its known entries are not joined: an export changes nothing of what
    // these books hold already (with nothing new it writes no revision).
    std::optional<std::int64_t> sheet;
    for (const std::int64_t file : x.known_files)
      if (const std::int64_t s = store_.sheet_of(file); !sheet || s < *sheet) sheet = s;
    // Stored under a name other than the file's: its entries' lines are the export's, not the sheet's.
    store_.record_ledger_file({x.file, revision_, sheet.value_or(x.file), f.label + " (sheet " + name + ")", f.sha256});
  }
}

void LedgerStream::taken(const LedgerEntry& sent)
{
  auto stored = store_.ledger_entry(sent.id);
  if (!stored || stored->seq > first_seq_) {
    problems_.push_back(id_problem(sent));
    return;
  }
  // A known entry sent twice in one import (a row copied) is an error, as a new id twice is: also one an undo
  // reversed, which waits below for the file's end.
  if (sent_before(sent, stored->seq)) return;
  if (undone(stored->id)) {
    // An entry an undo reversed is not known: sent again, it is a new entry. Unless the file holds the undo's
    // reversal too (an export of these books): then it holds the whole story, known as it is.
    if (!in_file_) return enter_again(sent);
    if (reversals_sent_.count(sent.id)) settle_known(sent, *stored);
    else undone_sent_.push_back(sent);
    return;
  }
  settle_known(sent, *stored);
  if (!sent.reverses.empty() && in_file_) settle_undone(sent.reverses);
}

void LedgerStream::settle_undone(const std::string& id)
{
  reversals_sent_.insert(id);
  auto it = std::find_if(undone_sent_.begin(), undone_sent_.end(), [&](const LedgerEntry& e) { return e.id == id; });
  if (it == undone_sent_.end()) return;
  if (auto stored = store_.ledger_entry(id)) settle_known(*it, *stored);
  undone_sent_.erase(it);
}

void LedgerStream::enter_again(const LedgerEntry& sent)
{
  auto stored = store_.ledger_entry(sent.id);
  // `ID~N`, or the one that came again.
  LedgerEntry e = sent;
  for (int n = 1; stored && undone(stored->id); ++n) {
    e.id = reentry_id(sent.id, n);
    stored = store_.ledger_entry(e.id);
    if (!stored) {
      if (!store_.insert_entry(e)) return problems_.push_back(id_problem(e));
      written(e);
      // Said, not silent: a row of a sheet sent again undoes the undo for this entry.
      const auto by = store_.reversed_in(n == 1 ? sent.id : reentry_id(sent.id, n - 1));
      warnings_.push_back(e.src.problem(
          detail::name_of(detail::column::id),
          "the row is entry '" + sent.id + "', which an undo reversed" +
              (by ? " (revision " + std::to_string(*by) + ")" : std::string()) + ": it counts again, as '" + e.id +
              "'; if the undo should stand, take the row out of the sheet and reverse '" + e.id + "'",
          Severity::warning));
      return;
    }
  }
  if (stored) settle_known(e, *stored);
}

void LedgerStream::settle_known(const LedgerEntry& e, const Store::StoredEntry& stored)
{
  // The same entry (an export, a colleague's books): known, when nothing but the note differs.
  auto full = store_.full_entry(e.id);
  const std::string differs = full ? differing_fields(*full, e, false) : std::string();
  if (!differs.empty()) {
    problems_.push_back(e.src.problem(detail::name_of(detail::column::id),
                                      "ledger id '" + e.id + "' is known with other content (" + differs +
                                          "); a known entry is not changed: record a reversing entry instead"));
    return;
  }
  if (in_file_) known(e, stored, false);
}

bool LedgerStream::sent_before(const LedgerEntry& e, std::int64_t seq)
{
  if (!in_file_) return false;
  if (known_sent_files_.empty() || known_sent_files_.back() != e.src.file) known_sent_files_.push_back(e.src.file);
  const auto at = std::size_t(seq);
  if (known_sent_.size() <= at) known_sent_.resize(std::max(at + 1, known_sent_.size() * 2));
  if (const std::uint64_t first = known_sent_[at]) {
    problems_.push_back(e.src.problem(detail::name_of(detail::column::id),
                                      "duplicate ledger id '" + e.id + "' (first at " +
                                          known_sent_files_[(first >> 32) - 1] + ":" +
                                          std::to_string(first & 0xFFFFFFFFu) + ")"));
    return true;
  }
  known_sent_[at] = (std::uint64_t(known_sent_files_.size()) << 32) | std::uint32_t(e.src.line);
  return false;
}

void LedgerStream::add(LedgerEntry& e)
{
  if (in_file_) {
    if (e.id.empty()) {
      const std::size_t told = problems_.size();
      if (auto stored = identify(e)) {
        known(e, *stored, true);
        return;
      }
      if (problems_.size() != told) return;  // its id is taken by another entry: said
    } else if (!e.reverses.empty()) {
      // A reversal that is known is not checked again as a new reversal.
      flush();
      if (auto stored = store_.ledger_entry(e.id); stored && stored->seq <= first_seq_) {
        taken(e);
        return;
      }
    }
  }
  // An exported entry of a sheet, if it is new here, is stored under a ledger file of that sheet (end_file).
  if (in_file_ && !e.sheet.empty() && !e.sheet_file) {
    ExportedSheet& x = exported_sheets_[e.sheet];
    if (x.file == 0) x.file = store_.next_ledger_file();
    e.sheet_file = x.file;
  }
  // The held entries are written first when this one needs the database as it would be with them written (a
  // reversal looks up its original; a row with problems, its id), or once problems were found (from then on
  // every entry is written at once, so that the problems stay in row order).
  if (!e.reverses.empty() || !problems_.empty()) flush();
  const std::size_t before = problems_.size();
  auto need = [&](const std::unordered_set<std::string>& set, const std::unordered_set<std::string>& retired,
                  const std::string& id, const ColumnSpec& column, RecordKind kind) {
    const std::string what(spec_for(kind).singular);
    if (id.empty() || set.count(id)) return;
    if (retired.count(id))
      problems_.push_back(e.src.problem(detail::name_of(column), "the " + what + " '" + id + "' is retired (kept only " +
                                                                     "for the entries an undo reversed); import it again first"));
    else
      problems_.push_back(e.src.problem(detail::name_of(column), "unknown " + what + " '" + id + "'" + did_you_mean(id, set)));
  };
  need(known_.bodies, known_.retired_bodies, e.body, detail::column::body, RecordKind::bodies);
  need(known_.initiatives, known_.retired_initiatives, e.initiative, detail::column::initiative, RecordKind::initiatives);
  need(known_.bodies, known_.retired_bodies, e.counterparty, detail::column::counterparty, RecordKind::bodies);
  need(known_.decisions, known_.retired_decisions, e.decision, detail::column::decision, RecordKind::decisions);
  // `ID~N` is the id klynge gives an entry entered again (an undo's reversal of its reversal, design §14): given in a
  // file (an export) it names that entry's new life, which is the entry `ID` as it was. Another entry under such an
  // id would be taken for `ID` by every later reversal and undo.
  if (const auto tilde = e.id.rfind('~'); tilde != std::string::npos && !e.id.empty() && e.reverses.empty()) {
    flush();
    const std::string base = e.id.substr(0, tilde);
    const auto original = store_.ledger_entry(base);
    if (auto stored = store_.ledger_entry(e.id); stored && stored->seq <= first_seq_) {
      // Stored already (books from before this rule may hold such an id): known or not as any row with an id.
    } else if (!original)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::id),
                                        "'" + e.id + "' is the form of id klynge gives an entry entered again, and "
                                        "there is no entry '" + base + "': give this entry an id of its own"));
    else if (!same_content(*original, e, false))
      problems_.push_back(e.src.problem(detail::name_of(detail::column::id),
                                        "'" + e.id + "' is the form of id klynge gives entry '" + base +
                                            "' entered again, and this row is another entry (its kind, body, "
                                            "initiative, category, source, amount or decision differ): give it an id "
                                            "of its own"));
  }
  if (!e.counterparty.empty() && e.kind != EntryKind::contribution)
    problems_.push_back(e.src.problem(detail::name_of(detail::column::counterparty), "only a contribution names a counterparty (the paying body)"));
  if (!e.counterparty.empty() && e.counterparty == e.body)
    problems_.push_back(e.src.problem(detail::name_of(detail::column::counterparty), "a body cannot co-fund itself"));
  if (!e.reverses.empty()) {
    auto o = store_.reversal_target(e.reverses);
    if (!o)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "unknown ledger entry '" + e.reverses + "' to reverse"));
    else if (!o->reverses.empty())
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "'" + o->id + "' is itself a reversal: a row cannot reverse it (klynge reverse " + o->id + " enters the entry it reversed again)"));
    else if (o->reversed)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "'" + o->id + "' is already reversed"));
    else if (o->kind != e.kind)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::kind), "a reversal has the kind of the entry it reverses ('" +
                                                    std::string(to_text(o->kind)) + "')"));
    else if (o->amount != e.amount)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::amount), "a reversal has the amount of the entry it reverses (" +
                                                      format_money(o->amount, MoneyStyle::plain) + ")"));
    else if (e.date < o->date)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::date), "the reversal is dated before the entry it reverses (" + o->date.iso() + ")"));
    else if (o->body != e.body || o->initiative != e.initiative || o->counterparty != e.counterparty)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::reverses), "a reversal names the body, initiative and counterparty of '" +
                                                        o->id + "'"));
  }
  // Every figure is a sum of amounts: the amounts together must stay countable (see max_total_ore). Named at
  // the row that goes over, so that no report fails later.
  const std::int64_t size = e.amount.is_negative() ? -e.amount.ore() : e.amount.ore();
  if (problems_.size() == before) {
    if (size > max_total_ore - magnitude_)
      problems_.push_back(e.src.problem(detail::name_of(detail::column::amount), "the ledger's amounts would add up to more than " +
                                                      format_money(Money::from_ore(max_total_ore), MoneyStyle::danish) +
                                                      ", more than klynge sums safely"));
    else
      magnitude_ += size;
  }
  // The id is checked by the insert itself (one index seek, not two); an entry with other problems is not
  // written, so its id is looked up to report it first, as the row's first problem.
  if (problems_.size() != before) {
    // This row's problems come after those of the held entries.
    std::vector<Diagnostic> mine(problems_.begin() + std::ptrdiff_t(before), problems_.end());
    problems_.resize(before);
    flush();
    if (auto stored = store_.ledger_entry(e.id); stored && stored->seq > first_seq_) mine.insert(mine.begin(), id_problem(e));
    problems_.insert(problems_.end(), mine.begin(), mine.end());
    return;
  }
  if (problems_.empty()) {
    batch_.push_back(std::move(e));
    if (batch_.size() == Store::entry_batch) flush();
    return;
  }
  if (!store_.insert_entry(e)) {
    magnitude_ -= size;
    taken(e);
    return;
  }
  written(e);
}

void LedgerStream::written(const LedgerEntry& e)
{
  ++written_;
  // Told of a new entry only (a row known by its id was told when it was first written). A reversal copies the
  // category, and a re-entry (`ID~N`) is an entry warned of when it was first written.
  if (auto w = e.reverses.empty() && e.id.find('~') == std::string::npos ? category_space_warning(e.category) : std::nullopt)
    warnings_.push_back(e.src.problem(detail::name_of(detail::column::category), *w, Severity::warning));
  if (!e.sheet.empty() && e.sheet_file) ++exported_sheets_[e.sheet].added;
  if (!latest_ || *latest_ < e.date) latest_ = e.date;
  if (!e.initiative.empty()) {
    initiatives_.insert(e.initiative);
    initiative_dates_.insert(e.date);
  }
  if (lowers_free(e)) {
    lowering_dates_.insert(e.date);
    add_pools_lowered(e, pools_lowered_);
  }
  if (!place_.columns) place_ = e.src;
}

void LedgerStream::flush()
{
  if (batch_.empty()) return;
  const std::vector<std::size_t> ids_taken = store_.insert_entries(batch_);
  // Entries are held only while there are no problems: theirs come before any found since (later rows').
  std::vector<Diagnostic> later(problems_.begin(), problems_.end());
  problems_.clear();
  for (std::size_t i = 0, t = 0; i < batch_.size(); ++i) {
    if (t < ids_taken.size() && ids_taken[t] == i) {
      const LedgerEntry& e = batch_[i];
      magnitude_ -= e.amount.is_negative() ? -e.amount.ore() : e.amount.ore();
      taken(e);
      ++t;
    } else {
      written(batch_[i]);
    }
  }
  problems_.insert(problems_.end(), later.begin(), later.end());
  batch_.clear();
}

Diagnostic LedgerStream::id_problem(const LedgerEntry& e) const
{
  auto stored = store_.ledger_entry(e.id);
  return e.src.problem(detail::name_of(detail::column::id),
                       "duplicate ledger id '" + e.id + "' (first at " + (stored ? stored->origin : "?") + ")");
}

void LedgerStream::finish()
{
  end_file();
  flush();
  finish_checks();
  // The running totals are kept in the same transaction as the rows they sum (nothing to keep after problems:
  // the import will not commit).
  if (problems_.empty() && written_ > 0) store_.update_totals(first_seq_);
}

void LedgerStream::finish_checks()
{
  const Source& place = place_;
  for (const auto& r : store_.over_released(first_seq_)) {
    // An earlier release taken below zero by this write: named at the entry of this write that did it.
    const bool earlier = r.seq <= first_seq_;
    const std::string& origin = earlier ? r.by : r.origin;
    // The origin is `file:line` for a file, or the command for `add`: name the amount of that row.
    Source at = place;
    if (!place.file.empty()) {
      auto colon = origin.rfind(':');
      at.file = origin.substr(0, colon);
      at.line = std::stoll(origin.substr(colon + 1));
    }
    const std::string whose = r.initiative.empty() ? "the pool of '" + r.body + "'" : "'" + r.initiative + "'";
    const std::string reserved = format_money(r.reserved_before, MoneyStyle::plain);
    // A reversal written by `reverse` names no option: the row is the command's, not a column of it.
    const bool command = place.file.empty() && origin.rfind("reverse ", 0) == 0;
    const std::string message =
        earlier ? "takes what is reserved for " + whose + " below what the release of " + r.date.iso() + " (from " +
                      r.origin + ") releases (reserved then: " + reserved + ")"
                : "releases more than is reserved for " + whose + " on " + r.date.iso() + " (reserved: " + reserved + ")";
    problems_.push_back(command ? Diagnostic{Location{}, Severity::error, "this reverse " + message}
                                : at.problem(detail::name_of(detail::column::amount), message));
  }
}

}  // namespace klynge

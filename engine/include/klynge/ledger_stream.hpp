#pragma once
/// @file ledger_stream.hpp
/// @brief Checks and writes ledger entries one at a time inside an import's write transaction, so that a
/// ledger file of any size streams: ids, references and reversals are checked against the database (which
/// holds this import's earlier entries too), and releases against reservations once all are written. Rows
/// known already (design §14: by id, or for a row without one by its content) are counted, not written; a
/// newer version of a running sheet must still hold the rows of the earlier version.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "klynge/store.hpp"

namespace klynge {

class LedgerStream
{
public:
  /// The ids an entry may name: those stored and those this import adds.
  struct Known
  {
    std::unordered_set<std::string> bodies, initiatives, decisions;
    /// Records kept retired that an entry may not name here (`add`, `reverse`): told so, not as unknown.
    std::unordered_set<std::string> retired_bodies, retired_initiatives, retired_decisions;
  };

  /// `revision`: the revision the entries are written in.
  LedgerStream(Store& store, Known known, std::vector<Diagnostic>& problems, std::int64_t revision);

  /// What one file held: its rows, those known already (and the last revision that wrote one), those new.
  struct FileCounts
  {
    std::string label, sha256;
    std::size_t known = 0, added = 0;
    std::int64_t known_revision = 0;
  };
  /// Starts a file: rows without an id are known by their content within it, and belong to it.
  void begin_file(const std::string& label, const std::string& sha256);
  /// Ends the file: when it repeats rows of an earlier version of its sheet, every row of that version that is
  /// not reversed must still be in it.
  void end_file();

  /// Checks one entry; writes it when it is good and new, else records the problems. While the import has no
  /// problem, good entries are written in batches (Store::insert_entries); a taken id is then reported where
  /// it would have been reported at once, before the problems of later rows.
  void add(LedgerEntry& e);
  /// The checks that need every entry (no release beyond what is reserved); then, when all is well, brings
  /// the running totals up to date with the entries written.
  void finish();
  std::size_t written() const { return written_; }
  /// The latest date of an entry written (a write's warnings are checked as of it too, when it is later than today).
  std::optional<Date> latest() const { return latest_; }
  /// The dates of the entries written that take from a pool's free money (lowers_free).
  const std::set<Date>& lowering_dates() const { return lowering_dates_; }
  /// The bodies whose pools those entries take from.
  const std::set<std::string>& pools_lowered() const { return pools_lowered_; }
  const std::set<std::string>& initiatives() const { return initiatives_; }
  const std::set<Date>& initiative_dates() const { return initiative_dates_; }
  /// Whether the ledger held no entry before this write (klynge numbers entries from 1).
  bool ledger_was_empty() const { return first_seq_ == 0; }
  const std::vector<FileCounts>& files() const { return files_; }
  /// Known entries re-sent with another note (the note of a stored entry is not changed).
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

private:
  /// Writes the entries held for a batch; reports those whose id is taken.
  void flush();
  /// Counts an entry written.
  void written(const LedgerEntry& e);
  void finish_checks();
  /// A row whose id is stored: known when its content is the stored entry's (other than the note), else a
  /// problem naming the fields that differ. `e.id` is taken by a stored entry.
  void taken(const LedgerEntry& sent);
  /// A row naming an entry an undo reversed: known as the entry that came again (`ID~N`), or entered again.
  void enter_again(const LedgerEntry& sent);
  /// A row naming the stored entry `stored`: known when nothing but the note differs, else a problem.
  void settle_known(const LedgerEntry& sent, const Store::StoredEntry& stored);
  /// Whether the stored entry `seq` was sent already in this import (told as a duplicate id), else notes it sent.
  bool sent_before(const LedgerEntry& sent, std::int64_t seq);
  /// A known reversal of `id` read: a row of `id` that waits for the file's end (undone_sent_) is known.
  void settle_undone(const std::string& id);
  /// Counts a row known as the stored entry `stored`. `by_content`: the row has no id of its own, so it is a row of
  /// a version of the sheet the stored entry came from; a row naming the id (an export) is not.
  void known(const LedgerEntry& e, const Store::StoredEntry& stored, bool by_content);
  /// Gives a row without an id the id of its content; returns the stored entry it is, if it is one.
  std::optional<Store::StoredEntry> identify(LedgerEntry& e);
  /// Whether an undo reversed the entry (so a row of its content comes again as a new entry).
  bool undone(const std::string& id) const;
  /// The problem of an entry whose id is taken by an earlier entry of this import.
  Diagnostic id_problem(const LedgerEntry& e) const;
  Store& store_;
  Known known_;
  std::vector<Diagnostic>& problems_;
  std::int64_t revision_;
  std::int64_t first_seq_;
  std::int64_t magnitude_;  ///< the amounts of the ledger without their sign, added up (at most max_total_ore)
  std::size_t written_ = 0;
  std::optional<Date> latest_;
  std::set<Date> lowering_dates_;
  std::set<std::string> pools_lowered_;
  std::set<std::string> initiatives_;
  std::set<Date> initiative_dates_;
  Source place_;  ///< the columns of the entries written (a file's header, or the options of `add`)
  std::vector<LedgerEntry> batch_;  ///< good entries not yet written, held while there are no problems
  std::set<std::int64_t> undo_revisions_;
  std::unordered_set<std::string> undone_by_import_;  ///< see Store::undone_by_imported_undo
  std::vector<Diagnostic> warnings_;
  std::vector<FileCounts> files_;
  // Known entries sent in this import, by seq: where each was first sent ((index in known_sent_files_ + 1) << 32 |
  // line; 0 when not). A known entry sent twice (a row copied in a sheet) is an error, as a new id twice is; a
  // vector by seq keeps a re-import of a million known rows at 8 MB.
  std::vector<std::uint64_t> known_sent_;
  std::vector<std::string> known_sent_files_;
  // The file being read.
  bool in_file_ = false;
  std::size_t problems_before_file_ = 0;  ///< problems found before the file being read
  std::int64_t file_number_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> occurrences_;  ///< per content fingerprint
  std::unordered_map<std::uint64_t, std::int64_t> first_lines_;  ///< per fingerprint of content and note: its first line
  std::size_t repeated_ = 0;                                       ///< new rows of this file that repeat an earlier one
  std::map<std::int64_t, std::size_t> sheets_;  ///< sheets whose rows the file repeats -> live rows repeated
  std::unordered_map<std::int64_t, std::int64_t> sheet_of_;  ///< earlier ledger file -> its sheet, as read
  std::vector<std::uint64_t> known_ids_;        ///< fingerprints of the ids of known rows without id
  /// Known rows without id that stand for a reversed entry: its id and content (fingerprint). Such a row also
  /// holds a live entry of the sheet with the same content, or a re-entry of that entry (identical rows stand
  /// for one another; an undone reversal brings its entry back as a re-entry).
  struct ReversedKnown
  {
    std::string id;
    std::uint64_t content = 0;
    bool used = false;
  };
  std::vector<ReversedKnown> reversed_known_;
  /// Whether a missing entry of an earlier version of the sheet is held by a row standing for a reversed entry
  /// (reversed_known_), which it then uses up.
  bool held_by_reversed(const std::string& id);
  /// Rows naming an entry an undo reversed, decided at the file's end: known when the file holds that reversal too
  /// (an export of books with the undo), else entered again. And the entries whose known reversal the file holds.
  std::vector<LedgerEntry> undone_sent_;
  std::set<std::string> reversals_sent_;
  std::vector<std::int64_t> new_lines_;         ///< lines of new rows without id
  std::optional<bool> identified_reversed_;     ///< whether the entry identify() last found is reversed, if it asked
  /// New rows without id of a file that repeats an earlier sheet, by line (the first few hundred): a row that
  /// took the place of a known one is told by the fields in which it differs.
  std::unordered_map<std::int64_t, LedgerEntry> new_rows_;
  std::vector<std::uint64_t> line_ids_;         ///< per line: the content id's 64 bits of a row without id
  /// The sheets an export's rows name (`sheet`), by the name the export gives each: the ledger file its new entries
  /// are stored under, how many it got, and the files of its entries known here (its new entries join their sheet).
  struct ExportedSheet
  {
    std::int64_t file = 0;
    std::size_t added = 0;
    std::set<std::int64_t> known_files;
  };
  std::map<std::string, ExportedSheet> exported_sheets_;
  /// Records the ledger files of the exported sheets this file added to, each in its sheet here (end_file).
  void record_exported_sheets();
  std::size_t new_generated_ = 0;
};

}  // namespace klynge

#pragma once
/// @file store.hpp
/// @brief What the engine asks of a database: opening and migrating it, reading every record, writing an import
/// in one transaction, the ledger's sums, integrity checks, online backup. An interface: SQLite implements it
/// (engine/src/sqlite/), and nothing above this header knows which backend it talks to.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "klynge/chain.hpp"
#include "klynge/interchange.hpp"
#include "klynge/ledger_sums.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// What an import writes of the records other than ledger entries: new records, and new versions of stored
/// ones (corrections, a milestone's done date, a setting's new value) that supersede them in knowledge time.
struct ImportPlan
{
  Dataset inserts;
  Dataset replacements;    ///< each supersedes the stored record of its identity (kept as an earlier version)
  /// Records stored retired from the start (an export's `retired-FILE.csv`): kept only for the ledger entries that
  /// name them, read by nothing else.
  Dataset retired;
  /// Per kind: rows known already (and the last revision that wrote one), new, corrected, updated.
  struct Counts
  {
    std::size_t known = 0, added = 0, corrected = 0, updated = 0;
    std::int64_t known_revision = 0;
  };
  std::map<RecordKind, Counts> counts;
  /// What each correction changed, for the message: `file:line: corrected FIELD: 'old' → 'new'`.
  std::vector<std::string> correction_notes;
  /// Rows identical to an earlier version of their record, kept as stored: `file:line: … superseded in revision N …`.
  std::vector<std::string> earlier_notes;
  /// What the records written make doubtful without being wrong (a category with a space at its end).
  std::vector<Diagnostic> warnings;
};

/// One write that changed something (design §14): numbered in commit order.
struct Revision
{
  std::int64_t number = 0;
  std::string recorded_at;  ///< UTC, `2026-06-02T10:00:00Z`
  std::string user, command;
  std::string files;  ///< per source file, one line: `PATH SHA256 rows/known/new/corrected`
  std::int64_t added = 0, corrected = 0, retired = 0;
  std::optional<std::int64_t> undoes;  ///< for an undo: the revision it undid
  /// The ledger's entry count and head after the revision (written by record_revision from the head it leaves);
  /// empty in a database from before schema 14 that was not migrated by this program.
  std::optional<std::int64_t> entries;
  std::string head;
};

/// A stored ledger file (a version of a running sheet): its number, and the sheet it belongs to.
struct LedgerFile
{
  std::int64_t number = 0, revision = 0, sheet = 0;
  std::string name, sha256;
};

/// A version of a record that a revision superseded or retired (kept in record_versions): its table, the `id`,
/// `body` and `initiative` of its columns (empty when it has none), the revision that added it and the one that
/// superseded or retired it.
struct RecordVersion
{
  std::string table, id, body, initiative;
  std::int64_t revision = 0, retired = 0;
};

/// What a later revision holds that an undo would break, and the way out the refusal names.
struct UndoDependent
{
  std::string what;     ///< `entry 'ID' is reversed in revision 7`
  std::string way_out;  ///< `undo that first, or reverse entries instead`
  bool operator==(const UndoDependent&) const = default;
};

/// What undoing a revision would write, or why it cannot be undone.
struct UndoPlan
{
  std::vector<UndoDependent> dependents;  ///< what depends on the revision (refused when not empty)
  std::vector<std::string> reverse;       ///< ids of the entries to reverse, in ledger order
  std::size_t retired = 0, restored = 0, put_back = 0;
};

/// A ledger entry of a later revision depends on the one undone (a ledger entry is never corrected: reversing what
/// is not wanted is the other way).
UndoDependent entry_dependent(std::string what);
/// A record of a later revision depends on the one undone.
UndoDependent record_dependent(std::string what);
/// Entry `id` of the revision to undo is reversed in revision `by`; where an undo in force took that reversal back,
/// the way out is to undo that undo.
UndoDependent reversed_in(const std::string& id, std::int64_t by, const std::vector<Revision>& revisions);
/// An entry reversed, whose sheet had a later version imported in `revision`: that version may have left the row
/// out (a corrected row in its place), so bringing the entry back could count it twice.
UndoDependent sheet_went_on(const std::string& id, std::int64_t revision);
/// The reversal of a re-entry that still counts on the date an undo of an undo would bring its entry back on.
struct CameAgainReversal
{
  std::string date;            ///< ISO
  std::int64_t revision = 0;   ///< that wrote it
  bool reversed_too = false;   ///< the re-entry came back once more (`ID~1`), which is named apart
};
/// An undo of an undo would bring an entry back that came again since as `id` (a re-import), in `revision`, and
/// counts on or after that date: not reversed, or `reversal` reversed it only later.
UndoDependent came_again(const std::string& id, std::int64_t revision, const std::optional<CameAgainReversal>& reversal);

/// Names each entry's sheet (loaded as the sheet's number here, or named already) by the id of the sheet's first
/// entry among `ledger`, which the books an export makes keep: export, import and export again give the same
/// names. `ledger` is in ledger order.
void name_sheets(std::vector<LedgerEntry>& ledger);

/// SQL: the kinds of a ledger key whose days can lower its body's free money (received − granted − reserved): a
/// grant, a reservation, a negative opening, a reversed receipt or contribution into it (Store::pool_days_after).
inline constexpr const char* pool_lowering_kinds = "kind IN ('opening', 'receipt', 'grant', 'reserve', 'contribution')";

class Store
{
public:
  enum class Access { read_only, read_write };

  /// Opens an existing klynge database; migrates an older schema.
  /// @throws DatabaseError (exit 3) when the file is missing, not a klynge database, or newer than the program.
  static std::unique_ptr<Store> open(const std::string& path, Access access);
  virtual ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Creates the database (or brings an older one up to date). Returns false when it was already current.
  /// @throws DatabaseError when the file exists and is not a klynge database, or is newer.
  static bool init(const std::string& path);

  virtual int schema_version() const = 0;
  virtual const std::string& path() const = 0;

  /// A transaction for the lifetime of the object: rolled back unless commit() is called. A write
  /// transaction takes the write lock at once (waiting up to the busy timeout), so that what an import
  /// checks against is what it writes into; a read transaction sees one consistent snapshot.
  class Transaction
  {
  public:
    enum class Kind { read, write };
    /// @throws BusyError when another writer holds the database past the timeout.
    Transaction(Store& store, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Store& store_;
    bool open_ = true;
  };

  /// How much of the ledger load() reads: none (an import checks entries against the database instead), the
  /// columns figures are made of (reports and checks: no source, note or origin), or everything (export, list).
  enum class Ledger { none, figures, all };
  /// Every record of the kinds in `kinds` (the others left empty), in the order it was written (in one read
  /// transaction unless one is open); with `known_at`, the records as known at that revision (0: none).
  virtual Dataset load(Ledger ledger = Ledger::all, std::optional<std::int64_t> known_at = std::nullopt,
                       RecordKinds kinds = RecordKinds::all()) const = 0;
  /// The earlier versions of the records of `kinds` (those a correction, an update or an undo superseded or retired:
  /// never ledger entries), each stamped with the revision that superseded or retired it. An import tells by them
  /// an older copy of a corrected record from a correction.
  virtual Dataset earlier_versions(RecordKinds kinds) const = 0;

  // Knowledge time (schema 6): revisions.
  /// Numbers the revision being written (inside the open write transaction): every record written from now on
  /// carries it. Returns its number.
  virtual std::int64_t begin_revision() = 0;
  /// Writes the revision's row (its number is the one begin_revision() gave).
  virtual void record_revision(const Revision& r) = 0;
  /// Every revision, in order.
  virtual std::vector<Revision> revisions() const = 0;
  /// The superseded and retired versions of records added or superseded by the revisions in (since, until].
  virtual std::vector<RecordVersion> versions_between(std::int64_t since, std::int64_t until) const = 0;
  /// What was known before `utc` (ISO 8601, `Z`): the revisions before the first one recorded at or after it, in
  /// revision order (so one write stamped by a clock that was behind does not make every revision before it look
  /// known earlier); 0 when none.
  virtual std::int64_t last_revision_before(const std::string& utc) const = 0;
  /// The highest revision number (0 when none).
  virtual std::int64_t last_revision() const = 0;
  /// The ledger file a ledger row without an id belongs to (inside the open write transaction): the next file
  /// number, to be recorded by record_ledger_file() once its sheet is known.
  virtual std::int64_t next_ledger_file() = 0;
  virtual void record_ledger_file(const LedgerFile& f) = 0;
  /// The sheet a stored ledger file belongs to.
  virtual std::int64_t sheet_of(std::int64_t file) const = 0;
  /// Puts every file of sheet `from` into sheet `into` (a file that continued two sheets joins them).
  virtual void join_sheets(std::int64_t into, std::int64_t from) = 0;
  /// An entry of a running sheet. `on_its_line`: it came as a row of a version of the sheet, so the line of its
  /// origin is its line in the sheet (not so for one that came from an export, named by its id).
  struct SheetEntry
  {
    std::string id, origin;
    bool on_its_line = false;
  };
  /// The entries of a sheet's files that are not reversed, in ledger order.
  virtual std::vector<SheetEntry> sheet_entries(std::int64_t sheet) const = 0;
  virtual std::int64_t sheet_live_count(std::int64_t sheet) const = 0;
  /// The entry a content identity names among entries stored before content identity (schema 6).
  virtual std::optional<std::string> ledger_alias(const std::string& alias) const = 0;
  /// The entry that an id in the form before content identity (`STEM-XXXXXXXX-LINE`: the file's stem, the first 8
  /// hex digits of its SHA-256, the line) names in books that never held such ids: the row stored as new from that
  /// line of a ledger file of that stem and hash.
  virtual std::optional<std::string> entry_on_file_line(const std::string& stem, const std::string& sha256_prefix,
                                                        std::int64_t line) const = 0;
  /// What undoing revision `r` writes and what stands in its way (inside the open write transaction).
  virtual UndoPlan plan_undo(std::int64_t r) const = 0;
  /// Undoes the records of revision `r` (the ledger is reversed by the caller) as the revision begun. A record it
  /// retires that a ledger entry names (or another record so kept) stays in its table, marked retired (schema 15).
  virtual void undo_records(std::int64_t r) = 0;
  /// The records retired in place (kept for the ledger entries that name them), stamped with the revision that
  /// retired each: what `export` writes to `retired-FILE.csv` and an import may name from its ledger.
  virtual Dataset retired_records() const = 0;
  /// Deletes the records retired in place by `revision` that nothing stored names (no ledger entry, no other record
  /// kept so): an undo's, and an import's records sent retired. Returns (table, id) of each.
  virtual std::vector<std::pair<std::string, std::string>> prune_retired(std::int64_t revision) = 0;
  /// A ledger entry that counts (not reversed, not a reversal) and names a record retired in place.
  struct RetiredName
  {
    std::string entry, origin;
    std::int64_t revision = 0;
    std::string parent, key;  ///< the record's table and id
  };
  /// Those entries after `after_seq`; with `retired_by`, only those naming a record that revision retired.
  virtual std::vector<RetiredName> entries_naming_retired(std::int64_t after_seq,
                                                          std::optional<std::int64_t> retired_by) const = 0;

  // The ledger, one entry at a time: what an import needs to check and write a file of any size.
  /// A stored entry, as much of it as the checks need.
  struct StoredEntry
  {
    std::int64_t seq = 0;
    std::string id, body, initiative, counterparty, category, source, decision, reverses, origin, note;
    EntryKind kind = EntryKind::receipt;
    Money amount;
    Date date;
    std::int64_t revision = 0;
    std::optional<std::int64_t> sheet_file;  ///< the ledger file it came from, for a row without an id
  };
  virtual std::optional<StoredEntry> ledger_entry(const std::string& id) const = 0;
  /// Whether some entry reverses this one.
  virtual bool is_reversed(const std::string& id) const = 0;
  /// The revision of the entry that reverses this one, when one does.
  virtual std::optional<std::int64_t> reversed_in(const std::string& id) const = 0;
  /// The entry that reverses this one, when one does.
  virtual std::optional<LedgerEntry> reversal_of(const std::string& id) const = 0;
  /// The entries the reversals of revision `r` reverse whose sheet had a version imported by a later revision
  /// that wrote no new life of the entry: (entry id, that revision), in ledger order. That version may have left the
  /// row out or held it as known; which, is not kept.
  virtual std::vector<std::pair<std::string, std::int64_t>> sheet_versions_after(std::int64_t r) const = 0;
  /// The entries reversed by an entry noted `undo of revision N` outside an undo's revision: an undo's reversals
  /// as they come in an export of books with the undo. Books made from that export hold those entries as undone,
  /// as the books exported do (a sheet sent again enters them again).
  virtual std::vector<std::string> undone_by_imported_undo() const = 0;
  /// What a new reversal checks of the entry it names: its fields, and whether an entry reverses it already.
  struct ReversalTarget
  {
    std::string id, body, initiative, counterparty, reverses;
    EntryKind kind = EntryKind::receipt;
    Money amount;
    Date date;
    bool reversed = false;
  };
  /// The entry `id` as a reversal checks it (by default ledger_entry and is_reversed; a store may know it without
  /// asking its database, for an entry its write transaction has just written).
  virtual std::optional<ReversalTarget> reversal_target(const std::string& id) const;
  /// The whole stored entry (reverse, undo).
  virtual std::optional<LedgerEntry> full_entry(const std::string& id) const = 0;
  /// The amounts of the ledger without their sign, added up; max_total_ore when they add up to more.
  virtual std::int64_t ledger_magnitude() const = 0;
  /// The highest sequence number of the ledger (0 when empty): entries written after it are this import's.
  virtual std::int64_t last_ledger_seq() const = 0;
  /// The days after `after` with stored entries that can lower the free money of the pools of `bodies` (of the
  /// kinds in pool_lowering_kinds, or a contribution they pay), ascending: the earliest `limit` of them, and the
  /// last one when it is later.
  virtual std::vector<Date> pool_days_after(const std::set<std::string>& bodies, Date after, std::size_t limit) const = 0;
  /// Writes one entry (inside the open write transaction); false, writing nothing, when its id is taken.
  virtual bool insert_entry(const LedgerEntry& e) = 0;
  /// How many entries insert_entries() writes with one statement.
  static constexpr std::size_t entry_batch = 64;
  /// Writes the entries in their order (inside the open write transaction); returns the positions of those not
  /// written because their id is taken (by a stored entry or an earlier one of these).
  virtual std::vector<std::size_t> insert_entries(const std::vector<LedgerEntry>& entries) = 0;
  /// A release that takes a reservation below zero, among the entries written after `after_seq`.
  struct OverRelease
  {
    std::string origin, body, initiative;
    Date date;
    Money reserved_before;
    std::string by;  ///< the entry of the write that lowered the reservation first (its origin)
    std::int64_t seq = 0;  ///< the release's place in the ledger (an earlier one: at most the write's first seq)
  };
  /// The first such release per (body, initiative); reservations count before releases on the same day. Also an
  /// earlier release that a write takes below zero (a reversal of the reservation, dated before it).
  virtual std::vector<OverRelease> over_released(std::int64_t after_seq) const = 0;

  /// Writes the plan inside the open write transaction (see Transaction); nothing is kept unless it commits.
  virtual void write(const ImportPlan& plan) = 0;
  /// An in-memory database with the schema applied (for tests and fuzzing).
  static std::unique_ptr<Store> in_memory();

  // The ledger's running totals (schema 3): derived from the ledger, kept with it, never typed.
  /// Adds the entries written after `after_seq` to the running totals (inside the open write transaction).
  virtual void update_totals(std::int64_t after_seq) = 0;
  /// Throws the running totals away and sums them again from the whole ledger, in one write transaction.
  virtual void rebuild_totals() = 0;
  /// Where the running totals differ from a fresh sum of the ledger, as text (empty when they agree).
  virtual std::vector<std::string> totals_problems() const = 0;
  /// The ledger's sums read from the running totals on demand. Use inside the same read transaction as
  /// load() (see read_consistently) so that both see one moment; the Store must outlive the result. With
  /// `known_at`, the sums of the entries that revision had (the totals less the entries written after it).
  virtual std::unique_ptr<LedgerSums> sums(std::optional<std::int64_t> known_at = std::nullopt) const = 0;
  /// Runs `f` inside one read transaction, trying again while the database is busy.
  virtual void read_consistently(const std::function<void()>& f) const = 0;

  /// How the schema differs from the one this program makes (a missing or changed table, index or trigger, a
  /// trigger that is not klynge's), as text.
  virtual std::vector<std::string> schema_problems() const = 0;
  /// `PRAGMA integrity_check` and `foreign_key_check` problems, as text.
  virtual std::vector<std::string> integrity_problems() const = 0;
  /// Reversals that name a missing entry, do not match the kind and amount of the entry they reverse, or
  /// reverse one already reversed (an import refuses all three; a row written behind klynge's back may not),
  /// in ledger order, as text.
  virtual std::vector<std::string> reversal_problems() const = 0;
  /// Revisions missing from their numbers (1 to the last, every one kept), and stored records and entries that name
  /// a revision not kept: what deleting or renumbering a revision behind klynge's back leaves. As text.
  virtual std::vector<std::string> revision_problems() const = 0;
  /// Reversals filed under another category than the entry they reverse (allowed, but a category's figures then
  /// do not net out), as text.
  virtual std::vector<std::string> reversal_warnings() const = 0;
  // The ledger's chain (chain.hpp): every entry written carries its hash, and the head moves with it.
  /// The head recorded with the last write: how many entries the chain has, and the last one's hash.
  /// @throws DatabaseError when the record of it is missing.
  virtual ChainHead ledger_head() const = 0;
  /// Every entry's stored hash in the order written (the ledger's order), empty for an entry that has none.
  virtual std::vector<std::string> ledger_hashes() const = 0;
  /// Per revision that wrote entries, in revision order: how many, the first and last seq, the last one's hash.
  struct LedgerRun
  {
    std::int64_t revision = 0, entries = 0, first_seq = 0, last_seq = 0;
    std::string last_hash;
  };
  virtual std::vector<LedgerRun> ledger_runs() const = 0;
  /// The entries whose hash does not follow from their columns and the hash stored before them (up to 10, in the
  /// order written, the first first), and a chain that does not reach the recorded head (a deleted last entry, one
  /// put in after it), as text; empty when the chain holds.
  virtual std::vector<std::string> chain_problems() const = 0;
  /// An online copy, safe while others use the database.
  virtual void backup_to(const std::string& target) const = 0;

  // A whole database as it is, table by table (`klynge copy`, between backends): every row with its revision, the
  // ledger with its hashes, the revisions, the earlier versions, the running totals and the head.
  /// The tables a copy moves, those referred to before those that refer to them.
  static const std::vector<std::string>& copied_tables();
  /// A table's rows by column name (a table keyed by text with its written order as `rowid`), in written order.
  struct TableRows
  {
    std::vector<std::string> columns;
    std::vector<std::vector<DbValue>> rows;  ///< owned values (text as std::string)
  };
  virtual TableRows dump_table(const std::string& table) const = 0;
  /// Writes rows dumped from another database into a table (inside the open write transaction); the ledger's head,
  /// which every database has, is replaced.
  virtual void load_table(const std::string& table, const TableRows& rows) = 0;

protected:
  Store() = default;
  // What a Transaction asks of the backend.
  virtual void begin(Transaction::Kind kind) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
};

/// Copies every table of `source` into `target` as it is (copied_tables(): the revisions as they are, none added), in
/// one read of the source and one write transaction of the target. `compare`, when given, runs in both before the
/// copy is kept: it reads the source as copied (writers since do not show) and the target as it will be, and
/// throws to keep nothing. Returns how many revisions it copied.
/// @throws DataError when the target holds data (it must be new or empty).
std::size_t copy_whole_database(const Store& source, Store& target, const std::function<void()>& compare = {},
                                const std::string& not_empty = "copy into a new or empty database");

/// The revisions' entry counts and heads (design §14) against the ledger: entries written in revision order, and
/// after each revision as many as it recorded, ending in the head it recorded (up to 10 problems, as text). So a
/// deleted last entry is found although the one row of ledger_head was set back with it, and an entry moved to
/// another revision is found too.
std::vector<std::string> revision_head_problems(const Store& store);

// The database file itself (SQLite): what backup and restore copy.

/// Copies the database `from` over `to` with SQLite's online backup, leaving `from` untouched (an older
/// schema is migrated when `to` is next opened, not in the backup).
/// @throws DatabaseError when `from` is not a klynge database this program can read.
void copy_database(const std::string& from, const std::string& to);

/// Puts the database `from` in place of the one at `db` with no writer between: the database is locked for this
/// connection alone (waiting for writers and readers up to the busy timeout), then copied as it is to `kept` (a new
/// file, when not empty) and overwritten by `from`, and only then let go. A writer that was under way finishes
/// first and is in `kept`; one that starts meanwhile waits and writes into the restored database.
void replace_database(const std::string& from, const std::string& db, const std::string& kept);

/// Removes the SQLite file at `path` and the files SQLite keeps beside it (-wal, -shm, -journal); never throws.
void remove_database_files(const std::string& path);

/// Takes the SQLite file at `path` out of write-ahead logging, or puts it back (`wal`): a backup is kept as one file
/// (reading one in write-ahead mode leaves -wal and -shm files beside it), a database in use logs ahead.
void set_write_ahead(const std::string& path, bool wal);

/// Checks that `path` is a klynge database this program can read; returns its schema version.
/// @throws DatabaseError otherwise.
int probe_database(const std::string& path);

}  // namespace klynge

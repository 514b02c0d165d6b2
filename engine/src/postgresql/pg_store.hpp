#pragma once
// The PostgreSQL backend of the store (libpqxx 6.4): one connection per Store, the SQL kept in the files of this
// folder, each by job as the SQLite ones are (pg_records.cpp, pg_ledger.cpp, pg_revisions.cpp, pg_totals.cpp,
// pg_sums.cpp, pg_checks.cpp).
//
// Transactions are the server's own (BEGIN … COMMIT sent on one pqxx::nontransaction, so that the Store's begin,
// commit and rollback map one to one): a write takes a transaction-scoped advisory lock first, so writers follow
// each other and revisions are numbered in commit order, and reads as of the moment the lock was had (READ
// COMMITTED: each statement sees every writer that committed before); a read is REPEATABLE READ, READ ONLY: every
// statement of it sees one snapshot.

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <pqxx/pqxx>

#include "klynge/store.hpp"

namespace klynge::detail {
struct CancelledRevisions;
}

namespace klynge {

namespace pgd {

/// 'KLYW': the advisory lock every writer of a database takes for its transaction.
constexpr long long write_lock = 0x4B4C5957;

/// The first line of a libpq message, without its `ERROR:  ` (the rest repeats the query or gives a hint).
std::string first_line(const char* what);

/// A column's value as the record kinds read it: NULL, a whole number (bigint, integer), or text borrowed from the
/// result (which must outlive it).
DbValue value_of(const pqxx::field& f);

/// The signed amount of a ledger row `l`: a reversal counts negative.
constexpr const char* signed_amount = "(CASE WHEN l.reverses IS NULL THEN l.amount ELSE -l.amount END)";
/// A ledger row `l` meets its running totals' key `k`.
constexpr const char* key_of_row = "k.body = l.body AND k.initiative = coalesce(l.initiative, '') AND "
                                   "k.counterparty = coalesce(l.counterparty, '') AND k.kind = l.kind AND "
                                   "k.category = l.category";

/// The column that keeps a table's written order (SQLite's rowid): `rowid` for a table keyed by text, else `seq`.
std::string row_column(const FileSpec& spec);

}  // namespace pgd

class PgStore final : public Store
{
public:
  /// Opens the database at `db` (a `postgresql://` address) after the checks of pg::open.
  PgStore(std::unique_ptr<pqxx::connection> c, const std::string& db, Access access, std::string user);
  ~PgStore() override;

  int schema_version() const override;
  const std::string& path() const override { return db_; }
  Dataset load(Ledger ledger = Ledger::all, std::optional<std::int64_t> known_at = std::nullopt,
               RecordKinds kinds = RecordKinds::all()) const override;
  Dataset earlier_versions(RecordKinds kinds) const override;
  std::int64_t begin_revision() override;
  void record_revision(const Revision& r) override;
  std::vector<Revision> revisions() const override;
  std::vector<RecordVersion> versions_between(std::int64_t since, std::int64_t until) const override;
  std::int64_t last_revision_before(const std::string& utc) const override;
  std::int64_t last_revision() const override;
  std::int64_t next_ledger_file() override;
  void record_ledger_file(const LedgerFile& f) override;
  std::int64_t sheet_of(std::int64_t file) const override;
  void join_sheets(std::int64_t into, std::int64_t from) override;
  std::vector<Store::SheetEntry> sheet_entries(std::int64_t sheet) const override;
  std::int64_t sheet_live_count(std::int64_t sheet) const override;
  std::optional<std::string> ledger_alias(const std::string& alias) const override;
  std::optional<std::string> entry_on_file_line(const std::string& stem, const std::string& sha256_prefix,
                                                std::int64_t line) const override;
  UndoPlan plan_undo(std::int64_t r) const override;
  void undo_records(std::int64_t r) override;
  Dataset retired_records() const override;
  std::vector<std::pair<std::string, std::string>> prune_retired(std::int64_t revision) override;
  std::vector<RetiredName> entries_naming_retired(std::int64_t after_seq,
                                                  std::optional<std::int64_t> retired_by) const override;
  std::optional<StoredEntry> ledger_entry(const std::string& id) const override;
  bool is_reversed(const std::string& id) const override;
  std::optional<std::int64_t> reversed_in(const std::string& id) const override;
  std::vector<std::pair<std::string, std::int64_t>> sheet_versions_after(std::int64_t r) const override;
  std::vector<std::string> undone_by_imported_undo() const override;
  std::optional<LedgerEntry> reversal_of(const std::string& id) const override;
  std::vector<Date> pool_days_after(const std::set<std::string>& bodies, Date after, std::size_t limit) const override;
  std::optional<LedgerEntry> full_entry(const std::string& id) const override;
  std::optional<ReversalTarget> reversal_target(const std::string& id) const override;
  std::int64_t ledger_magnitude() const override;
  /// The amounts of the entries after `after_seq` without their sign, added up, at most max_total_ore.
  std::int64_t summed_magnitude(std::int64_t after_seq) const;
  std::int64_t last_ledger_seq() const override;
  bool insert_entry(const LedgerEntry& e) override;
  std::vector<std::size_t> insert_entries(const std::vector<LedgerEntry>& entries) override;
  std::vector<OverRelease> over_released(std::int64_t after_seq) const override;
  void write(const ImportPlan& plan) override;
  void update_totals(std::int64_t after_seq) override;
  void rebuild_totals() override;
  std::vector<std::string> totals_problems() const override;
  std::unique_ptr<LedgerSums> sums(std::optional<std::int64_t> known_at = std::nullopt) const override;
  void read_consistently(const std::function<void()>& f) const override;
  std::vector<std::string> schema_problems() const override;
  /// The columns, constraints and indexes of `tables` against those the migrations make (schema/postgresql/catalog/).
  std::vector<std::string> catalog_problems(const std::vector<std::string>& tables) const;
  std::vector<std::string> integrity_problems() const override;
  std::vector<std::string> reversal_problems() const override;
  std::vector<std::string> revision_problems() const override;
  std::vector<std::string> reversal_warnings() const override;
  ChainHead ledger_head() const override;
  std::vector<std::string> ledger_hashes() const override;
  std::vector<std::string> chain_problems() const override;
  std::vector<LedgerRun> ledger_runs() const override;
  void backup_to(const std::string& target) const override;
  TableRows dump_table(const std::string& table) const override;
  void load_table(const std::string& table, const TableRows& rows) override;

  /// Runs a statement (in the open transaction, or on its own), the server's errors turned into the store's. Ends
  /// the ledger's COPY first when one is open.
  pqxx::result exec(const std::string& sql) const;
  /// Runs a query by `COPY (query) TO STDOUT` and gives `line` each row as a line of COPY's text (fields split by
  /// tabs, no newline): many rows reach the program much faster so than as a result (the whole of which libpq
  /// holds, field by field) that is read field by field.
  void copy_rows(const std::string& query, const std::function<void(std::string_view)>& line) const;
  /// A value as an SQL literal: NULL, a number, or quoted text.
  std::string lit(const DbValue& v) const;
  std::string lit(const std::string& s) const { return lit(DbValue(std::string_view(s))); }
  std::string lit(std::int64_t n) const { return std::to_string(n); }
  /// Turns a libpqxx error into the store's (exit 3, or 1 for a busy database, bad data, a user who may only read).
  [[noreturn]] void rethrow(const std::exception& e) const;
  bool in_transaction() const { return in_tx_; }

protected:
  void begin(Transaction::Kind kind) override;
  void commit() override;
  void rollback() noexcept override;

private:
  Dataset load_tables(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const;
  /// The records `sql_of(spec)` reads for each kind of `kinds` but the ledger: a stamp (a revision), then the kind's
  /// stored columns; each record stamped so.
  Dataset stamped_records(RecordKinds kinds, const std::function<std::string(const FileSpec&)>& sql_of) const;
  /// Writes records of one kind with the revision begun (and, `retired`, retired by it: kept for the ledger only).
  void insert_all(const FileSpec& spec, const Dataset& data, bool retired);
  void save_version(const FileSpec& spec, std::int64_t row, std::int64_t retired);
  std::optional<std::int64_t> row_of(const FileSpec& spec, const Dataset& data, std::size_t i) const;
  void supersede(const FileSpec& spec, const Dataset& data, std::size_t i);
  std::string label_of(const FileSpec& spec, std::int64_t row) const;
  /// Undo (undo_cancelled.hpp): the revision whose version a record's row is, and the rows of a table as revision
  /// `r` left them, each with whether `r` superseded an earlier version of it.
  std::int64_t content_origin_of(const std::string& table, std::int64_t row, std::int64_t current,
                                 const detail::CancelledRevisions& cancelled) const;
  std::vector<std::pair<std::int64_t, bool>> rows_of_revision(const FileSpec& spec, std::int64_t r,
                                                              const detail::CancelledRevisions& cancelled) const;
  /// Rows that refer to a missing row (what SQLite's foreign_key_check finds), as (table, row, parent table).
  struct Orphan
  {
    std::string table;
    std::optional<std::int64_t> row;
    std::string parent;
  };
  std::vector<Orphan> orphans() const;
  /// Inserts entries (their hashes after `head`, which moves); returns the rows written.
  std::size_t insert_rows(const LedgerEntry* entries, std::size_t n, ChainHead& head, bool skip_taken);
  /// The chain's head: read once in a write transaction, then kept in head_ as entries move it; record_head()
  /// keeps it there, write_head() writes it to ledger_head (at the commit, and before ledger_head is read).
  ChainHead head_now() const;
  void record_head(const ChainHead& head);
  void write_head() const;
  /// The entries of an import go to the ledger by one COPY kept open over its batches (the server works through
  /// them while the program reads the next): begun by the first batch, ended before any other statement.
  void end_copy() const;
  /// What the write transaction knows of the ledger's ids without asking the server (pg_ledger_ids.cpp).
  void track_ids() const;
  /// Every stored id into the ids the transaction knows (once).
  void read_stored_ids() const;
  /// A lookup found no entry with the id: after many, in a write, the stored ids are read (pg_ledger_ids.cpp).
  void missed() const;
  void tracked(const LedgerEntry& e);
  /// Whether no entry has the id: false when unsure (then the server is asked).
  bool surely_free(const std::string& id) const;
  /// Whether none of the entries' ids is taken, known without the server (false when unsure).
  bool all_free(const std::vector<LedgerEntry>& entries);
  enum class Ids { untracked, tracking, off };
  /// Forgets the ids (a transaction's end: untracked; rows written otherwise than as entries: off), and the entries
  /// read ahead.
  void forget_ids(Ids state);
  /// Reads into sheet_ahead_ the entries of a ledger file among the 4,096 seq from `seq` on (pg_ledger.cpp).
  void read_sheet_ahead(std::int64_t file, std::int64_t seq) const;

  std::string db_, user_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::nontransaction> n_;
  bool in_tx_ = false;
  bool writing_ = false;        ///< the transaction open is a write (under the write lock)
  std::int64_t revision_ = 0;   ///< the revision being written (begin_revision)
  std::int64_t next_file_ = 0;  ///< the last ledger file number given out in this transaction
  mutable std::optional<ChainHead> head_;  ///< the chain's head in the write transaction open, once read
  mutable bool head_written_ = true;       ///< whether ledger_head holds head_
  mutable std::unique_ptr<pqxx::stream_to> copy_;  ///< the ledger's COPY, while open
  /// The ids of the ledger as the write transaction knows them (each a 64-bit hash: a hit is only a maybe): those
  /// it wrote, and, once `ids_complete_`, every stored one too (none stored, or all read once by a large import).
  /// (Mutable: a lookup, which changes nothing, may start the tracking and read the stored ids.)
  mutable Ids ids_ = Ids::untracked;
  mutable bool ids_complete_ = false;
  mutable std::int64_t stored_entries_ = 0;  ///< entries in the ledger when tracking began
  std::int64_t written_now_ = 0;             ///< entries written since
  mutable std::int64_t misses_ = 0;          ///< lookups of ids that no entry has, in this transaction
  mutable std::unordered_set<std::uint64_t> id_hashes_;
  std::unordered_set<std::string> reversed_now_;  ///< entries reversed by entries this transaction wrote
  /// The last entries this transaction wrote, as a reversal checks them (a correction follows its entry soon).
  std::unordered_map<std::string, ReversalTarget> recent_;
  std::deque<std::string> recent_order_;
  /// Stored entries of a sheet's file read ahead in this transaction (read_sheet_ahead), by id, with the revision
  /// of the entry reversing each (kept up to date by tracked(); forgotten with the ids).
  struct SheetEntry
  {
    StoredEntry entry;
    std::optional<std::int64_t> reversed_in;
  };
  mutable std::unordered_map<std::string, SheetEntry> sheet_ahead_;
  /// Whether ledger_aliases holds any row, once the transaction asked (ledger_alias; forgotten with the ids).
  mutable std::optional<bool> any_alias_;
};

}  // namespace klynge

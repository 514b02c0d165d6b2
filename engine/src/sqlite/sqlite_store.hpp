#pragma once
// The SQLite backend of the store: one file, one connection per Store, SQL kept in the files of this folder.

#include <functional>
#include <memory>
#include <string>

#include "klynge/store.hpp"

namespace klynge::detail {
struct CancelledRevisions;
}

namespace SQLite {
class Database;
}

namespace klynge {

class SqliteStore final : public Store
{
public:
  SqliteStore(const std::string& path, Access access);
  ~SqliteStore() override;
  /// Creates the database file (or brings an older one up to date); false when it was already current.
  static bool init(const std::string& path);
  /// An in-memory database with the schema applied.
  static std::unique_ptr<SqliteStore> in_memory();

  int schema_version() const override;
  const std::string& path() const override { return path_; }
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
  std::vector<SheetEntry> sheet_entries(std::int64_t sheet) const override;
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
  std::int64_t ledger_magnitude() const override;
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

protected:
  void begin(Transaction::Kind kind) override;
  void commit() override;
  void rollback() noexcept override;

private:
  SqliteStore();
  Dataset load_tables(Ledger ledger, std::optional<std::int64_t> known_at, RecordKinds kinds) const;
  /// The records `sql_of(spec)` reads for each kind of `kinds` but the ledger: a stamp (a revision), then the kind's
  /// stored columns; each record stamped so.
  Dataset stamped_records(RecordKinds kinds, const std::function<std::string(const FileSpec&)>& sql_of) const;
  /// Keeps the stored version of a row in record_versions, superseded or retired by `retired`.
  void save_version(const FileSpec& spec, std::int64_t row, std::int64_t retired);
  /// The rowid of the stored record with the identity of record i of `data`.
  std::optional<std::int64_t> row_of(const FileSpec& spec, const Dataset& data, std::size_t i) const;
  /// Replaces the stored record of record i's identity by it, keeping the stored one as an earlier version.
  void supersede(const FileSpec& spec, const Dataset& data, std::size_t i);
  /// `body 'nord'`: a stored row named by its kind and identity.
  std::string label_of(const FileSpec& spec, const std::string& source, std::int64_t row) const;
  /// Undo (undo_cancelled.hpp): the revision whose version a record's row is, and the rows of `table` as revision
  /// `r` left them, each with whether `r` superseded an earlier version of it.
  std::int64_t content_origin_of(const std::string& table, std::int64_t row, std::int64_t current,
                                 const detail::CancelledRevisions& cancelled) const;
  std::vector<std::pair<std::int64_t, bool>> rows_of_revision(const std::string& table, std::int64_t r,
                                                              const detail::CancelledRevisions& cancelled) const;
  struct Statements;
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  mutable std::unique_ptr<Statements> statements_;  ///< prepared once, reused for every entry
  std::int64_t revision_ = 0;   ///< the revision being written (begin_revision)
  std::int64_t next_file_ = 0;  ///< the last ledger file number given out in this transaction
};

}  // namespace klynge

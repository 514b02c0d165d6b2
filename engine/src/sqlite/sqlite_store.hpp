#pragma once
// The SQLite backend of the store: one file, one connection per Store, SQL kept in the files of this folder.

#include <memory>
#include <string>

#include "klynge/store.hpp"

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
  Dataset load(Ledger ledger = Ledger::all) const override;
  std::optional<StoredEntry> ledger_entry(const std::string& id) const override;
  bool is_reversed(const std::string& id) const override;
  std::int64_t ledger_magnitude() const override;
  std::int64_t last_ledger_seq() const override;
  bool insert_entry(const LedgerEntry& e) override;
  std::vector<std::size_t> insert_entries(const std::vector<LedgerEntry>& entries) override;
  std::vector<OverRelease> over_released(std::int64_t after_seq) const override;
  std::optional<std::string> imported_on(const std::string& sha256) const override;
  void write(const ImportPlan& plan, const std::string& today) override;
  void update_totals(std::int64_t after_seq) override;
  void rebuild_totals() override;
  std::vector<std::string> totals_problems() const override;
  std::unique_ptr<LedgerSums> sums() const override;
  void read_consistently(const std::function<void()>& f) const override;
  std::vector<std::string> schema_problems() const override;
  std::vector<std::string> integrity_problems() const override;
  std::vector<std::string> reversal_problems() const override;
  ChainHead ledger_head() const override;
  std::vector<std::string> ledger_hashes() const override;
  std::vector<std::string> chain_problems() const override;
  void backup_to(const std::string& target) const override;

protected:
  void begin(Transaction::Kind kind) override;
  void commit() override;
  void rollback() noexcept override;

private:
  SqliteStore();
  Dataset load_tables(Ledger ledger) const;
  struct Statements;
  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
  mutable std::unique_ptr<Statements> statements_;  ///< prepared once, reused for every entry
};

}  // namespace klynge

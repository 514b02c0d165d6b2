#pragma once
/// @file store.hpp
/// @brief What the engine asks of a database: opening and migrating it, reading every record, writing an import
/// in one transaction, the ledger's sums, integrity checks, online backup. An interface: SQLite implements it
/// (engine/src/sqlite/), and nothing above this header knows which backend it talks to.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "klynge/chain.hpp"
#include "klynge/interchange.hpp"
#include "klynge/ledger_sums.hpp"
#include "klynge/model.hpp"

namespace klynge {

/// What an import writes: new records, the done dates that existing milestones gain, and the
/// fingerprints of the files it read.
struct ImportPlan
{
  Dataset inserts;
  std::vector<Milestone> milestone_updates;
  struct File
  {
    std::string sha256, name;
  };
  std::vector<File> files;
};

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
  /// Every record, in the order it was written (in one read transaction unless one is open).
  virtual Dataset load(Ledger ledger = Ledger::all) const = 0;

  // The ledger, one entry at a time: what an import needs to check and write a file of any size.
  /// A stored entry, as much of it as the checks need.
  struct StoredEntry
  {
    std::int64_t seq = 0;
    std::string id, body, initiative, counterparty, reverses, origin;
    EntryKind kind = EntryKind::receipt;
    Money amount;
    Date date;
  };
  virtual std::optional<StoredEntry> ledger_entry(const std::string& id) const = 0;
  /// Whether some entry reverses this one.
  virtual bool is_reversed(const std::string& id) const = 0;
  /// The amounts of the ledger without their sign, added up; max_total_ore when they add up to more.
  virtual std::int64_t ledger_magnitude() const = 0;
  /// The highest sequence number of the ledger (0 when empty): entries written after it are this import's.
  virtual std::int64_t last_ledger_seq() const = 0;
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
  };
  /// The first such release per (body, initiative); reservations count before releases on the same day.
  virtual std::vector<OverRelease> over_released(std::int64_t after_seq) const = 0;

  /// When the file with this SHA-256 was imported, if it was.
  virtual std::optional<std::string> imported_on(const std::string& sha256) const = 0;
  /// Writes the plan inside the open write transaction (see Transaction); nothing is kept unless it commits.
  virtual void write(const ImportPlan& plan, const std::string& today) = 0;
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
  /// load() (see read_consistently) so that both see one moment; the Store must outlive the result.
  virtual std::unique_ptr<LedgerSums> sums() const = 0;
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
  // The ledger's chain (chain.hpp): every entry written carries its hash, and the head moves with it.
  /// The head recorded with the last write: how many entries the chain has, and the last one's hash.
  /// @throws DatabaseError when the record of it is missing.
  virtual ChainHead ledger_head() const = 0;
  /// Every entry's stored hash in the order written (the ledger's order), empty for an entry that has none.
  virtual std::vector<std::string> ledger_hashes() const = 0;
  /// The entries whose hash does not follow from their columns and the hash stored before them (up to 10, in the
  /// order written, the first first), and a chain that does not reach the recorded head (a deleted last entry, one
  /// put in after it), as text; empty when the chain holds.
  virtual std::vector<std::string> chain_problems() const = 0;
  /// An online copy, safe while others use the database.
  virtual void backup_to(const std::string& target) const = 0;

protected:
  Store() = default;
  // What a Transaction asks of the backend.
  virtual void begin(Transaction::Kind kind) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
};

// The database file itself (SQLite): what backup and restore copy.

/// Copies the database `from` over `to` with SQLite's online backup, leaving `from` untouched (an older
/// schema is migrated when `to` is next opened, not in the backup).
/// @throws DatabaseError when `from` is not a klynge database this program can read.
void copy_database(const std::string& from, const std::string& to);

/// Checks that `path` is a klynge database this program can read; returns its schema version.
/// @throws DatabaseError otherwise.
int probe_database(const std::string& path);

}  // namespace klynge

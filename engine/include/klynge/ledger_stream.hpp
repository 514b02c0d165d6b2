#pragma once
/// @file ledger_stream.hpp
/// @brief Checks and writes ledger entries one at a time inside an import's write transaction, so that a
/// ledger file of any size streams: ids, references and reversals are checked against the database (which
/// holds this import's earlier entries too), and releases against reservations once all are written.

#include <string>
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
  };

  LedgerStream(Store& store, Known known, std::vector<Diagnostic>& problems);

  /// Checks one entry; writes it when it is good, else records the problems. While the import has no
  /// problem, good entries are written in batches (Store::insert_entries); a taken id is then reported where
  /// it would have been reported at once, before the problems of later rows.
  void add(LedgerEntry& e);
  /// The checks that need every entry (no release beyond what is reserved); then, when all is well, brings
  /// the running totals up to date with the entries written.
  void finish();
  std::size_t written() const { return written_; }

private:
  /// Writes the entries held for a batch; reports those whose id is taken.
  void flush();
  /// Counts an entry written.
  void written(const LedgerEntry& e);
  void finish_checks();
  /// The problem of an entry whose id is taken: by an earlier entry of this import, or one stored before.
  Diagnostic id_problem(const LedgerEntry& e) const;
  Store& store_;
  Known known_;
  std::vector<Diagnostic>& problems_;
  std::int64_t first_seq_;
  std::int64_t magnitude_;  ///< the amounts of the ledger without their sign, added up (at most max_total_ore)
  std::size_t written_ = 0;
  Source place_;  ///< the columns of the entries written (a file's header, or the options of `add`)
  std::vector<LedgerEntry> batch_;  ///< good entries not yet written, held while there are no problems
};

}  // namespace klynge

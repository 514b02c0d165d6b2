// What a write transaction on PostgreSQL knows of the ledger's ids without asking the server, so that an import's
// batches go on into one open COPY (pg_ledger.cpp) instead of a look-up before each: the ids it wrote, and the
// stored ones once known (none, for a first import; else read once by an import large against the ledger, or by
// one whose lookups found many ids unknown: a sheet's new rows). Each id is kept as a 64-bit hash, so a hit only
// says "maybe": the server is asked then, as before. The last entries written are kept as a reversal checks them: a
// correction usually follows its entry closely.
#include "pg_store.hpp"

#include <functional>

namespace klynge {

namespace {

std::uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

/// An id COPY's text writes as it is (what it escapes, the ids are never told free by hash).
bool plain(std::string_view id) { return id.find_first_of("\\\b\f\n\r\t\v") == std::string_view::npos; }

/// How many of the last entries written are kept for the reversals that follow them.
constexpr std::size_t recent_kept = 256;

/// The stored ids are read once an import has written this many entries, and a 16th as many as the ledger held: a
/// small import into a large ledger asks the server per batch instead.
constexpr std::int64_t read_stored_after = 1024;

/// Or once this many lookups found no entry, and a 128th as many as the ledger held: a sheet's new rows are each
/// looked up by their content id before they are written, a round trip each, and sending the server's ids costs
/// about as much per few hundred ids as one round trip (a 5,000-row month into 100k lines: 5,000 round trips
/// against 100k ids by COPY).
constexpr std::int64_t read_stored_after_misses = 256;

}  // namespace

void PgStore::track_ids() const
{
  if (ids_ != Ids::untracked || !in_tx_) return;
  // Before the transaction writes its first entry: whether any is stored.
  ids_ = Ids::tracking;
  stored_entries_ = head_now().entries;
  ids_complete_ = exec("SELECT NOT EXISTS (SELECT 1 FROM ledger)")[0][0].as<bool>();
}

void PgStore::tracked(const LedgerEntry& e)
{
  if (!e.reverses.empty())
    if (auto at = sheet_ahead_.find(e.reverses); at != sheet_ahead_.end()) at->second.reversed_in = revision_;
  if (ids_ != Ids::tracking) return;
  ++written_now_;
  id_hashes_.insert(id_hash(e.id));
  if (!e.reverses.empty()) reversed_now_.insert(e.reverses);
  recent_.insert_or_assign(e.id, ReversalTarget{e.id, e.body, e.initiative, e.counterparty, e.reverses, e.kind, e.amount,
                                                e.date, false});
  recent_order_.push_back(e.id);
  if (recent_order_.size() > recent_kept) {
    recent_.erase(recent_order_.front());
    recent_order_.pop_front();
  }
}

bool PgStore::surely_free(const std::string& id) const
{
  return ids_ == Ids::tracking && ids_complete_ && plain(id) && !id_hashes_.count(id_hash(id));
}

bool PgStore::all_free(const std::vector<LedgerEntry>& entries)
{
  if (ids_ != Ids::tracking) return false;
  if (!ids_complete_ && written_now_ >= read_stored_after && written_now_ * 16 >= stored_entries_) read_stored_ids();
  for (const auto& e : entries)
    if (!surely_free(e.id)) return false;
  return true;
}

void PgStore::read_stored_ids() const
{
  // Every stored id (and those written so far, which are known already), once.
  copy_rows("SELECT id FROM ledger", [&](std::string_view line) {
    if (plain(line)) id_hashes_.insert(id_hash(line));
  });
  ids_complete_ = true;
}

void PgStore::missed() const
{
  if (!writing_ || ids_ == Ids::off || ids_complete_) return;
  if (++misses_ < read_stored_after_misses) return;
  track_ids();
  if (ids_ == Ids::tracking && !ids_complete_ && misses_ * 128 >= stored_entries_) read_stored_ids();
}

void PgStore::forget_ids(Ids state)
{
  ids_ = state;
  ids_complete_ = false;
  stored_entries_ = written_now_ = misses_ = 0;
  id_hashes_.clear();
  reversed_now_.clear();
  recent_.clear();
  recent_order_.clear();
  sheet_ahead_.clear();
  any_alias_.reset();
}

std::optional<Store::ReversalTarget> PgStore::reversal_target(const std::string& id) const
{
  if (ids_ == Ids::tracking)
    if (auto at = recent_.find(id); at != recent_.end()) {
      // Written by this transaction, so no entry stored before it reverses it (a stored reversal names an entry
      // that was stored at its commit, and none is ever deleted): only one this transaction wrote may.
      ReversalTarget t = at->second;
      t.reversed = reversed_now_.count(id) > 0;
      return t;
    }
  if (surely_free(id)) return std::nullopt;
  return Store::reversal_target(id);
}

}  // namespace klynge

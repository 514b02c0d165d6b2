// What every backend of the store shares: transactions, and choosing the backend for a database (a `scheme://`
// address names a server, anything else a SQLite file).
#include "klynge/store.hpp"
#include "undo_cancelled.hpp"

#include <unordered_map>

#include "klynge/error.hpp"
#include "klynge/server.hpp"
#include "postgresql/pg_backend.hpp"
#include "sqlite/sqlite_store.hpp"

namespace klynge {

Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, Access access)
{
  if (names_server(path)) return pg::open(path, access);
  return std::make_unique<SqliteStore>(path, access);
}

bool Store::init(const std::string& path)
{
  // No roles named: a new database gets klynge_read and klynge_write, one made already (`init --roles P` by its
  // owner, then `copy --to` it) keeps its own.
  if (names_server(path)) return init_server(path, std::nullopt);
  return SqliteStore::init(path);
}

std::unique_ptr<Store> Store::in_memory() { return SqliteStore::in_memory(); }

void name_sheets(std::vector<LedgerEntry>& ledger)
{
  std::unordered_map<std::string, std::string> first;  // the sheet's number -> its first entry's id
  for (LedgerEntry& e : ledger)
    if (!e.sheet.empty()) e.sheet = first.try_emplace(e.sheet, e.id).first->second;
}

std::optional<Store::ReversalTarget> Store::reversal_target(const std::string& id) const
{
  auto e = ledger_entry(id);
  if (!e) return std::nullopt;
  const bool reversed = is_reversed(e->id);
  return ReversalTarget{e->id, e->body, e->initiative, e->counterparty, e->reverses, e->kind, e->amount, e->date, reversed};
}

const std::vector<std::string>& Store::copied_tables()
{
  static const std::vector<std::string> tables = {
      "bodies",       "groups",    "initiatives", "meetings",        "decisions",    "changes",        "ledger",
      "estimates",    "milestones", "settings",   "indicators",      "measurements", "sharing_keys",   "revisions",
      "record_versions", "ledger_files", "ledger_aliases", "ledger_keys", "ledger_days", "ledger_years", "ledger_head"};
  return tables;
}

std::vector<std::string> revision_head_problems(const Store& store)
{
  constexpr std::size_t listed = 10;
  std::vector<std::string> out;
  const auto runs = store.ledger_runs();
  for (std::size_t i = 1; i < runs.size() && out.size() < listed; ++i)
    if (runs[i].first_seq < runs[i - 1].last_seq)
      out.push_back("the ledger's entries of revision " + std::to_string(runs[i].revision) + " begin (seq " +
                    std::to_string(runs[i].first_seq) + ") before those of revision " +
                    std::to_string(runs[i - 1].revision) + " end (seq " + std::to_string(runs[i - 1].last_seq) +
                    "): entries are written in revision order, so an entry's revision was changed");
  std::int64_t entries = 0;
  std::string head(chain_start);
  std::size_t next = 0;
  for (const auto& r : store.revisions()) {
    for (; next < runs.size() && runs[next].revision <= r.number; ++next) {
      entries += runs[next].entries;
      head = runs[next].last_hash;
    }
    if (!r.entries || out.size() >= listed) continue;  // a revision recorded before schema 14 by an older program
    if (*r.entries != entries)
      out.push_back("revision " + std::to_string(r.number) + " was recorded with " + std::to_string(*r.entries) +
                    " entries in the ledger after it, and the ledger holds " + std::to_string(entries) +
                    " entries of revisions up to it: entries were " +
                    (entries < *r.entries ? "deleted, or moved to a later revision"
                                           : "put in behind klynge's back, or moved from a later revision"));
    else if (r.head != head)
      out.push_back("revision " + std::to_string(r.number) + " was recorded with the head " + r.head +
                    ", and the ledger's entries up to it end in " + head + ": the chain was rewritten");
  }
  return out;
}

std::size_t copy_whole_database(const Store& source, Store& target, const std::function<void()>& compare,
                                const std::string& not_empty)
{
  std::size_t revisions = 0;
  Store::Transaction write(target, Store::Transaction::Kind::write);
  // Looked at inside the write: two copies (or restores) into one empty database at once, the second is told so.
  if (target.last_revision() != 0 || target.last_ledger_seq() != 0 || target.load(Store::Ledger::none).size() != 0)
    throw DataError(target.path() + " holds data already; " + not_empty);
  source.read_consistently([&]() {
    for (const auto& table : Store::copied_tables()) target.load_table(table, source.dump_table(table));
    revisions = source.revisions().size();
    if (compare) compare();
  });
  write.commit();
  return revisions;
}

Store::Transaction::Transaction(Store& store, Kind kind) : store_(store) { store_.begin(kind); }

Store::Transaction::~Transaction()
{
  if (open_) store_.rollback();
}

void Store::Transaction::commit()
{
  store_.commit();
  open_ = false;
}

UndoDependent entry_dependent(std::string what)
{
  return {std::move(what), "undo that first, or reverse entries instead"};
}

UndoDependent reversed_in(const std::string& id, std::int64_t by, const std::vector<Revision>& revisions)
{
  std::string what = "entry '" + id + "' is reversed in revision " + std::to_string(by);
  // That reversal undone since: the entry came back in the undo, which is what to take back now.
  if (const auto u = detail::undone_by(revisions, by))
    return {what + ", which revision " + std::to_string(*u) + " undid (the entry came back then)",
            "undo revision " + std::to_string(*u) + " instead, or reverse entries"};
  return entry_dependent(std::move(what));
}

UndoDependent record_dependent(std::string what)
{
  return {std::move(what), "undo that first, or correct it"};
}

UndoDependent sheet_went_on(const std::string& id, std::int64_t revision)
{
  const std::string r = std::to_string(revision);
  return {"entry '" + id + "' is of a sheet whose later version came in revision " + r,
          "that version may hold a corrected row in its place, and the entry would count beside it: undo revision " + r +
              " first, then this, and import the sheet's latest version again"};
}

UndoDependent came_again(const std::string& id, std::int64_t revision, const std::optional<CameAgainReversal>& reversal)
{
  std::string what = "entry '" + id + "' came again in revision " + std::to_string(revision);
  if (!reversal) return entry_dependent(std::move(what));
  // Reversed only later: until then both would count. Its revision cannot be undone either (the reversal depends
  // on it); reversing that reversal keeps the re-entry counting on instead.
  what += " and is reversed only from " + reversal->date + " (in revision " + std::to_string(reversal->revision) +
          "), after the date the entry would come back on";
  if (reversal->reversed_too) return {std::move(what), "reverse or add entries instead"};
  return {std::move(what), "reverse that reversal to have '" + id + "' count on instead"};
}

}  // namespace klynge

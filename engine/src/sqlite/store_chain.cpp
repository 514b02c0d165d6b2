// The ledger's chain (schema 7): each entry's hash over the one before it and its own columns, the head kept with
// it, built over the stored entries by the migration and checked again by `check` and `restore`.
#include "store_chain.hpp"

#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "sqlite_store.hpp"
#include "store_statements.hpp"

namespace klynge {

using namespace detail;

namespace {

/// An entry as the chain sees it: where it is, its id, its stored hash (empty when it has none) and the hash its
/// columns give after the hash stored before it.
struct Link
{
  std::int64_t seq = 0;
  std::string id, stored, computed;
};

/// Walks the ledger in seq order, `chunk` entries to a statement (the statement is done before `between` runs, so
/// that it may write), computing each entry's hash after `previous(link)`; stops when `each` returns false.
void walk(SQLite::Database& db, const std::function<std::string_view()>& previous, const std::function<bool(Link&)>& each,
          const std::function<void()>& between = {}, int chunk = 4096)
{
  const FileSpec& spec = ledger_spec();
  SQLite::Statement q(db, "SELECT seq, hash, " + column_list(spec) + " FROM " + std::string(spec.table) +
                              " WHERE seq > ? ORDER BY seq LIMIT " + std::to_string(chunk));
  std::vector<int> index;
  for (const auto& c : spec.stored) index.push_back(q.getColumnIndex(std::string(c.stored).c_str()));
  const int id_at = q.getColumnIndex(std::string(stored_name(spec, "id")).c_str());
  std::vector<DbValue> values(spec.stored.size());
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  while (true) {
    q.reset();
    q.bind(1, after);
    int rows = 0;
    while (q.executeStep()) {
      ++rows;
      for (std::size_t i = 0; i < index.size(); ++i) values[i] = read_value(q.getColumn(index[i]));
      Link link;
      link.seq = after = q.getColumn(0).getInt64();
      link.stored = q.getColumn(1).isNull() ? std::string() : q.getColumn(1).getString();
      link.id = q.getColumn(id_at).isText() ? q.getColumn(id_at).getString() : std::string();
      link.computed = chain_hash(previous(), values);
      if (!each(link)) return;
    }
    q.reset();
    if (between) between();
    if (rows < chunk) return;
  }
}

}  // namespace

namespace detail {

std::optional<ChainHead> read_head(SQLite::Database& db)
{
  SQLite::Statement q(db, read_head_sql);
  if (!q.executeStep()) return std::nullopt;
  return ChainHead{q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

void write_head(SQLite::Database& db, const ChainHead& head)
{
  SQLite::Statement s(db, write_head_sql);
  s.bind(1, head.entries);
  s.bind(2, head.head);
  if (s.exec() != 1) throw DatabaseError("the ledger's head (table ledger_head) has no row: run `klynge check`");
}

void build_chain(SQLite::Database& db)
{
  // The append-only trigger refuses the UPDATE that stores each hash: it stands aside for this step, inside the
  // migration's transaction, and comes back exactly as it was.
  const std::string trigger =
      db.execAndGet("SELECT ifnull(max(sql), '') FROM sqlite_schema WHERE type = 'trigger' AND name = 'ledger_no_update'")
          .getString();
  if (!trigger.empty()) db.exec("DROP TRIGGER ledger_no_update");
  ChainHead head;
  std::vector<std::pair<std::int64_t, std::string>> hashes;
  SQLite::Statement store(db, "UPDATE ledger SET hash = ? WHERE seq = ?");
  walk(
      db, [&]() -> std::string_view { return head.head; },
      [&](Link& link) {
        head.head = link.computed;
        ++head.entries;
        hashes.emplace_back(link.seq, std::move(link.computed));
        return true;
      },
      [&]() {
        for (const auto& [seq, hash] : hashes) {
          store.bind(1, hash);
          store.bind(2, seq);
          store.exec();
          store.reset();
        }
        hashes.clear();
      });
  if (!trigger.empty()) db.exec(trigger);
  write_head(db, head);
}

}  // namespace detail

ChainHead SqliteStore::ledger_head() const
{
  try {
    if (auto head = read_head(*db_)) return *head;
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  throw DatabaseError("the database " + path_ + " has no ledger head (table ledger_head is empty): run `klynge check`");
}

std::vector<std::string> SqliteStore::ledger_hashes() const
{
  std::vector<std::string> out;
  try {
    SQLite::Statement q(*db_, "SELECT ifnull(hash, '') FROM ledger ORDER BY seq");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::vector<Store::LedgerRun> SqliteStore::ledger_runs() const
{
  std::vector<LedgerRun> out;
  try {
    SQLite::Statement q(*db_, "WITH r AS (SELECT revision, count(*) AS n, min(seq) AS f, max(seq) AS m FROM ledger GROUP BY revision) "
      "SELECT r.revision, r.n, r.f, r.m, coalesce(l.hash, '') FROM r JOIN ledger l ON l.seq = r.m ORDER BY r.revision");
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64(), q.getColumn(4).getString()});
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::vector<std::string> SqliteStore::chain_problems() const
{
  constexpr std::size_t listed = 10;
  std::vector<std::string> out;
  try {
    // Each entry is checked against the hash stored before it, so that every place where the chain breaks is
    // found on its own: an entry changed in place breaks at itself, one deleted (or moved to the end by INSERT OR
    // REPLACE) at the entry after it.
    std::string previous(chain_start), last_id;
    std::int64_t entries = 0, previous_seq = 0;
    std::size_t breaks = 0;
    walk(
        *db_, [&]() -> std::string_view { return previous; },
        [&](Link& link) {
          ++entries;
          if (link.stored != link.computed && ++breaks <= listed) {
            std::string why;
            if (link.stored.empty())
              why = "it has no hash (it was written behind klynge's back)";
            else if (link.seq != previous_seq + 1)
              why = "its hash does not follow from the entry before it, and the entry written before it (seq " +
                    std::to_string(link.seq - 1) + ") is missing: deleted, or moved by INSERT OR REPLACE";
            else
              why = "its hash does not follow from its columns and the entry before it: it was changed after it was "
                    "written" + std::string(entries > 1 ? ", or an entry before it was deleted" : "");
            out.push_back("the ledger's chain breaks at entry '" + link.id + "' (number " + std::to_string(entries) +
                          " in the order written, seq " + std::to_string(link.seq) + "): " + why);
          }
          previous = std::move(link.stored);
          previous_seq = link.seq;
          last_id = std::move(link.id);
          return true;
        });
    if (breaks > listed)
      out.push_back("the ledger's chain breaks at " + std::to_string(breaks - listed) + " more entries (not listed)");
    const auto head = read_head(*db_);
    if (!head) {
      out.push_back("the ledger's head (table ledger_head) is missing: the chain cannot show that no last entry was "
                    "deleted");
    } else if (head->entries > entries) {
      out.push_back("the ledger holds " + std::to_string(entries) + " entries, and its head was written after " +
                    std::to_string(head->entries) +
                    (breaks ? ": entries were deleted"
                            : ": entry number " + std::to_string(entries + 1) +
                                  (entries ? " (the one after '" + last_id + "')" : std::string(" (the first)")) +
                                  " and any after it were deleted"));
    } else if (head->entries < entries) {
      // The entries beyond the head's count were not written by klynge: name the first of them.
      SQLite::Statement q(*db_, "SELECT ifnull(id, '') FROM ledger ORDER BY seq LIMIT 1 OFFSET ?");
      q.bind(1, head->entries);
      const std::string first = q.executeStep() ? q.getColumn(0).getString() : std::string();
      out.push_back("the ledger's head was written after " + std::to_string(head->entries) + " entries, and it holds " +
                    std::to_string(entries) + ": entry '" + first + "' (number " + std::to_string(head->entries + 1) +
                    ") and any after it were put in behind klynge's back");
    } else if (head->head != previous && breaks == 0) {
      out.push_back("the ledger's last entry" + (entries ? " '" + last_id + "'" : std::string()) +
                    " does not end in the head recorded (" + head->head + "): the chain was rewritten");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

}  // namespace klynge

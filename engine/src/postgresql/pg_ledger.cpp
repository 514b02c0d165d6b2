// The ledger table on PostgreSQL: entries written one at a time or many to a statement, each with its hash in the
// chain (computed here, in C++, as on SQLite: chain.cpp has the canonical form), looked up by id; the head moves
// with them in the same transaction.
#include <algorithm>
#include <array>
#include <set>
#include <variant>

#include "klynge/chain.hpp"
#include "pg_records.hpp"
#include "record_fields.hpp"

namespace klynge {

using namespace pgd;
using namespace detail;

namespace {

const FileSpec& ledger_spec() { return spec_for(RecordKind::ledger); }

/// The ledger's stored columns and its hash, revision and sheet_file: the columns an import copies into it.
constexpr std::size_t copied_columns = 16;

}  // namespace

namespace {

/// A stored entry from a row of `SELECT seq, revision, sheet_file, <the ledger's columns>`.
Store::StoredEntry stored_entry(const pqxx::row& q)
{
  Store::StoredEntry e;
  auto text = [&](const ColumnSpec& c) {
    const auto& f = q[std::string(c.stored)];
    return f.is_null() ? std::string() : f.as<std::string>();
  };
  e.seq = q["seq"].as<std::int64_t>();
  e.revision = q["revision"].as<std::int64_t>();
  if (!q["sheet_file"].is_null()) e.sheet_file = q["sheet_file"].as<std::int64_t>();
  e.id = text(column::id);
  e.body = text(column::body);
  e.initiative = text(column::initiative);
  e.counterparty = text(column::counterparty);
  e.category = text(column::category);
  e.source = text(column::source);
  e.decision = text(column::decision);
  e.reverses = text(column::reverses);
  e.origin = text(column::origin);
  e.note = text(column::note);
  e.kind = parse_enum<EntryKind>(text(column::kind));
  e.amount = Money::from_ore(q[std::string(column::amount.stored)].as<std::int64_t>());
  e.date = parse_date(text(column::date));
  return e;
}

/// How many entries (by seq) are read ahead at once, of which those of the sheet's file are kept (read_sheet_ahead).
constexpr int sheet_window = 4096;

}  // namespace

std::optional<Store::StoredEntry> PgStore::ledger_entry(const std::string& id) const
{
  if (surely_free(id)) return std::nullopt;  // asked of each new reversal's own id: the COPY stays open
  if (auto at = sheet_ahead_.find(id); at != sheet_ahead_.end()) return at->second.entry;
  const auto r = exec("SELECT seq, revision, sheet_file, " + column_list(ledger_spec()) + " FROM ledger WHERE id = " + lit(id));
  if (r.empty()) {
    missed();
    return std::nullopt;
  }
  StoredEntry e = stored_entry(r[0]);
  if (in_tx_ && e.sheet_file) read_sheet_ahead(*e.sheet_file, e.seq);
  return e;
}

void PgStore::read_sheet_ahead(std::int64_t file, std::int64_t seq) const
{
  // A grown sheet sent again repeats its known rows in the order they were stored: the entries of the same file
  // from this one on are read in one statement, instead of two round trips per row (this lookup and whether it is
  // reversed: 100k known rows took two minutes).
  sheet_ahead_.clear();
  // A range of seq, not `seq >= ` with a LIMIT: right after a large import, before the server analysed the table
  // again, it took the file's rows for a few hundred and read every later entry for each window (0.35 s each at 1M).
  for (const auto& q : exec("SELECT seq, revision, sheet_file, " + column_list(ledger_spec()) +
                            ", (SELECT r.revision FROM ledger r WHERE r.reverses = l.id) AS reversed_in FROM ledger l "
                            "WHERE sheet_file = " + std::to_string(file) + " AND seq BETWEEN " + std::to_string(seq) + " AND " +
                            std::to_string(seq + sheet_window - 1))) {
    SheetEntry s{stored_entry(q), std::nullopt};
    if (!q["reversed_in"].is_null()) s.reversed_in = q["reversed_in"].as<std::int64_t>();
    std::string id = s.entry.id;
    sheet_ahead_.emplace(std::move(id), std::move(s));
  }
}

bool PgStore::is_reversed(const std::string& id) const { return reversed_in(id).has_value(); }

std::optional<std::int64_t> PgStore::reversed_in(const std::string& id) const
{
  if (auto at = sheet_ahead_.find(id); at != sheet_ahead_.end()) return at->second.reversed_in;
  const auto r = exec("SELECT revision FROM ledger WHERE reverses = " + lit(id));
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

std::vector<std::string> PgStore::undone_by_imported_undo() const
{
  std::vector<std::string> out;
  for (const auto& row : exec("SELECT r.reverses FROM ledger r WHERE r.reverses IS NOT NULL AND r.note ~ "
                              "'^undo of revision [1-9][0-9]*$' AND NOT EXISTS (SELECT 1 FROM revisions v WHERE v.number = "
                              "r.revision AND v.undoes IS NOT NULL)"))
    out.push_back(row[0].as<std::string>());
  return out;
}

std::vector<Date> PgStore::pool_days_after(const std::set<std::string>& bodies, Date after, std::size_t limit) const
{
  std::vector<Date> out;
  if (bodies.empty()) return out;
  std::string list;
  for (const auto& b : bodies) list += (list.empty() ? "" : ", ") + lit(b);
  // The keys whose days can lower a pool's free money (not an expense, a release or a return), chosen first.
  const std::string keys = "FROM ledger_days d WHERE d.key IN (SELECT id FROM ledger_keys WHERE (body IN (" + list + ") AND " +
                           pool_lowering_kinds + ") OR (counterparty IN (" + list + ") AND kind = 'contribution')) AND d.day > " +
                           lit(after.iso());
  for (const std::string& sql : {"SELECT DISTINCT d.day " + keys + " ORDER BY d.day LIMIT " + std::to_string(limit),
                                 "SELECT max(d.day) " + keys})
    for (const auto& q : exec(sql))
      if (!q[0].is_null()) {
        const Date d = parse_date(q[0].as<std::string>());
        if (out.empty() || out.back() < d) out.push_back(d);
      }
  return out;
}

std::optional<LedgerEntry> PgStore::reversal_of(const std::string& id) const
{
  const auto r = exec("SELECT id FROM ledger WHERE reverses = " + lit(id));
  if (r.empty()) return std::nullopt;
  return full_entry(r[0][0].as<std::string>());
}

std::optional<LedgerEntry> PgStore::full_entry(const std::string& id) const
{
  const FileSpec& spec = ledger_spec();
  const auto r = exec("SELECT " + column_list(spec) + " FROM ledger WHERE id = " + lit(id));
  if (r.empty()) return std::nullopt;
  std::vector<DbValue> values(spec.stored.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    DbValue v = value_of(r[0][int(i)]);
    if (const auto* t = std::get_if<std::string_view>(&v)) v = std::string(*t);
    values[i] = std::move(v);
  }
  Dataset d;
  spec.ops->from_db(d, values);
  return std::move(d.ledger.front());
}

std::int64_t PgStore::last_ledger_seq() const
{
  return exec("SELECT coalesce(max(seq), 0) FROM ledger")[0][0].as<std::int64_t>();
}

std::int64_t PgStore::ledger_magnitude() const
{
  // Kept in the head by the transaction that writes entries (schema 11, update_totals), as on SQLite.
  const auto r = exec("SELECT magnitude FROM ledger_head WHERE one = 1");
  if (r.empty()) throw DatabaseError("the ledger's head (table ledger_head) has no row: run `klynge check`");
  return std::min(max_total_ore, r[0][0].as<std::int64_t>());
}

std::int64_t PgStore::summed_magnitude(std::int64_t after_seq) const
{
  // Summed as numeric: no overflow, whatever is stored.
  return exec("SELECT least(coalesce(sum(abs(amount::numeric)), 0), " + std::to_string(max_total_ore) +
              ")::bigint FROM ledger WHERE seq > " + std::to_string(after_seq))[0][0]
      .as<std::int64_t>();
}

ChainHead PgStore::head_now() const
{
  // Read once in a write transaction (which holds the writers' lock: no one else moves it meanwhile), then kept
  // here: an UPDATE of the one row per batch of entries leaves a version of it per batch that every later read
  // of the row walks past until the commit (11 s of 1M lines' import).
  if (head_) return *head_;
  const auto r = exec("SELECT entries, head FROM ledger_head WHERE one = 1");
  if (r.empty()) throw DatabaseError("the ledger's head (table ledger_head) has no row: run `klynge check`");
  ChainHead head{r[0][0].as<std::int64_t>(), r[0][1].as<std::string>()};
  if (in_tx_) head_ = head;
  return head;
}

void PgStore::record_head(const ChainHead& head)
{
  head_ = head;
  head_written_ = false;
}

void PgStore::write_head() const
{
  if (!head_ || head_written_) return;
  exec("UPDATE ledger_head SET entries = " + std::to_string(head_->entries) + ", head = " + lit(head_->head) +
       " WHERE one = 1");
  head_written_ = true;
}

ChainHead PgStore::ledger_head() const
{
  write_head();
  const auto r = exec("SELECT entries, head FROM ledger_head WHERE one = 1");
  if (r.empty())
    throw DatabaseError("the database " + db_ + " has no ledger head (table ledger_head is empty): run `klynge check`");
  return ChainHead{r[0][0].as<std::int64_t>(), r[0][1].as<std::string>()};
}

std::size_t PgStore::insert_rows(const LedgerEntry* entries, std::size_t n, ChainHead& head, bool skip_taken)
{
  const FileSpec& spec = ledger_spec();
  const auto& fields = kind_of<LedgerEntry>().fields;
  std::vector<DbValue> values;
  std::string last = head.head;
  std::size_t written = n;
  track_ids();
  if (skip_taken) {
    std::string sql = "INSERT INTO ledger (" + column_list(spec) + ", hash, revision, sheet_file) VALUES ";
    for (std::size_t i = 0; i < n; ++i) {
      values.clear();
      for (const auto& f : fields)
        if (!f.column.stored.empty()) values.push_back(f.to_db(entries[i]));
      last = chain_hash(last, values);
      sql += i ? ",(" : "(";
      for (const auto& v : values) sql += lit(v) + ",";
      sql += lit(last) + "," + std::to_string(revision_) + "," +
             (entries[i].sheet_file ? std::to_string(*entries[i].sheet_file) : std::string("NULL")) + ")";
    }
    sql += " ON CONFLICT (id) DO NOTHING";
    written = std::size_t(exec(sql).affected_rows());
    if (written == n)
      for (std::size_t i = 0; i < n; ++i) tracked(entries[i]);
    else if (written != 0)
      forget_ids(Ids::off);  // which were written is not told
  } else {
    // Many rows at once (no id among them taken): by COPY, which the server reads far faster than the literals of
    // an INSERT; the table's constraints and triggers hold for it as for an INSERT. The COPY stays open for the
    // next batches (end_copy): the server works through these rows while the program reads the next ones.
    // A row goes to libpqxx 6.4's stream_to as a tuple (an array here) of its texts, nullptr for NULL.
    std::array<const char*, copied_columns> row{};
    std::vector<std::string> text(row.size());
    try {
      if (!copy_) {
        std::vector<std::string> columns;
        for (const auto& c : spec.stored) columns.push_back("\"" + std::string(c.stored) + "\"");
        for (const char* c : {"hash", "revision", "sheet_file"}) columns.emplace_back(c);
        if (columns.size() != row.size()) throw std::logic_error("PgStore: the ledger has columns COPY does not name");
        copy_ = std::make_unique<pqxx::stream_to>(*n_, "ledger", columns);
      }
      for (std::size_t i = 0; i < n; ++i) {
        values.clear();
        for (const auto& f : fields)
          if (!f.column.stored.empty()) values.push_back(f.to_db(entries[i]));
        last = chain_hash(last, values);
        std::size_t c = 0;
        for (const auto& v : values) {
          if (std::holds_alternative<std::monostate>(v)) {
            row[c++] = nullptr;
            continue;
          }
          if (const auto* num = std::get_if<std::int64_t>(&v)) text[c] = std::to_string(*num);
          else text[c] = db_text(v);
          row[c] = text[c].c_str();
          ++c;
        }
        text[c] = last;
        row[c] = text[c].c_str();
        ++c;
        text[c] = std::to_string(revision_);
        row[c] = text[c].c_str();
        ++c;
        if (entries[i].sheet_file) {
          text[c] = std::to_string(*entries[i].sheet_file);
          row[c] = text[c].c_str();
        } else {
          row[c] = nullptr;
        }
        *copy_ << row;
        tracked(entries[i]);
      }
    } catch (const std::exception& e) {
      rethrow(e);
    }
  }
  if (written == n) {
    head.head = last;
    head.entries += std::int64_t(n);
  }
  return written;
}

bool PgStore::insert_entry(const LedgerEntry& e)
{
  ChainHead head = head_now();
  if (insert_rows(&e, 1, head, true) != 1) return false;
  record_head(head);
  return true;
}

std::vector<std::size_t> PgStore::insert_entries(const std::vector<LedgerEntry>& entries)
{
  std::vector<std::size_t> taken;
  if (!entries.empty()) {
    // A taken id (stored, or twice among these) would fail the whole statement and the transaction with it: look
    // first (in memory when the transaction knows the ids, else by the server), and write one by one only when one
    // is. A lone entry whose id is not surely free is written by insert_entry, which looks by itself.
    std::set<std::string_view> ids;
    bool clash = false;
    for (const auto& e : entries)
      if (!ids.insert(e.id).second) clash = true;
    track_ids();
    if (!clash && !all_free(entries)) {
      if (entries.size() == 1) {
        if (!insert_entry(entries[0])) taken.push_back(0);
        return taken;
      }
      std::string list;
      for (const auto& e : entries) list += (list.empty() ? "" : ",") + lit(e.id);
      clash = !exec("SELECT 1 FROM ledger WHERE id IN (" + list + ") LIMIT 1").empty();
    }
    if (!clash) {
      ChainHead head = head_now();
      insert_rows(entries.data(), entries.size(), head, false);
      record_head(head);
      return taken;
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (!insert_entry(entries[i])) taken.push_back(i);
  return taken;
}

std::vector<std::string> PgStore::ledger_hashes() const
{
  std::vector<std::string> out;
  for (const auto& row : exec("SELECT coalesce(hash, '') FROM ledger ORDER BY seq")) out.push_back(row[0].as<std::string>());
  return out;
}

}  // namespace klynge

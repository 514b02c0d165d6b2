// The ledger table: entries written one at a time or 64 to a statement, each with its hash in the chain, looked up
// by id.
#include "sqlite_store.hpp"
#include "klynge/chain.hpp"
#include "record_fields.hpp"
#include "store_statements.hpp"

namespace klynge {

using namespace detail;

namespace {

/// Binds the entries' columns, their hashes in the chain after `head` (which becomes the last one's hash), the
/// revision that writes them and the ledger file of a row without id; the texts are bound without a copy (measured:
/// 3–4 % of a 1M-line import went to copying them), so the entries and `values` must outlive the statement's run.
void bind_entries(SQLite::Statement& s, const LedgerEntry* entries, std::size_t n, std::vector<DbValue>& values,
                  std::int64_t revision, std::string& head)
{
  // Every value first, then the binding: a value's text must not move once bound.
  values.clear();
  const auto& fields = kind_of<LedgerEntry>().fields;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t first = values.size();
    for (const auto& f : fields)
      if (!f.column.stored.empty()) values.push_back(f.to_db(entries[i]));
    head = chain_hash(head, std::span<const DbValue>(values).subspan(first));
    values.push_back(head);
    values.push_back(revision);
    if (entries[i].sheet_file) values.push_back(*entries[i].sheet_file);
    else values.push_back(std::monostate{});
  }
  for (std::size_t i = 0; i < values.size(); ++i) bind_value(s, int(i) + 1, values[i]);
}

/// Runs an insert whose parameters `bind` sets; the statement is left reset and unbound either way (its texts
/// are bound without copies). Returns the rows changed.
template <class Bind> int run_insert(SQLite::Statement& s, Bind&& bind)
{
  struct Clean
  {
    SQLite::Statement& s;
    ~Clean()
    {
      s.tryReset();  // reset() would report a failed run again
      s.clearBindings();
    }
  } clean{s};
  s.reset();
  bind();
  return s.exec();
}

bool is_taken_id(const SQLite::Exception& e)
{
  // Since schema 5 the trigger ledger_no_replace refuses a taken id before the unique index does.
  return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE || e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY ||
         e.getExtendedErrorCode() == SQLITE_CONSTRAINT_TRIGGER;
}

}  // namespace

SqliteStore::SqliteStore() = default;
SqliteStore::~SqliteStore() = default;

std::optional<Store::StoredEntry> SqliteStore::ledger_entry(const std::string& id) const
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& q = statements_->find;
  q.reset();
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  StoredEntry e;
  // By name: the columns are the ledger's, as its description names them.
  auto text = [&](const ColumnSpec& c) { return std::string(db_text(read_value(q.getColumn(std::string(c.stored).c_str())))); };
  e.seq = q.getColumn("seq").getInt64();
  e.revision = q.getColumn("revision").getInt64();
  if (!q.getColumn("sheet_file").isNull()) e.sheet_file = q.getColumn("sheet_file").getInt64();
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
  e.amount = Money::from_ore(q.getColumn(std::string(column::amount.stored).c_str()).getInt64());
  e.date = parse_date(text(column::date));
  q.reset();
  return e;
}

bool SqliteStore::is_reversed(const std::string& id) const { return reversed_in(id).has_value(); }

std::optional<std::int64_t> SqliteStore::reversed_in(const std::string& id) const
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& q = statements_->reversed;
  q.reset();
  q.bind(1, id);
  std::optional<std::int64_t> found;
  if (q.executeStep()) found = q.getColumn(0).getInt64();
  q.reset();
  return found;
}

std::vector<std::string> SqliteStore::undone_by_imported_undo() const
{
  // Over the reversals alone (the partial index of `reverses`), few next to the entries.
  std::vector<std::string> out;
  try {
    SQLite::Statement q(*db_, "SELECT r.reverses FROM ledger r WHERE r.reverses IS NOT NULL AND r.note GLOB "
                              "'undo of revision [1-9]*' AND NOT substr(r.note, 18) GLOB '*[^0-9]*' AND NOT EXISTS (SELECT 1 FROM revisions v WHERE v.number = "
                              "r.revision AND v.undoes IS NOT NULL)");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

std::vector<Date> SqliteStore::pool_days_after(const std::set<std::string>& bodies, Date after, std::size_t limit) const
{
  std::vector<Date> out;
  if (bodies.empty()) return out;
  std::string marks;
  for (std::size_t i = 0; i < bodies.size(); ++i) marks += i ? ", ?" : "?";
  // The keys whose days can lower a pool's free money (not an expense, a release or a return), chosen first: then
  // each is one range of its days.
  const std::string keys = "FROM ledger_days d WHERE d.key IN (SELECT id FROM ledger_keys WHERE (body IN (" + marks + ") AND " +
                           pool_lowering_kinds + ") OR (counterparty IN (" + marks + ") AND kind = 'contribution')) AND d.day > ?";
  for (const std::string& sql : {"SELECT DISTINCT d.day " + keys + " ORDER BY d.day LIMIT " + std::to_string(limit),
                                 "SELECT max(d.day) " + keys}) {
    SQLite::Statement q(*db_, sql);
    int at = 1;
    for (int twice = 0; twice < 2; ++twice)
      for (const auto& b : bodies) q.bind(at++, b);
    q.bind(at, after.iso());
    while (q.executeStep())
      if (!q.getColumn(0).isNull()) {
        const Date d = parse_date(q.getColumn(0).getString());
        if (out.empty() || out.back() < d) out.push_back(d);
      }
  }
  return out;
}

std::optional<LedgerEntry> SqliteStore::reversal_of(const std::string& id) const
{
  SQLite::Statement q(*db_, "SELECT id FROM ledger WHERE reverses = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return full_entry(q.getColumn(0).getString());
}

std::optional<LedgerEntry> SqliteStore::full_entry(const std::string& id) const
{
  const FileSpec& spec = ledger_spec();
  SQLite::Statement q(*db_, "SELECT " + column_list(spec) + " FROM ledger WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  std::vector<DbValue> values(spec.stored.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Owned copies: the record outlives the statement.
    DbValue v = read_value(q.getColumn(int(i)));
    if (const auto* t = std::get_if<std::string_view>(&v)) v = std::string(*t);
    values[i] = std::move(v);
  }
  Dataset d;
  spec.ops->from_db(d, values);
  return std::move(d.ledger.front());
}

std::int64_t SqliteStore::last_ledger_seq() const { return db_->execAndGet("SELECT coalesce(max(seq), 0) FROM ledger").getInt64(); }

ChainHead SqliteStore::Statements::head_now()
{
  read_head.reset();
  if (!read_head.executeStep()) throw DatabaseError("the ledger's head (table ledger_head) has no row: run `klynge check`");
  ChainHead head{read_head.getColumn(0).getInt64(), read_head.getColumn(1).getString()};
  read_head.reset();
  return head;
}

void SqliteStore::Statements::record_head(const ChainHead& head)
{
  write_head.reset();
  write_head.bind(1, head.entries);
  write_head.bind(2, head.head);
  write_head.exec();
  write_head.reset();
}

bool SqliteStore::insert_entry(const LedgerEntry& e)
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& s = statements_->insert;
  try {
    ChainHead head = statements_->head_now();
    if (run_insert(s, [&]() { bind_entries(s, &e, 1, statements_->values, revision_, head.head); }) != 1) return false;
    ++head.entries;
    statements_->record_head(head);
    return true;
  } catch (const SQLite::Exception& ex) {
    if (is_taken_id(ex) && ledger_entry(e.id)) return false;
    rethrow_sqlite(ex, path_);
  }
}

std::vector<std::size_t> SqliteStore::insert_entries(const std::vector<LedgerEntry>& entries)
{
  std::vector<std::size_t> taken;
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  if (entries.size() == entry_batch) {
    SQLite::Statement& s = statements_->insert_batch;
    try {
      ChainHead head = statements_->head_now();
      run_insert(s, [&]() { bind_entries(s, entries.data(), entry_batch, statements_->values, revision_, head.head); });
      head.entries += std::int64_t(entry_batch);
      statements_->record_head(head);
      return taken;
    } catch (const SQLite::Exception& ex) {
      // A taken id fails the whole statement, which SQLite undoes: write them one by one to find it.
      if (!is_taken_id(ex)) rethrow_sqlite(ex, path_);
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (!insert_entry(entries[i])) taken.push_back(i);
  return taken;
}

}  // namespace klynge

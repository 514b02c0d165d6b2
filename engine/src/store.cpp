#include "klynge/store.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <fstream>
#include <optional>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "klynge/schema.hpp"
#include "schema_check.hpp"
#include "store_totals.hpp"

namespace klynge {

namespace {

/// 'KLYG': marks a SQLite file as a klynge database.
constexpr int application_id = 0x4B4C5947;

/// A whole number from the environment, or the fallback when it is unset or not a number.
int env_int(const char* name, int fallback)
{
  if (const char* v = std::getenv(name)) {
    try {
      return std::stoi(v);
    } catch (...) {
    }
  }
  return fallback;
}

int busy_timeout_ms() { return env_int("KLYNGE_BUSY_TIMEOUT_MS", 5000); }

/// Runs `f`, trying again while the database is busy, up to the busy timeout. SQLite's own busy handler
/// covers most waits; this covers the moments it does not, such as a reader meeting the brief exclusive lock
/// of another process that closes the last connection and cleans up the write-ahead log.
template <class F> auto retry_busy(F&& f) -> decltype(f())
{
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms());
  while (true) {
    try {
      return f();
    } catch (const BusyError&) {
      if (std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

int cache_kib() { return env_int("KLYNGE_CACHE_KIB", 8192); }

bool is_busy(const SQLite::Exception& e)
{
  int c = e.getErrorCode();
  return c == SQLITE_BUSY || c == SQLITE_LOCKED;
}

[[noreturn]] void rethrow_sqlite(const SQLite::Exception& e, const std::string& path)
{
  // A full disk or a file-size limit: SQLite has rolled the transaction back, so nothing is half-written.
  const int err = errno;
  if (e.getErrorCode() == SQLITE_FULL || e.getErrorCode() == SQLITE_IOERR)
    throw DatabaseError("cannot write the database " + path + ": " +
                        (err == EFBIG || err == ENOSPC ? std::strerror(err) : std::string(e.what())) +
                        " (is the disk full, or a file-size limit reached?); nothing was written");
  if (is_busy(e))
    throw BusyError("the database " + path + " is busy (another klynge is writing); try again");
  if (e.getErrorCode() == SQLITE_NOTADB) throw DatabaseError(path + " is not a klynge database");
  if (e.getErrorCode() == SQLITE_CANTOPEN) throw DatabaseError("cannot open the database " + path);
  throw DatabaseError("database " + path + ": " + e.what());
}

void configure(SQLite::Database& db)
{
  db.setBusyTimeout(busy_timeout_ms());
  db.exec("PRAGMA foreign_keys = ON");
  // A page cache of 8 MiB (SQLite's default is 2 MiB): measured on imports of 100k and 1M lines (bench/), it
  // holds the ledger's index pages an import writes to, and larger caches only cost memory.
  db.exec("PRAGMA cache_size = -" + std::to_string(cache_kib()));
}

/// Applies the migrations above the current version, all in one transaction. Foreign keys are off meanwhile (a
/// migration may rebuild a table, which SQLite documents so) and checked before the commit instead.
bool migrate(SQLite::Database& db, int from)
{
  const auto& migrations = schema_migrations();
  db.exec("PRAGMA foreign_keys = OFF");
  struct KeysBackOn
  {
    SQLite::Database& db;
    ~KeysBackOn() { db.exec("PRAGMA foreign_keys = ON"); }
  } back_on{db};
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have migrated (or created) the database since `from` was read: go on from where it is.
  if (db.execAndGet("PRAGMA application_id").getInt() == application_id) {
    from = db.execAndGet("PRAGMA user_version").getInt();
    if (from >= int(migrations.size())) return false;
  }
  for (std::size_t i = std::size_t(from); i < migrations.size(); ++i) db.exec(std::string(migrations[i].sql));
  // Version 3 adds the running totals: sum the ledger already stored into them.
  if (from < 3) detail::refresh_totals(db, 0);
  SQLite::Statement orphans(db, "PRAGMA foreign_key_check");
  if (orphans.executeStep())
    throw DatabaseError("the migration to schema version " + std::to_string(migrations.size()) + " found a row of " +
                        orphans.getColumn(0).getString() + " that refers to a missing row of " +
                        orphans.getColumn(2).getString() + "; nothing was changed");
  db.exec("PRAGMA application_id = " + std::to_string(application_id));
  db.exec("PRAGMA user_version = " + std::to_string(migrations.size()));
  tx.commit();
  return true;
}

/// Returns the schema version of an open database, refusing what is not ours or newer than us.
int checked_version(SQLite::Database& db, const std::string& path)
{
  int app = db.execAndGet("PRAGMA application_id").getInt();
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (app != application_id) throw DatabaseError(path + " is not a klynge database");
  if (version > program_schema_version())
    throw DatabaseError(path + " has schema version " + std::to_string(version) + ", newer than this program's " +
                        std::to_string(program_schema_version()) + ": use a newer klynge");
  // A file that claims to be ours must hold our tables (an empty file with our id is not a database to use).
  if (auto missing = detail::missing_tables(db, version); !missing.empty())
    throw DatabaseError(path + " is not a klynge database (it claims schema version " + std::to_string(version) +
                        " but has no table '" + missing.front() + "')");
  return version;
}

/// A database is a regular file: opening a named pipe would block for ever, a device is not a database.
void require_regular_file(const std::string& path)
{
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st) || std::filesystem::is_regular_file(st)) return;
  if (std::filesystem::is_directory(st)) throw DatabaseError(path + " is a folder, not a database file");
  throw DatabaseError(path + " is not a regular file (a pipe or a device is not a database)");
}

std::optional<Date> opt_date(const SQLite::Column& c)
{
  if (c.isNull()) return std::nullopt;
  return parse_date(c.getString());
}
std::string opt_text(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

template <class E> std::optional<E> opt_enum(const SQLite::Column& c)
{
  if (c.isNull()) return std::nullopt;
  return parse_enum<E>(c.getString());
}

/// Binds text, or NULL when empty (optional references and dates are NULL in the database).
void bind_opt(SQLite::Statement& s, int i, const std::string& v)
{
  if (v.empty()) s.bind(i);
  else s.bind(i, v);
}
void bind_opt(SQLite::Statement& s, int i, const std::optional<Date>& d)
{
  if (d) s.bind(i, d->iso());
  else s.bind(i);
}

}  // namespace

int probe_database(const std::string& path)
{
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DatabaseError("no database at " + path + " (create one with `klynge init`)");
  require_regular_file(path);
  return retry_busy([&]() {
    try {
      SQLite::Database db(path, SQLite::OPEN_READONLY);
      return checked_version(db, path);
    } catch (const SQLite::Exception& e) {
      rethrow_sqlite(e, path);
    }
  });
}

Store::Store(const std::string& path, Access access) : path_(path)
{
  int version = probe_database(path);
  try {
    if (version < program_schema_version()) {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      configure(db);
      migrate(db, checked_version(db, path));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path);
  }
  retry_busy([&]() {
    try {
      db_ = std::make_unique<SQLite::Database>(
          // One connection per Store, used by one thread: SQLite's own locking of it is not needed.
          path, (access == Access::read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE) | SQLite::OPEN_NOMUTEX);
      configure(*db_);
    } catch (const SQLite::Exception& e) {
      rethrow_sqlite(e, path);
    }
  });
}

/// Statements prepared once per connection and reused for every ledger entry of an import.
struct Store::Statements
{
  explicit Statements(SQLite::Database& db)
      : find(db, "SELECT seq, id, body, initiative, counterparty, reverses, origin, kind, amount, date "
                 "FROM ledger WHERE id = ?"),
        reversed(db, "SELECT 1 FROM ledger WHERE reverses = ?"),
        insert(db, std::string(insert_columns) + entry_values + " ON CONFLICT (id) DO NOTHING"),
        insert_batch(db, batch_sql())
  {
  }
  static constexpr const char* insert_columns = "INSERT INTO ledger (id, date, kind, body, initiative, counterparty, "
                                                "category, source, amount, decision, reverses, note, origin) VALUES ";
  static constexpr const char* entry_values = "(?,?,?,?,?,?,?,?,?,?,?,?,?)";
  static constexpr int entry_columns = 13;
  /// Many entries in one statement: a row costs a third less than a statement per row (measured at 1M rows).
  static std::string batch_sql()
  {
    std::string sql = insert_columns;
    for (std::size_t i = 0; i < entry_batch; ++i) sql += std::string(i ? "," : "") + entry_values;
    return sql;
  }
  SQLite::Statement find, reversed, insert, insert_batch;
};

namespace {

/// Binds an entry's columns from parameter `first` on, the texts without a copy (measured: 3–4 % of a 1M-line
/// import went to copying them); the entry and `date`, `kind` must outlive the statement's run.
void bind_entry(SQLite::Statement& s, int first, const LedgerEntry& e, std::string& date, std::string& kind)
{
  date = e.date.iso();
  kind = std::string(to_text(e.kind));
  auto text = [&](int i, const std::string& v, bool null_when_empty) {
    if (v.empty() && null_when_empty) s.bind(first + i);
    else s.bindNoCopy(first + i, v);
  };
  text(0, e.id, false);
  text(1, date, false);
  text(2, kind, false);
  text(3, e.body, false);
  text(4, e.initiative, true);
  text(5, e.counterparty, true);
  text(6, e.category, false);
  text(7, e.source, false);
  s.bind(first + 8, static_cast<std::int64_t>(e.amount.ore()));
  text(9, e.decision, true);
  text(10, e.reverses, true);
  text(11, e.note, false);
  text(12, e.origin, false);
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

Store::~Store() = default;

std::unique_ptr<Store> Store::in_memory()
{
  std::unique_ptr<Store> store(new Store());
  store->path_ = ":memory:";
  store->db_ = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  configure(*store->db_);
  migrate(*store->db_, 0);
  return store;
}

Store::Transaction::Transaction(Store& store, Kind kind) : store_(store)
{
  try {
    store_.db_->exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, store_.path_);
  }
}

Store::Transaction::~Transaction()
{
  if (!open_) return;
  try {
    store_.db_->exec("ROLLBACK");
  } catch (...) {
    // Never throw from a destructor; SQLite rolls back on close anyway.
  }
}

void Store::Transaction::commit()
{
  try {
    store_.db_->exec("COMMIT");
    open_ = false;
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, store_.path_);
  }
}

bool Store::init(const std::string& path)
{
  require_regular_file(path);
  try {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    configure(db);
    // What the file holds is read under the write lock: two `init` of one new file at once then see each other's
    // work (the second finds the database made) instead of both creating the tables.
    int version = 0;
    {
      SQLite::Transaction look(db, SQLite::TransactionBehavior::IMMEDIATE);
      const bool empty = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0 &&
                         db.execAndGet("PRAGMA application_id").getInt() == 0 &&
                         db.execAndGet("PRAGMA user_version").getInt() == 0;
      if (!empty) version = checked_version(db, path);
    }
    if (version == program_schema_version()) return false;
    db.exec("PRAGMA journal_mode = WAL");
    return migrate(db, version);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path);
  }
}

int Store::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

void Store::read_consistently(const std::function<void()>& f) const
{
  retry_busy([&]() {
    Transaction snapshot(const_cast<Store&>(*this), Transaction::Kind::read);
    f();
    snapshot.commit();
  });
}

Dataset Store::load(Ledger ledger) const
{
  if (!sqlite3_get_autocommit(db_->getHandle())) return load_tables(ledger);
  // Outside a transaction, read in one so that every table is seen as of the same moment.
  return retry_busy([&]() {
    Transaction snapshot(const_cast<Store&>(*this), Transaction::Kind::read);
    Dataset d = load_tables(ledger);
    snapshot.commit();
    return d;
  });
}

Dataset Store::load_tables(Ledger ledger) const
{
  Dataset d;
  try {
    {
      SQLite::Statement q(*db_, "SELECT id, kind, name, region, active_from, active_to, successor, successor_from "
                                "FROM bodies ORDER BY rowid");
      while (q.executeStep()) {
        Body b;
        b.id = q.getColumn(0).getString();
        b.kind = parse_enum<BodyKind>(q.getColumn(1).getString());
        b.name = q.getColumn(2).getString();
        b.region = q.getColumn(3).getString();
        b.active_from = opt_date(q.getColumn(4));
        b.active_to = opt_date(q.getColumn(5));
        b.successor = opt_text(q.getColumn(6));
        b.successor_from = opt_date(q.getColumn(7));
        d.bodies.push_back(std::move(b));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT id, body, name, level, parent FROM groups ORDER BY rowid");
      while (q.executeStep()) {
        Group g;
        g.id = q.getColumn(0).getString();
        g.body = q.getColumn(1).getString();
        g.name = q.getColumn(2).getString();
        g.level = parse_enum<GroupLevel>(q.getColumn(3).getString());
        g.parent = opt_text(q.getColumn(4));
        d.groups.push_back(std::move(g));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT id, body, name, kind, grp, lead, start, end, status FROM initiatives ORDER BY rowid");
      while (q.executeStep()) {
        Initiative i;
        i.id = q.getColumn(0).getString();
        i.body = q.getColumn(1).getString();
        i.name = q.getColumn(2).getString();
        i.kind = opt_enum<InitiativeKind>(q.getColumn(3));
        i.group = opt_text(q.getColumn(4));
        i.lead = q.getColumn(5).getString();
        i.start = opt_date(q.getColumn(6));
        i.end = opt_date(q.getColumn(7));
        i.status = parse_enum<InitiativeStatus>(q.getColumn(8).getString());
        d.initiatives.push_back(std::move(i));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT id, grp, date, place FROM meetings ORDER BY rowid");
      while (q.executeStep()) {
        Meeting m;
        m.id = q.getColumn(0).getString();
        m.group = q.getColumn(1).getString();
        m.date = parse_date(q.getColumn(2).getString());
        m.place = q.getColumn(3).getString();
        d.meetings.push_back(std::move(m));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT id, meeting, item, title, text, initiative FROM decisions ORDER BY rowid");
      while (q.executeStep()) {
        Decision x;
        x.id = q.getColumn(0).getString();
        x.meeting = q.getColumn(1).getString();
        x.item = q.getColumn(2).getString();
        x.title = q.getColumn(3).getString();
        x.text = q.getColumn(4).getString();
        x.initiative = opt_text(q.getColumn(5));
        d.decisions.push_back(std::move(x));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT date, initiative, body, field, value, decision, note, origin FROM changes ORDER BY seq");
      while (q.executeStep()) {
        Change c;
        c.date = parse_date(q.getColumn(0).getString());
        c.initiative = opt_text(q.getColumn(1));
        c.body = opt_text(q.getColumn(2));
        c.field = parse_enum<ChangeField>(q.getColumn(3).getString());
        c.value = q.getColumn(4).getString();
        c.decision = opt_text(q.getColumn(5));
        c.note = q.getColumn(6).getString();
        c.origin = q.getColumn(7).getString();
        d.changes.push_back(std::move(c));
      }
    }
    if (ledger != Ledger::none) {
      // One allocation for all entries (the read transaction keeps the count true).
      d.ledger.reserve(static_cast<std::size_t>(db_->execAndGet("SELECT count(*) FROM ledger").getInt64()));
      // For figures the text columns nobody computes with are read as empty strings.
      SQLite::Statement q(*db_, ledger == Ledger::all
                                    ? "SELECT id, date, kind, body, initiative, counterparty, category, source, amount, "
                                      "decision, reverses, note, origin FROM ledger ORDER BY seq"
                                    : "SELECT id, date, kind, body, initiative, counterparty, category, '', amount, "
                                      "decision, reverses, '', '' FROM ledger ORDER BY seq");
      while (q.executeStep()) {
        LedgerEntry e;
        e.id = q.getColumn(0).getString();
        e.date = parse_date(q.getColumn(1).getString());
        e.kind = parse_enum<EntryKind>(q.getColumn(2).getString());
        e.body = q.getColumn(3).getString();
        e.initiative = opt_text(q.getColumn(4));
        e.counterparty = opt_text(q.getColumn(5));
        e.category = q.getColumn(6).getString();
        e.source = q.getColumn(7).getString();
        e.amount = Money::from_ore(q.getColumn(8).getInt64());
        e.decision = opt_text(q.getColumn(9));
        e.reverses = opt_text(q.getColumn(10));
        e.note = q.getColumn(11).getString();
        e.origin = q.getColumn(12).getString();
        d.ledger.push_back(std::move(e));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT initiative, category, date_from, date_to, amount, estimated_on, note, origin "
                                "FROM estimates ORDER BY seq");
      while (q.executeStep()) {
        Estimate e;
        e.initiative = q.getColumn(0).getString();
        e.category = q.getColumn(1).getString();
        e.from = parse_date(q.getColumn(2).getString());
        e.to = parse_date(q.getColumn(3).getString());
        e.amount = Money::from_ore(q.getColumn(4).getInt64());
        e.estimated_on = parse_date(q.getColumn(5).getString());
        e.note = q.getColumn(6).getString();
        e.origin = q.getColumn(7).getString();
        d.estimates.push_back(std::move(e));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT initiative, name, kind, due, done FROM milestones ORDER BY seq");
      while (q.executeStep()) {
        Milestone m;
        m.initiative = q.getColumn(0).getString();
        m.name = q.getColumn(1).getString();
        m.kind = opt_enum<MilestoneKind>(q.getColumn(2));
        m.due = parse_date(q.getColumn(3).getString());
        m.done = opt_date(q.getColumn(4));
        d.milestones.push_back(std::move(m));
      }
    }
    {
      SQLite::Statement q(*db_, "SELECT key, value FROM settings ORDER BY key");
      while (q.executeStep()) d.settings.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), {}});
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return d;
}

std::optional<std::string> Store::imported_on(const std::string& sha256) const
{
  SQLite::Statement q(*db_, "SELECT imported_at FROM imported_files WHERE sha256 = ?");
  q.bind(1, sha256);
  if (q.executeStep()) return q.getColumn(0).getString();
  return std::nullopt;
}

void Store::write(const ImportPlan& plan, const std::string& today)
{
  if (sqlite3_get_autocommit(db_->getHandle())) throw std::logic_error("Store::write needs an open write transaction");
  try {
    const Dataset& d = plan.inserts;
    {
      SQLite::Statement s(*db_, "INSERT INTO bodies VALUES (?,?,?,?,?,?,?,?)");
      for (const auto& b : d.bodies) {
        s.bind(1, b.id);
        s.bind(2, std::string(to_text(b.kind)));
        s.bind(3, b.name);
        s.bind(4, b.region);
        bind_opt(s, 5, b.active_from);
        bind_opt(s, 6, b.active_to);
        bind_opt(s, 7, b.successor);
        bind_opt(s, 8, b.successor_from);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO groups VALUES (?,?,?,?,?)");
      for (const auto& g : d.groups) {
        s.bind(1, g.id);
        s.bind(2, g.body);
        s.bind(3, g.name);
        s.bind(4, std::string(to_text(g.level)));
        bind_opt(s, 5, g.parent);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO initiatives VALUES (?,?,?,?,?,?,?,?,?)");
      for (const auto& i : d.initiatives) {
        s.bind(1, i.id);
        s.bind(2, i.body);
        s.bind(3, i.name);
        if (i.kind) s.bind(4, std::string(to_text(*i.kind)));
        else s.bind(4);
        bind_opt(s, 5, i.group);
        s.bind(6, i.lead);
        bind_opt(s, 7, i.start);
        bind_opt(s, 8, i.end);
        s.bind(9, std::string(to_text(i.status)));
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO meetings VALUES (?,?,?,?)");
      for (const auto& m : d.meetings) {
        s.bind(1, m.id);
        s.bind(2, m.group);
        s.bind(3, m.date.iso());
        s.bind(4, m.place);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO decisions VALUES (?,?,?,?,?,?)");
      for (const auto& x : d.decisions) {
        s.bind(1, x.id);
        s.bind(2, x.meeting);
        s.bind(3, x.item);
        s.bind(4, x.title);
        s.bind(5, x.text);
        bind_opt(s, 6, x.initiative);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO changes (date, initiative, body, field, value, decision, note, origin) "
                                "VALUES (?,?,?,?,?,?,?,?)");
      for (const auto& c : d.changes) {
        s.bind(1, c.date.iso());
        bind_opt(s, 2, c.initiative);
        bind_opt(s, 3, c.body);
        s.bind(4, std::string(to_text(c.field)));
        s.bind(5, c.value);
        bind_opt(s, 6, c.decision);
        s.bind(7, c.note);
        s.bind(8, c.origin);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO estimates (initiative, category, date_from, date_to, amount, estimated_on, "
                                "note, origin) VALUES (?,?,?,?,?,?,?,?)");
      for (const auto& e : d.estimates) {
        s.bind(1, e.initiative);
        s.bind(2, e.category);
        s.bind(3, e.from.iso());
        s.bind(4, e.to.iso());
        s.bind(5, static_cast<std::int64_t>(e.amount.ore()));
        s.bind(6, e.estimated_on.iso());
        s.bind(7, e.note);
        s.bind(8, e.origin);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO milestones (initiative, name, kind, due, done) VALUES (?,?,?,?,?)");
      for (const auto& m : d.milestones) {
        s.bind(1, m.initiative);
        s.bind(2, m.name);
        if (m.kind) s.bind(3, std::string(to_text(*m.kind)));
        else s.bind(3);
        s.bind(4, m.due.iso());
        bind_opt(s, 5, m.done);
        s.exec();
        s.reset();
      }
      SQLite::Statement u(*db_, "UPDATE milestones SET done = ? WHERE initiative = ? AND name = ?");
      for (const auto& m : plan.milestone_updates) {
        bind_opt(u, 1, m.done);
        u.bind(2, m.initiative);
        u.bind(3, m.name);
        u.exec();
        u.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO settings (key, value) VALUES (?,?) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
      for (const auto& x : d.settings) {
        s.bind(1, x.key);
        s.bind(2, x.value);
        s.exec();
        s.reset();
      }
    }
    {
      SQLite::Statement s(*db_, "INSERT INTO imported_files VALUES (?,?,?)");
      for (const auto& f : plan.files) {
        s.bind(1, f.sha256);
        s.bind(2, f.name);
        s.bind(3, today);
        s.exec();
        s.reset();
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
}

std::optional<Store::StoredEntry> Store::ledger_entry(const std::string& id) const
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& q = statements_->find;
  q.reset();
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  StoredEntry e;
  e.seq = q.getColumn(0).getInt64();
  e.id = q.getColumn(1).getString();
  e.body = q.getColumn(2).getString();
  e.initiative = opt_text(q.getColumn(3));
  e.counterparty = opt_text(q.getColumn(4));
  e.reverses = opt_text(q.getColumn(5));
  e.origin = q.getColumn(6).getString();
  e.kind = parse_enum<EntryKind>(q.getColumn(7).getString());
  e.amount = Money::from_ore(q.getColumn(8).getInt64());
  e.date = parse_date(q.getColumn(9).getString());
  q.reset();
  return e;
}

bool Store::is_reversed(const std::string& id) const
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& q = statements_->reversed;
  q.reset();
  q.bind(1, id);
  bool found = q.executeStep();
  q.reset();
  return found;
}

std::int64_t Store::last_ledger_seq() const { return db_->execAndGet("SELECT coalesce(max(seq), 0) FROM ledger").getInt64(); }

bool Store::insert_entry(const LedgerEntry& e)
{
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  SQLite::Statement& s = statements_->insert;
  std::string date, kind;
  try {
    return run_insert(s, [&]() { bind_entry(s, 1, e, date, kind); }) == 1;
  } catch (const SQLite::Exception& ex) {
    if (is_taken_id(ex) && ledger_entry(e.id)) return false;
    rethrow_sqlite(ex, path_);
  }
}

std::vector<std::size_t> Store::insert_entries(const std::vector<LedgerEntry>& entries)
{
  std::vector<std::size_t> taken;
  if (!statements_) statements_ = std::make_unique<Statements>(*db_);
  if (entries.size() == entry_batch) {
    SQLite::Statement& s = statements_->insert_batch;
    std::vector<std::string> texts(2 * entry_batch);
    try {
      run_insert(s, [&]() {
        for (std::size_t i = 0; i < entry_batch; ++i)
          bind_entry(s, int(i) * Statements::entry_columns + 1, entries[i], texts[2 * i], texts[2 * i + 1]);
      });
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

std::vector<Store::OverRelease> Store::over_released(std::int64_t after_seq) const
{
  // The running reservation per (body, initiative), by date, reservations before releases on one day.
  SQLite::Statement q(*db_, R"sql(
    WITH pairs AS (
      SELECT DISTINCT body, coalesce(initiative, '') AS ini FROM ledger WHERE seq > ?1 AND kind = 'unreserve'
    ), moves AS (
      SELECT l.seq, l.body, coalesce(l.initiative, '') AS ini, l.date, l.origin,
             (CASE l.kind WHEN 'reserve' THEN l.amount ELSE -l.amount END)
               * (CASE WHEN l.reverses IS NULL THEN 1 ELSE -1 END) AS delta
      FROM ledger l JOIN pairs p ON p.body = l.body AND p.ini = coalesce(l.initiative, '')
      WHERE l.kind IN ('reserve', 'unreserve')
    ), running AS (
      SELECT *, sum(delta) OVER (PARTITION BY body, ini ORDER BY date, delta < 0, seq
                                 ROWS UNBOUNDED PRECEDING) AS balance
      FROM moves
    )
    SELECT origin, body, ini, date, balance - delta, seq FROM running
    WHERE balance < 0 AND seq > ?1 ORDER BY body, ini, date, seq)sql");
  q.bind(1, static_cast<std::int64_t>(after_seq));
  std::vector<OverRelease> out;
  std::string last_body, last_ini;
  bool any = false;
  while (q.executeStep()) {
    std::string body = q.getColumn(1).getString(), ini = q.getColumn(2).getString();
    if (any && body == last_body && ini == last_ini) continue;  // the first per pair is enough
    any = true;
    last_body = body;
    last_ini = ini;
    out.push_back({q.getColumn(0).getString(), body, ini, parse_date(q.getColumn(3).getString()),
                   Money::from_ore(q.getColumn(4).getInt64())});
  }
  return out;
}

std::vector<std::string> Store::integrity_problems() const
{
  std::vector<std::string> out;
  SQLite::Statement q(*db_, "PRAGMA integrity_check");
  while (q.executeStep()) {
    std::string r = q.getColumn(0).getString();
    if (r != "ok") out.push_back("integrity: " + r);
  }
  SQLite::Statement f(*db_, "PRAGMA foreign_key_check");
  while (f.executeStep())
    out.push_back("a row of " + f.getColumn(0).getString() + " refers to a missing row of " + f.getColumn(2).getString());
  return out;
}

std::vector<std::string> Store::reversal_problems() const
{
  // Only the reversals are read (the partial index over them), with the entry each names and how many reversals
  // of that entry come before it.
  std::vector<std::string> out;
  try {
    SQLite::Statement q(*db_, "SELECT r.id, r.reverses, o.id IS NULL, o.kind <> r.kind OR o.amount <> r.amount, "
                              "(SELECT count(*) FROM ledger p WHERE p.reverses = r.reverses AND p.seq < r.seq) "
                              "FROM ledger r LEFT JOIN ledger o ON o.id = r.reverses "
                              "WHERE r.reverses IS NOT NULL ORDER BY r.seq");
    while (q.executeStep()) {
      const std::string id = q.getColumn(0).getString(), original = q.getColumn(1).getString();
      if (q.getColumn(2).getInt())
        out.push_back("ledger entry '" + id + "' reverses a missing entry '" + original + "'");
      else if (q.getColumn(3).getInt())
        out.push_back("ledger entry '" + id + "' does not match the entry it reverses ('" + original + "')");
      if (q.getColumn(4).getInt() > 0) out.push_back("ledger entry '" + original + "' is reversed more than once");
    }
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, path_);
  }
  return out;
}

void copy_database(const std::string& from, const std::string& to)
{
  probe_database(from);
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.setBusyTimeout(busy_timeout_ms());
    SQLite::Database dest(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    dest.setBusyTimeout(busy_timeout_ms());
    SQLite::Backup backup(dest, source);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, to);
  }
}

void Store::backup_to(const std::string& target) const
{
  try {
    SQLite::Database dest(target, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(dest, *db_);
    backup.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e, target);
  }
}

}  // namespace klynge

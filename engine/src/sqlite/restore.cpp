// klynge restore: verify first, keep what is replaced, then put the backup in place.
#include "klynge/restore.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "klynge/schema.hpp"
#include "sqlite_store.hpp"
#include "schema_check.hpp"

namespace klynge {

std::vector<std::string> SqliteStore::schema_problems() const
{
  try {
    return detail::schema_problems(*db_, schema_version());
  } catch (const SQLite::Exception& e) {
    return {std::string("the schema cannot be read: ") + e.what()};
  }
}

namespace {

/// A SQLite file is whole pages, as many as its header says (when the header's count is valid: its "version valid
/// for" equals its change counter). A file cut short is often readable (SQLite reads missing bytes as zeros), so
/// its size is checked before anything else.
std::string size_problem(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  unsigned char h[100] = {};
  if (!in.read(reinterpret_cast<char*>(h), sizeof h)) return "it is shorter than a database header";
  auto be32 = [&](int at) {
    return std::uint32_t(h[at]) << 24 | std::uint32_t(h[at + 1]) << 16 | std::uint32_t(h[at + 2]) << 8 | h[at + 3];
  };
  const std::uint64_t page = h[16] == 0 && h[17] == 1 ? 65536u : (std::uint64_t(h[16]) << 8 | h[17]);
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec || page < 512) return "its header is damaged";
  if (be32(92) == be32(24) && be32(28) != 0) {
    const std::uint64_t expected = page * be32(28);
    if (size != expected)
      return "it is " + std::to_string(size) + " bytes, and its header says " + std::to_string(expected) +
             " (cut short, or grown)";
  } else if (size % page != 0) {
    return "it is " + std::to_string(size) + " bytes, not a whole number of " + std::to_string(page) + "-byte pages";
  }
  return {};
}

/// Whether SQLite reads every page of the file as sound, without writing anything beside it (immutable).
bool reads_whole(const std::string& path)
{
  try {
    // A URI of the absolute path (`file://` and an empty authority: a path that starts `//` is not taken for one).
    std::string uri = "file://";
    for (const char c : std::filesystem::absolute(path).lexically_normal().string()) {  // '?', '#', '%' escaped
      if (c == '?') uri += "%3f";
      else if (c == '#') uri += "%23";
      else if (c == '%') uri += "%25";
      else uri += c;
    }
    SQLite::Database db(uri + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    return db.execAndGet("PRAGMA integrity_check").getString() == "ok";
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

std::vector<std::string> restore_problems(const std::string& path, const std::string& beside,
                                          const std::function<void(const Store&)>& use, const std::string& command)
{
  try {
    probe_database(path);  // not a klynge database, or newer than this program: refused as it is (exit 3)
  } catch (const DatabaseError&) {
    // A SQLite file cut short may lose the pages its schema points at: say that, rather than what SQLite makes of
    // it. Only a regular file that starts as a SQLite file is looked at (a pipe would block; junk is not one).
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
      std::ifstream in(path, std::ios::binary);
      char magic[16] = {};
      in.read(magic, sizeof magic);
      if (in && std::string(magic, sizeof magic) == std::string("SQLite format 3\0", 16))
        if (auto p = size_problem(path); !p.empty()) return {p};
    }
    throw;
  }
  std::random_device rd;
  const std::string copy = beside + ".restoring-" + std::to_string(rd());
  struct Cleanup
  {
    const std::string& path;
    ~Cleanup() { remove_database_files(path); }
  } cleanup{copy};
  std::vector<std::string> out;
  // A backup lies still; a copy's source may be written to meanwhile (its size moving with a checkpoint of its
  // log), and its copy, read through SQLite, is checked whole below.
  if (command == "restore")
    if (auto p = size_problem(path); !p.empty()) return {p};
  std::unique_ptr<Store> store;
  try {
    copy_database(path, copy);
    // Opening the copy migrates it when it is older: what is checked is what would be used.
    store = Store::open(copy, Store::Access::read_write);
    out = soundness_problems(*store);
  } catch (const StorageError& e) {
    // Writing the copy beside the database failed (a full disk, no such folder) while the backup itself reads
    // whole: the backup is not to blame, and a secretariat told its only backup is damaged might throw it away.
    // Any other failure (a migration that fails, a check) is the backup's.
    if (!reads_whole(path)) {
      out.push_back(e.what());
    } else {
      std::string why = e.what();
      for (std::size_t at = 0; (at = why.find(copy, at)) != std::string::npos; at += beside.size())
        why.replace(at, copy.size(), beside);
      if (const std::string tail = "; nothing was written"; why.ends_with(tail)) why.resize(why.size() - tail.size());
      if (command != "restore")
        throw DatabaseError(command + ": cannot write a checked copy of " + path + " at " + beside + ": " + why +
                            "; nothing was copied");
      throw DatabaseError("restore: cannot write beside " + beside + " (" + path +
                          " is checked there before it is put in place): " + why + "; nothing was replaced");
    }
  } catch (const std::exception& e) {
    // SQLite meeting a damaged page, a migration that fails: the file is not sound.
    out.push_back(e.what());
  }
  // What `use` throws is its own failure, not a problem of the file.
  if (out.empty() && use) use(*store);
  return out;
}

std::vector<std::string> soundness_problems(const Store& store)
{
  std::vector<std::string> out;
  store.read_consistently([&]() {
    out.clear();
    for (auto& p : store.integrity_problems()) out.push_back(std::move(p));
    if (!out.empty()) return;  // a damaged file: what it says beyond that is not to be trusted
    for (auto& p : store.schema_problems()) out.push_back(std::move(p));
    for (auto& p : store.reversal_problems()) out.push_back(std::move(p));
    for (auto& p : store.chain_problems()) out.push_back(std::move(p));
    for (auto& p : revision_head_problems(store)) out.push_back(std::move(p));
    for (auto& p : store.totals_problems()) out.push_back(std::move(p));
  });
  return out;
}

std::string claim_kept_name(const std::string& db, const std::string& stamp)
{
  const std::string base = db + ".before-restore-" + stamp;
  for (int n = 1;; ++n) {
    const std::string name = n == 1 ? base : base + "-" + std::to_string(n);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      // As private as the database it keeps: books kept 0600 do not become readable by all in their copy.
      struct stat st{};
      if (::stat(db.c_str(), &st) == 0) (void)::fchmod(fd, st.st_mode & 0777);
      ::close(fd);
      return name;
    }
    if (errno != EEXIST) throw DatabaseError("cannot keep the database as " + name + ": " + std::strerror(errno));
  }
}

namespace {

DatabaseError damaged(const std::string& file, const std::vector<std::string>& problems)
{
  return DatabaseError("restore: " + file + " is damaged: " + problems.front() +
                       (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : "") +
                       "; nothing was replaced");
}

}  // namespace

void restore_into_empty(const std::string& file, Store& target)
{
  // The backup is checked, and copied from, as a copy in the temporary folder: an older backup is migrated there,
  // never in place, and the backup's own folder need not be writable.
  const std::string beside = (std::filesystem::temp_directory_path() /
                              std::filesystem::path(file).filename()).string();
  const auto problems = restore_problems(file, beside, [&](const Store& source) {
    try {
      copy_whole_database(source, target, {},
                          "on a server a backup is put back into a new or empty database (make one, and `klynge init` "
                          "it), and nothing is replaced");
    } catch (const DataError& e) {
      throw DataError("restore: " + e.problems().front().message);
    }
  });
  if (!problems.empty()) throw damaged(file, problems);
}

std::string restore_database(const std::string& file, const std::string& db, const std::string& stamp)
{
  const auto problems = restore_problems(file, db);
  if (!problems.empty()) throw damaged(file, problems);
  std::string kept;
  std::error_code ec;
  if (std::filesystem::exists(db, ec)) {
    // Opened once as klynge opens it: a database this program cannot read is said so before anything is kept.
    Store::open(db, Store::Access::read_write).reset();
    kept = claim_kept_name(db, stamp);
    try {
      replace_database(file, db, kept);
    } catch (...) {
      std::filesystem::remove(kept, ec);
      throw;
    }
  } else {
    copy_database(file, db);
  }
  set_write_ahead(db, true);
  const auto restored = Store::open(db, Store::Access::read_write);  // brings an older backup's schema up to date
  return kept;
}

}  // namespace klynge

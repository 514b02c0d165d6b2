#include <fstream>
#include <string_view>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.hpp"
#include "klynge/error.hpp"
#include "klynge/reports/render.hpp"

namespace klynge::cli {

namespace {

using reports::Format;

/// The formats a file name's extension stands for (the first is what --out FILE.EXT alone writes); none for a name
/// without one of these extensions.
std::vector<Format> formats_of(const std::string& out)
{
  std::string ext = std::filesystem::path(out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  static const std::map<std::string, std::vector<Format>> fits{
      {".xlsx", {Format::xlsx}}, {".html", {Format::html}},          {".htm", {Format::html}},
      {".json", {Format::json}}, {".md", {Format::md}},              {".csv", {Format::csv, Format::csv_da}},
      {".txt", {Format::csv, Format::csv_da, Format::table, Format::md}}};
  const auto it = fits.find(ext);
  return it == fits.end() ? std::vector<Format>{} : it->second;
}

}  // namespace

Format format_for(const std::string& format, const std::string& out)
{
  const auto fits = formats_of(out);
  if (format.empty()) {
    if (!fits.empty()) return fits.front();
    return out.empty() && isatty(1) ? Format::table : Format::csv;
  }
  const Format f = reports::parse_format(format);
  if (!fits.empty() && std::find(fits.begin(), fits.end(), f) == fits.end())
    throw UsageError("--out: " + out + " is named for " + reports::format_names()[std::size_t(fits.front())] +
                     ", and --format is " + format + " (name the file for its format)");
  return f;
}

Lang parse_lang(const std::string& value)
{
  if (value == "da") return Lang::da;
  if (value == "en") return Lang::en;
  throw UsageError("--lang: unknown language '" + value + "' (one of: da, en)");
}

namespace {

[[noreturn]] void cannot_write(const std::string& path, const std::string& reason)
{
  throw DataError("cannot write " + path + ": " + reason);
}

}  // namespace

CLI::Option* add_out_option(CLI::App& cmd, std::string& out)
{
  return cmd.add_option("--out", out, "write to this file (atomically) instead of stdout ('-': stdout)");
}

namespace {
bool to_stdout(const std::string& out) { return out.empty() || out == "-"; }
}  // namespace

reports::Format table_format(const std::string& format, const std::string& out)
{
  const reports::Format f = format_for(format, to_stdout(out) ? std::string() : out);
  if (f == reports::Format::xlsx && to_stdout(out))
    throw UsageError("--format xlsx writes a workbook, not text: name the file with --out FILE.xlsx");
  return f;
}

void write_table(const reports::Table& t, reports::Format format, Lang lang, const std::string& out, std::int64_t now)
{
  if (to_stdout(out)) return reports::render(std::cout, t, format, lang);
  std::ostringstream text;
  reports::render(text, t, format, lang, now);
  write_file_atomically(out, text.str());
}

void naming(const std::string& actual, const std::string& shown, const std::function<void()>& f)
{
  auto named = [&](std::string text) {
    for (std::size_t at = 0; (at = text.find(actual, at)) != std::string::npos; at += shown.size())
      text.replace(at, actual.size(), shown);
    return text;
  };
  try {
    f();
  } catch (const DataError& e) {
    auto problems = e.problems();
    for (auto& p : problems) p.message = named(p.message);
    throw DataError(problems);
  } catch (const Error& e) {
    throw Error(e.code(), named(e.what()));
  }
}

void write_file_atomically(const std::string& path, const std::string& content)
{
  // Only a regular file is replaced: renaming over a device, a named pipe or a symbolic link would silently
  // put a regular file in its place (and, run as root, take a device away).
  struct stat st{};
  bool replaces = false;
  if (::lstat(path.c_str(), &st) == 0) {
    replaces = true;
    if (S_ISDIR(st.st_mode)) cannot_write(path, "it is a folder (name a file)");
    if (S_ISLNK(st.st_mode)) cannot_write(path, "it is a symbolic link (name the file it points to)");
    if (!S_ISREG(st.st_mode)) cannot_write(path, "it is not a regular file (a device or a pipe is not replaced)");
    // A database (the books being read, or others) is never replaced by a report: `--out` naming the `--db` file
    // by mistake would lose the books.
    auto is_database = [](const std::string& file) {
      std::ifstream in(file, std::ios::binary);
      char head[16] = {};
      return in && in.read(head, sizeof head) &&
             std::string_view(head, sizeof head) == std::string_view("SQLite format 3\0", 16);
    };
    if (is_database(path)) cannot_write(path, "it is a database (a report is not written over one: name another file)");
    // Nor the files SQLite keeps beside one (what is not yet in the database itself is in its -wal file).
    for (const std::string suffix : {"-wal", "-shm", "-journal"})
      if (path.size() > suffix.size() && path.ends_with(suffix) && is_database(path.substr(0, path.size() - suffix.size())))
        cannot_write(path, "it belongs to the database beside it (a report is not written over it: name another file)");
  } else if (errno != ENOENT) {
    cannot_write(path, std::strerror(errno));
  }
  std::random_device rd;
  const std::string tmp = path + ".tmp-" + std::to_string(rd());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) cannot_write(path, std::strerror(errno));
  auto give_up = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    cannot_write(path, std::strerror(err));
  };
  // A report that replaces one keeps its permissions: one kept private (0600) does not become readable by all.
  if (replaces && ::fchmod(fd, st.st_mode & 0777) != 0) give_up(errno);
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      give_up(errno);
    }
    done += std::size_t(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) give_up(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, std::strerror(err));
  }
}

}  // namespace klynge::cli

#include <cerrno>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.hpp"
#include "klynge/error.hpp"

namespace klynge::cli {

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

void write_file_atomically(const std::string& path, const std::string& content)
{
  // Only a regular file is replaced: renaming over a device, a named pipe or a symbolic link would silently
  // put a regular file in its place (and, run as root, take a device away).
  struct stat st{};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) cannot_write(path, "it is a folder (name a file)");
    if (S_ISLNK(st.st_mode)) cannot_write(path, "it is a symbolic link (name the file it points to)");
    if (!S_ISREG(st.st_mode)) cannot_write(path, "it is not a regular file (a device or a pipe is not replaced)");
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

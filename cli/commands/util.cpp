#include <filesystem>
#include <fstream>
#include <random>

#include "commands.hpp"
#include "klynge/error.hpp"

namespace klynge::cli {

Lang parse_lang(const std::string& value)
{
  if (value == "da") return Lang::da;
  if (value == "en") return Lang::en;
  throw UsageError("--lang: unknown language '" + value + "' (one of: da, en)");
}

void write_file_atomically(const std::string& path, const std::string& content)
{
  namespace fs = std::filesystem;
  std::random_device rd;
  std::string tmp = path + ".tmp-" + std::to_string(rd());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw DataError("cannot write " + path + " (is the folder there and writable?)");
    out << content;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw DataError("cannot write " + path + " (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw DataError("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace klynge::cli

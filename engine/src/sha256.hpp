#pragma once
// Inside the engine: SHA-256 with OpenSSL, fed in pieces, as lower-case hex. Used for the fingerprints of imported
// files and for the ledger's chain.
#include <cstddef>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace klynge::detail {

class Sha256
{
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t n);
  void update(std::string_view text) { update(text.data(), text.size()); }
  /// The digest as 64 lower-case hex digits; the object starts again, empty, for the next one.
  std::string hex();

private:
  EVP_MD_CTX* ctx_;
};

/// The SHA-256 of `text`, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view text);

}  // namespace klynge::detail

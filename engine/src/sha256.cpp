#include "sha256.hpp"

#include <stdexcept>

#include <openssl/evp.h>

namespace klynge::detail {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new())
{
  if (!ctx_ || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx_);
    throw std::runtime_error("SHA-256 unavailable");
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::update(const void* data, std::size_t n)
{
  if (EVP_DigestUpdate(ctx_, data, n) != 1) throw std::runtime_error("SHA-256 failed");
}

namespace {

std::string to_hex(const unsigned char* md, unsigned len)
{
  static const char* digits = "0123456789abcdef";
  std::string out(std::size_t(len) * 2, '0');
  for (unsigned i = 0; i < len; ++i) {
    out[2 * i] = digits[md[i] >> 4];
    out[2 * i + 1] = digits[md[i] & 15];
  }
  return out;
}

}  // namespace

std::string Sha256::hex()
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx_, md, &len) != 1 || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return to_hex(md, len);
}

std::string sha256_hex(std::string_view text)
{
  // One context and one fetched digest per thread, reused for every entry of the chain: EVP_Digest() with
  // EVP_sha256() looks the algorithm up and makes a context on every call (OpenSSL 3).
  struct Reused
  {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Reused()
    {
      EVP_MD_CTX_free(ctx);
      EVP_MD_free(md);
    }
  };
  thread_local Reused r;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!r.md || !r.ctx || EVP_DigestInit_ex(r.ctx, r.md, nullptr) != 1 || EVP_DigestUpdate(r.ctx, text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(r.ctx, md, &len) != 1)
    throw std::runtime_error("SHA-256 failed");
  return to_hex(md, len);
}

}  // namespace klynge::detail

#include "ingest/content_hash.h"

#include <openssl/evp.h>

#include <algorithm>
#include <fstream>
#include <memory>

namespace interdict {

Status ContentHash(const std::vector<std::filesystem::path>& files, std::string* hex) {
  std::vector<std::filesystem::path> sorted = files;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    return Status::Internal("SHA-256 unavailable");
  std::vector<char> buf(1 << 16);
  for (const auto& path : sorted) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError(path.string() + ": cannot open");
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return Status::IoError(path.string() + ": " + ec.message());
    std::string header = path.filename().string();
    header.push_back('\0');
    header += std::to_string(size);
    header.push_back('\0');
    EVP_DigestUpdate(ctx.get(), header.data(), header.size());
    while (in) {
      in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
      if (in.gcount() > 0)
        EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return Status::IoError(path.string() + ": read error");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static const char kHex[] = "0123456789abcdef";
  hex->clear();
  for (unsigned int i = 0; i < len; ++i) {
    hex->push_back(kHex[digest[i] >> 4]);
    hex->push_back(kHex[digest[i] & 15]);
  }
  return Status::Ok();
}

}  // namespace interdict

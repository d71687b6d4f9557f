#include "server/api_keys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>

namespace interdict::server {
namespace {

bool FromHex(std::string_view hex, std::string* out) {
  if (hex.empty() || hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    int v = 0;
    for (size_t k = 0; k < 2; ++k) {
      char c = hex[i + k];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    out->push_back(static_cast<char>(v));
  }
  return true;
}

std::string ToHex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

bool Sha256(std::string_view salt, std::string_view key, std::string* out) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return false;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, salt.data(), salt.size()) == 1 &&
            EVP_DigestUpdate(ctx, key.data(), key.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, digest, &len) == 1 && len == 32;
  EVP_MD_CTX_free(ctx);
  if (ok) out->assign(reinterpret_cast<const char*>(digest), len);
  return ok;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

bool ValidKeyId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-'))
      return false;
  return true;
}

Status ApiKeys::AddFromText(std::string_view text, std::string_view where, bool comma_separated) {
  size_t line_no = 0;
  while (!text.empty()) {
    size_t end = text.find_first_of(comma_separated ? ",\n" : "\n");
    std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::string at =
        std::string(where) + (comma_separated ? ": entry " : ":") + std::to_string(line_no);
    size_t c1 = line.find(':');
    size_t c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string_view::npos || line.find(':', c2 + 1) != std::string_view::npos)
      return Status::InvalidInput(at + ": expected <id>:<salt hex>:<sha256 hex>");
    Entry e;
    e.id = std::string(line.substr(0, c1));
    if (!ValidKeyId(e.id))
      return Status::InvalidInput(at + ": the key id must be 1 to 64 of [A-Za-z0-9._-]");
    if (!FromHex(line.substr(c1 + 1, c2 - c1 - 1), &e.salt))
      return Status::InvalidInput(at + " (" + e.id + "): the salt is not hex");
    if (!FromHex(line.substr(c2 + 1), &e.digest) || e.digest.size() != 32)
      return Status::InvalidInput(at + " (" + e.id + "): the digest is not 64 hex digits");
    for (const Entry& other : entries_)
      if (other.id == e.id) return Status::InvalidInput(at + ": key id '" + e.id + "' repeated");
    entries_.push_back(std::move(e));
  }
  return Status::Ok();
}

Status ApiKeys::AddFromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read the API key file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": error reading the API key file");
  return AddFromText(ss.str(), path, false);
}

std::string ApiKeys::Check(std::string_view key) const {
  if (key.empty()) return "";
  size_t match = entries_.size();
  for (size_t i = 0; i < entries_.size(); ++i) {
    std::string digest;
    if (!Sha256(entries_[i].salt, key, &digest)) continue;
    // CRYPTO_memcmp's time does not depend on where the digests differ; and every entry is
    // compared, matched or not.
    bool same = CRYPTO_memcmp(digest.data(), entries_[i].digest.data(), 32) == 0;
    if (same && match == entries_.size()) match = i;
  }
  return match == entries_.size() ? "" : entries_[match].id;
}

std::string MakeKeyEntry(std::string_view id, std::string_view salt, std::string_view key) {
  std::string digest;
  if (!Sha256(salt, key, &digest)) return "";
  return std::string(id) + ":" + ToHex(salt) + ":" + ToHex(digest);
}

Status CheckKeyStrength(std::string_view key) {
  if (key.empty()) return Status::InvalidInput("the key is empty");
  bool digit = false, lower = false, upper = false, other = false;
  bool seen[256] = {};
  size_t distinct = 0;
  for (char c : key) {
    auto u = static_cast<unsigned char>(c);
    digit |= u >= '0' && u <= '9';
    lower |= u >= 'a' && u <= 'z';
    upper |= u >= 'A' && u <= 'Z';
    other |= !std::isalnum(u);
    if (!seen[u]) ++distinct;
    seen[u] = true;
  }
  // As if each character were drawn at random from the classes the key uses: an upper bound of
  // its strength, which a too short or too plain key cannot reach.
  const int alphabet = (digit ? 10 : 0) + (lower ? 26 : 0) + (upper ? 26 : 0) + (other ? 33 : 0);
  const double bits = static_cast<double>(key.size()) * std::log2(static_cast<double>(alphabet));
  if (key.size() < kMinKeyLength || distinct < kMinKeyDistinct || bits < kMinKeyBits) {
    return Status::InvalidInput(
        "the key is too weak (" + std::to_string(key.size()) + " characters, " +
        std::to_string(distinct) + " distinct): use at least " + std::to_string(kMinKeyLength) +
        " random characters, " + std::to_string(static_cast<int>(kMinKeyBits)) +
        " bits or more (`interdict serve --new-key ID` makes such a key)");
  }
  return Status::Ok();
}

Status EntryForKey(std::string_view id, std::string_view key, std::string* entry) {
  if (!ValidKeyId(id)) return Status::InvalidInput("the key id must be 1 to 64 of [A-Za-z0-9._-]");
  INTERDICT_RETURN_IF_ERROR(CheckKeyStrength(key));
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1)
    return Status::Internal("the system's random number generator failed");
  *entry =
      MakeKeyEntry(id, std::string_view(reinterpret_cast<const char*>(salt), sizeof salt), key);
  if (entry->empty()) return Status::Internal("SHA-256 failed");
  return Status::Ok();
}

Status NewKey(std::string_view id, std::string* key, std::string* entry) {
  if (!ValidKeyId(id)) return Status::InvalidInput("the key id must be 1 to 64 of [A-Za-z0-9._-]");
  unsigned char secret[32];
  unsigned char salt[16];
  if (RAND_bytes(secret, sizeof secret) != 1 || RAND_bytes(salt, sizeof salt) != 1)
    return Status::Internal("the system's random number generator failed");
  static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string k = "idk_";
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : secret) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      k.push_back(kB64[(acc >> (bits - 6)) & 63]);
      bits -= 6;
    }
  }
  if (bits > 0) k.push_back(kB64[(acc << (6 - bits)) & 63]);
  *entry = MakeKeyEntry(id, std::string_view(reinterpret_cast<const char*>(salt), sizeof salt), k);
  if (entry->empty()) return Status::Internal("SHA-256 failed");
  *key = std::move(k);
  return Status::Ok();
}

std::string_view PresentedKey(std::string_view authorization, std::string_view x_api_key) {
  authorization = Trim(authorization);
  size_t space = authorization.find(' ');
  if (space != std::string_view::npos) {
    std::string scheme(authorization.substr(0, space));
    for (char& c : scheme)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (scheme == "bearer" || scheme == "apikey") return Trim(authorization.substr(space + 1));
  }
  return Trim(x_api_key);
}

}  // namespace interdict::server

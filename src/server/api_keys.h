// API keys: who may call the server, configured as salted hashes so that the configuration never
// holds a usable key.
//
// A key entry is one line "<id>:<salt>:<sha256>", where <id> names the client (it is what the audit
// log records as "who"), <salt> is hex and <sha256> is the hex SHA-256 of the salt's bytes followed
// by the key's bytes. Lines may come from a file (blank lines and lines starting with '#' are
// skipped) or from an environment variable (entries separated by newlines or commas).
// MakeKeyEntry / NewKey produce entries; `interdict serve --new-key ID` prints one.
//
// A presented key is hashed with every entry's salt and compared with every entry's digest in
// constant time, whether or not an earlier entry matched, so the time taken does not tell which
// entry (or how much of one) matched. Keys are never logged or kept.
//
// Immutable after loading; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace interdict::server {

class ApiKeys {
 public:
  // Parses entries; `where` names their origin for error messages ("keys.txt", "$VAR"). Errors
  // name the line (never its secret parts): a malformed line, a bad id, non-hex salt or digest, a
  // digest that is not 32 bytes, a duplicate id.
  Status AddFromText(std::string_view text, std::string_view where, bool comma_separated);
  Status AddFromFile(const std::string& path);

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

  // The id of the entry `key` matches, or "" when none does (or `key` is empty).
  std::string Check(std::string_view key) const;

 private:
  struct Entry {
    std::string id;
    std::string salt;    // bytes
    std::string digest;  // 32 bytes
  };
  std::vector<Entry> entries_;
};

// The entry line for `key` under `id`, with `salt` (bytes). Returns "" on failure of the hash.
std::string MakeKeyEntry(std::string_view id, std::string_view salt, std::string_view key);

// What a key given to EntryForKey must have (every NewKey key has it): a guessable key would
// make the hashes in the key file no protection.
inline constexpr size_t kMinKeyLength = 20;
inline constexpr size_t kMinKeyDistinct = 8;
inline constexpr double kMinKeyBits = 128;
// InvalidInput, saying what is missing, when `key` is shorter than kMinKeyLength, has fewer than
// kMinKeyDistinct distinct characters, or is under kMinKeyBits as if drawn at random from the
// character classes it uses (digits, lower case, upper case, others).
Status CheckKeyStrength(std::string_view key);

// The entry line for an existing `key` under `id`, with a new random salt; refuses a weak key
// (CheckKeyStrength).
Status EntryForKey(std::string_view id, std::string_view key, std::string* entry);

// A new random key ("idk_" + 43 base64url characters, 256 bits) and its entry line under `id`.
Status NewKey(std::string_view id, std::string* key, std::string* entry);

// Whether `id` is usable as a key id: 1 to 64 of [A-Za-z0-9._-].
bool ValidKeyId(std::string_view id);

// The key a request presents: "Authorization: Bearer <key>", "Authorization: ApiKey <key>" (the
// form OpenSanctions' hosted API uses) or "X-API-Key: <key>". "" when none.
std::string_view PresentedKey(std::string_view authorization, std::string_view x_api_key);

}  // namespace interdict::server

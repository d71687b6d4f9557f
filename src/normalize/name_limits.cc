#include "normalize/name_limits.h"

#include <string>

namespace interdict {

size_t NameCharacters(std::string_view name) {
  size_t n = 0;
  for (unsigned char c : name) n += (c & 0xC0) != 0x80;
  return n;
}

Status CheckNameLength(std::string_view name) {
  // Bytes bound characters from above: most names pass without being counted.
  if (name.size() <= kMaxNameCharacters) return Status::Ok();
  const size_t n = NameCharacters(name);
  if (n <= kMaxNameCharacters) return Status::Ok();
  return Status::InvalidInput("name is " + std::to_string(n) + " characters; the limit is " +
                              std::to_string(kMaxNameCharacters));
}

Status CheckNameTokens(size_t tokens) {
  if (tokens <= kMaxNameTokens) return Status::Ok();
  return Status::InvalidInput("name has " + std::to_string(tokens) + " words; the limit is " +
                              std::to_string(kMaxNameTokens));
}

}  // namespace interdict

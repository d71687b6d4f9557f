#include "scan/text_tokenizer.h"

#include <string>

namespace interdict {

uint64_t TextTokenHash(std::string_view folded) {
  std::string buf(folded.substr(0, TextTokenizer::kMaxFastToken));
  const size_t n = buf.size();
  buf.append(8, '\0');
  return scan_internal::HashPadded(buf.data(), n);
}

bool IsPossessive(std::string_view source, std::string_view folded) {
  if (folded.size() < 3 || folded.back() != 's' || source.empty()) return false;
  const char last = source.back();
  if (last != 's' && last != 'S') return false;
  source.remove_suffix(1);
  for (std::string_view apostrophe : {"'", "`", "\xE2\x80\x99", "\xE2\x80\x98", "\xCA\xBC"})
    if (source.size() >= apostrophe.size() &&
        source.substr(source.size() - apostrophe.size()) == apostrophe)
      return true;
  return false;
}

uint8_t CaseFlags(std::string_view source) {
  uint8_t flags = 0;
  bool first = true;
  int upper = 0, lower = 0, caseless = 0, digits = 0;
  for (size_t i = 0; i < source.size();) {
    uint32_t cp = 0;
    size_t len = normalize_internal::DecodeUtf8(source, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    const auto c = static_cast<UChar32>(cp);
    if (u_isdigit(c)) ++digits;
    if (!u_isalpha(c)) continue;
    if (u_isupper(c) || u_istitle(c)) {
      ++upper;
      if (first) flags |= kCapitalised;
    } else if (u_islower(c)) {
      ++lower;
    } else {
      ++caseless;
    }
    first = false;
  }
  if (upper >= 2 && lower == 0) flags |= kAllCaps;
  if (upper == 0 && lower == 0 && (caseless > 0 || digits > 0)) flags |= kCaseless;
  return flags;
}

}  // namespace interdict

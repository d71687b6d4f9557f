#include "match/own_script.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <string>
#include <string_view>

#include "match/similarity.h"
#include "normalize/name_limits.h"

namespace interdict {

namespace {

// The code points of `s`; false on a byte that is not UTF-8 (never from the normaliser).
bool Decode(std::string_view s, std::u32string* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    out->push_back(static_cast<char32_t>(c));
  }
  return !out->empty();
}

UScriptCode ScriptOf(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &status);
  return U_FAILURE(status) ? USCRIPT_UNKNOWN : s;
}

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// A syllable's initial, vowel and final jamo, one byte each.
std::string Jamo(char32_t c) {
  const uint32_t index = static_cast<uint32_t>(c) - 0xAC00;
  return {static_cast<char>(index / (21 * 28)), static_cast<char>((index / 28) % 21),
          static_cast<char>(index % 28)};
}

}  // namespace

bool OwnScriptDistance(const PreparedToken& q, const PreparedToken& l, ScriptDistance* d) {
  if (q.kind == TokenKind::kLegalForm || l.kind == TokenKind::kLegalForm) return false;
  if (q.surface.empty() || l.surface.empty()) return false;
  std::u32string a, b;
  if (!Decode(q.surface, &a) || !Decode(l.surface, &b)) return false;
  const UScriptCode script = ScriptOf(a[0]);
  if (script != ScriptOf(b[0])) return false;
  if (a == b) {
    *d = ScriptDistance{0, a.size()};
    return true;
  }
  if (script == USCRIPT_HAN) {  // one character each
    *d = ScriptDistance{1, 1};
    return true;
  }
  if (IsHangulSyllable(a[0]) && IsHangulSyllable(b[0]) && a.size() == 1 && b.size() == 1) {
    const std::string x = Jamo(a[0]), y = Jamo(b[0]);
    int edits = 0;
    for (size_t k = 0; k < 3; ++k) edits += x[k] != y[k];
    *d = ScriptDistance{edits, 3};
    return true;
  }
  // Each Brahmic script has its letters in one 256-code-point block, so a code point's low byte
  // names the letter within the script.
  const size_t length = std::max(a.size(), b.size());
  if (!TypoComparable(length)) return false;
  std::string x, y;
  for (char32_t c : a) x.push_back(static_cast<char>(c & 0xFF));
  for (char32_t c : b) y.push_back(static_cast<char>(c & 0xFF));
  const int allowed = std::max(1, AllowedEdits(length));
  *d = ScriptDistance{BoundedEditDistance(x, y, allowed), length};
  return true;
}

}  // namespace interdict

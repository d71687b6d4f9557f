#include "normalize/tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <utility>

#include "normalize/hangul.h"
#include "normalize/letter_names.h"
#include "normalize/utf8_decode.h"

namespace interdict::normalize_internal {

// Language hints for a whole name: the letters that tell Persian from Arabic, or Ukrainian from
// Russian, often sit in one word only, yet the whole name is in that language ("محمد جواد ظريف"
// has no Persian-only letter, "علی خامنه‌ای" has; the BGN tables differ: و is w or v).
struct Hints {
  bool computed = false;
  Chain arabic = Chain::kArabic;
  Chain cyrillic = Chain::kRussian;
};

namespace {

UScriptCode ScriptOf(uint32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &status);
  return U_FAILURE(status) ? USCRIPT_UNKNOWN : s;
}

bool IsPashtoLetter(uint32_t cp) {
  switch (cp) {
    case 0x067C:
    case 0x0681:
    case 0x0685:
    case 0x0689:
    case 0x0693:
    case 0x0696:
    case 0x069A:
    case 0x06BC:
    case 0x06CD:
    case 0x06D0:
      return true;
    default:
      return false;
  }
}

bool IsPersianOrUrduLetter(uint32_t cp) {
  switch (cp) {
    case 0x067E:
    case 0x0686:
    case 0x0698:
    case 0x06AF:
    case 0x06A9:
    case 0x06CC:
    case 0x06C1:
    case 0x06BE:
    case 0x06D2:
    case 0x0679:
    case 0x0688:
    case 0x0691:
    case 0x06BA:
      return true;
    default:
      return false;
  }
}

void ComputeHints(std::string_view text, Hints* h) {
  h->computed = true;
  bool pashto = false, persian = false;
  bool kazakh = false, belarusian = false, macedonian = false, serbian = false, ukrainian = false;
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    if (cp < 0x0400) continue;
    if (cp >= 0x0600 && cp <= 0x06FF) {
      pashto |= IsPashtoLetter(cp);
      persian |= IsPersianOrUrduLetter(cp);
    } else if (cp <= 0x04FF) {
      uint32_t lc = u_tolower(static_cast<UChar32>(cp));
      switch (lc) {
        case 0x04D9:
        case 0x0493:
        case 0x049B:
        case 0x04A3:
        case 0x04E9:
        case 0x04B1:
        case 0x04AF:
        case 0x04BB:
          kazakh = true;
          break;
        case 0x045E:
          belarusian = true;
          break;
        case 0x0453:
        case 0x045C:
        case 0x0455:
          macedonian = true;
          break;
        case 0x0452:
        case 0x045B:
        case 0x045F:
        case 0x0459:
        case 0x045A:
        case 0x0458:
          serbian = true;
          break;
        case 0x0456:
        case 0x0457:
        case 0x0454:
        case 0x0491:
          ukrainian = true;
          break;
        default:
          break;
      }
    }
  }
  if (pashto) {
    h->arabic = Chain::kPashto;
  } else if (persian) {
    h->arabic = Chain::kPersian;
  }
  if (kazakh) {
    h->cyrillic = Chain::kKazakh;
  } else if (belarusian) {
    h->cyrillic = Chain::kBelarusian;
  } else if (macedonian) {
    h->cyrillic = Chain::kMacedonian;
  } else if (serbian) {
    h->cyrillic = Chain::kSerbian;
  } else if (ukrainian) {
    h->cyrillic = Chain::kUkrainian;
  }
}

Chain ChainFor(UScriptCode script, const Hints& h) {
  switch (script) {
    case USCRIPT_ARABIC:
      return h.arabic;
    case USCRIPT_CYRILLIC:
      return h.cyrillic;
    case USCRIPT_GREEK:
      return Chain::kGreek;
    case USCRIPT_HEBREW:
      return Chain::kHebrew;
    case USCRIPT_ARMENIAN:
      return Chain::kArmenian;
    case USCRIPT_GEORGIAN:
      return Chain::kGeorgian;
    case USCRIPT_HAN:
      return Chain::kHan;
    case USCRIPT_SINHALA:
      return Chain::kSinhala;
    case USCRIPT_THAANA:
      return Chain::kThaana;
    default:
      return Chain::kGeneric;
  }
}

// The token being built from the pieces of one word.
struct Builder {
  std::string text;
  uint32_t begin = 0, end = 0;
  bool transliterated = false;
  bool abjad = false;
  std::string native;

  void Extend(size_t b, size_t e) {
    if (text.empty()) {
      begin = static_cast<uint32_t>(b);
      end = static_cast<uint32_t>(e);
    } else {
      if (b < begin) begin = static_cast<uint32_t>(b);
      if (e > end) end = static_cast<uint32_t>(e);
    }
  }
  void Close(std::vector<RawToken>* out) {
    if (!text.empty()) {
      out->push_back(
          RawToken{std::move(text), begin, end, transliterated, abjad, std::move(native)});
    }
    text.clear();
    native.clear();
    transliterated = false;
    abjad = false;
  }
};

// A run of one non-Latin script inside a word, waiting to be romanised.
struct Segment {
  UScriptCode script = USCRIPT_INVALID_CODE;
  icu::UnicodeString buf;
  std::vector<uint32_t> offsets;  // byte offset of each buffered code point, then the run's end
  std::vector<uint32_t> cps;
  bool empty() const { return cps.empty(); }
  void Clear() {
    script = USCRIPT_INVALID_CODE;
    buf.remove();
    offsets.clear();
    cps.clear();
  }
};

// Remainders after the article ال that are not an article at all: Allah, and the Persian given
// names Elham, Elyas/Ilyas, Elnaz.
bool IsArticleException(const std::vector<uint32_t>& cps) {
  auto rest_is = [&](std::initializer_list<uint32_t> tail) {
    if (cps.size() != 2 + tail.size()) return false;
    size_t k = 2;
    for (uint32_t c : tail) {
      if (cps[k++] != c) return false;
    }
    return true;
  };
  return rest_is({0x0644, 0x0647}) || rest_is({0x0644, 0x0651, 0x0647}) ||
         rest_is({0x0644, 0x06C1}) || rest_is({0x0647, 0x0627, 0x0645}) ||
         rest_is({0x06CC, 0x0627, 0x0633}) || rest_is({0x064A, 0x0627, 0x0633}) ||
         rest_is({0x0646, 0x0627, 0x0632});
}

// Length in code points of a prefix of cps[at..] that Latin spellings write as a word of its own,
// or 0: the article ال (with two letters or more after it, not Allah/Elham/Elyas/Elnaz), and
// the compounds عبدال ("abd al-"), ابوال/أبوال ("abu al-") and ابو/أبو ("abu", with three
// letters or more after it).
size_t ArabicPrefixLength(const std::vector<uint32_t>& cps, size_t at) {
  const size_t left = cps.size() - at;
  auto starts = [&](std::initializer_list<uint32_t> p) {
    if (left < p.size()) return false;
    size_t k = at;
    for (uint32_t c : p) {
      if (cps[k++] != c) return false;
    }
    return true;
  };
  constexpr uint32_t kAlef = 0x0627, kAlefHamza = 0x0623, kLam = 0x0644, kBeh = 0x0628,
                     kWaw = 0x0648, kAin = 0x0639, kDal = 0x062F;
  if (left >= 7 && starts({kAin, kBeh, kDal, kAlef, kLam})) {
    // عبدالله is one word in Latin too (Abdullah): not split.
    std::vector<uint32_t> article(cps.begin() + static_cast<long>(at) + 3, cps.end());
    return IsArticleException(article) ? 0 : 5;
  }
  for (uint32_t alef : {kAlef, kAlefHamza}) {
    if (left >= 7 && starts({alef, kBeh, kWaw, kAlef, kLam})) return 5;
    if (left >= 6 && starts({alef, kBeh, kWaw})) return 3;
  }
  if (left >= 4 && starts({kAlef, kLam})) {
    std::vector<uint32_t> word(cps.begin() + static_cast<long>(at), cps.end());
    return IsArticleException(word) ? 0 : 2;
  }
  return 0;
}

void NfcUtf8(const icu::UnicodeString& u, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString composed = nfc->normalize(u, status);
    if (U_SUCCESS(status)) {
      composed.toUTF8String(*out);
      return;
    }
  }
  u.toUTF8String(*out);
}

// A Han character in its simplified form, so that 習 and 习 are one character.
std::string SimplifiedHan(const TransliteratorSet& translit, uint32_t cp) {
  icu::UnicodeString u(static_cast<UChar32>(cp));
  translit.Transliterate(Chain::kSimplified, &u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

bool InOwnScript(UScriptCode script) {
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HANGUL:
    case USCRIPT_DEVANAGARI:
    case USCRIPT_BENGALI:
    case USCRIPT_GURMUKHI:
    case USCRIPT_GUJARATI:
    case USCRIPT_ORIYA:
    case USCRIPT_TAMIL:
    case USCRIPT_TELUGU:
    case USCRIPT_KANNADA:
    case USCRIPT_MALAYALAM:
    case USCRIPT_SINHALA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
      return true;
    default:
      return false;
  }
}

namespace {

bool ReadByLetterNames(UScriptCode script) {
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_HEBREW:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return false;
    default:
      return true;
  }
}

// Splits romanised output into pieces of a-z0-9, using the same classes as the input.
void FoldOutput(const FoldTable& fold, const icu::UnicodeString& u,
                std::vector<std::string>* pieces) {
  pieces->clear();
  pieces->emplace_back();
  const int32_t n = u.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    const uint32_t cp = static_cast<uint32_t>(c);
    CharClass cls;
    const FoldEntry* e = fold.Find(cp);
    if (e != nullptr) {
      cls = e->cls;
      if (cls == CharClass::kContent) {
        pieces->back().append(e->text, e->len);
        continue;
      }
    } else {
      cls = ClassifyOther(cp);
      if (cls == CharClass::kContent) {
        // Letters the chain left unconverted: read by their names, a run at a time (a vowel sign
        // changes the letter before it). A letter left over by the Latin, Greek, Cyrillic,
        // Arabic or Hebrew chains is a rare or archaic one whose name is no sound ("LITTLE YUS",
        // "OPEN E"): dropped, the word kept whole.
        int32_t end = i;
        while (end < n) {
          const UChar32 next = u.char32At(end);
          if (fold.Find(static_cast<uint32_t>(next)) != nullptr ||
              ClassifyOther(static_cast<uint32_t>(next)) != CharClass::kContent)
            break;
          end += U16_LENGTH(next);
        }
        if (ReadByLetterNames(ScriptOf(cp)))
          RomanizeByLetterNames(u, i - U16_LENGTH(c), end, &pieces->back());
        i = end;
        continue;
      }
    }
    if (cls == CharClass::kSeparator && !pieces->back().empty()) pieces->emplace_back();
  }
  if (pieces->back().empty()) pieces->pop_back();
}

}  // namespace

namespace {

// X الدين ("X al dyn": Nur al-Din) written apart: "al" and "dyn" join into "aldyn", so that
// Nureddine, Nur al-Din, Nour Eddine and Nuruddin each meet it with at most one join. (عبد ال+X is
// not joined the same way: "bdal" has Abdullah's skeleton, and would take it from عبد الله.)
// Only tokens romanised from Arabic script join.
void JoinDinCompounds(size_t first, std::vector<RawToken>* out) {
  std::vector<RawToken>& t = *out;
  auto article = [&](size_t k) {
    return k + 1 < t.size() && t[k].transliterated && t[k].text == "al" && t[k + 1].abjad;
  };
  for (size_t k = first; k < t.size(); ++k) {
    if (k == first || !t[k - 1].abjad || !article(k) || t[k + 1].text != "dyn") continue;
    RawToken& a = t[k];
    RawToken& b = t[k + 1];
    a.text += b.text;
    a.end = b.end;
    a.abjad = true;
    t.erase(t.begin() + static_cast<long>(k) + 1);
  }
}

}  // namespace

void Tokenizer::Tokenize(std::string_view text, std::vector<RawToken>* out,
                         const Chain* arabic_chain) const {
  Hints hints;
  if (arabic_chain != nullptr) {
    ComputeHints(text, &hints);
    hints.arabic = *arabic_chain;
  }
  const size_t first = out->size();
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip separators; a word is a maximal run of content and deleted characters.
    uint32_t cp = 0;
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    const FoldEntry* e = fold_->Find(cp);
    CharClass cls = e != nullptr ? e->cls : ClassifyOther(cp);
    if (cls == CharClass::kSeparator) {
      i += len;
      continue;
    }
    size_t j = i;
    while (j < n) {
      len = DecodeUtf8(text, j, &cp);
      if (len == 0) break;
      e = fold_->Find(cp);
      cls = e != nullptr ? e->cls : ClassifyOther(cp);
      if (cls == CharClass::kSeparator) break;
      j += len;
    }
    EmitWord(text, i, j, &hints, out);
    i = j;
  }
  JoinDinCompounds(first, out);
}

void Tokenizer::EmitWord(std::string_view text, size_t begin, size_t end, Hints* hints,
                         std::vector<RawToken>* out) const {
  Builder cur;
  Segment seg;
  std::vector<std::string> pieces;

  auto flush = [&]() {
    if (seg.empty()) return;
    const uint32_t seg_end = seg.offsets.back();
    if (seg.script == USCRIPT_HAN) {
      // One token per character; Han-Latin writes one space-separated syllable per character,
      // so when the counts agree each syllable gets its character's bytes.
      cur.Close(out);
      translit_->Transliterate(Chain::kHan, &seg.buf);
      FoldOutput(*fold_, seg.buf, &pieces);
      std::vector<size_t> han;
      for (size_t k = 0; k < seg.cps.size(); ++k) {
        if (ScriptOf(seg.cps[k]) == USCRIPT_HAN) han.push_back(k);
      }
      const bool aligned = pieces.size() == han.size();
      for (size_t k = 0; k < pieces.size(); ++k) {
        RawToken t{std::move(pieces[k]), seg.offsets[0], seg_end, true};
        if (aligned) {
          t.begin = seg.offsets[han[k]];
          t.end = seg.offsets[han[k] + 1];
          t.native = SimplifiedHan(*translit_, seg.cps[han[k]]);
        }
        out->push_back(std::move(t));
      }
      seg.Clear();
      return;
    }
    if (!hints->computed) ComputeHints(text, hints);
    const Chain chain = ChainFor(seg.script, *hints);
    const bool abjad = seg.script == USCRIPT_ARABIC || seg.script == USCRIPT_HEBREW;
    size_t skip = 0;
    if (seg.script == USCRIPT_ARABIC && cur.text.empty()) {
      // Prefixes written joined in Arabic and apart in Latin, each its own token.
      for (size_t len; (len = ArabicPrefixLength(seg.cps, skip)) > 0; skip += len) {
        RawToken t{"al", seg.offsets[skip], seg.offsets[skip + len], true, false};
        if (len != 2) {  // عبدال, ابوال, ابو: romanised; the bare article is just "al"
          icu::UnicodeString part(seg.buf, seg.buf.moveIndex32(0, static_cast<int32_t>(skip)),
                                  seg.buf.moveIndex32(0, static_cast<int32_t>(skip + len)) -
                                      seg.buf.moveIndex32(0, static_cast<int32_t>(skip)));
          translit_->Transliterate(chain, &part);
          FoldOutput(*fold_, part, &pieces);
          if (pieces.size() != 1) break;  // never expected; fall back to the whole word
          t.text = std::move(pieces[0]);
          t.abjad = true;
        }
        out->push_back(std::move(t));
      }
    }
    icu::UnicodeString word =
        skip == 0 ? seg.buf
                  : icu::UnicodeString(seg.buf, seg.buf.moveIndex32(0, static_cast<int32_t>(skip)));
    translit_->Transliterate(chain, &word);
    FoldOutput(*fold_, word, &pieces);
    const bool whole = cur.text.empty() && pieces.size() == 1;
    for (size_t k = 0; k < pieces.size(); ++k) {
      if (k > 0) cur.Close(out);
      cur.Extend(seg.offsets[skip], seg_end);
      cur.text += pieces[k];
      cur.transliterated = true;
      cur.abjad |= abjad;
    }
    // Only a token made of this run alone is compared in its script.
    cur.native.clear();
    if (whole && InOwnScript(seg.script)) NfcUtf8(seg.buf, &cur.native);
    seg.Clear();
  };

  uint32_t cp = 0;
  for (size_t i = begin; i < end;) {
    size_t len = DecodeUtf8(text, i, &cp);  // never 0: the word holds valid sequences only
    const size_t at = i;
    i += len;
    if (const FoldEntry* e = fold_->Find(cp); e != nullptr) {
      if (e->cls != CharClass::kContent) continue;
      flush();
      cur.Extend(at, i);
      cur.text.append(e->text, e->len);
      cur.native.clear();  // a word of two scripts is compared in Latin
      continue;
    }
    const CharClass cls = ClassifyOther(cp);
    if (cls != CharClass::kContent) continue;
    if (u_charType(static_cast<UChar32>(cp)) == U_DECIMAL_DIGIT_NUMBER) {
      // Arabic-Indic, Devanagari, fullwidth... digits: their value, on the fast path.
      flush();
      cur.Extend(at, i);
      cur.text.push_back(static_cast<char>('0' + u_charDigitValue(static_cast<UChar32>(cp))));
      continue;
    }
    if (IsHangulSyllable(cp)) {
      flush();
      cur.Close(out);
      RawToken t{std::string(), static_cast<uint32_t>(at), static_cast<uint32_t>(i), true};
      RomanizeHangulSyllable(cp, &t.text);
      t.native = std::string(text.substr(at, i - at));
      out->push_back(std::move(t));
      continue;
    }
    UScriptCode script = ScriptOf(cp);
    if (script == USCRIPT_COMMON || script == USCRIPT_INHERITED) {
      if (seg.empty()) {
        // A combining mark after a Latin letter (decomposed "é") is an accent: drop it.
        if (u_getCombiningClass(static_cast<UChar32>(cp)) != 0 ||
            u_charType(static_cast<UChar32>(cp)) == U_NON_SPACING_MARK) {
          continue;
        }
      } else {
        script = seg.script;  // marks and shared letters stay with their run
      }
    }
    if (!seg.empty() && script != seg.script) flush();
    if (seg.empty()) seg.script = script;
    seg.buf.append(static_cast<UChar32>(cp));
    if (!seg.offsets.empty()) seg.offsets.pop_back();  // the previous end sentinel
    seg.offsets.push_back(static_cast<uint32_t>(at));
    seg.cps.push_back(cp);
    seg.offsets.push_back(static_cast<uint32_t>(i));
  }
  flush();
  cur.Close(out);
}

std::string DominantScriptOf(std::string_view text) {
  std::vector<std::pair<UScriptCode, int>> counts;
  uint32_t cp = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    UScriptCode s;
    if (cp < 0x80) {
      if (!((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) continue;
      s = USCRIPT_LATIN;
    } else {
      if (!u_isalpha(static_cast<UChar32>(cp))) continue;
      s = ScriptOf(cp);
      if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED) continue;
    }
    bool found = false;
    for (auto& [script, count] : counts) {
      if (script == s) {
        ++count;
        found = true;
        break;
      }
    }
    if (!found) counts.emplace_back(s, 1);
  }
  if (counts.empty()) return "Zyyy";
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  const char* name = uscript_getShortName(best->first);
  return name != nullptr ? name : "Zzzz";
}

}  // namespace interdict::normalize_internal

#include "core/country.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>

#include "core/text.h"

namespace interdict {
namespace {

// Apostrophes join the letters around them ("Cote d'Ivoire" == "Cote dIvoire"); lists write the
// ASCII one, UN and user input also the typographic ones.
bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4;
}

// Key for ASCII text: letters lower-cased, digits kept, every run of other bytes one space:
// "Korea, North" -> "korea north", "Iran (Islamic Republic of)" -> "iran islamic republic of".
std::string FoldAscii(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (space && !out.empty()) out.push_back(' ');
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      space = false;
    } else if (!IsApostrophe(c)) {
      space = true;
    }
  }
  return out;
}

// The same key for any script: compatibility-decomposed (NFKD, so Arabic presentation forms and
// full-width letters become the plain ones), combining marks dropped ("Côte" -> "cote", Arabic
// harakat and shadda), case-folded ("ИРАН" -> "иран"). Letters and digits of every script are kept;
// punctuation and spaces of every script separate words. Ill-formed UTF-8 separates words too.
std::string Fold(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return FoldAscii(text);

  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(err)) {
    decomposed = nfkd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                     text.data(), static_cast<int32_t>(text.size()))),
                                 err);
  }
  if (U_FAILURE(err)) return FoldAscii(text);  // ICU data missing: ASCII letters still match

  std::string out;
  bool space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    // Format characters (ZWNJ inside Persian words, soft hyphen) and the Arabic tatweel only
    // shape the letters around them.
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
        c == 0x0640 || IsApostrophe(c))
      continue;
    // U+FFFD stands for the bytes fromUTF8 could not decode.
    if (c != 0xFFFD && (u_isalnum(c) || type == U_COMBINING_SPACING_MARK)) {
      if (space && !out.empty()) out.push_back(' ');
      icu::UnicodeString(u_foldCase(c, U_FOLD_CASE_DEFAULT)).toUTF8String(out);
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

}  // namespace

Status CountryTable::Load(const std::string& path, CountryTable* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  CountryTable t;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    // code <TAB> English short name [<TAB> other spellings separated by '|']
    std::vector<std::string_view> cols = SplitView(line, '\t');
    std::string where = path + ":" + std::to_string(lineno);
    if (cols.size() < 2 || cols.size() > 3)
      return Status::InvalidInput(where + ": expected 2 or 3 tab-separated columns");
    std::string code(Trim(cols[0]));
    if (code.size() != 2 || !IsAsciiUpper(code))
      return Status::InvalidInput(where + ": '" + code + "' is not an alpha-2 code");
    if (t.names_.count(code)) return Status::InvalidInput(where + ": duplicate code " + code);
    std::string name(Trim(cols[1]));
    if (name.empty()) return Status::InvalidInput(where + ": empty English name for " + code);
    t.names_[code] = name;
    std::vector<std::string_view> spellings = {cols[0], cols[1]};
    if (cols.size() == 3)
      for (std::string_view s : SplitView(cols[2], '|')) spellings.push_back(s);
    for (std::string_view s : spellings) {
      // Codes (2 or 3 upper-case letters) match only as written: "NA" is Namibia, but the UN's
      // "na" means "not available", and "and"/"can" are words.
      std::string_view trimmed = Trim(s);
      if ((trimmed.size() == 2 || trimmed.size() == 3) && IsAsciiUpper(trimmed)) {
        auto [it, inserted] = t.codes_.emplace(std::string(trimmed), code);
        if (!inserted && it->second != code)
          return Status::InvalidInput(where + ": code '" + std::string(trimmed) +
                                      "' already means " + it->second);
        continue;
      }
      std::string key = Fold(s);
      if (key.empty()) continue;
      auto [it, inserted] = t.by_key_.emplace(key, code);
      if (!inserted && it->second != code)
        return Status::InvalidInput(where + ": '" + std::string(Trim(s)) + "' already means " +
                                    it->second);
    }
  }
  *out = std::move(t);
  return Status::Ok();
}

Status CountryTable::LoadDefault(const std::string& data_dir, CountryTable* out) {
  return Load(data_dir + "/countries.tsv", out);
}

std::string CountryTable::Resolve(std::string_view text) const {
  if (auto c = codes_.find(std::string(Trim(text))); c != codes_.end()) return c->second;
  std::string key = Fold(text);
  auto it = by_key_.find(key);
  if (it != by_key_.end()) return it->second;
  // "the Gambia", "the Netherlands"
  if (key.rfind("the ", 0) == 0) {
    it = by_key_.find(key.substr(4));
    if (it != by_key_.end()) return it->second;
  }
  return "";
}

Country CountryTable::Make(std::string_view text) const {
  Country c;
  c.original = std::string(Trim(text));
  c.code = Resolve(text);
  return c;
}

std::string CountryTable::NameOf(std::string_view code) const {
  auto it = names_.find(std::string(code));
  return it == names_.end() ? "" : it->second;
}

}  // namespace interdict

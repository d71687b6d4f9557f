#include "normalize/han_korean.h"

#include <unicode/utf8.h>

#include <vector>

#include "core/text.h"
#include "normalize/dictionary.h"
#include "normalize/hangul.h"

namespace interdict::normalize_internal {

namespace {

// The one code point of `s`, or -1.
UChar32 OnlyCodePoint(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  UChar32 c = -1;
  if (n > 0) U8_NEXT(p, i, n, c);
  return i == n ? c : -1;
}

}  // namespace

Status HanKoreanReadings::Load(const std::string& path) {
  std::vector<std::string> lines;
  INTERDICT_RETURN_IF_ERROR(ReadLines(path, &lines));
  const std::string name = path.substr(path.find_last_of('/') + 1);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    auto error = [&](const std::string& what) {
      return Status::InvalidInput(name + ":" + std::to_string(i + 1) + ": " + what);
    };
    std::vector<std::string_view> cols = SplitView(line, '\t');
    if (cols.size() < 2 || cols.size() > 3 || (cols.size() == 3 && cols[2] != "surname"))
      return error("expected 'han<TAB>hangul[<TAB>surname]'");
    const UChar32 han = OnlyCodePoint(cols[0]);
    const UChar32 hangul = OnlyCodePoint(cols[1]);
    if (han < 0) return error("expected one Han character, found '" + std::string(cols[0]) + "'");
    if (hangul < 0 || !IsHangulSyllable(static_cast<uint32_t>(hangul)))
      return error("expected one Hangul syllable, found '" + std::string(cols[1]) + "'");
    Entry e;
    RomanizeHangulSyllable(static_cast<uint32_t>(hangul), &e.latin);
    e.surname = cols.size() == 3;
    if (!table_.emplace(std::string(cols[0]), std::move(e)).second)
      return error("'" + std::string(cols[0]) + "' listed twice");
  }
  return Status::Ok();
}

const std::string* HanKoreanReadings::Find(std::string_view han) const {
  auto it = table_.find(std::string(han));
  return it == table_.end() ? nullptr : &it->second.latin;
}

bool HanKoreanReadings::IsSurname(std::string_view han) const {
  auto it = table_.find(std::string(han));
  return it != table_.end() && it->second.surname;
}

}  // namespace interdict::normalize_internal

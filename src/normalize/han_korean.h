// HanKoreanReadings: the Sino-Korean reading of Han characters (data/han_korean_readings.tsv),
// for Korean names written in Han (Hanja): 金正恩 is Kim Jong Un to its bearer, while ICU's Han
// chain reads it in Mandarin, "jin zheng en". Readings are romanised as Hangul is (hangul.h), so
// 金正恩, 김정은 and KIM Jong Un meet. Immutable after Load; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace interdict::normalize_internal {

class HanKoreanReadings {
 public:
  // Reads `path`: lines "<Han character> TAB <Hangul syllable> [TAB surname]", '#' comments.
  // Errors name the file and line.
  Status Load(const std::string& path);

  // The romanised reading of the Han character `han` (UTF-8), or nullptr.
  const std::string* Find(std::string_view han) const;

  // True when `han` is one of the common Korean surnames.
  bool IsSurname(std::string_view han) const;

 private:
  struct Entry {
    std::string latin;
    bool surname = false;
  };
  std::unordered_map<std::string, Entry> table_;
};

}  // namespace interdict::normalize_internal

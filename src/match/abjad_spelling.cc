#include "match/abjad_spelling.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace interdict {
namespace {

constexpr size_t kMaxLength = 24;

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Letters the article's l assimilates to (romanised: t th d dh r z s sh n l).
bool IsSunLetter(std::string_view unit) {
  for (std::string_view s : {"t", "th", "d", "dh", "r", "z", "s", "sh", "n", "l"})
    if (unit == s) return true;
  return false;
}

// The Latin spellings of each romanised abjad letter; a letter not listed is spelt as itself.
struct Spelling {
  std::string_view unit;
  std::array<std::string_view, 6> latin;  // "" pads
};
constexpr Spelling kSpellings[] = {
    {"a", {"a", "e", "o", "i", "u", "aa"}},
    {"w", {"w", "v", "u", "o", "ou", "oo"}},
    {"v", {"w", "v", "u", "o", "ou", "oo"}},
    {"u", {"w", "v", "u", "o", "ou", "oo"}},
    {"o", {"w", "v", "u", "o", "ou", "oo"}},
    {"y", {"y", "i", "e", "ee", "ie", "ei"}},
    {"i", {"y", "i", "e", "ee", "ie", "ei"}},
    {"e", {"y", "i", "e", "ee", "ie", "ei"}},
    {"sh", {"sh", "ch", "sch"}},
    {"kh", {"kh", "h", "ch"}},
    {"th", {"th", "t", "s"}},
    {"dh", {"dh", "d", "z", "th"}},
    {"gh", {"gh", "g"}},
    {"zh", {"zh", "j", "z"}},
    {"ch", {"ch", "tch"}},
    {"j", {"j", "dj", "g", "dzh", "zh"}},
    {"q", {"q", "k", "g", "c", "ck"}},
    {"k", {"k", "c", "ck", "q"}},
    {"z", {"z", "s"}},
    {"s", {"s", "c"}},
    {"f", {"f", "ph", "v"}},
    {"p", {"p", "b"}},
    {"g", {"g", "gu"}},
};

std::array<std::string_view, 6> SpellingsOf(std::string_view unit) {
  for (const Spelling& s : kSpellings)
    if (s.unit == unit) return s.latin;
  return {unit};
}

std::vector<std::string_view> Units(std::string_view abjad) {
  std::vector<std::string_view> units;
  for (size_t i = 0; i < abjad.size();) {
    size_t len = 1;
    if (i + 1 < abjad.size() && abjad[i + 1] == 'h' &&
        std::string_view("sktdgzc").find(abjad[i]) != std::string_view::npos)
      len = 2;
    units.push_back(abjad.substr(i, len));
    i += len;
  }
  return units;
}

class Aligner {
 public:
  Aligner(std::vector<std::string_view> units, std::string_view latin)
      : units_(std::move(units)),
        latin_(latin),
        memo_((units_.size() + 1) * (latin.size() + 1), kUnknown) {}

  // The most abjad letters spelt when units_[i..] meet latin_[j..]; -1 when they cannot meet.
  int Best(size_t i, size_t j) {
    int8_t& m = memo_[i * (latin_.size() + 1) + j];
    if (m == kUnknown) m = static_cast<int8_t>(Compute(i, j));
    return m;
  }

 private:
  static constexpr int8_t kUnknown = -2;

  int Compute(size_t i, size_t j) {
    const size_t n = units_.size(), len = latin_.size();
    int best = -1;
    auto take = [&best](int r, int gain) {
      if (r >= 0 && r + gain > best) best = r + gain;
    };
    if (j < len) {
      const char c = latin_[j];
      // A short vowel, a doubled consonant, or the h of a final "-ah". A final i is no short
      // vowel: it is the nisba's yeh (Javadi is جوادي, not جواد).
      const bool final_i = j + 1 == len && (c == 'i' || c == 'y');
      if ((IsVowel(c) && !final_i) || (j > 0 && c == latin_[j - 1]) ||
          (c == 'h' && j + 1 == len && j > 0 && IsVowel(latin_[j - 1])))
        take(Best(i, j + 1), 0);
    }
    if (i == n) return j == len ? 0 : best;
    const std::string_view unit = units_[i];
    for (std::string_view s : SpellingsOf(unit))
      if (!s.empty() && latin_.substr(j, s.size()) == s) take(Best(i + 1, j + s.size()), 1);
    if (unit == "h" && i + 1 == n) {
      take(Best(i + 1, j), 0);  // a final heh or ta marbuta written as a vowel or not at all
      if (latin_.substr(j) == "t") take(Best(i + 1, j + 1), 1);  // ta marbuta as "-at"
    }
    if (unit == "l" && i > 0 && units_[i - 1] == "a" && i + 1 < n && IsSunLetter(units_[i + 1]) &&
        j + 1 < len && latin_[j] == latin_[j + 1])
      take(Best(i + 1, j), 0);  // the article assimilated: as-Saadi, Essaadi
    return best;
  }

  std::vector<std::string_view> units_;
  std::string_view latin_;
  std::vector<int8_t> memo_;
};

}  // namespace

int AbjadSpellingAgreement(std::string_view abjad, std::string_view latin) {
  if (abjad.empty() || latin.empty() || abjad.size() > kMaxLength || latin.size() > kMaxLength)
    return 0;
  Aligner a(Units(abjad), latin);
  return std::max(a.Best(0, 0), 0);
}

}  // namespace interdict

#include "ingest/date_text.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <charconv>
#include <climits>
#include <utility>
#include <vector>

#include "core/text.h"

namespace interdict::date_text {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool ParseNumber(std::string_view s, int* out) {
  if (!AllDigits(s) || s.size() > 4) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseYear(std::string_view s, int* year) {
  return s.size() == 4 && ParseNumber(s, year) && *year >= 1000;
}

bool ParseDay(std::string_view s, int* day) {
  return s.size() <= 2 && ParseNumber(s, day) && *day >= 1 && *day <= 31;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// Words of `text` split at spaces and commas, lower-cased.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// One date written with words: "1960", "1960-03-12", "nov. 1973", "12 mar. 1960",
// "march 12 1960". When `default_year` is nonzero a missing year is taken from it ("aug." in
// "between aug. and sep. 1977").
bool ParseWords(const std::vector<std::string>& w, int default_year, PartialDate* out) {
  PartialDate d;
  int n = 0;
  if (w.size() == 1) {
    if (ParseIsoPrefix(w[0], &d)) {
      *out = d;
      return true;
    }
    if (default_year != 0 && ParseMonth(w[0], &n)) {
      *out = PartialDate{default_year, n, 0};
      return true;
    }
    return false;
  }
  if (w.size() == 2) {
    if (ParseMonth(w[0], &d.month) && ParseYear(w[1], &d.year)) {
      *out = d;
      return true;
    }
    if (default_year != 0 && ParseDay(w[0], &d.day) && ParseMonth(w[1], &d.month)) {
      d.year = default_year;
    } else {
      return false;
    }
  } else if (w.size() == 3) {
    if (ParseDay(w[0], &d.day) && ParseMonth(w[1], &d.month) && ParseYear(w[2], &d.year)) {
      // "12 mar. 1960"
    } else if (ParseMonth(w[0], &d.month) && ParseDay(w[1], &d.day) && ParseYear(w[2], &d.year)) {
      // "march 12 1960"
    } else {
      return false;
    }
  } else {
    return false;
  }
  if (d.day > DaysInMonth(d.year, d.month)) return false;
  *out = d;
  return true;
}

bool Before(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// "a <sep> b" where b is a full date and a may borrow b's year.
bool ParseRange(const std::vector<std::string>& a, const std::vector<std::string>& b,
                BirthDate* out) {
  PartialDate to, from;
  if (!ParseWords(b, 0, &to) || !ParseWords(a, to.year, &from)) return false;
  if (!Before(from, to)) return false;
  out->from = from;
  out->to = to;
  return true;
}

}  // namespace

bool ParseIsoPrefix(std::string_view text, PartialDate* out) {
  text = Trim(text);
  // A timestamp ("1960-03-12T10:00:00Z") or an XML Schema date with its time zone
  // ("2015-04-07-04:00", "2015-04-07Z"): keep the date part.
  if (text.size() > 10 && text[4] == '-' && text[7] == '-') {
    std::string_view rest = text.substr(10);
    bool zone =
        rest == "Z" || ((rest[0] == '+' || rest[0] == '-') && rest.size() == 6 && rest[3] == ':');
    if (rest[0] == 'T' || zone) text = text.substr(0, 10);
  }
  PartialDate d;
  if (!ParsePartialDate(text, &d)) return false;
  if (d.day != 0 && d.day > DaysInMonth(d.year, d.month)) return false;
  *out = d;
  return true;
}

bool ParseMonth(std::string_view text, int* month) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string s = AsciiLower(Trim(text));
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s.size() < 3) return false;
  if (s == "sept") {
    *month = 9;
    return true;
  }
  for (size_t i = 0; i < kNames.size(); ++i) {
    // The full name or its first three letters.
    if (s == kNames[i] || (s.size() == 3 && kNames[i].substr(0, 3) == s)) {
      *month = static_cast<int>(i) + 1;
      return true;
    }
  }
  return false;
}

bool ParseFreeText(std::string_view text, BirthDate* out) {
  std::vector<std::string> w = Words(text);
  bool circa = false;
  static constexpr std::array<std::string_view, 7> kCirca = {
      "circa", "approximately", "approx.", "approx", "c.", "ca.", "about"};
  while (!w.empty()) {
    bool found = false;
    for (std::string_view c : kCirca) found = found || w.front() == c;
    if (!found) break;
    circa = true;
    w.erase(w.begin());
  }
  if (w.empty()) return false;

  BirthDate d;
  d.circa = circa;
  if (w.front() == "between" || w.front() == "from") {
    std::string_view sep = w.front() == "between" ? "and" : "to";
    for (size_t i = 1; i < w.size(); ++i) {
      if (w[i] != sep) continue;
      std::vector<std::string> a(w.begin() + 1, w.begin() + static_cast<long>(i));
      std::vector<std::string> b(w.begin() + static_cast<long>(i) + 1, w.end());
      if (!ParseRange(a, b, &d)) return false;
      out->from = d.from;
      out->to = d.to;
      out->circa = d.circa;
      return true;
    }
    return false;
  }
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    if (w[i] != "to" && w[i] != "-") continue;
    std::vector<std::string> a(w.begin(), w.begin() + static_cast<long>(i));
    std::vector<std::string> b(w.begin() + static_cast<long>(i) + 1, w.end());
    if (!ParseRange(a, b, &d)) return false;
    out->from = d.from;
    out->to = d.to;
    out->circa = d.circa;
    return true;
  }
  // "1955-1958"
  if (w.size() == 1 && w[0].size() == 9 && w[0][4] == '-') {
    int a = 0, b = 0;
    if (ParseYear(std::string_view(w[0]).substr(0, 4), &a) &&
        ParseYear(std::string_view(w[0]).substr(5), &b)) {
      if (a >= b) return false;
      out->from = PartialDate{a, 0, 0};
      out->to = PartialDate{b, 0, 0};
      out->circa = circa;
      return true;
    }
  }
  PartialDate p;
  if (!ParseWords(w, 0, &p)) return false;
  out->from = p;
  out->to = p;
  out->circa = circa;
  return true;
}

std::string DominantScriptCode(std::string_view text) {
  // Few distinct scripts per name: a flat list beats a map.
  std::vector<std::pair<UScriptCode, int>> counts;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = text.size() > INT32_MAX ? INT32_MAX : static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED ||
        script == USCRIPT_UNKNOWN)
      continue;
    bool found = false;
    for (auto& [code, n] : counts) {
      if (code == script) {
        ++n;
        found = true;
        break;
      }
    }
    if (!found) counts.emplace_back(script, 1);
  }
  if (counts.empty()) return "Zyyy";
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > best->second) best = it;
  const char* name = uscript_getShortName(best->first);
  return name != nullptr ? name : "Zyyy";
}

}  // namespace interdict::date_text

// Small text helpers the list parsers share. Internal to src/ingest.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

// The non-empty pieces of `parts`, in order, joined with `sep`.
template <typename Parts>
std::string JoinNonEmpty(const Parts& parts, std::string_view sep) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out.append(sep);
    out.append(p);
  }
  return out;
}
inline std::string JoinNonEmpty(std::initializer_list<std::string_view> parts,
                                std::string_view sep) {
  return JoinNonEmpty<std::initializer_list<std::string_view>>(parts, sep);
}

// Appends `s` to `*v` unless it is empty or already there (lists repeat facts).
inline void AddUnique(std::string s, std::vector<std::string>* v) {
  if (s.empty()) return;
  for (const std::string& x : *v)
    if (x == s) return;
  v->push_back(std::move(s));
}

}  // namespace interdict

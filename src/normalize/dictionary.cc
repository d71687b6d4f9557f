#include "normalize/dictionary.h"

#include <algorithm>
#include <bit>
#include <fstream>

#include "core/text.h"

namespace interdict::normalize_internal {

namespace {

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status LineError(const std::string& path, size_t line, const std::string& what) {
  return Status::InvalidInput(BaseName(path) + ":" + std::to_string(line) + ": " + what);
}

// Strips a trailing "# comment" and surrounding white space; "" for blank/comment lines.
std::string_view Content(std::string_view line) {
  size_t hash = line.find('#');
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  return Trim(line);
}

std::string Join(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

bool IsTokenChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

uint64_t CharBit(char c) {
  if (c >= 'a' && c <= 'z') return uint64_t{1} << (c - 'a');
  if (c >= '0' && c <= '9') return uint64_t{1} << (26 + (c - '0'));
  return 0;
}

uint64_t CharSet(std::string_view s) {
  uint64_t set = 0;
  for (char c : s) set |= CharBit(c);
  return set;
}

// Parses "[abc]" into a char set; false when malformed.
bool ParseSet(std::string_view s, uint64_t* set) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  *set = 0;
  for (char c : s.substr(1, s.size() - 2)) {
    if (!IsTokenChar(c)) return false;
    *set |= CharBit(c);
  }
  return true;
}

}  // namespace

Status ReadLines(const std::string& path, std::vector<std::string>* lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  lines->clear();
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines->push_back(std::move(line));
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// VariantTable

Status VariantTable::Load(const std::string& path, const EntryFolder& fold) {
  std::vector<std::string> lines;
  INTERDICT_RETURN_IF_ERROR(ReadLines(path, &lines));
  // Where each spelling was first seen, so a duplicate names both lines.
  StringMap<size_t> seen_at;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t lineno = i + 1;
    std::string_view line = Content(lines[i]);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = SplitView(line, '\t');
    if (cols.size() != 2) {
      return LineError(path, lineno,
                       "expected 'canonical<TAB>variant|variant|...', found " +
                           std::to_string(cols.size()) + " column(s)");
    }
    std::vector<std::string_view> entries{Trim(cols[0])};
    for (std::string_view v : SplitView(cols[1], '|')) entries.push_back(Trim(v));
    std::string canonical;
    for (size_t k = 0; k < entries.size(); ++k) {
      if (entries[k].empty()) return LineError(path, lineno, "empty spelling");
      FoldedEntry f = fold(entries[k]);
      if (f.tokens.size() != 1) {
        return LineError(path, lineno,
                         "'" + std::string(entries[k]) + "' folds to " +
                             std::to_string(f.tokens.size()) +
                             " tokens; a group holds single words (joins are the matcher's)");
      }
      const std::string& tok = f.tokens[0];
      if (k == 0) {
        if (f.transliterated) {
          return LineError(path, lineno, "the canonical spelling must be Latin");
        }
        canonical = tok;
      }
      auto& map = f.transliterated ? translit_ : latin_;
      std::string key = f.transliterated ? "@" : "";
      key.append(tok);
      auto [it, inserted] = seen_at.emplace(key, lineno);
      if (!inserted) {
        if (it->second == lineno) continue;  // "ja'far" and "jafar" on one line: same spelling
        return LineError(path, lineno,
                         "'" + std::string(entries[k]) + "' (" + tok +
                             ") is already in the group on line " + std::to_string(it->second));
      }
      map.emplace(tok, canonical);
      if (f.persian_tokens.size() == 1) translit_.emplace(f.persian_tokens[0], canonical);
    }
    ++groups_;
  }
  return Status::Ok();
}

const std::string* VariantTable::Find(std::string_view token, bool transliterated,
                                      bool abjad) const {
  if (transliterated) {
    auto it = translit_.find(token);
    if (it != translit_.end()) return &it->second;
    if (abjad) return nullptr;
  }
  auto it = latin_.find(token);
  return it == latin_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------------------------
// SpellingRules

Status SpellingRules::Load(const std::string& path) {
  std::vector<std::string> lines;
  INTERDICT_RETURN_IF_ERROR(ReadLines(path, &lines));
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t lineno = i + 1;
    std::string_view line = Content(lines[i]);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = SplitView(line, '\t');
    if (cols.size() < 2 || cols.size() > 3) {
      return LineError(path, lineno, "expected 'from<TAB>to[<TAB>context]'");
    }
    Rule r;
    std::string_view from = Trim(cols[0]);
    if (!from.empty() && from.front() == '^') {
      r.at_start = true;
      from.remove_prefix(1);
    }
    if (!from.empty() && from.back() == '$') {
      r.at_end = true;
      from.remove_suffix(1);
    }
    if (from.empty()) return LineError(path, lineno, "empty pattern");
    for (char c : from) {
      if (!IsTokenChar(c)) {
        return LineError(
            path, lineno,
            "pattern '" + std::string(cols[0]) + "': only a-z0-9 with optional ^ and $");
      }
    }
    r.from = std::string(from);
    r.letters = CharSet(from);
    std::string_view to = Trim(cols[1]);
    if (to == "-") to = {};
    for (char c : to) {
      if (!IsTokenChar(c)) {
        return LineError(
            path, lineno,
            "replacement '" + std::string(cols[1]) + "': only a-z0-9, or '-' for nothing");
      }
    }
    r.to = std::string(to);
    if (cols.size() == 3) {
      // Context: "[set]_", "_[set]" or "[set]_[set]": the chars that must precede/follow.
      std::string_view ctx = Trim(cols[2]);
      size_t us = ctx.find('_');
      bool ok = us != std::string_view::npos && ctx.find('_', us + 1) == std::string_view::npos;
      if (ok && us > 0) ok = ParseSet(ctx.substr(0, us), &r.before);
      if (ok && us + 1 < ctx.size()) ok = ParseSet(ctx.substr(us + 1), &r.after);
      if (!ok || (r.before == 0 && r.after == 0)) {
        return LineError(
            path, lineno,
            "context '" + std::string(ctx) + "': expected [chars]_, _[chars] or [chars]_[chars]");
      }
    }
    rules_.push_back(std::move(r));
  }
  return Status::Ok();
}

std::string SpellingRules::Apply(std::string_view token) const {
  std::string cur(token), next;
  uint64_t present = CharSet(cur);
  for (const Rule& r : rules_) {
    if ((present & r.letters) != r.letters) continue;
    if (r.from.size() > cur.size() || cur.find(r.from) == std::string::npos) continue;
    next.clear();
    bool changed = false;
    size_t i = 0;
    const size_t n = cur.size(), m = r.from.size();
    while (i < n) {
      bool match = i + m <= n && cur.compare(i, m, r.from) == 0 && (!r.at_start || i == 0) &&
                   (!r.at_end || i + m == n) &&
                   (r.before == 0 || (i > 0 && (r.before & CharBit(cur[i - 1])))) &&
                   (r.after == 0 || (i + m < n && (r.after & CharBit(cur[i + m]))));
      if (match) {
        next += r.to;
        i += m;
        changed = true;
      } else {
        next.push_back(cur[i++]);
      }
    }
    if (changed) {
      cur.swap(next);
      present = CharSet(cur);
    }
  }
  // Doubled letters carry no identity across romanisations (Hassan/Hasan, Mohammed/Mohamed).
  std::string out;
  out.reserve(cur.size());
  for (char c : cur) {
    if (out.empty() || out.back() != c || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LegalFormTable

Status LegalFormTable::Load(const std::string& path, const EntryFolder& fold) {
  std::vector<std::string> lines;
  INTERDICT_RETURN_IF_ERROR(ReadLines(path, &lines));
  StringMap<size_t> seen_at;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t lineno = i + 1;
    std::string_view line = Content(lines[i]);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = SplitView(line, '\t');
    if (cols.size() != 2) {
      return LineError(path, lineno, "expected 'canonical<TAB>variant|variant|...'");
    }
    std::string canonical(Trim(cols[0]));
    if (canonical.empty() || !std::all_of(canonical.begin(), canonical.end(), IsTokenChar)) {
      return LineError(path, lineno, "canonical form '" + canonical + "' must be one a-z0-9 word");
    }
    // The canonical code is itself a variant (anywhere), unless the line lists it anchored.
    std::vector<std::string_view> raw = SplitView(cols[1], '|');
    bool canonical_listed = false;
    for (std::string_view v : raw) {
      std::string_view t = Trim(v);
      while (!t.empty() && (t.front() == '^' || t.front() == '$')) t.remove_prefix(1);
      if (t == canonical) canonical_listed = true;
    }
    if (!canonical_listed) raw.insert(raw.begin(), canonical);
    for (std::string_view v : raw) {
      std::string_view text = Trim(v);
      LegalFormVariant var;
      var.canonical = canonical;
      bool start = false, end = false;
      while (!text.empty() && (text.front() == '^' || text.front() == '$')) {
        (text.front() == '^' ? start : end) = true;
        text.remove_prefix(1);
      }
      if (text.empty()) return LineError(path, lineno, "empty variant");
      var.anywhere = !start && !end;
      var.at_start = start;
      var.at_end = end;
      FoldedEntry f = fold(text);
      if (f.tokens.empty()) {
        return LineError(path, lineno, "variant '" + std::string(text) + "' has no letters");
      }
      var.tokens = std::move(f.tokens);
      var.abjad = f.abjad;
      std::string key = f.abjad ? "@" : "";
      key.append(Join(var.tokens));
      auto [it, inserted] = seen_at.emplace(key, lineno);
      if (!inserted) {
        return LineError(
            path, lineno,
            "variant '" + key + "' is already listed on line " + std::to_string(it->second));
      }
      if (!var.abjad)
        for (const std::string& w : var.tokens)
          if (w.size() >= kMinTypoWordLength) words_.emplace(w, w);
      auto& list = by_first_[var.tokens[0]];
      list.push_back(std::move(var));
      ++count_;
    }
  }
  // Each long word also under its one-letter deletions; a deletion shared by two words is
  // ambiguous and marked with "".
  for (const auto& [word, unused] : words_) {
    if (letters_by_length_.size() <= word.size()) letters_by_length_.resize(word.size() + 1);
    letters_by_length_[word.size()].push_back(CharSet(word));
    for (size_t i = 0; i < word.size(); ++i) {
      std::string d = word.substr(0, i) + word.substr(i + 1);
      auto [it, inserted] = deletions_.emplace(d, word);
      if (!inserted && it->second != word) it->second.clear();
    }
  }
  for (auto& [first, list] : by_first_) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.tokens.size() > b.tokens.size();
    });
  }
  return Status::Ok();
}

std::string LegalFormTable::CorrectTypo(std::string_view token) const {
  if (token.size() < kMinTypoWordLength - 1) return "";
  // One typo (a letter added, dropped, changed, or two swapped) leaves at most one of the word's
  // letters missing from the token.
  const uint64_t letters = CharSet(token);
  bool possible = false;
  for (size_t len = token.size() - 1; len <= token.size() + 1 && !possible; ++len)
    if (len < letters_by_length_.size())
      for (uint64_t word : letters_by_length_[len])
        if (std::popcount(word & ~letters) <= 1) possible = true;
  if (!possible || words_.count(token)) return "";
  std::string found;
  auto consider = [&](const std::string& word) {
    if (word.empty() || word == found) return true;
    if (!found.empty()) return false;  // two different words: ambiguous
    found = word;
    return true;
  };
  // token = word minus a letter
  if (auto it = deletions_.find(token); it != deletions_.end() && !consider(it->second)) return "";
  std::string d;
  for (size_t i = 0; i < token.size(); ++i) {
    d.assign(token.substr(0, i));
    d.append(token.substr(i + 1));
    // token = word plus a letter; token and word differ in one letter, or two swapped letters
    if (auto it = words_.find(d); it != words_.end() && !consider(it->second)) return "";
    if (auto it = deletions_.find(d); it != deletions_.end() && !consider(it->second)) return "";
  }
  return found;
}

const std::vector<LegalFormVariant>* LegalFormTable::StartingWith(std::string_view first) const {
  auto it = by_first_.find(first);
  return it == by_first_.end() ? nullptr : &it->second;
}

// ---------------------------------------------------------------------------------------------
// AffixTable

Status AffixTable::Load(const std::string& path, const EntryFolder& fold) {
  std::vector<std::string> lines;
  INTERDICT_RETURN_IF_ERROR(ReadLines(path, &lines));
  StringMap<size_t> seen_at;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t lineno = i + 1;
    std::string_view line = Content(lines[i]);
    if (line.empty()) continue;
    std::vector<std::string_view> cols = SplitView(line, '\t');
    if (cols.size() != 2) return LineError(path, lineno, "expected 'term<TAB>kind'");
    Affix a;
    std::string_view kind = Trim(cols[1]);
    if (kind == "particle") {
      a.kind = AffixKind::kParticle;
    } else if (kind == "honorific") {
      a.kind = AffixKind::kHonorific;
    } else if (kind == "rank") {
      a.kind = AffixKind::kRank;
    } else if (kind == "vessel_prefix") {
      a.kind = AffixKind::kVesselPrefix;
    } else if (kind == "unit") {
      a.kind = AffixKind::kUnit;
    } else if (kind == "place") {
      a.kind = AffixKind::kPlace;
    } else {
      return LineError(path, lineno,
                       "unknown kind '" + std::string(kind) +
                           "' (particle, honorific, rank, vessel_prefix, unit, place)");
    }
    FoldedEntry f = fold(Trim(cols[0]));
    if (f.tokens.empty()) {
      return LineError(path, lineno, "term '" + std::string(cols[0]) + "' has no letters");
    }
    if (a.kind == AffixKind::kParticle && f.tokens.size() != 1) {
      return LineError(path, lineno, "a particle is one word");
    }
    a.tokens = std::move(f.tokens);
    a.abjad = f.abjad;
    // One term may have two kinds ("ms": Ms. for persons, motor ship for vessels).
    const std::string key = std::string(kind) + (a.abjad ? ":@" : ":") + Join(a.tokens);
    auto [it, inserted] = seen_at.emplace(key, lineno);
    if (!inserted) {
      return LineError(path, lineno,
                       "'" + Join(a.tokens) + "' (" + std::string(kind) +
                           ") is already listed on line " + std::to_string(it->second));
    }
    by_first_[a.tokens[0]].push_back(std::move(a));
    ++count_;
  }
  for (auto& [first, list] : by_first_) {
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.tokens.size() > b.tokens.size();
    });
  }
  return Status::Ok();
}

const std::vector<Affix>* AffixTable::StartingWith(std::string_view first) const {
  auto it = by_first_.find(first);
  return it == by_first_.end() ? nullptr : &it->second;
}

bool AffixTable::IsParticle(std::string_view token, bool abjad) const {
  const std::vector<Affix>* list = StartingWith(token);
  if (list == nullptr) return false;
  for (const Affix& a : *list) {
    if (a.kind == AffixKind::kParticle && a.tokens.size() == 1 && a.abjad == abjad) return true;
  }
  return false;
}

}  // namespace interdict::normalize_internal

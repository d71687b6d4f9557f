// Measures how well the normalizer's keys make the spellings of one name meet, and how often
// they make different names meet. This is the evidence behind the choices in
// data/romanization_rules.tsv and NameNormalizer::Skeleton.
//
//   normalize_agreement [data_dir] [lists_dir]
//     data_dir   the dictionaries (default: the source tree's data/)
//     lists_dir  holds un-sc/un-sc-2026-02.xml (default: <data_dir>/lists) and, for part 2,
//                ofac-sdn-2021/ (default: /work/shared/lists/ofac-sdn-2021 or
//                tests/fixtures/ofac-sdn-2021 beside data_dir)
//
// Part 1, cross-script: the UN records that carry NAME_ORIGINAL_SCRIPT. For each, the tokens of
//   the original-script name (transliterated) against the tokens of the Latin primary name: the
//   share of Latin word tokens that have a partner with the same key on the other side, per key
//   (text, variant, phonetic, skeleton, and candidate skeleton designs), alone and allowing the
//   join of two adjacent tokens on either side ("abdullah" ~ "bd"+"allh"). False agreement: the
//   same share when the original-script name of a *different* record is the other side (all
//   ordered pairs of different records).
// Part 2, Latin-Latin: OFAC 2021 and UN records of the same party, linked by a shared identity
//   document number or by an identical normalised name with the same birth year. For each linked
//   pair, the primary-name tokens of one side against all Latin names of the other.
// Part 3, speed of Normalize() per script.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/country.h"
#include "core/data_dir.h"
#include "core/entity.h"
#include "ingest/source.h"
#include "normalize/normalizer.h"
#include "normalize/transliterator.h"

namespace {

using interdict::Entity;
using interdict::NameKind;
using interdict::NameNormalizer;
using interdict::NameToken;
using interdict::NormalizedName;
using interdict::Schema;
using interdict::TokenKind;

// ---------------------------------------------------------------------------------------------
// Candidate skeleton designs, compared with the library's.

struct SkeletonDesign {
  const char* name;
  const char* drop;                                 // letters removed
  std::vector<std::pair<const char*, char>> merge;  // letter classes -> representative
  bool collapse_across = false;  // also collapse doubles that dropped letters separated
  bool lead_vowel = false;       // keep one marker for a leading vowel
  int digraphs =
      0;  // 1: dzh dj zh -> j; 2: +c before e/i/y -> s; 3: +sh ch sch -> x; 4: +sh ch sch -> s
};

std::string Rewrite(std::string_view t, int level) {
  std::string out;
  for (size_t i = 0; i < t.size();) {
    auto at = [&](std::string_view p) { return t.substr(i, p.size()) == p; };
    if (level >= 1 && at("dzh")) {
      out += 'j';
      i += 3;
      continue;
    }
    if (level >= 1 && (at("dj") || at("zh"))) {
      out += 'j';
      i += 2;
      continue;
    }
    if (level >= 3 && at("sch")) {
      out += level == 3 ? 'x' : 's';
      i += 3;
      continue;
    }
    if (level >= 3 && (at("sh") || at("ch"))) {
      out += level == 3 ? 'x' : 's';
      i += 2;
      continue;
    }
    if (level >= 2 && t[i] == 'c' && i + 1 < t.size() &&
        (t[i + 1] == 'e' || t[i + 1] == 'i' || t[i + 1] == 'y')) {
      out += 's';
      ++i;
      continue;
    }
    out += t[i++];
  }
  return out;
}

std::string ApplyDesign(const SkeletonDesign& d, std::string_view token) {
  const std::string rewritten = Rewrite(token, d.digraphs);
  std::string_view t = rewritten;
  char map[128];
  for (int c = 0; c < 128; ++c) map[c] = static_cast<char>(c);
  for (const auto& [cls, rep] : d.merge)
    for (const char* p = cls; *p; ++p) map[static_cast<int>(*p)] = rep;
  std::string out;
  char prev_in = 0;
  if (d.lead_vowel && !t.empty() && std::string_view("aeiou").find(t[0]) != std::string_view::npos)
    out.push_back('a');
  for (char c : t) {
    if (std::string_view(d.drop).find(c) != std::string_view::npos) {
      prev_in = c;
      continue;
    }
    char m = map[static_cast<int>(c)];
    if (d.collapse_across ? (!out.empty() && out.back() == m) : c == prev_in) {
      prev_in = c;
      continue;
    }
    prev_in = c;
    out.push_back(m);
  }
  if (out.empty() && !t.empty()) out.push_back(t[0]);
  return out;
}

const std::vector<SkeletonDesign>& Designs() {
  static const std::vector<SkeletonDesign> d = {
      {"S1 vowels only", "aeiou", {}},
      {"S2 +wvyh", "aeiouwvyh", {}},
      {"S3 +kqcg sz", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}}},
      {"S4 +td", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}}},
      {"S5 +bpf", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}, {"bpf", 'b'}}},
      {"S6 +j=k", "aeiouwvyh", {{"kqcgj", 'k'}, {"sz", 's'}, {"td", 't'}, {"bpf", 'b'}}},
      {"S7 +j=s", "aeiouwvyh", {{"kqcg", 'k'}, {"szj", 's'}, {"td", 't'}, {"bpf", 'b'}}},
      {"S8 S5 lead vowel",
       "aeiouwvyh",
       {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}, {"bpf", 'b'}},
       false,
       true},
      {"S9 S5 collapse across",
       "aeiouwvyh",
       {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}, {"bpf", 'b'}},
       true},
      {"S10 S4 +fp only", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}, {"pf", 'f'}}},
      {"S11 S4 keep v", "aeiouwyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}, {"wv", 'v'}}},
      {"S12 S4 +dj/zh=j", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}}, false, false, 1},
      {"S13 S12 +ce=s", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}}, false, false, 2},
      {"S14 S13 +sh/ch=x", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}}, false, false, 3},
      {"S15 S13 +sh/ch=s", "aeiouwvyh", {{"kqcg", 'k'}, {"sz", 's'}, {"td", 't'}}, false, false, 4},
  };
  return d;
}

// ---------------------------------------------------------------------------------------------
// Keys of a token, by index: 0 text, 1 variant, 2 phonetic, 3 skeleton (library), 4.. designs.

using KeyFn = std::function<std::string(const NameNormalizer&, const NameToken&)>;

struct Key {
  std::string name;
  KeyFn fn;
};

std::vector<Key> Keys() {
  std::vector<Key> k = {
      {"text", [](const NameNormalizer&, const NameToken& t) { return t.text; }},
      {"variant", [](const NameNormalizer&, const NameToken& t) { return t.variant; }},
      {"phonetic", [](const NameNormalizer&, const NameToken& t) { return t.phonetic; }},
      {"skeleton (lib)", [](const NameNormalizer&, const NameToken& t) { return t.skeleton; }},
  };
  for (const SkeletonDesign& d : Designs()) {
    k.push_back({d.name, [&d](const NameNormalizer&, const NameToken& t) {
                   return ApplyDesign(d, t.text);
                 }});
  }
  return k;
}

// Keys of the tokens of one name, plus the keys of adjacent joins (the matcher's join keys).
struct KeyedName {
  std::vector<std::vector<std::string>> single;  // [key][token]
  std::vector<std::vector<std::string>> joined;  // [key][pair]
  std::vector<bool> is_word;                     // per token: kWord
};

NameToken Joined(const NameNormalizer& n, const NameToken& a, const NameToken& b) {
  NameToken j;
  j.text = a.text + b.text;
  j.transliterated = a.transliterated || b.transliterated;
  j.variant = n.VariantOf(j.text);
  j.phonetic = n.PhoneticKey(j.text);
  j.skeleton = NameNormalizer::Skeleton(j.text);
  return j;
}

KeyedName Keyed(const NameNormalizer& n, const NormalizedName& name, const std::vector<Key>& keys) {
  KeyedName k;
  k.single.resize(keys.size());
  k.joined.resize(keys.size());
  for (const NameToken& t : name.tokens) {
    k.is_word.push_back(t.kind == TokenKind::kWord);
    for (size_t i = 0; i < keys.size(); ++i) k.single[i].push_back(keys[i].fn(n, t));
  }
  for (size_t p = 0; p + 1 < name.tokens.size(); ++p) {
    NameToken j = Joined(n, name.tokens[p], name.tokens[p + 1]);
    for (size_t i = 0; i < keys.size(); ++i) k.joined[i].push_back(keys[i].fn(n, j));
  }
  return k;
}

// For key `ki`: how many word tokens of `a` have a partner in `b` (single), and how many with
// joins allowed (a token equal to a join in b, or a join in a, that covers it, equal to a token
// of b).
void CountPartners(const KeyedName& a, const KeyedName& b, size_t ki, size_t* words, size_t* single,
                   size_t* with_joins) {
  const auto& as = a.single[ki];
  const auto& bs = b.single[ki];
  const auto& aj = a.joined[ki];
  const auto& bj = b.joined[ki];
  for (size_t t = 0; t < as.size(); ++t) {
    if (!a.is_word[t]) continue;
    ++*words;
    bool s = std::find(bs.begin(), bs.end(), as[t]) != bs.end();
    bool j = s || std::find(bj.begin(), bj.end(), as[t]) != bj.end();
    if (!j && t > 0) j = std::find(bs.begin(), bs.end(), aj[t - 1]) != bs.end();
    if (!j && t < aj.size()) j = std::find(bs.begin(), bs.end(), aj[t]) != bs.end();
    *single += s;
    *with_joins += j;
  }
}

double Pct(size_t a, size_t b) { return b == 0 ? 0.0 : 100.0 * static_cast<double>(a) / b; }

Schema SchemaOf(const Entity& e) { return e.schema; }

// ---------------------------------------------------------------------------------------------

int CrossScript(const NameNormalizer& n, const std::vector<Entity>& un) {
  const std::vector<Key> keys = Keys();
  struct Rec {
    KeyedName latin, original;
    std::string script;
    std::string latin_text, original_text;
    NormalizedName latin_n, original_n;
  };
  std::vector<Rec> recs;
  for (const Entity& e : un) {
    const interdict::Name* orig = nullptr;
    for (const auto& nm : e.names)
      if (nm.kind == NameKind::kOriginalScript) orig = &nm;
    if (orig == nullptr) continue;
    Rec r;
    r.script = interdict::DominantScript(orig->full);
    if (r.script == "Latn") continue;
    r.latin_text = e.primary_name().full;
    r.original_text = orig->full;
    r.latin_n = n.Normalize(r.latin_text, SchemaOf(e));
    r.original_n = n.Normalize(r.original_text, SchemaOf(e));
    r.latin = Keyed(n, r.latin_n, keys);
    r.original = Keyed(n, r.original_n, keys);
    recs.push_back(std::move(r));
  }
  std::map<std::string, int> by_script;
  for (const Rec& r : recs) ++by_script[r.script];
  std::printf("== Part 1: cross-script agreement, UN records with NAME_ORIGINAL_SCRIPT: %zu (",
              recs.size());
  for (const auto& [s, c] : by_script) std::printf(" %s %d", s.c_str(), c);
  std::printf(" )\n");
  std::printf("%-24s %9s %9s   %9s %9s   %s\n", "key", "same", "+joins", "false", "+joins",
              "(same: % of Latin word tokens with a partner in the original-script name of the "
              "same record; false: of a different record)");
  for (size_t ki = 0; ki < keys.size(); ++ki) {
    size_t words = 0, single = 0, joins = 0;
    for (const Rec& r : recs) CountPartners(r.latin, r.original, ki, &words, &single, &joins);
    size_t fw = 0, fs = 0, fj = 0;
    for (size_t i = 0; i < recs.size(); ++i)
      for (size_t j = 0; j < recs.size(); ++j)
        if (i != j) CountPartners(recs[i].latin, recs[j].original, ki, &fw, &fs, &fj);
    std::printf("%-24s %8.1f%% %8.1f%%   %8.2f%% %8.2f%%\n", keys[ki].name.c_str(),
                Pct(single, words), Pct(joins, words), Pct(fs, fw), Pct(fj, fw));
  }
  // Per script for the library skeleton.
  for (const auto& [s, c] : by_script) {
    size_t words = 0, single = 0, joins = 0;
    for (const Rec& r : recs)
      if (r.script == s) CountPartners(r.latin, r.original, 3, &words, &single, &joins);
    std::printf("  %s: library skeleton %.1f%% (+joins %.1f%%) of %zu Latin word tokens\n",
                s.c_str(), Pct(single, words), Pct(joins, words), words);
  }
  // The Latin tokens that find no partner even with joins, to learn from.
  if (std::getenv("SHOW_MISSES") != nullptr) {
    for (const Rec& r : recs) {
      size_t w = 0, s = 0, j = 0;
      for (size_t t = 0; t < r.latin_n.tokens.size(); ++t) {
        KeyedName one;
        one.single.resize(keys.size());
        one.joined.resize(keys.size());
        for (size_t ki = 0; ki < keys.size(); ++ki) {
          one.single[ki].push_back(r.latin.single[ki][t]);
        }
        one.is_word.push_back(r.latin.is_word[t]);
        size_t w0 = w, j0 = j;
        CountPartners(one, r.original, 3, &w, &s, &j);
        if (w > w0 && j == j0) {
          std::printf("  miss: %-14s (%s) in \"%s\" vs \"%s\" ->", r.latin_n.tokens[t].text.c_str(),
                      r.latin_n.tokens[t].skeleton.c_str(), r.latin_text.c_str(),
                      r.original_text.c_str());
          for (const auto& ot : r.original_n.tokens)
            std::printf(" %s(%s)", ot.text.c_str(), ot.skeleton.c_str());
          std::printf("\n");
        }
      }
    }
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------

std::string IdKey(const std::string& v) {
  std::string k;
  for (char c : v)
    if (std::isalnum(static_cast<unsigned char>(c)))
      k.push_back(static_cast<char>(std::toupper(c)));
  return k;
}

int LatinLatin(const NameNormalizer& n, const std::vector<Entity>& un,
               const std::vector<Entity>& ofac) {
  const std::vector<Key> keys = Keys();
  // Link by identity document number (>= 6 characters, with a digit).
  std::unordered_map<std::string, std::vector<size_t>> un_by_id;
  for (size_t i = 0; i < un.size(); ++i)
    for (const auto& id : un[i].identifiers) {
      std::string k = IdKey(id.value);
      if (k.size() >= 6 && std::any_of(k.begin(), k.end(), ::isdigit)) un_by_id[k].push_back(i);
    }
  // Link by the set of folded name tokens + birth year.
  auto name_key = [&](const std::string& full, Schema s) {
    NormalizedName nn = n.Normalize(full, s);
    std::vector<std::string> t;
    for (const auto& tok : nn.tokens) t.push_back(tok.text);
    std::sort(t.begin(), t.end());
    std::string k;
    for (const auto& x : t) k += x + " ";
    return k;
  };
  std::unordered_map<std::string, std::vector<size_t>> un_by_name;
  for (size_t i = 0; i < un.size(); ++i)
    for (const auto& nm : un[i].names)
      for (const auto& d : un[i].birth_dates)
        un_by_name[name_key(nm.full, un[i].schema) + std::to_string(d.from.year)].push_back(i);
  std::set<std::pair<size_t, size_t>> links;  // (ofac, un)
  size_t by_id = 0, by_name = 0;
  for (size_t o = 0; o < ofac.size(); ++o) {
    for (const auto& id : ofac[o].identifiers) {
      auto it = un_by_id.find(IdKey(id.value));
      if (it == un_by_id.end()) continue;
      for (size_t u : it->second) by_id += links.emplace(o, u).second;
    }
    for (const auto& nm : ofac[o].names)
      for (const auto& d : ofac[o].birth_dates) {
        auto it = un_by_name.find(name_key(nm.full, ofac[o].schema) + std::to_string(d.from.year));
        if (it == un_by_name.end()) continue;
        for (size_t u : it->second) by_name += links.emplace(o, u).second;
      }
  }
  std::printf(
      "\n== Part 2: Latin-Latin agreement, OFAC 2021 x UN: %zu linked pairs (%zu by "
      "document number, %zu by name + birth year)\n",
      links.size(), by_id, by_name);
  std::printf("%-24s %9s %9s   %9s %9s   %s\n", "key", "same", "+joins", "unlinked", "+joins",
              "(% of OFAC primary-name word tokens with a partner in any Latin name of the linked "
              "UN record; unlinked: UN record of the next link)");
  std::vector<std::pair<size_t, size_t>> lv(links.begin(), links.end());
  // Tokens whose text has no partner: what each key adds beyond exact spelling.
  {
    std::printf("%-24s %s\n", "",
                "rescued: of the OFAC tokens with no text-equal partner (even with "
                "joins) in the linked UN record's names, the share this key pairs");
    std::vector<size_t> rescued(keys.size(), 0);
    size_t unmatched = 0;
    for (const auto& [oi, ui] : lv) {
      const Entity& o = ofac[oi];
      const Entity& u = un[ui];
      NormalizedName on = n.Normalize(o.primary_name().full, o.schema);
      KeyedName a = Keyed(n, on, keys);
      std::vector<KeyedName> bs;
      for (const auto& nm : u.names)
        if (nm.kind != NameKind::kOriginalScript)
          bs.push_back(Keyed(n, n.Normalize(nm.full, u.schema), keys));
      for (size_t t = 0; t < on.tokens.size(); ++t) {
        if (!a.is_word[t]) continue;
        KeyedName one;
        one.single.resize(keys.size());
        one.joined.resize(keys.size());
        for (size_t ki = 0; ki < keys.size(); ++ki) one.single[ki].push_back(a.single[ki][t]);
        one.is_word.push_back(true);
        auto pairs = [&](size_t ki) {
          for (const KeyedName& b : bs) {
            size_t w = 0, s1 = 0, j1 = 0;
            CountPartners(one, b, ki, &w, &s1, &j1);
            if (j1) return true;
          }
          return false;
        };
        if (pairs(0)) continue;
        ++unmatched;
        if (std::getenv("SHOW_MISSES") != nullptr) {
          std::printf("  unpaired: %-14s v=%s p=%s s=%s in \"%s\" vs \"%s\"\n",
                      on.tokens[t].text.c_str(), on.tokens[t].variant.c_str(),
                      on.tokens[t].phonetic.c_str(), on.tokens[t].skeleton.c_str(),
                      o.primary_name().full.c_str(), u.primary_name().full.c_str());
        }
        for (size_t ki = 1; ki < keys.size(); ++ki) rescued[ki] += pairs(ki);
      }
    }
    for (size_t ki = 1; ki < keys.size(); ++ki)
      std::printf("  %-22s rescued %5.1f%% of %zu\n", keys[ki].name.c_str(),
                  Pct(rescued[ki], unmatched), unmatched);
  }
  for (size_t ki = 0; ki < keys.size(); ++ki) {
    size_t w = 0, s = 0, j = 0, fw = 0, fs = 0, fj = 0;
    for (size_t li = 0; li < lv.size(); ++li) {
      const Entity& o = ofac[lv[li].first];
      KeyedName a = Keyed(n, n.Normalize(o.primary_name().full, o.schema), keys);
      auto against = [&](const Entity& u, size_t* ww, size_t* ss, size_t* jj) {
        // Best over the UN record's Latin names.
        size_t best_s = 0, best_j = 0, words = 0;
        for (const auto& nm : u.names) {
          if (nm.kind == NameKind::kOriginalScript) continue;
          KeyedName b = Keyed(n, n.Normalize(nm.full, u.schema), keys);
          size_t w1 = 0, s1 = 0, j1 = 0;
          CountPartners(a, b, ki, &w1, &s1, &j1);
          words = w1;
          if (s1 + j1 > best_s + best_j) {
            best_s = s1;
            best_j = j1;
          }
        }
        *ww += words;
        *ss += best_s;
        *jj += best_j;
      };
      against(un[lv[li].second], &w, &s, &j);
      against(un[lv[(li + 1) % lv.size()].second], &fw, &fs, &fj);
    }
    std::printf("%-24s %8.1f%% %8.1f%%   %8.2f%% %8.2f%%\n", keys[ki].name.c_str(), Pct(s, w),
                Pct(j, w), Pct(fs, fw), Pct(fj, fw));
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------

void Speed(const NameNormalizer& n) {
  struct Case {
    const char* label;
    std::vector<std::string> names;
  };
  const std::vector<Case> cases = {
      {"ASCII",
       {"AL ZAWAHIRI, Ayman", "KIM Jong Un", "Romashka Trading LLC",
        "PUTIN, Vladimir Vladimirovich"}},
      {"Latin diacritics",
       {"Müller-Lüdenscheidt GmbH", "ÇAĞLAYAN İnşaat", "Nguyễn Tấn Dũng", "José Núñez"}},
      {"Arabic",
       {"محمد جواد ظريف", "صدام حسين التكريتي", "عبد الله يحيى الحاكم", "علي حسن المجيد التكريتي"}},
      {"Cyrillic",
       {"Владимир Владимирович Путин", "Сергей Шойгу", "Олександр Зінченко", "Эмират Кавказ"}},
      {"Han", {"金正恩", "習近平", "金铁三", "李克强"}},
      {"Hangul", {"김정은", "리영호", "최룡해", "박봉주"}},
  };
  std::printf("\n== Part 3: Normalize() speed, one thread (µs per name, mean of 4 names)\n");
  for (const Case& c : cases) {
    size_t iters = 0;
    auto t0 = std::chrono::steady_clock::now();
    std::chrono::duration<double> el{};
    size_t sink = 0;
    do {
      for (int k = 0; k < 200; ++k)
        for (const auto& s : c.names) sink += n.Normalize(s, Schema::kEntity).tokens.size();
      iters += 200 * c.names.size();
      el = std::chrono::steady_clock::now() - t0;
    } while (el.count() < 0.5);
    std::printf("  %-18s %8.2f µs   (%zu names, checksum %zu)\n", c.label,
                el.count() * 1e6 / static_cast<double>(iters), iters, sink % 7);
  }
}

// Borrowing a pooled transliterator (what Normalize does) against cloning one per call.
void PoolVersusClone() {
  using interdict::normalize_internal::Chain;
  using interdict::normalize_internal::TransliteratorSet;
  TransliteratorSet set;
  if (!set.Init().ok()) return;
  const icu::UnicodeString word = icu::UnicodeString::fromUTF8("محمد");
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr;
  std::unique_ptr<icu::Transliterator> proto(icu::Transliterator::createInstance(
      "NFKC; Arabic-Latin/BGN; Any-Latin; Latin-ASCII", UTRANS_FORWARD, perr, status));
  if (U_FAILURE(status)) return;
  const int kIters = 20000;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kIters; ++i) {
    icu::UnicodeString u = word;
    set.Transliterate(Chain::kArabic, &u);
  }
  std::chrono::duration<double> pooled = std::chrono::steady_clock::now() - t0;
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kIters / 10; ++i) {
    icu::UnicodeString u = word;
    std::unique_ptr<icu::Transliterator> t(proto->clone());
    t->transliterate(u);
  }
  std::chrono::duration<double> cloned = std::chrono::steady_clock::now() - t0;
  std::printf("  one Arabic word: pooled transliterator %.2f µs, clone per call %.2f µs\n",
              pooled.count() * 1e6 / kIters, cloned.count() * 1e6 / (kIters / 10));
}

// Two threads normalising Arabic names at once (this machine has about one core of throughput,
// so this shows the pool's correctness and lock overhead, not scaling).
void TwoThreads(const NameNormalizer& n) {
  const std::vector<std::string> names = {"محمد جواد ظريف", "صدام حسين التكريتي",
                                          "عبد الله يحيى الحاكم", "علي حسن المجيد التكريتي"};
  const int kPerThread = 4000;
  auto work = [&] {
    size_t sink = 0;
    for (int i = 0; i < kPerThread; ++i)
      sink += n.Normalize(names[i % 4], Schema::kPerson).tokens.size();
    return sink;
  };
  auto t0 = std::chrono::steady_clock::now();
  std::thread a(work), b(work);
  a.join();
  b.join();
  std::chrono::duration<double> el = std::chrono::steady_clock::now() - t0;
  std::printf("  Arabic, 2 threads: %.2f µs per name (wall time / names)\n",
              el.count() * 1e6 / (2 * kPerThread));
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = interdict::ResolveDataDir(argc > 1 ? argv[1] : "");
  std::filesystem::path lists =
      argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::path(data_dir) / "lists";
  std::unique_ptr<NameNormalizer> n;
  auto t0 = std::chrono::steady_clock::now();
  interdict::Status st = NameNormalizer::Load(data_dir, &n);
  std::chrono::duration<double> load = std::chrono::steady_clock::now() - t0;
  if (!st.ok()) {
    std::fprintf(stderr, "normalizer: %s\n", st.message().c_str());
    return 1;
  }
  std::printf("NameNormalizer::Load: %.1f ms\n", load.count() * 1e3);
  interdict::CountryTable countries;
  st = interdict::CountryTable::LoadDefault(data_dir, &countries);
  if (!st.ok()) {
    std::fprintf(stderr, "countries: %s\n", st.message().c_str());
    return 1;
  }
  interdict::ParseOptions opt;
  opt.countries = &countries;
  auto read = [&](interdict::ListFormat f, const std::filesystem::path& p,
                  std::vector<Entity>* out) {
    interdict::ParseReport rep;
    return interdict::ParseList(
        f, {p}, opt,
        [&](Entity&& e) {
          out->push_back(std::move(e));
          return interdict::Status::Ok();
        },
        &rep);
  };
  std::vector<Entity> un, ofac;
  st = read(interdict::ListFormat::kUnXml, lists / "un-sc" / "un-sc-2026-02.xml", &un);
  if (!st.ok()) {
    std::fprintf(stderr, "UN list: %s\n", st.message().c_str());
    return 1;
  }
  CrossScript(*n, un);
  std::filesystem::path ofac_dir = "/work/shared/lists/ofac-sdn-2021";
  if (!std::filesystem::exists(ofac_dir))
    ofac_dir = std::filesystem::path(data_dir) / ".." / "tests" / "fixtures" / "ofac-sdn-2021";
  st = read(interdict::ListFormat::kOfacSdnCsv, ofac_dir, &ofac);
  if (!st.ok()) {
    std::fprintf(stderr, "OFAC list: %s\n", st.message().c_str());
  } else {
    LatinLatin(*n, un, ofac);
  }
  Speed(*n);
  PoolVersusClone();
  TwoThreads(*n);
  return 0;
}

#include "normalize/normalizer.h"

#include <algorithm>
#include <utility>

#include "normalize/dictionary.h"
#include "normalize/fold_table.h"
#include "normalize/han_korean.h"
#include "normalize/tokenizer.h"
#include "normalize/transliterator.h"

namespace interdict {

using normalize_internal::Affix;
using normalize_internal::AffixKind;
using normalize_internal::AffixTable;
using normalize_internal::DominantScriptOf;
using normalize_internal::FoldedEntry;
using normalize_internal::FoldTable;
using normalize_internal::HanKoreanReadings;
using normalize_internal::LegalFormTable;
using normalize_internal::LegalFormVariant;
using normalize_internal::RawToken;
using normalize_internal::SpellingRules;
using normalize_internal::Tokenizer;
using normalize_internal::TransliteratorSet;
using normalize_internal::VariantTable;

struct NameNormalizer::Impl {
  FoldTable fold;
  TransliteratorSet translit;
  Tokenizer tokenizer{&fold, &translit};
  VariantTable variants;
  SpellingRules rules;
  LegalFormTable legal_forms;
  AffixTable affixes;
  HanKoreanReadings korean;
};

NameNormalizer::NameNormalizer() : impl_(std::make_unique<Impl>()) {}
NameNormalizer::~NameNormalizer() = default;

Status NameNormalizer::Load(const std::string& data_dir, std::unique_ptr<NameNormalizer>* out) {
  std::unique_ptr<NameNormalizer> n(new NameNormalizer());
  Impl& impl = *n->impl_;
  INTERDICT_RETURN_IF_ERROR(impl.fold.Build());
  INTERDICT_RETURN_IF_ERROR(impl.translit.Init());
  // Dictionary entries are folded exactly like names, so both always agree.
  auto fold = [&impl](std::string_view entry) {
    std::vector<RawToken> raw;
    impl.tokenizer.Tokenize(entry, &raw);
    FoldedEntry f;
    for (RawToken& t : raw) {
      f.transliterated |= t.transliterated;
      f.abjad |= t.abjad;
      f.tokens.push_back(std::move(t.text));
    }
    if (f.transliterated && DominantScriptOf(entry) == "Arab") {
      const normalize_internal::Chain persian = normalize_internal::Chain::kPersian;
      raw.clear();
      impl.tokenizer.Tokenize(entry, &raw, &persian);
      for (RawToken& t : raw) f.persian_tokens.push_back(std::move(t.text));
    }
    return f;
  };
  const std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  INTERDICT_RETURN_IF_ERROR(impl.variants.Load(dir + "name_variants.tsv", fold));
  INTERDICT_RETURN_IF_ERROR(impl.rules.Load(dir + "romanization_rules.tsv"));
  INTERDICT_RETURN_IF_ERROR(impl.legal_forms.Load(dir + "legal_forms.tsv", fold));
  INTERDICT_RETURN_IF_ERROR(impl.affixes.Load(dir + "name_affixes.tsv", fold));
  INTERDICT_RETURN_IF_ERROR(impl.korean.Load(dir + "han_korean_readings.tsv"));
  *out = std::move(n);
  return Status::Ok();
}

namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// True when the dictionary entry (`entry_tokens`, written in an abjad or not) stands at raw[at].
bool Matches(const std::vector<RawToken>& raw, size_t at,
             const std::vector<std::string>& entry_tokens, bool entry_abjad) {
  if (at + entry_tokens.size() > raw.size()) return false;
  for (size_t k = 0; k < entry_tokens.size(); ++k) {
    if (raw[at + k].text != entry_tokens[k] || raw[at + k].abjad != entry_abjad) return false;
  }
  return true;
}

// Per raw token: what the affix and legal-form passes decided.
struct Mark {
  // kDemoted: an honorific in a name that is not a person's, kept at a particle's weight.
  enum Kind { kNone, kLegal, kLegalCont, kRemoved, kDemoted } kind = kNone;
  const LegalFormVariant* legal = nullptr;  // kLegal: the form starting here
  size_t span = 1;
};

// Marks legal forms (legal_forms.tsv). Order: forms at the end of the name first, right to left
// (so "co ltd" is two forms), then one at the start, then unanchored forms anywhere between.
// End- and start-anchored forms need one other token beside them ("AS" alone is a name).
void MarkForm(size_t s, const LegalFormVariant& v, std::vector<Mark>* marks) {
  (*marks)[s].kind = Mark::kLegal;
  (*marks)[s].legal = &v;
  (*marks)[s].span = v.tokens.size();
  for (size_t k = 1; k < v.tokens.size(); ++k) (*marks)[s + k].kind = Mark::kLegalCont;
}

void MarkLegalForms(const LegalFormTable& table, const std::vector<RawToken>& raw,
                    std::vector<Mark>* marks) {
  const size_t n = raw.size();
  auto mark = [&](size_t s, const LegalFormVariant& v) { MarkForm(s, v, marks); };
  size_t end = n;
  while (end > 1) {
    const LegalFormVariant* found = nullptr;
    size_t found_at = 0;
    for (size_t s = 1; s < end && found == nullptr; ++s) {  // smallest s = longest suffix
      const auto* list = table.StartingWith(raw[s].text);
      if (list == nullptr) continue;
      for (const LegalFormVariant& v : *list) {
        if (s + v.tokens.size() == end && (v.anywhere || v.at_end) &&
            Matches(raw, s, v.tokens, v.abjad)) {
          found = &v;
          found_at = s;
          break;
        }
      }
    }
    if (found == nullptr) break;
    mark(found_at, *found);
    end = found_at;
  }
  size_t begin = 0;
  if (end > 1) {
    if (const auto* list = table.StartingWith(raw[0].text)) {
      for (const LegalFormVariant& v : *list) {
        if (v.tokens.size() < end && (v.anywhere || v.at_start) &&
            Matches(raw, 0, v.tokens, v.abjad)) {
          mark(0, v);
          begin = v.tokens.size();
          break;
        }
      }
    }
  }
  for (size_t i = begin; i < end;) {
    const auto* list = table.StartingWith(raw[i].text);
    size_t step = 1;
    if (list != nullptr) {
      for (const LegalFormVariant& v : *list) {
        if (v.anywhere && i + v.tokens.size() <= end && Matches(raw, i, v.tokens, v.abjad)) {
          mark(i, v);
          step = v.tokens.size();
          break;
        }
      }
    }
    i += step;
  }
}

// True when a unit word ("branch", "head office") starts at raw[at].
bool UnitAt(const AffixTable& table, const std::vector<RawToken>& raw, size_t at) {
  if (at >= raw.size()) return false;
  const auto* list = table.StartingWith(raw[at].text);
  if (list == nullptr) return false;
  for (const Affix& a : *list)
    if (a.kind == AffixKind::kUnit && Matches(raw, at, a.tokens, a.abjad)) return true;
  return false;
}

// Byte offset of the first opening quotation mark in `name` (" « „ “), or npos.
size_t FirstQuote(std::string_view name) {
  size_t best = std::string_view::npos;
  for (std::string_view q : {"\"", "\u00ab", "\u201e", "\u201c"})
    best = std::min(best, name.find(q));
  return best;
}

// Registers write the form first and the name in quotes: OOO "Romashka", АО «Гранит», J.S.C.
// "Kronshtadt". When every token before the opening quote is part of a legal form, all of them
// are marked as forms, whatever the variants' places ("CO", "S.A." and "J.S.C." stand at the end
// elsewhere), with at least one token after them.
void MarkFormsBeforeQuote(const LegalFormTable& table, std::string_view name,
                          const std::vector<RawToken>& raw, std::vector<Mark>* marks) {
  const size_t quote = FirstQuote(name);
  if (quote == std::string_view::npos) return;
  size_t n = 0;
  while (n < raw.size() && raw[n].end <= quote) ++n;
  if (n == 0 || n == raw.size()) return;
  std::vector<std::pair<size_t, const LegalFormVariant*>> found;
  for (size_t i = 0; i < n;) {
    if ((*marks)[i].kind == Mark::kLegal) {
      if (i + (*marks)[i].span > n) return;  // a form that runs into the quoted name
      i += (*marks)[i].span;
      continue;
    }
    const LegalFormVariant* form = nullptr;
    if (const auto* list = table.StartingWith(raw[i].text)) {
      for (const LegalFormVariant& v : *list) {
        if (i + v.tokens.size() <= n && Matches(raw, i, v.tokens, v.abjad)) {
          form = &v;
          break;
        }
      }
    }
    if (form == nullptr) return;
    found.emplace_back(i, form);
    i += form->tokens.size();
  }
  for (auto [i, form] : found) MarkForm(i, *form, marks);
}

// An organisation's acronym written with dots or spaces ("I.B.M.", "A.D.C. GmbH", "T E G
// Limited") is one word, its solid spelling: a run of single letters with nothing but a dot, a
// space or both between each and the next ("S&C" stays two letters). Initials belong to persons'
// names, so only names that may not be a person's are read this way: typed organisation, vessel
// or aircraft, runs of two letters or more; of unstated type, runs of three or more, or of two in
// a name with a legal form ("J.R. Smith" stays two initials and a surname). The letters stand for
// no words: "I.B.M." meets IBM, and INTERNATIONAL BUSINESS MACHINES only where a list gives IBM
// as a name.
void JoinSpeltAcronyms(std::string_view name, Schema schema, std::vector<RawToken>* raw,
                       std::vector<Mark>* marks) {
  if (schema == Schema::kPerson) return;
  size_t shortest = 2;
  if (schema == Schema::kEntity && std::none_of(marks->begin(), marks->end(), [](const Mark& m) {
        return m.kind == Mark::kLegal;
      }))
    shortest = 3;
  auto letter = [&](size_t i) {
    const RawToken& t = (*raw)[i];
    return (*marks)[i].kind == Mark::kNone && !t.transliterated && t.text.size() == 1 &&
           t.text[0] >= 'a' && t.text[0] <= 'z';
  };
  auto spelt = [&](size_t i) {  // tokens i and i + 1 written "x.y", "x y" or "x. y"
    const size_t from = (*raw)[i].end, to = (*raw)[i + 1].begin;
    if (to <= from || to - from > 2) return false;
    for (size_t b = from; b < to; ++b)
      if (name[b] != '.' && name[b] != ' ') return false;
    return true;
  };
  size_t out = 0;
  for (size_t i = 0; i < raw->size();) {
    size_t j = i + 1;  // the run is [i, j)
    if (letter(i))
      while (j < raw->size() && letter(j) && spelt(j - 1)) ++j;
    if (j - i < shortest) j = i + 1;
    RawToken t = std::move((*raw)[i]);
    for (size_t k = i + 1; k < j; ++k) {
      t.text += (*raw)[k].text;
      t.end = (*raw)[k].end;
    }
    (*marks)[out] = (*marks)[i];
    (*raw)[out++] = std::move(t);
    i = j;
  }
  raw->resize(out);
  marks->resize(out);
}

// Marks honorifics, ranks and vessel prefixes for removal, as `schema` allows, but never all of
// a name's other tokens: "Sheikh" alone stays a name. Honorifics are removed from person names
// only; in any other name ("Bandar Imam Petrochemical", or a query of unknown type) they stay, as
// particles, so that a person's name with and without its honorific, and an organisation's name
// containing one, compare the same whichever type either side was given. Unit words ("Head
// Office", "Branch of", "Navy") and a place directly before one ("Dubai Branch") stay in names
// that may be organisations, as particles too: written beside a listed name they add little, and
// the listed record that carries them ("... Navy") still matches them exactly.
void MarkAffixes(const AffixTable& table, Schema schema, const std::vector<RawToken>& raw,
                 std::vector<Mark>* marks, std::vector<std::string>* removed) {
  const bool demote = schema != Schema::kPerson;
  const bool ranks = schema == Schema::kPerson;
  const bool vessel = schema == Schema::kVessel;
  struct Hit {
    size_t start, length;
    bool demoted;
  };
  std::vector<Hit> hits;
  size_t covered = 0;
  for (size_t i = 0; i < raw.size();) {
    size_t step = 1;
    if ((*marks)[i].kind == Mark::kNone) {
      if (const auto* list = table.StartingWith(raw[i].text)) {
        for (const Affix& a : *list) {
          bool applies =
              a.kind == AffixKind::kHonorific || (a.kind == AffixKind::kRank && ranks) ||
              (a.kind == AffixKind::kVesselPrefix && vessel && i == 0) ||
              (a.kind == AffixKind::kUnit && demote) ||
              (a.kind == AffixKind::kPlace && demote && UnitAt(table, raw, i + a.tokens.size()));
          if (!applies || !Matches(raw, i, a.tokens, a.abjad)) continue;
          bool free = true;
          for (size_t k = 0; k < a.tokens.size(); ++k) free &= (*marks)[i + k].kind == Mark::kNone;
          if (!free) continue;
          hits.push_back({i, a.tokens.size(),
                          demote && (a.kind == AffixKind::kHonorific ||
                                     a.kind == AffixKind::kUnit || a.kind == AffixKind::kPlace)});
          covered += a.tokens.size();
          step = a.tokens.size();
          break;
        }
      }
    }
    i += step;
  }
  if (hits.empty() || covered >= raw.size()) return;
  for (auto [s, len, demoted] : hits) {
    if (demoted) {
      for (size_t k = 0; k < len; ++k) (*marks)[s + k].kind = Mark::kDemoted;
      continue;
    }
    std::string text;
    for (size_t k = 0; k < len; ++k) {
      (*marks)[s + k].kind = Mark::kRemoved;
      if (k > 0) text.push_back(' ');
      text += raw[s + k].text;
    }
    removed->push_back(std::move(text));
  }
}

// A Korean name written in Han: a Korean surname's character, then one to three more (Korean
// names have two to four syllables), each with a Sino-Korean reading. Each character then also
// carries its Korean reading, as its variant: its text (the Mandarin reading) still meets pinyin
// spellings, the variant meets Korean ones (金正恩: "jin zheng en", and Kim Jong Un), so both
// readings are tried and the better kept. A Chinese name of that shape gets a Korean reading it
// does not need, which only lets it meet the same characters' Korean spelling.
void AddSinoKoreanReadings(const HanKoreanReadings& korean, const VariantTable& variants,
                           std::vector<NameToken>* tokens) {
  for (size_t i = 0; i < tokens->size(); ++i) {
    size_t j = i;
    while (j < tokens->size() && !(*tokens)[j].surface.empty() &&
           korean.Find((*tokens)[j].surface) != nullptr)
      ++j;
    if (j - i >= 2 && j - i <= 4 && korean.IsSurname((*tokens)[i].surface)) {
      for (size_t k = i; k < j; ++k) {
        NameToken& t = (*tokens)[k];
        const std::string& latin = *korean.Find(t.surface);
        const std::string* v = variants.Find(latin, true, false);
        t.variant = v != nullptr ? *v : latin;
      }
    }
    i = std::max(i, j);
  }
}

}  // namespace

NormalizedName NameNormalizer::Normalize(std::string_view name, Schema schema) const {
  const Impl& impl = *impl_;
  NormalizedName result;
  std::vector<RawToken> raw;
  impl.tokenizer.Tokenize(name, &raw);
  result.script = normalize_internal::DominantScriptOf(name);
  result.schema = schema;
  std::vector<Mark> marks(raw.size());
  if (schema != Schema::kPerson) {
    // Legal forms are recognised through one typo; a corrected token that turns out not to be
    // part of a legal form gets its own spelling back.
    std::vector<std::pair<size_t, std::string>> corrected;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i].abjad) continue;
      std::string word = impl.legal_forms.CorrectTypo(raw[i].text);
      if (word.empty()) continue;
      corrected.emplace_back(i, std::move(raw[i].text));
      raw[i].text = std::move(word);
    }
    MarkLegalForms(impl.legal_forms, raw, &marks);
    MarkFormsBeforeQuote(impl.legal_forms, name, raw, &marks);
    for (auto& [i, original] : corrected)
      if (marks[i].kind == Mark::kNone) raw[i].text = std::move(original);
    JoinSpeltAcronyms(name, schema, &raw, &marks);
  }
  MarkAffixes(impl.affixes, schema, raw, &marks, &result.removed);
  result.tokens.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const Mark& m = marks[i];
    if (m.kind == Mark::kRemoved || m.kind == Mark::kLegalCont) continue;
    NameToken t;
    t.begin = raw[i].begin;
    t.end = raw[i].end;
    t.transliterated = raw[i].transliterated;
    t.abjad = raw[i].abjad;
    if (m.kind == Mark::kLegal) {
      t.kind = TokenKind::kLegalForm;
      t.text = m.legal->canonical;
      t.end = raw[i + m.span - 1].end;
      for (size_t k = 0; k < m.span; ++k) {
        t.transliterated |= raw[i + k].transliterated;
        t.surface += raw[i + k].text;
      }
      t.variant = t.phonetic = t.skeleton = t.text;
    } else if (AllDigits(raw[i].text)) {
      t.kind = TokenKind::kNumber;
      t.text = std::move(raw[i].text);
      t.variant = t.phonetic = t.skeleton = t.text;
    } else {
      t.kind = m.kind == Mark::kDemoted || impl.affixes.IsParticle(raw[i].text, raw[i].abjad)
                   ? TokenKind::kParticle
                   : TokenKind::kWord;
      t.text = std::move(raw[i].text);
      const std::string* v = impl.variants.Find(t.text, t.transliterated, raw[i].abjad);
      t.variant = v != nullptr ? *v : t.text;
      t.phonetic = impl.rules.Apply(t.text);
      t.skeleton = Skeleton(t.text);
      t.surface = std::move(raw[i].native);
    }
    result.tokens.push_back(std::move(t));
  }
  AddSinoKoreanReadings(impl.korean, impl.variants, &result.tokens);
  return result;
}

std::string NameNormalizer::ToLatin(std::string_view text) const {
  std::vector<RawToken> raw;
  impl_->tokenizer.Tokenize(text, &raw);
  std::string out;
  for (const RawToken& t : raw) {
    if (!out.empty()) out.push_back(' ');
    out += t.text;
  }
  return out;
}

std::string NameNormalizer::VariantOf(std::string_view token) const {
  const std::string* v = impl_->variants.Find(token, false, false);
  return v != nullptr ? *v : std::string(token);
}

std::string NameNormalizer::PhoneticKey(std::string_view token) const {
  return impl_->rules.Apply(token);
}

std::string NameNormalizer::Skeleton(std::string_view token) {
  // Chosen by measurement (bench/normalize_agreement.cc, design "S14"):
  //  - vowels and w v y h vanish: abjads write them as vowels or not at all, so "mhmd" (محمد)
  //    meets "muhammad" and "nvrzy" (نورزی) meets "noorzai";
  //  - sh, ch, sch, tch, tsch are one sound class "x" (Arabic ش is "sh" in English spellings
  //    and "ch" in French ones: Akkacha, Charia; Russian ч is ch/tch/tsch);
  //  - dzh, dsch, dj, zh and j are one class "j" (Djamel/Jamal, Razhapovich/Rajapovich);
  //  - c before e/i/y is "s" (Belkacem/Belqasem), any other c is "k";
  //  - k q c g, s z, t d are merged; b/p/f are not (no gain, more false agreement);
  //  - a letter repeated in the token counts once (Hassan = Hasan); a repeat that a dropped
  //    letter separates stays (collapsing it merged more different names than it joined).
  // A token with no letter left keeps its first letter, so "a" is not "".
  std::string out;
  out.reserve(token.size());
  char prev_in = 0;  // the previous input letter, to collapse doubles
  const size_t n = token.size();
  for (size_t i = 0; i < n;) {
    auto at = [&](std::string_view p) { return token.substr(i, p.size()) == p; };
    char m;
    size_t len = 1;
    if (at("tsch") || at("dsch")) {
      m = token[i] == 't' ? 'x' : 'j';
      len = 4;
    } else if (at("sch") || at("tch") || at("dzh")) {
      m = token[i] == 'd' ? 'j' : 'x';
      len = 3;
    } else if (at("sh") || at("ch")) {
      m = 'x';
      len = 2;
    } else if (at("dj") || at("zh")) {
      m = 'j';
      len = 2;
    } else {
      const char c = token[i];
      switch (c) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
        case 'w':
        case 'v':
        case 'y':
        case 'h':
          prev_in = c;
          ++i;
          continue;
        case 'c': {
          const char next = i + 1 < n ? token[i + 1] : 0;
          m = next == 'e' || next == 'i' || next == 'y' ? 's' : 'k';
          break;
        }
        case 'q':
        case 'g':
          m = 'k';
          break;
        case 'z':
          m = 's';
          break;
        case 'd':
          m = 't';
          break;
        default:
          m = c;
          break;
      }
      if (c == prev_in) {
        ++i;
        continue;
      }
      prev_in = c;
      out.push_back(m);
      ++i;
      continue;
    }
    if (out.empty() || out.back() != m) out.push_back(m);  // "shsh" (ash-Shaykh) counts once
    prev_in = 0;
    i += len;
  }
  if (out.empty() && !token.empty()) out.push_back(token[0]);
  return out;
}

std::string DominantScript(std::string_view text) {
  return normalize_internal::DominantScriptOf(text);
}

}  // namespace interdict

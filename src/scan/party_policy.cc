#include "scan/party_policy.h"

#include <algorithm>

#include "scan/text_tokenizer.h"

namespace interdict {

namespace {

bool ExactEvidence(Evidence e) { return e == Evidence::kExact || e == Evidence::kVariant; }

// The alignment seen from the list name: per list token, its evidence, edits and query token.
struct ListView {
  std::vector<Evidence> evidence;
  std::vector<int> query;
  std::vector<uint8_t> edits;
  int matched_query = 0;  // span tokens matched other than as initials
};

ListView ViewFromList(const PreparedName& list, const PreparedName& span, const NameAlignment& a) {
  ListView v;
  v.evidence.assign(list.tokens.size(), Evidence::kNone);
  v.query.assign(list.tokens.size(), -1);
  v.edits.assign(list.tokens.size(), 0);
  std::vector<bool> query_matched(span.tokens.size(), false);
  for (const AlignedPair& p : a.pairs) {
    for (int li : p.list)
      if (li >= 0) v.edits[static_cast<size_t>(li)] = p.match.edits;
    if (p.match.similarity <= 0) continue;
    for (int li : p.list) {
      if (li < 0) continue;
      v.evidence[static_cast<size_t>(li)] = p.match.evidence;
      v.query[static_cast<size_t>(li)] = p.query[0];
    }
    if (p.match.evidence != Evidence::kInitial)
      for (int q : p.query)
        if (q >= 0) query_matched[static_cast<size_t>(q)] = true;
  }
  for (bool b : query_matched) v.matched_query += b;
  return v;
}

struct PolicyInput {
  const NameFacts& name;
  const NameTokenFacts* tokens;
  size_t n;  // tokens to look at: min(list tokens, facts given)
  const PreparedName& list;
  const PreparedName& span;
  std::string_view span_text;
  ListView view;

  // Written as a name: capitalised (or of a script without case); an acronym in capitals.
  bool CapitalisedAt(int q) const {
    if (q < 0) return false;
    const PreparedToken& qt = span.tokens[static_cast<size_t>(q)];
    const std::string_view written = span_text.substr(qt.begin, qt.end - qt.begin);
    const uint8_t flags = CaseFlags(written);
    if (name.acronym) return NoLowerCase(written);
    return (flags & (kCapitalised | kCaseless)) != 0;
  }
  // Strong evidence: the token as written, a known variant or spelling, another script, or a
  // single typo in a long token (DUBIYNAK ~ DUBINYAK, not BARYSHKOV ~ BARYSHNIKOV).
  bool Strong(size_t i) const {
    const Evidence ev = view.evidence[i];
    if (ExactEvidence(ev) || ev == Evidence::kSpelling) return true;
    if (ev == Evidence::kTypo) return view.edits[i] <= 1 && list.tokens[i].text.size() >= 6;
    const int q = view.query[i];
    return ev == Evidence::kTransliteration && q >= 0 &&
           span.tokens[static_cast<size_t>(q)].transliterated;
  }
};

// Rules 1-4: country words, one part of a longer name, surnames, misspellings.
bool EnoughParts(const PolicyInput& in, bool* common_only) {
  int matched_sig = 0, matched_nonqual = 0, parts = 0;
  bool distinctive_strong = false, surname = false;
  *common_only = true;
  for (size_t i = 0; i < in.n; ++i) {
    const NameTokenFacts& info = in.tokens[i];
    const Evidence ev = in.view.evidence[i];
    // The connectives of a name of everyday words are no parts of it ("of", "the").
    if (!info.sig || (in.name.strict && info.connective)) continue;
    ++parts;
    if (ev == Evidence::kNone || ev == Evidence::kInitial) continue;
    ++matched_sig;
    surname |= info.surname;
    if (info.country >= 0) continue;
    ++matched_nonqual;
    if (!info.common) {
      *common_only = false;
      distinctive_strong |= in.Strong(i);
    }
  }
  // A name is never found through its country words alone, nor through one part of a
  // longer name.
  if (matched_nonqual == 0) return false;
  const int need = std::min<int>(2, parts);
  if (matched_sig < need || in.view.matched_query < need) return false;
  // A person written SURNAME, Given is found only with a surname (not "Juan Carlos").
  if (in.name.has_surname && !surname) return false;
  // Misspellings are accepted around a distinctive part written as listed (or another script).
  return *common_only || distinctive_strong;
}

// Significant parts of the list name, other than country words and connectives, left out.
int MissingParts(const PolicyInput& in) {
  int missing = 0;
  for (size_t i = 0; i < in.n; ++i) {
    const NameTokenFacts& info = in.tokens[i];
    const Evidence ev = in.view.evidence[i];
    if (!info.sig || info.connective || info.country >= 0) continue;
    missing += ev == Evidence::kNone || ev == Evidence::kInitial;
  }
  return missing;
}

// Rule 6: a one-word name exactly and capitalised (with its legal form if it is English).
bool LegalMatched(const PolicyInput& in) {
  bool legal_matched = false;
  for (size_t i = 0; i < in.n; ++i)
    legal_matched |= in.tokens[i].legal && ExactEvidence(in.view.evidence[i]);
  return legal_matched;
}

// Its particles and unit words must be there too: "IRGC" alone is not IRGC NAVY.
bool OneWordAdmitted(const PolicyInput& in) {
  const bool legal_matched = LegalMatched(in);
  for (size_t i = 0; i < in.n; ++i) {
    const PreparedToken& lt = in.list.tokens[i];
    if (lt.kind == TokenKind::kParticle && !lt.initial && in.view.evidence[i] == Evidence::kNone)
      return false;
    if (!in.tokens[i].sig) continue;
    bool admitted = ExactEvidence(in.view.evidence[i]) && in.CapitalisedAt(in.view.query[i]);
    if (in.name.needs_legal) admitted = admitted && legal_matched;
    if (!admitted) return false;
  }
  return true;
}

// Rule 5: a name of everyday words completely, exactly and capitalised; its country words may
// be left out (then they must be named nearby).
bool EverydayAdmitted(const PolicyInput& in, const std::vector<std::string>& country_codes,
                      std::vector<std::string>* needs_countries) {
  bool admitted = true;
  for (size_t i = 0; i < in.n && admitted; ++i) {
    const NameTokenFacts& info = in.tokens[i];
    const Evidence ev = in.view.evidence[i];
    if (info.legal) admitted = ExactEvidence(ev);
    if (!info.sig || info.connective) continue;
    if (info.country >= 0 && ev == Evidence::kNone) {
      needs_countries->push_back(country_codes[static_cast<size_t>(info.country)]);
      continue;
    }
    admitted = admitted && ExactEvidence(ev) && in.CapitalisedAt(in.view.query[i]);
  }
  return admitted;
}

}  // namespace

PolicyDecision ApplyPartyPolicy(const NameFacts& name, const NameTokenFacts* tokens,
                                size_t n_tokens, const PreparedName& list, const PreparedName& span,
                                std::string_view span_text, const NameAlignment& alignment,
                                const std::vector<std::string>& country_codes,
                                const CountryTable& countries) {
  PolicyDecision d;
  const PolicyInput in{name, tokens,    std::min(n_tokens, list.tokens.size()), list,
                       span, span_text, ViewFromList(list, span, alignment)};
  bool common_only = true;
  if (!EnoughParts(in, &common_only)) return d;
  if (name.n_sig == 1) {
    if (!OneWordAdmitted(in)) return d;
    if (name.acronym && LegalMatched(in)) {
      d.notes.push_back("acronym: matched exactly, in capitals, with its legal form");
    } else if (name.acronym) {
      d.notes.push_back(
          "acronym: matched exactly, in capitals, and corroborated: the record is named nearby "
          "or its listing reference written next to it");
      d.needs_corroboration = true;
    } else if (name.needs_legal) {
      d.notes.push_back(
          "one-word name that is an everyday English word: matched exactly, capitalised, with its "
          "legal form");
    } else {
      d.notes.push_back("one-word name: matched exactly and capitalised");
    }
  }
  if (common_only && name.n_sig > 1) {
    if (!EverydayAdmitted(in, country_codes, &d.needs_countries)) return d;
    d.notes.push_back(
        "name of everyday words: every word (and legal form) matched exactly and capitalised");
    for (const std::string& c : d.needs_countries) {
      const std::string cname = countries.NameOf(c);
      d.notes.push_back("the name's country word (" + (cname.empty() ? c : cname) +
                        ") is left out: reported because the text names that country nearby");
    }
  }
  d.missing_parts = MissingParts(in);
  d.admitted = true;
  return d;
}

}  // namespace interdict

// PartyPolicy: the precision policy of free-text scanning (docs/scanning.md, "Precision policy"),
// as one pure function of a list name, the text span matched with it and their alignment.
//
// Prose holds ordinary words that are also list names ("ALPHA", "GOLDEN STAR CO., LTD."); a
// score alone cannot tell a mention of a listed party from a coincidence. The policy asks for
// evidence by kind of name: never through country words or one part of a longer name; a
// "SURNAME, Given" person only with a surname; misspellings only next to a distinctive part
// written as listed; one-word names exactly and capitalised (and with their legal form when the
// word is English); names of everyday words completely, exactly and capitalised.
//
// Internal to the scanner; no state, so tests call it directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/country.h"
#include "match/name_scorer.h"

namespace interdict {

// What the policy knows of one token of a list name.
struct NameTokenFacts {
  bool sig = false;      // a word (not a particle, legal form or initial) or a number
  bool common = false;   // everyday English word, common on lists, or two letters or fewer
  bool legal = false;    // a legal form
  int16_t country = -1;  // a country word (IRAN'S, SYRIAN): index of its ISO code; -1: none
  bool surname = false;  // before the comma of a person's "SURNAME, Given" name
  bool connective =
      false;  // "of", "and", "the" (CommonWords::IsConnective): no evidence either way
};

// What the policy knows of a list name as a whole.
struct NameFacts {
  uint16_t n_sig = 0;        // significant tokens, country words included
  bool strict = false;       // every non-country significant token is common
  bool needs_legal = false;  // one-word name that is an everyday English word: legal form too
  bool has_surname = false;  // a person written "SURNAME, Given"
  bool acronym = false;      // one word of two or three capitals ("HTS"): needs corroboration
};

struct PolicyDecision {
  bool admitted = false;
  std::vector<std::string> notes;            // the rules that applied, for the analyst
  std::vector<std::string> needs_countries;  // country words left out: must be named nearby
  // Significant parts of the list name (not country words or connectives) the span lacks: a
  // longer name without its distinguishing part ("ISIL" for ISIL-KHORASAN) has some.
  int missing_parts = 0;
  // An acronym: reported only if the text corroborates it (scan_context.h).
  bool needs_corroboration = false;
};

// Decides whether `span` (the text `span_text`, prepared) aligned with `list` as `alignment`
// names the listed party. `tokens` has one entry per token of `list` (at most); `country_codes`
// resolves NameTokenFacts::country; `countries` names them in notes.
PolicyDecision ApplyPartyPolicy(const NameFacts& name, const NameTokenFacts* tokens,
                                size_t n_tokens, const PreparedName& list, const PreparedName& span,
                                std::string_view span_text, const NameAlignment& alignment,
                                const std::vector<std::string>& country_codes,
                                const CountryTable& countries);

}  // namespace interdict

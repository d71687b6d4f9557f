// Hit: one thing a scan found in a text or a payment message: a listed party, a listed
// identifier (BIC), or a sanctioned jurisdiction, where it is, and why.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "match/matcher.h"
#include "scan/jurisdictions.h"

namespace interdict {

enum class HitKind {
  kParty,         // a span names a listed party (the name scorer says so)
  kIdentifier,    // a listed identifier (a BIC) appears
  kJurisdiction,  // a span names a sanctioned jurisdiction, or a country code is one
};

std::string_view HitKindName(HitKind kind);  // "party", "identifier", "jurisdiction"

struct Hit {
  HitKind kind = HitKind::kParty;
  // The span in the scanned text: a document, or the value of a message field. Offsets in bytes
  // and in code points, end exclusive.
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t char_begin = 0;
  uint32_t char_end = 0;
  std::string text;   // the span as written
  std::string field;  // message field ("59F", "B/50K", "CdtTrfTxInf[1]/Cdtr/Nm"); "" for text
  int line = 0;       // messages: 1-based line of the input where the field (value) is; 0 = n/a
  float score = 0;

  // kParty and kIdentifier.
  const Entity* entity = nullptr;  // owned by the snapshot
  Explanation explanation;         // kParty: the name alignment and its sentence
  std::string identifier;          // kIdentifier: the listed value that matched ("BMJIIRTH")

  // kJurisdiction.
  const Jurisdiction* jurisdiction = nullptr;  // owned by the JurisdictionTable
  const Place* place = nullptr;                // the table entry that matched; null for a code
  std::string how;  // what matched: "city", "country code", "BIC country", "IBAN country"...

  std::string sentence;            // one plain sentence for an analyst
  std::vector<std::string> notes;  // precision-policy decisions that applied
};

}  // namespace interdict

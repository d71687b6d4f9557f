// Mention and ScanContext: the decisions that depend on the whole document or message.
//
// A scan of one text (or of one field of a payment message) yields mentions: hits not decided
// yet. Whether a mention is reported depends on the rest of the document, which ScanContext sees
// whole: an ambiguous place counts only when its jurisdiction is named another way nearby, a name
// that left out its country word only when that country is named nearby, a weak alias only next to
// another name of its record; one hit remains per record and span, and a span inside a longer one
// that names another record is part of that longer name.
#pragma once

#include <string>
#include <vector>

#include "scan/hit.h"

namespace interdict {

// A hit not decided yet.
struct Mention {
  Hit hit;
  // Party: country words of the list name that the span left out ("IR" for IRAN'S), allowed only
  // because the rest matched completely; the text must name each of these countries nearby
  // (within 1500 bytes in the same field, or anywhere else in a message).
  std::vector<std::string> needs_countries;
  bool ambiguous = false;   // jurisdiction: the place name needs another mention of it nearby
  bool weak_alias = false;  // party: matched a weak alias; needs another name of the entity
  // Party: an acronym of three letters or fewer ("HTS"), reported only next to another name of
  // its record (the name spelled out) within 1500 bytes in the same field, or in another field.
  bool needs_corroboration = false;
  // Party: significant parts of the list name the span lacks; a span inside a longer one of
  // another record that lacks none is part of that longer name, and a longer span lacking some
  // gives way to a name inside it that lacks none ("ISLAMIC REVOLUTIONARY GUARD CORPS" is not
  // "... CORPS (IRGC)-QODS FORCE").
  int missing_parts = 0;
  bool reported = true;  // false: context only (a sectoral jurisdiction without --sectoral)
};

// Decides the mentions of one document or message together.
class ScanContext {
 public:
  void Add(std::vector<Mention> mentions);
  // A country stated in a structured field (ISO alpha-2), e.g. the Ctry of an address.
  void AddCountry(std::string code) { countries_.push_back(std::move(code)); }
  // The reported hits, in the order the mentions were added.
  std::vector<Hit> Resolve() const;

 private:
  // Which mentions their context admits (places, countries, weak aliases).
  std::vector<bool> AdmittedByContext() const;
  // The party mentions still kept.
  std::vector<size_t> KeptParties(const std::vector<bool>& keep) const;
  // Of overlapping spans of one record in one field, keeps the best.
  void KeepBestPerRecordSpan(std::vector<bool>* keep) const;
  // Of a party span nested in a longer one of another record, drops the one that does not name
  // its record whole.
  void DropNestedSpans(std::vector<bool>* keep) const;

  std::vector<Mention> mentions_;
  std::vector<std::string> countries_;
};

}  // namespace interdict

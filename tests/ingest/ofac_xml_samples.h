// What the OFAC XML tests share: the country table and the real Consolidated list samples in
// tests/fixtures/ofac-cons-* (copied unchanged from the shared list snapshots).
#pragma once

#include <cstdio>
#include <string>

#include "core/country.h"

namespace interdict::testing_ofac {

inline const std::string kFixtures = std::string(INTERDICT_FIXTURES) + "/";
inline const std::string kClassic = kFixtures + "ofac-cons-classic-xml-2024-05/consolidated.xml";
inline const std::string kEnhanced = kFixtures + "ofac-cons-enhanced-xml-2025-01/CONS_ENHANCED.XML";
inline const std::string kAdvanced = kFixtures + "ofac-cons-advanced-xml-2020-03/cons_advanced.xml";
inline const std::string kConsCsv = kFixtures + "ofac-cons-csv-2025-12";

// data/countries.tsv, loaded once.
inline const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    Status s = CountryTable::LoadDefault(INTERDICT_DATA, t);
    if (!s.ok()) std::fprintf(stderr, "%s\n", s.message().c_str());
    return t;
  }();
  return *table;
}

}  // namespace interdict::testing_ofac

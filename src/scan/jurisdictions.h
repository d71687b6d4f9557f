// JurisdictionTable: the sanctioned countries and regions that free text and payment messages
// are screened for, with their names in many languages and scripts, demonyms, cities and ports.
//
// Loaded from data/jurisdictions.tsv (plain text people edit; its header states the sources and
// the format). Immutable after Load; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace interdict {

// How far a programme reaches; see the header of data/jurisdictions.tsv.
enum class JurisdictionLevel { kComprehensive, kRegional, kResidual, kSectoral };

std::string_view JurisdictionLevelName(JurisdictionLevel level);  // "comprehensive", ...

struct Jurisdiction {
  std::string id;  // "IR", "KP", "UA-43"
  JurisdictionLevel level = JurisdictionLevel::kComprehensive;
  std::string name;        // "Iran", "Crimea (incl. Sevastopol)"
  std::string programmes;  // "US: ITSR (31 CFR 560) ...; EU: ..."
  // The ISO 3166-1 alpha-2 code of the country the jurisdiction lies in ("UA" for UA-43).
  std::string country() const { return id.substr(0, 2); }
};

enum class PlaceKind { kCountry, kRegion, kDemonym, kCity, kPort };

std::string_view PlaceKindName(PlaceKind kind);  // "country", "region", "demonym", "city", "port"

// One spelling of one place.
struct Place {
  uint32_t jurisdiction = 0;  // index into JurisdictionTable::jurisdictions()
  PlaceKind kind = PlaceKind::kCountry;
  // The name has another everyday meaning or names another place too (Sebastopol, California):
  // it counts only when the same document also names the jurisdiction another way.
  bool ambiguous = false;
  std::string lang;  // ISO 639-1
  std::string name;  // as written in the table
  int line = 0;      // line of the table, for messages
};

class JurisdictionTable {
 public:
  // Reads the table; an unreadable file or a malformed line is an error naming file and line.
  static Status Load(const std::string& path, JurisdictionTable* out);
  // <data_dir>/jurisdictions.tsv
  static Status LoadDefault(const std::string& data_dir, JurisdictionTable* out);

  const std::vector<Jurisdiction>& jurisdictions() const { return jurisdictions_; }
  const std::vector<Place>& places() const { return places_; }

  // The jurisdiction with this id, or nullptr. A bare ISO country code ("IR", "UA") finds only a
  // jurisdiction that is the whole country: "UA" is not Crimea.
  const Jurisdiction* Find(std::string_view id) const;
  // Index of Find(id) in jurisdictions(), or -1.
  int IndexOf(std::string_view id) const;

 private:
  std::vector<Jurisdiction> jurisdictions_;
  std::vector<Place> places_;
};

}  // namespace interdict

// Place phrases: finds the jurisdictions a text names (docs/scanning.md, "How it works", step 4):
// the place names of the JurisdictionTable, matched as exact token sequences over the
// occurrences of a chunk, longest first, not overlapping.
//
// Internal to the scanner.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scan/candidate_lookup.h"
#include "scan/jurisdictions.h"
#include "scan/scan_context.h"

namespace interdict {
namespace scan_internal {

// Appends a jurisdiction mention for each place phrase in `occs` (occurrences of `text`).
// Sectoral jurisdictions are mentions for context, reported only when `sectoral`.
void FindPlaces(const ScanTables& t, const JurisdictionTable& jurisdictions,
                const std::vector<Occ>& occs, std::string_view text, bool sectoral,
                std::vector<Mention>* out);

// The analyst's sentence for a jurisdiction hit (a place, or a country code when place is null).
std::string JurisdictionSentence(const Hit& h);

}  // namespace scan_internal
}  // namespace interdict

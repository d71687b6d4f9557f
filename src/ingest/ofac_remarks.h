// Reading the free-text conventions of OFAC's legacy CSV files (sdn.csv, cons_prim.csv).
//
// OFAC packs most of what it knows of a party into one Remarks column: a "; "-separated list of
// facts such as "DOB 01 Jan 1960", "POB Tehran, Iran", "Passport A123 (Iran) expires 2020",
// "a.k.a. 'ABU X'", "Linked To: BANK Y.". ParseOfacRemarks turns the facts it recognises into the
// Entity's fields and keeps every other fact verbatim in Entity::remarks, so no text is lost.
//
// Facts recognised (each also with the prefix "alt."), and where they go:
//   DOB <date>                 birth_dates ("01 Jan 1960", "Jan 1960", "1960", "circa 1960",
//                              "1955 to 1958", "01 Jan 1961 to 31 Dec 1962", "circa 1979-1982")
//   POB <place>                birth_places
//   nationality / citizen X    nationalities / citizenships (via the CountryTable); also
//                              "Nationality of Registration X", which OFAC gives companies
//   Gender Male|Female         gender
//   a.k.a. / f.k.a. / n.k.a. 'X'
//                              names, kind kWeakAlias. OFAC's alt.csv holds its strong aliases;
//                              the quoted ones in Remarks are those its XML marks category "weak"
//                              (f.k.a. included), so a hit on one is weak evidence.
//   Linked To: X               links
//   identity documents and registrations ("Passport", "Cedula No.", "Tax ID No.", "IMO",
//   "MMSI", "SWIFT/BIC", "Digital Currency Address - XBT", about 90 labels in all)
//                              identifiers: label = OFAC's label, value = the number, country =
//                              the parenthesised country, note = "issued ... expires ..." and
//                              any other parenthesis
//   Title X, Alternate Title, X, Position: X
//                              titles
//   contact and descriptive facts (Website, Email Address, Phone Number, Organization Type,
//   Target Type, sanctions notices, aircraft model/operator, ...)
//                              attributes, keys listed in ofac_remarks.cc
//
// Stateless functions; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/country.h"
#include "core/entity.h"

namespace interdict {

// The facts of a Remarks text, in order: split on "; " except inside the quotes of an alias
// ("a.k.a. 'X'"), without the full stop OFAC ends the text with (kept when it ends an
// initialism such as "S.A."), empty facts dropped.
std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks);

// Adds the facts of `remarks` to *e (which must have its schema set: an IMO number is a ship's on a
// vessel and a company's on anything else). Never fails: what it does not recognise goes to
// e->remarks. `cut` says the text was cut by OFAC's 1,000-character limit with no continuation
// available; its last fact is then incomplete and kept verbatim in e->remarks.
void ParseOfacRemarks(std::string_view remarks, bool cut, const CountryTable& countries, Entity* e);

// Parses the text after "DOB " ("12 Mar 1960", "circa 1960", "1955 to 1958"...). False when it is
// not one of the forms OFAC writes. `original` is set to the text.
bool ParseOfacBirthDate(std::string_view text, BirthDate* out);

// OFAC writes people "SURNAME, Given Names", and a generational suffix after a second comma
// ("DELOS REYES, Feliciano Semborio, Jr.") or before the given names ("KNOWLES, JR., Samuel").
// Returns the natural reading order ("Feliciano Semborio DELOS REYES Jr.", "Samuel KNOWLES JR.");
// a name without a comma is returned as it is.
std::string OfacNaturalOrder(std::string_view name);

// ISO 15924 code of the script most letters of `text` are in ("Latn", "Arab", "Cyrl", "Hani",
// ...); "Zyyy" when it has no letter. A plain block lookup, enough for list files; the
// normalizer's DominantScript() is the full version.
std::string GuessScript(std::string_view text);

}  // namespace interdict

// The two bank codes a payment message carries: BICs (ISO 9362) and IBANs (ISO 13616). One
// home for reading both, so that the MT and ISO 20022 parsers and the screener agree on what
// a BIC's institution and country are and on what counts as an IBAN.
#pragma once

#include <string_view>

namespace interdict {

// "AAAABBCC" or "AAAABBCCDDD": institution code (4 letters), ISO country (2 letters), location
// (2 letters or digits), optional branch (3 letters or digits; "XXX" is the head office).
bool IsBic(std::string_view s);

// Of a valid BIC: its country (characters 5-6) and its institution (the first 8 characters).
// A branch is not a legal entity of its own, so a BIC's institution names the party that a
// listing of any of its BICs names.
inline std::string_view BicCountry(std::string_view bic) { return bic.substr(4, 2); }
inline std::string_view BicInstitution(std::string_view bic) { return bic.substr(0, 8); }

// An IBAN in electronic form ("IR820540102680020817909002": no spaces): a country code (two
// capitals), two check digits, and a BBAN of letters and digits, whose length is the one the
// IBAN registry gives for the country (15 to 34 characters for a country the table does not
// know), and whose check digits verify (ISO 7064 MOD 97-10: the number read with the first four
// characters moved to the end and letters as 10-35 is 1 modulo 97). Anything else is not an
// IBAN: an account number that merely starts with two letters is not read as one. On false,
// *why (if given) says which rule failed.
bool IsIban(std::string_view s, std::string_view* why = nullptr);

// Of a valid IBAN: its country (the first two letters).
inline std::string_view IbanCountry(std::string_view iban) { return iban.substr(0, 2); }

}  // namespace interdict

// Small text helpers shared by the UN and FtM parsers: dates as lists write them, and the
// dominant script of a name. Internal to src/ingest (not part of the stage's public interface).
//
// Everything here is a pure function of its input: no state, safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/entity.h"

namespace interdict::date_text {

// ISO 8601 calendar dates and their prefixes: "1960", "1960-03", "1960-03-12", a timestamp
// "1960-03-12T10:00:00Z" and an XML Schema date with a time zone "2015-04-07-04:00" (their date
// part). Surrounding ASCII space is ignored. Returns false, and
// leaves *out alone, on anything else (including impossible months or days).
bool ParseIsoPrefix(std::string_view text, PartialDate* out);

// An English month name or its abbreviation, any case, with or without a final dot: "Mar",
// "Mar.", "March", "Sept." -> 3 / 9. Returns false for anything else.
bool ParseMonth(std::string_view text, int* month);

// The free-text date forms found in list notes, into `out->from`/`to`/`circa` (`original` is not
// touched):
//   "1960", "1960-03-12", "Nov. 1973", "August 1961", "12 Mar. 1960", "12 March 1960",
//   "1955 to 1958", "1955-1958", "between 1955 and 1958", "Between Aug. and Sep. 1977",
//   "circa 1960", "approximately 1960", "c. 1960".
// Returns false (and leaves *out alone) when the text is not one of these, e.g. a Hijri date or
// "30-35 years old": the caller keeps such text as it is rather than guess.
bool ParseFreeText(std::string_view text, BirthDate* out);

// ISO 15924 code of the script most code points of `text` belong to ("Latn", "Arab", "Cyrl",
// "Hani", "Hang", ...), counting only script-specific code points (ICU uscript_getScript; Common
// and Inherited ones such as digits, punctuation, U+FFFD and combining marks do not count). Ties
// go to the script seen first. "Zyyy" when no code point is script-specific. Invalid UTF-8 bytes
// are skipped. The normalizer's DominantScript() follows the same rule.
std::string DominantScriptCode(std::string_view text);

}  // namespace interdict::date_text

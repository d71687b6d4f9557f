// The JSON shapes of screening: a query line in, a result line out. Shared by the CLI's
// `screen --jsonl` and the HTTP API so that both speak exactly the same language.
//
// Query: {"id": any, "name": "...", "type": "person|organization|vessel|aircraft|entity",
//         "birth_date": "YYYY[-MM[-DD]]" or an array of them, "country": "..." or an array,
//         "identifiers": ["P229856", {"type": "passport", "value": "..."}, ...]}
// Unknown fields are ignored. A wrong JSON type or an unreadable value is an error naming the
// field, except where clients are known to send junk in a field that only refines the score: a
// birth date that is no date (AddQueryBirthDate) and an unknown country (Matcher::Screen) are
// left out with a warning, and the name is still screened.
#pragma once

#include <simdjson.h>

#include <nlohmann/json.hpp>

#include "core/json_sink.h"
#include "core/json_writer.h"
#include "match/matcher.h"

namespace interdict {

Status QueryFromJson(const nlohmann::json& j, ScreeningQuery* out);
// The same, from simdjson's DOM: several times faster to parse, for the --jsonl path.
Status QueryFromJson(simdjson::dom::element j, ScreeningQuery* out);

// Any JSON value, as nlohmann::json::dump() writes it (object keys in order): a query's "id"
// echoed on its result line.
void WriteJsonValue(simdjson::dom::element value, JsonWriter* w);

// One match: {"entity", "explanation", "name", "schema", "score", "source"}, to any sink (text
// for result lines, or a document), or as a document.
void WriteMatch(const MatchResult& m, JsonSink* w);
nlohmann::json MatchToJson(const MatchResult& m);

// Reads a birth date as clients write it: "YYYY", "YYYY-M[M]" or "YYYY-M[M]-D[D]" (one-digit
// month and day too: "1975-3-7" is 1975-03-07), surrounding blanks and a time part
// ("1951-12-15T00:00:00") ignored. False for anything that is not a real date of years 1000-9999
// ("1975-13-40", "1975-02-30", "12/03/1970", which may be either day first or month first).
bool ParseQueryDate(std::string_view text, PartialDate* out);

// The shared rule for a query's birth date, in every dialect: `text` (from the query field
// `field`) read with ParseQueryDate goes to q->birth_dates; one that cannot be read is left out,
// with a warning naming the field and the text in q->warnings, never a refused query.
void AddQueryBirthDate(std::string_view field, std::string_view text, ScreeningQuery* q);

}  // namespace interdict

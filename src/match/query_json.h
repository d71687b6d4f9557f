// The JSON shapes of screening: a query line in, a result line out. Shared by the CLI's
// `screen --jsonl` and the HTTP API so that both speak exactly the same language.
//
// Query: {"id": any, "name": "...", "type": "person|organization|vessel|aircraft|entity",
//         "birth_date": "YYYY[-MM[-DD]]" or an array of them, "country": "..." or an array,
//         "identifiers": ["P229856", {"type": "passport", "value": "..."}, ...]}
// Unknown fields are ignored. A wrong type or an unreadable value is an error naming the field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_sink.h"
#include "match/matcher.h"

namespace interdict {

Status QueryFromJson(const nlohmann::json& j, ScreeningQuery* out);

// One match: {"entity", "explanation", "name", "schema", "score", "source"}, to any sink (text
// for result lines, or a document), or as a document.
void WriteMatch(const MatchResult& m, JsonSink* w);
nlohmann::json MatchToJson(const MatchResult& m);

// Parses "YYYY", "YYYY-MM" and "YYYY-MM-DD".
bool ParseQueryDate(std::string_view text, PartialDate* out);

}  // namespace interdict

// The JSON shapes of screening: a query line in, a result line out. Shared by the CLI's
// `screen --jsonl` and the HTTP API so that both speak exactly the same language.
//
// Query: {"id": any, "name": "...", "type": "person|organization|vessel|aircraft|entity",
//         "birth_date": "YYYY[-MM[-DD]]" or an array of them, "country": "..." or an array,
//         "identifiers": ["P229856", {"type": "passport", "value": "..."}, ...]}
// Unknown fields are ignored. A wrong type or an unreadable value is an error naming the field.
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

// Parses "YYYY", "YYYY-MM" and "YYYY-MM-DD".
bool ParseQueryDate(std::string_view text, PartialDate* out);

}  // namespace interdict

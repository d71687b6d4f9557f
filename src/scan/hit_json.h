// The JSON shapes of scan results, shared by `interdict scan --json/--jsonl` and the HTTP API.
//
// A hit: {"kind": "party"|"identifier"|"jurisdiction", "begin", "end" (bytes), "char_begin",
// "char_end" (code points), "text", "score", "sentence", "notes": [...]}, plus
//   party:        "entity", "name" (the list name matched), "schema", "source", "programs",
//                 "explanation" (ExplanationToJson)
//   identifier:   "entity", "name" (primary), "schema", "source", "programs", "identifier"
//   jurisdiction: "jurisdiction" (id), "jurisdiction_name", "level", "matched" ("city", "country
//                 code"...), "place" (the table's spelling), "lang", "programmes"
//   in a message: "field" and "line" too; offsets are then within the field's value.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "scan/hit.h"
#include "scan/message_screener.h"

namespace interdict {

nlohmann::json HitToJson(const Hit& hit);
nlohmann::json HitsToJson(const std::vector<Hit>& hits);
// [{"type", "reference", "line", "hits": [...]}]
nlohmann::json MessagesToJson(const std::vector<MessageResult>& results);

}  // namespace interdict

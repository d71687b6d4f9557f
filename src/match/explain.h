// Explanations: what the scorer decided, as data (for JSON) and as one sentence (for analysts).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/json_sink.h"
#include "match/matcher.h"

namespace interdict {

// The explanation of an alignment between the query (as written and prepared) and a list name.
// Attribute terms and the sentence are left for the caller.
Explanation Explain(const std::string& query_text, const PreparedName& query, const Name& listed,
                    const PreparedName& list, const NameAlignment& alignment, float name_score);

// "Matched the alias 'MUHAMMAD, Yusuf' of us-ofac-sdn:1234 (score 0.93): 'Mohammed' ~
// 'MUHAMMAD' (romanisation variant), 'Yousef' ~ 'Yusuf' (spelling); birth date 1970 agrees
// with 1970 (+0.04)."
std::string Sentence(const Entity& entity, const Explanation& e, float score);

// The same for a bare pair of names (compare).
std::string PairSentence(const Explanation& e);

// {"attributes", "list_only", "matched_name", "name_kind", "name_score", "query_only",
//  "sentence", "tokens"}: to any sink (text or a document), or as a document.
void WriteExplanation(const Explanation& e, JsonSink* w);
nlohmann::json ExplanationToJson(const Explanation& e);

// A score as JSON shows it: rounded to 3 decimals (0.73, not 0.7300000190734863).
double Round3(float v);

}  // namespace interdict

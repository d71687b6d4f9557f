#include "scan/hit_json.h"

#include "match/explain.h"

namespace interdict {

nlohmann::json HitToJson(const Hit& h) {
  nlohmann::json j{{"kind", std::string(HitKindName(h.kind))},
                   {"begin", h.begin},
                   {"end", h.end},
                   {"char_begin", h.char_begin},
                   {"char_end", h.char_end},
                   {"text", h.text},
                   {"score", Round3(h.score)}};
  if (!h.field.empty()) {
    j["field"] = h.field;
    j["line"] = h.line;
  }
  if (h.entity != nullptr) {
    j["entity"] = h.entity->id;
    j["name"] = h.kind == HitKind::kParty ? h.explanation.list_name : h.entity->primary_name().full;
    j["schema"] = std::string(SchemaName(h.entity->schema));
    j["source"] = h.entity->source;
    j["programs"] = h.entity->programs;
  }
  if (h.kind == HitKind::kParty) j["explanation"] = ExplanationToJson(h.explanation);
  if (h.kind == HitKind::kIdentifier) j["identifier"] = h.identifier;
  if (h.jurisdiction != nullptr) {
    j["jurisdiction"] = h.jurisdiction->id;
    j["jurisdiction_name"] = h.jurisdiction->name;
    j["level"] = std::string(JurisdictionLevelName(h.jurisdiction->level));
    j["matched"] = h.how;
    if (h.place != nullptr) {
      j["place"] = h.place->name;
      j["lang"] = h.place->lang;
    }
    j["programmes"] = h.jurisdiction->programmes;
  }
  j["sentence"] = h.sentence;
  j["notes"] = h.notes;
  return j;
}

nlohmann::json HitsToJson(const std::vector<Hit>& hits) {
  nlohmann::json a = nlohmann::json::array();
  for (const Hit& h : hits) a.push_back(HitToJson(h));
  return a;
}

nlohmann::json MessagesToJson(const std::vector<MessageResult>& results) {
  nlohmann::json a = nlohmann::json::array();
  for (const MessageResult& r : results)
    a.push_back({{"type", r.type},
                 {"reference", r.reference},
                 {"line", r.line},
                 {"hits", HitsToJson(r.hits)}});
  return a;
}

}  // namespace interdict

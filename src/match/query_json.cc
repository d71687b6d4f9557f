#include "match/query_json.h"

#include <cmath>

#include "match/explain.h"

namespace interdict {
namespace {

using nlohmann::json;

// Accepts a string or an array of strings; anything else is an error.
Status Strings(const json& j, const char* field, std::vector<std::string>* out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (it->is_string()) {
    out->push_back(it->get<std::string>());
    return Status::Ok();
  }
  if (!it->is_array())
    return Status::InvalidInput(std::string("'") + field +
                                "' must be a string or an array of strings");
  for (const json& x : *it) {
    if (!x.is_string())
      return Status::InvalidInput(std::string("'") + field + "' must hold strings only");
    out->push_back(x.get<std::string>());
  }
  return Status::Ok();
}

}  // namespace

bool ParseQueryDate(std::string_view text, PartialDate* out) { return ParsePartialDate(text, out); }

Status QueryFromJson(const json& j, ScreeningQuery* out) {
  if (!j.is_object()) return Status::InvalidInput("a query must be a JSON object");
  ScreeningQuery q;
  auto name = j.find("name");
  if (name == j.end() || name->is_null()) return Status::InvalidInput("'name' is missing");
  if (!name->is_string()) return Status::InvalidInput("'name' must be a string");
  q.name = name->get<std::string>();
  if (auto t = j.find("type"); t != j.end() && !t->is_null()) {
    if (!t->is_string()) return Status::InvalidInput("'type' must be a string");
    Schema s;
    std::string text = t->get<std::string>();
    if (text == "organisation" || text == "company") text = "organization";
    if (!ParseSchema(text, &s))
      return Status::InvalidInput(
          "'type' must be person, organization, vessel, aircraft or entity");
    q.schema = s;
  }
  std::vector<std::string> dates;
  INTERDICT_RETURN_IF_ERROR(Strings(j, "birth_date", &dates));
  for (const std::string& d : dates) {
    PartialDate pd;
    if (!ParseQueryDate(d, &pd))
      return Status::InvalidInput("'birth_date' '" + d + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
    q.birth_dates.push_back(pd);
  }
  INTERDICT_RETURN_IF_ERROR(Strings(j, "country", &q.countries));
  if (auto ids = j.find("identifiers"); ids != j.end() && !ids->is_null()) {
    if (!ids->is_array()) return Status::InvalidInput("'identifiers' must be an array");
    for (const json& x : *ids) {
      QueryIdentifier qi;
      if (x.is_string()) {
        qi.value = x.get<std::string>();
      } else if (x.is_object() && x.contains("value") && x["value"].is_string()) {
        qi.value = x["value"].get<std::string>();
        if (auto t = x.find("type"); t != x.end() && !t->is_null()) {
          IdKind k;
          if (!t->is_string() || !ParseIdKind(t->get<std::string>(), &k))
            return Status::InvalidInput("'identifiers': unknown type " + t->dump());
          qi.kind = k;
        }
      } else {
        return Status::InvalidInput(
            "'identifiers' items must be strings or {\"type\": ..., \"value\": ...}");
      }
      q.identifiers.push_back(std::move(qi));
    }
  }
  *out = std::move(q);
  return Status::Ok();
}

void WriteMatch(const MatchResult& m, JsonSink* w) {
  w->BeginObject();  // keys in alphabetical order, as nlohmann::json writes them
  w->Key("entity");
  w->String(m.entity->id);
  w->Key("explanation");
  WriteExplanation(m.explanation, w);
  w->Key("name");
  w->String(m.explanation.list_name);
  w->Key("schema");
  w->String(SchemaName(m.entity->schema));
  w->Key("score");
  w->Number(Round3(m.score));
  w->Key("source");
  w->String(m.entity->source);
  w->EndObject();
}

json MatchToJson(const MatchResult& m) {
  JsonBuilder b;
  WriteMatch(m, &b);
  return b.Take();
}

}  // namespace interdict

#include "match/query_json.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/text.h"
#include "match/explain.h"

namespace interdict {
namespace {

using nlohmann::json;

// The query's fields are read once, in QueryFrom(), through a view of a parsed JSON value that
// either parser provides: nlohmann::json (API bodies) or simdjson's DOM (the --jsonl hot path).
class NlohmannView {
 public:
  explicit NlohmannView(const json& j) : j_(&j) {}
  bool is_null() const { return j_->is_null(); }
  bool is_string() const { return j_->is_string(); }
  bool is_array() const { return j_->is_array(); }
  bool is_object() const { return j_->is_object(); }
  std::string string() const { return j_->get<std::string>(); }
  // The member `key`, or nothing when the value is no object or has none (QueryFrom() reads a
  // missing field and a null one alike).
  std::optional<NlohmannView> field(const char* key) const {
    auto it = j_->find(key);
    if (it == j_->end()) return std::nullopt;
    return NlohmannView(*it);
  }
  template <typename F>
  Status ForEach(F f) const {
    for (const json& x : *j_) INTERDICT_RETURN_IF_ERROR(f(NlohmannView(x)));
    return Status::Ok();
  }
  std::string dump() const { return j_->dump(); }

 private:
  const json* j_;
};

class SimdjsonView {
 public:
  explicit SimdjsonView(simdjson::dom::element e) : e_(e) {}
  bool is_null() const { return e_.is_null(); }
  bool is_string() const { return e_.is_string(); }
  bool is_array() const { return e_.is_array(); }
  bool is_object() const { return e_.is_object(); }
  std::string string() const { return std::string(std::string_view(e_)); }
  std::optional<SimdjsonView> field(const char* key) const {
    simdjson::dom::element x;
    if (e_.at_key(key).get(x) != simdjson::SUCCESS) return std::nullopt;
    return SimdjsonView(x);
  }
  template <typename F>
  Status ForEach(F f) const {
    for (simdjson::dom::element x : simdjson::dom::array(e_))
      INTERDICT_RETURN_IF_ERROR(f(SimdjsonView(x)));
    return Status::Ok();
  }
  std::string dump() const { return simdjson::minify(e_); }

 private:
  simdjson::dom::element e_;
};

// Accepts a string or an array of strings; anything else is an error.
template <typename View>
Status Strings(const View& j, const char* field, std::vector<std::string>* out) {
  auto f = j.field(field);
  if (!f || f->is_null()) return Status::Ok();
  if (f->is_string()) {
    out->push_back(f->string());
    return Status::Ok();
  }
  if (!f->is_array())
    return Status::InvalidInput(std::string("'") + field +
                                "' must be a string or an array of strings");
  return f->ForEach([&](const View& x) {
    if (!x.is_string())
      return Status::InvalidInput(std::string("'") + field + "' must hold strings only");
    out->push_back(x.string());
    return Status::Ok();
  });
}

template <typename View>
Status QueryFrom(const View& j, ScreeningQuery* out) {
  if (!j.is_object()) return Status::InvalidInput("a query must be a JSON object");
  ScreeningQuery q;
  auto name = j.field("name");
  if (!name || name->is_null()) return Status::InvalidInput("'name' is missing");
  if (!name->is_string()) return Status::InvalidInput("'name' must be a string");
  q.name = name->string();
  if (auto t = j.field("type"); t && !t->is_null()) {
    if (!t->is_string()) return Status::InvalidInput("'type' must be a string");
    Schema s;
    std::string text = t->string();
    if (text == "organisation" || text == "company") text = "organization";
    if (!ParseSchema(text, &s))
      return Status::InvalidInput(
          "'type' must be person, organization, vessel, aircraft or entity");
    q.schema = s;
  }
  std::vector<std::string> dates;
  INTERDICT_RETURN_IF_ERROR(Strings(j, "birth_date", &dates));
  for (const std::string& d : dates) AddQueryBirthDate("birth_date", d, &q);
  INTERDICT_RETURN_IF_ERROR(Strings(j, "country", &q.countries));
  if (auto ids = j.field("identifiers"); ids && !ids->is_null()) {
    if (!ids->is_array()) return Status::InvalidInput("'identifiers' must be an array");
    INTERDICT_RETURN_IF_ERROR(ids->ForEach([&](const View& x) {
      QueryIdentifier qi;
      auto value = x.is_object() ? x.field("value") : std::nullopt;
      if (x.is_string()) {
        qi.value = x.string();
      } else if (value && value->is_string()) {
        qi.value = value->string();
        if (auto t = x.field("type"); t && !t->is_null()) {
          IdKind k;
          if (!t->is_string() || !ParseIdKind(t->string(), &k))
            return Status::InvalidInput("'identifiers': unknown type " + t->dump());
          qi.kind = k;
        }
      } else {
        return Status::InvalidInput(
            "'identifiers' items must be strings or {\"type\": ..., \"value\": ...}");
      }
      q.identifiers.push_back(std::move(qi));
      return Status::Ok();
    }));
  }
  *out = std::move(q);
  return Status::Ok();
}

}  // namespace

bool ParseQueryDate(std::string_view text, PartialDate* out) {
  text = Trim(text);
  text = text.substr(0, text.find_first_of("T "));
  int parts[3] = {0, 0, 0};
  size_t n = 0;
  for (std::string_view rest = text;; ++n) {
    size_t dash = rest.find('-');
    std::string_view digits = rest.substr(0, dash);
    // A year of four digits, then a month and a day of one or two.
    if (n == 3 || digits.empty() || digits.size() > (n == 0 ? 4u : 2u)) return false;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      parts[n] = parts[n] * 10 + (c - '0');
    }
    if (dash == std::string_view::npos) break;
    rest = rest.substr(dash + 1);
  }
  const int year = parts[0], month = parts[1], day = parts[2];
  if (year < 1000) return false;
  if (n >= 1 && (month < 1 || month > 12)) return false;
  if (n == 2) {
    static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = month == 2 && !leap ? 28 : kDays[month - 1];
    if (day < 1 || day > days) return false;
  }
  *out = PartialDate{year, month, day};
  return true;
}

void AddQueryBirthDate(std::string_view field, std::string_view text, ScreeningQuery* q) {
  PartialDate d;
  if (ParseQueryDate(text, &d)) {
    q->birth_dates.push_back(d);
  } else {
    q->warnings.push_back(std::string(field) + " '" + std::string(text) +
                          "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); screened without it");
  }
}

Status QueryFromJson(const json& j, ScreeningQuery* out) { return QueryFrom(NlohmannView(j), out); }

Status QueryFromJson(simdjson::dom::element j, ScreeningQuery* out) {
  return QueryFrom(SimdjsonView(j), out);
}

void WriteJsonValue(simdjson::dom::element value, JsonWriter* w) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::ARRAY:
      w->BeginArray();
      for (simdjson::dom::element x : simdjson::dom::array(value)) WriteJsonValue(x, w);
      w->EndArray();
      break;
    case element_type::OBJECT: {
      // Keys in order, as nlohmann::json (a std::map) writes them.
      std::vector<std::pair<std::string_view, simdjson::dom::element>> members;
      for (simdjson::dom::key_value_pair kv : simdjson::dom::object(value))
        members.emplace_back(kv.key, kv.value);
      std::stable_sort(members.begin(), members.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      w->BeginObject();
      for (const auto& [key, x] : members) {
        w->Key(key);
        WriteJsonValue(x, w);
      }
      w->EndObject();
      break;
    }
    case element_type::INT64:
      w->Integer(int64_t(value));
      break;
    case element_type::UINT64:  // above INT64_MAX
      w->Raw(std::to_string(uint64_t(value)));
      break;
    case element_type::DOUBLE:
      w->Number(double(value));
      break;
    case element_type::STRING:
      w->String(std::string_view(value));
      break;
    case element_type::BOOL:
      w->Bool(bool(value));
      break;
    case element_type::NULL_VALUE:
      w->Null();
      break;
  }
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

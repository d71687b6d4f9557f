// The yente dialect (OpenSanctions' screening API): POST /match/{dataset}, GET /search/{dataset},
// GET /entities/{id}[/adjacent], GET /catalog, GET /algorithms, POST /updatez. Shapes as in
// yente/routers and yente/data/common.py; docs/api.md says what differs and why.
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "match/attribute_terms.h"
#include "match/explain.h"
#include "core/ftm_schema.h"
#include "server/yente.h"

namespace interdict::server {

bool SchemaCanMatch(std::optional<Schema> query, Schema listed) {
  if (!query.has_value())
    return listed == Schema::kPerson || listed == Schema::kOrganization ||
           listed == Schema::kEntity;
  switch (*query) {
    case Schema::kPerson:
      return listed == Schema::kPerson || listed == Schema::kEntity;
    case Schema::kOrganization:
      return listed == Schema::kOrganization || listed == Schema::kEntity;
    default:
      return listed == *query;
  }
}

namespace {

using nlohmann::json;

constexpr size_t kMaxLimit = 500;
constexpr size_t kMatchDefaultLimit = 5;
constexpr size_t kSearchDefaultLimit = 10;
constexpr size_t kMaxOffset = 10000;
constexpr double kSearchFloor = 0.5;  // /search has no threshold parameter
constexpr size_t kMaxExcludedIds = 50;
// The one scoring algorithm, as /algorithms names it; "best" and "default" name it too.
constexpr const char* kAlgorithm = "interdict";

HttpResponse YenteStatus(const Status& s, std::string_view request_id) {
  return StatusResponse(s, request_id);
}

// An FtM schema filter (/search?schema=, exclude_schema): whether records of `listed` are of
// schema `name` or one of its descendants. Records do not say whether an organisation is a
// company or a public body: both filters take every organisation.
bool IsOfFtmSchema(std::string_view name, Schema listed) {
  if (name == "Company" || name == "PublicBody") return listed == Schema::kOrganization;
  return FtmIsA(FtmSchemaName(listed), name);
}

// yente-style explanations: one feature per part of the score, {score, detail, query,
// candidate}. Like yente's feature values they are never negative: a term that lowered the
// score is a "_mismatch" feature whose score is by how much.
json YenteExplanations(const NamedMatch& m) {
  const Explanation& e = m.match.explanation;
  json x = json::object();
  if (!m.query_name.empty())
    x["name_match"] = {{"score", Round3(e.name_score)},
                       {"detail", PairSentence(e)},
                       {"query", m.query_name},
                       {"candidate", e.list_name}};
  for (const AttributeTerm& t : e.terms) {
    std::string feature = t.attribute == "birth_date" ? "dob" : t.attribute;
    feature += t.effect >= 0 ? "_match" : "_mismatch";
    x[feature] = {{"score", Round3(std::fabs(t.effect))}, {"detail", t.detail}};
  }
  return x;
}

json MatchResultJson(const NamedMatch& m, double threshold) {
  json j = FtmEntity(*m.match.entity);
  j["score"] = Round3(m.match.score);
  j["match"] = m.match.score >= threshold;
  j["explanations"] = YenteExplanations(m);
  j["explanation"] = ExplanationToJson(m.match.explanation);
  return j;
}

// Dataset names in a list parameter, as sources; an unknown name is refused (a filter on a
// list that is not loaded would silently return nothing).
bool SourceSet(const Snapshot& snapshot, const Params& params, std::string_view name,
               std::set<std::string>* out, HttpResponse* error) {
  for (const std::string& v : ParamAll(params, name)) {
    std::string source;
    if (!ResolveDataset(snapshot, v, &source)) {
      *error = ErrorResponse(400, "invalid_request",
                          "'" + std::string(name) + "': dataset '" + v + "' is not loaded");
      return false;
    }
    if (!source.empty()) out->insert(source);
  }
  return true;
}

// The filters every yente endpoint shares: the dataset of the path and the query parameters.
struct Filters {
  std::string dataset;  // "" = every source
  std::set<std::string> include, exclude;
  std::vector<std::string> exclude_schema;
  std::set<std::string> exclude_ids;
  bool topics_exclude_all = false;

  bool Keep(const Entity& e) const {
    if (topics_exclude_all) return false;
    if (!dataset.empty() && e.source != dataset) return false;
    if (!include.empty() && include.count(e.source) == 0) return false;
    if (exclude.count(e.source) > 0) return false;
    for (const std::string& s : exclude_schema)
      if (IsOfFtmSchema(s, e.schema)) return false;
    return exclude_ids.count(e.id) == 0;
  }
};

bool ReadFilters(const ServingLists& lists, const std::string& dataset, const Params& params,
                 Filters* f, HttpResponse* error) {
  const Snapshot& snapshot = lists.snapshot();
  if (!ResolveDataset(snapshot, dataset, &f->dataset)) {
    *error = ErrorResponse(404, "not_found",
                        "dataset '" + dataset +
                            "' is not loaded ('default' and 'sanctions' mean all; /catalog "
                            "lists the others)");
    return false;
  }
  if (!SourceSet(snapshot, params, "include_dataset", &f->include, error) ||
      !SourceSet(snapshot, params, "exclude_dataset", &f->exclude, error))
    return false;
  f->exclude_schema = ParamAll(params, "exclude_schema");
  for (const std::string& id : ParamAll(params, "exclude_entity_ids")) f->exclude_ids.insert(id);
  if (f->exclude_ids.size() > kMaxExcludedIds) {
    *error = ErrorResponse(400, "invalid_request",
                        "at most " + std::to_string(kMaxExcludedIds) + " exclude_entity_ids");
    return false;
  }
  // Every record Interdict holds comes from a sanctions list: FtM topic "sanction".
  std::vector<std::string> topics = ParamAll(params, "topics");
  f->topics_exclude_all =
      !topics.empty() && std::find(topics.begin(), topics.end(), "sanction") == topics.end();
  return true;
}

bool ReadLimit(const Params& params, size_t default_limit, size_t* out, HttpResponse* error,
               size_t min = 1) {
  *out = default_limit;
  if (const std::string* l = Param(params, "limit");
      l != nullptr && !ParseSize(*l, min, kMaxLimit, out)) {
    *error = ErrorResponse(400, "invalid_request",
                        "'limit' must be an integer in [" + std::to_string(min) + ", " +
                            std::to_string(kMaxLimit) + "]");
    return false;
  }
  return true;
}

// `limit` and `offset`, as /search and /adjacent read them. A limit of 0 asks for the total and
// facets only, as in yente.
bool ReadPage(const Params& params, size_t* limit, size_t* offset, HttpResponse* error) {
  if (!ReadLimit(params, kSearchDefaultLimit, limit, error, /*min=*/0)) return false;
  *offset = 0;
  if (const std::string* o = Param(params, "offset");
      o != nullptr && !ParseSize(*o, 0, kMaxOffset, offset)) {
    *error = ErrorResponse(400, "invalid_request",
                        "'offset' must be an integer in [0, " + std::to_string(kMaxOffset) + "]");
    return false;
  }
  return true;
}

// yente's checks of `algorithm` (400 "Invalid algorithm") and `changed_since` (422 when it is
// not a timestamp). A valid changed_since is refused: records carry no change date here, and
// ignoring it would return records the caller has already screened as if they were new.
bool ReadAlgorithmAndSince(const Params& params, HttpResponse* error) {
  if (const std::string* a = Param(params, "algorithm")) {
    std::string name = *a;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (name != "best" && name != "default" && name != kAlgorithm) {
      *error = ErrorResponse(400, "invalid_request",
                          "Invalid algorithm: " + *a +
                              " (this server scores with 'interdict', also named 'best' and "
                              "'default'; see /algorithms)");
      return false;
    }
  }
  if (const std::string* since = Param(params, "changed_since")) {
    static const std::regex kTimestamp(R"(^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$)");
    if (!std::regex_match(*since, kTimestamp)) {
      *error =
          ErrorResponse(422, "invalid_request",
                     "'changed_since' must be a date or timestamp (YYYY-MM-DD[THH[:MM[:SS]]])");
      return false;
    }
    *error = ErrorResponse(400, "unsupported",
                        "'changed_since' is not supported: Interdict records carry no change "
                        "date (screen against the whole list instead)");
    return false;
  }
  return true;
}

// The body's algorithm settings: Interdict's algorithm takes no `config` and no `weights`, so
// any key is refused as yente refuses keys its algorithm does not define.
bool ReadAlgorithmSettings(const json& body, HttpResponse* error) {
  for (const char* field : {"config", "weights"}) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_object()) {
      *error = ErrorResponse(400, "invalid_request", std::string("'") + field + "' must be an object");
      return false;
    }
    if (!it->empty()) {
      *error = ErrorResponse(400, "invalid_request",
                          std::string("Invalid ") + (field[0] == 'c' ? "configuration" : "weight") +
                              " parameter: " + it->begin().key() + " for algorithm " + kAlgorithm);
      return false;
    }
  }
  return true;
}

}  // namespace

HttpResponse YenteMatch(const ServingLists& lists, const std::string& dataset, const Params& params,
                        const std::string& body, Deadline deadline, AuditInfo* audit,
                        std::string_view request_id) {
  json j;
  HttpResponse error;
  if (!ParseJsonBody(body, &j, &error)) {
    audit->query = {{"unparsed_body_bytes", body.size()}};
    return error;
  }
  audit->query = {{"dataset", dataset}, {"params", params}, {"body", j}};
  Filters filters;
  if (!ReadFilters(lists, dataset, params, &filters, &error)) return error;
  size_t limit = 0;
  if (!ReadLimit(params, kMatchDefaultLimit, &limit, &error)) return error;
  if (!ReadAlgorithmAndSince(params, &error)) return error;
  double threshold = kDefaultThreshold;
  if (const std::string* t = Param(params, "threshold");
      t != nullptr && !ParseDouble(*t, 0, 1, &threshold))
    return ErrorResponse(400, "invalid_request", "'threshold' must be a number in [0, 1]");
  double cutoff = threshold;
  if (const std::string* c = Param(params, "cutoff");
      c != nullptr && !ParseDouble(*c, 0, 1, &cutoff))
    return ErrorResponse(400, "invalid_request", "'cutoff' must be a number in [0, 1]");
  const double floor = std::min(cutoff, threshold);

  if (!j.is_object()) return ErrorResponse(400, "invalid_request", "the body must be a JSON object");
  if (!ReadAlgorithmSettings(j, &error)) return error;
  auto queries = j.find("queries");
  if (queries == j.end() || !queries->is_object() || queries->empty())
    return ErrorResponse(400, "invalid_request", "'queries' must be a non-empty object");
  if (queries->size() > kYenteMaxBatch)
    return ErrorResponse(
        400, "batch_too_large",
        "too many queries in one batch (at most " + std::to_string(kYenteMaxBatch) + ")");
  if (auto e = MatchCapError(queries->size(), limit, "'queries' × 'limit'"))
    return std::move(*e);
  // Read every query before screening any: one bad query fails the request.
  std::vector<std::pair<std::string, FtmExample>> parsed;
  for (const auto& [key, q] : queries->items()) {
    FtmExample example;
    if (Status s = ReadFtmExample(q, &example); !s.ok())
      return YenteStatus(s.WithContext("query '" + key + "'"), request_id);
    parsed.emplace_back(key, std::move(example));
  }
  json responses = json::object();
  ScreenOptions options;
  options.threshold = static_cast<float>(floor);
  options.deadline = deadline;
  for (const auto& [key, example] : parsed) {
    std::optional<Schema> schema = example.base.schema;
    std::vector<NamedMatch> matches;
    std::vector<std::string> warnings;
    Status s = ScreenFtmExample(
        lists, example, options,
        [&](const Entity& e) { return filters.Keep(e) && SchemaCanMatch(schema, e.schema); },
        &matches, &warnings);
    if (!s.ok()) return YenteStatus(s.WithContext("query '" + key + "'"), request_id);
    // yente's total counts the matches (score >= threshold) before the limit cut.
    const auto total = std::count_if(matches.begin(), matches.end(), [&](const NamedMatch& m) {
      return m.match.score >= threshold;
    });
    if (matches.size() > limit) matches.resize(limit);
    AuditMatches(matches, audit);
    json results = json::array();
    for (const NamedMatch& m : matches) results.push_back(MatchResultJson(m, threshold));
    responses[key] = {{"status", 200},
                      {"results", std::move(results)},
                      {"total", {{"value", total}, {"relation", "eq"}}},
                      {"query", example.echo},
                      {"warnings", warnings}};
  }
  HttpResponse r = CappedJsonResponse({{"responses", std::move(responses)}, {"limit", limit}});
  if (r.status != 200) return r;
  r.headers.emplace_back("x-batch-size", std::to_string(parsed.size()));
  return r;
}

namespace {

// The lower-case ISO codes of a record's countries (FtM's `countries` field).
std::set<std::string> RecordCountries(const Entity& e) {
  std::set<std::string> out;
  auto add = [&out](const Country& c) {
    if (c.code.empty()) return;
    std::string code = c.code;
    for (char& ch : code)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out.insert(std::move(code));
  };
  for (const Country& c : e.nationalities) add(c);
  for (const Country& c : e.citizenships) add(c);
  for (const Address& a : e.addresses) add(a.country);
  add(e.flag);
  return out;
}

// A record's values of one /search filter or facet field.
std::set<std::string> FieldValues(const Entity& e, const std::string& field) {
  if (field == "countries") return RecordCountries(e);
  if (field == "datasets") return {DatasetName(e.source)};
  if (field == "topics") return {"sanction"};
  return {std::string(FtmSchemaName(e.schema))};  // "schema"
}

bool KnownField(const std::string& f) {
  return f == "countries" || f == "datasets" || f == "topics" || f == "schema";
}

// /search's value filters (countries=, datasets=, filter=field:value), by field. Values of one
// field combine with filter_op (OR, yente's default, or AND); fields always with AND.
struct SearchFilters {
  std::map<std::string, std::set<std::string>> by_field;
  bool all_of = false;

  bool Keep(const Entity& e) const {
    for (const auto& [field, wanted] : by_field) {
      std::set<std::string> has = FieldValues(e, field);
      size_t hits = 0;
      for (const std::string& w : wanted) hits += has.count(w);
      if (all_of ? hits < wanted.size() : hits == 0) return false;
    }
    return true;
  }
};

bool ReadSearchFilters(const Params& params, SearchFilters* f, HttpResponse* error) {
  for (const std::string& c : ParamAll(params, "countries")) {
    std::string code = c;
    for (char& ch : code)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    f->by_field["countries"].insert(code);
  }
  for (const std::string& d : ParamAll(params, "datasets")) f->by_field["datasets"].insert(d);
  for (const std::string& flt : ParamAll(params, "filter")) {
    size_t colon = flt.find(':');
    std::string field = flt.substr(0, colon);
    if (colon == std::string::npos || !KnownField(field)) {
      *error = ErrorResponse(400, "invalid_request",
                          "Invalid filter: '" + flt +
                              "' (fields: countries, datasets, topics, schema; as field:value)");
      return false;
    }
    f->by_field[field].insert(flt.substr(colon + 1));
  }
  if (const std::string* op = Param(params, "filter_op")) {
    if (*op != "OR" && *op != "AND") {
      *error = ErrorResponse(422, "invalid_request", "'filter_op' must be OR or AND");
      return false;
    }
    f->all_of = *op == "AND";
  }
  return true;
}

// Facet counts over every result (not only the page), most frequent first.
bool Facets(const Params& params, const std::vector<const Entity*>& results, json* out,
            HttpResponse* error) {
  std::vector<std::string> names = ParamAll(params, "facets");
  if (names.empty()) names = {"countries", "topics", "datasets"};
  *out = json::object();
  for (const std::string& name : names) {
    if (!KnownField(name)) {
      *error = ErrorResponse(400, "invalid_request",
                          "facet '" + name +
                              "' is not available (countries, topics, datasets, "
                              "schema)");
      return false;
    }
    std::map<std::string, int64_t> counts;
    for (const Entity* e : results)
      for (const std::string& v : FieldValues(*e, name)) ++counts[v];
    std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    json values = json::array();
    for (const auto& [v, n] : sorted) values.push_back({{"name", v}, {"label", v}, {"count", n}});
    std::string label = name == "schema" ? "Types" : name;
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    (*out)[name] = {{"label", label}, {"values", std::move(values)}};
  }
  return true;
}

}  // namespace

HttpResponse YenteSearch(const ServingLists& lists, const std::string& dataset,
                         const Params& params, Deadline deadline, AuditInfo* audit,
                         std::string_view request_id) {
  audit->query = {{"dataset", dataset}, {"params", params}};
  HttpResponse error;
  Filters filters;
  SearchFilters values;
  if (!ReadFilters(lists, dataset, params, &filters, &error) ||
      !ReadSearchFilters(params, &values, &error) || !ReadAlgorithmAndSince(params, &error))
    return error;
  size_t limit = 0, offset = 0;
  if (!ReadPage(params, &limit, &offset, &error)) return error;
  // Results come best first (or in the lists' order without q): no other order is offered.
  if (!ParamAll(params, "sort").empty())
    return ErrorResponse(400, "invalid_request", "'sort' is not supported (results come best first)");
  std::vector<std::string> schemas = ParamAll(params, "schema");
  for (const std::string& s : schemas)
    if (FindFtmSchema(s) == nullptr)
      return ErrorResponse(400, "invalid_request", "Invalid schema: '" + s + "'");
  auto keep = [&](const Entity& e) {
    if (!filters.Keep(e) || !values.Keep(e)) return false;
    if (schemas.empty()) return true;
    for (const std::string& name : schemas)
      if (IsOfFtmSchema(name, e.schema)) return true;
    return false;
  };
  // With q: the matches over the search floor, best first. Without: every record the filters
  // keep, in the lists' order (yente lists filtered entities the same way).
  std::vector<NamedMatch> matches;
  std::vector<const Entity*> found;
  const std::string* q = Param(params, "q");
  const bool scored = q != nullptr && q->find_first_not_of(" \t") != std::string::npos;
  if (scored) {
    ScreenOptions options;
    options.threshold = static_cast<float>(kSearchFloor);
    options.limit = 0;
    options.deadline = deadline;
    std::vector<std::string> warnings;
    Status s = ScreenNames(lists, {*q}, ScreeningQuery(), options, keep, &matches, &warnings);
    if (!s.ok()) return YenteStatus(s, request_id);
    for (const NamedMatch& m : matches) found.push_back(m.match.entity);
  } else {
    for (const Entity& e : lists.snapshot().entities())
      if (keep(e)) found.push_back(&e);
  }
  json facets;
  if (!Facets(params, found, &facets, &error)) return error;
  const size_t total = found.size();
  const size_t end = std::min(total, offset + limit);
  json results = json::array();
  for (size_t i = std::min(offset, total); i < end; ++i) {
    json r = FtmEntity(*found[i]);
    if (scored) r["score"] = Round3(matches[i].match.score);
    results.push_back(std::move(r));
  }
  if (scored) {
    std::vector<NamedMatch> page(
        matches.begin() + static_cast<std::ptrdiff_t>(std::min(offset, total)),
        matches.begin() + static_cast<std::ptrdiff_t>(end));
    AuditMatches(page, audit);
  }
  return JsonResponse({{"results", std::move(results)},
                       {"total", {{"value", total}, {"relation", "eq"}}},
                       {"limit", limit},
                       {"offset", offset},
                       {"facets", std::move(facets)}});
}

HttpResponse YenteEntity(const ServingLists& lists, const std::string& id) {
  const Entity* e = lists.snapshot().Find(id);
  if (e == nullptr)
    return ErrorResponse(404, "not_found", "no entity '" + id + "' in the lists in service");
  return JsonResponse(FtmEntity(*e));
}

HttpResponse YenteAdjacent(const ServingLists& lists, const std::string& id, const Params& params) {
  HttpResponse error;
  size_t limit = 0, offset = 0;
  if (!ReadPage(params, &limit, &offset, &error)) return error;
  const Entity* e = lists.snapshot().Find(id);
  if (e == nullptr) return ErrorResponse(404, "not_found", "No such entity!");
  // Records hold no links to other entities (sanctions and addresses are folded into the
  // record on import, relationship entities are not kept): nothing is adjacent.
  return JsonResponse({{"entity", FtmEntity(*e)}, {"adjacent", json::object()}});
}

HttpResponse YenteCatalog(const ServingLists& lists) {
  json datasets = json::array();
  json names = json::array();
  json current = json::array();
  for (const ListVersion& v : lists.snapshot().versions()) {
    const std::string name = DatasetName(v.source);
    names.push_back(name);
    datasets.push_back({{"name", name},
                        {"title", v.source},
                        {"type", "source"},
                        {"load", true},
                        {"version", std::to_string(v.id)},
                        {"index_version", std::to_string(v.id)},
                        {"index_current", true},
                        {"updated_at", v.published.empty() ? v.imported_at : v.published},
                        {"entity_count", v.record_count},
                        {"children", json::array()}});
    current.push_back(name);
  }
  // The collections a yente client may name: every list Interdict holds is a sanctions list.
  for (const char* collection : {"default", "sanctions"}) {
    datasets.push_back(
        {{"name", collection},
         {"title", std::string(collection) == "default" ? "All lists in service"
                                                        : "Sanctions lists (all lists in service)"},
         {"type", "collection"},
         {"load", true},
         {"index_current", true},
         {"children", names}});
    current.push_back(collection);
  }
  return JsonResponse({{"datasets", std::move(datasets)},
                       {"current", std::move(current)},
                       {"outdated", json::array()},
                       {"index_stale", false}});
}

HttpResponse YenteAlgorithms() {
  auto feature = [](const char* description, double coefficient) {
    return json{{"description", description}, {"coefficient", coefficient}, {"url", nullptr}};
  };
  json features = {
      {"name_match", feature("Name score of the best-matching list name (docs/matching.md)", 1)},
      {"dob_match", feature("Birth dates agree", Round3(kMaxBirthDateEffect))},
      {"dob_mismatch", feature("Birth dates disagree (down to -0.15)", -0.15)},
      {"country_match",
       feature("A country of the query is the record's", Round3(kMaxCountryEffect))},
      {"country_mismatch", feature("No country of the query is the record's", -0.05)},
      {"identifier_match",
       feature("An identifier of the query is the record's", Round3(kMaxIdentifierEffect))},
      {"identifier_mismatch", feature("The record's identifier of that kind differs", -0.10)},
      {"schema_mismatch", feature("The query's type cannot be the record's", -0.30)}};
  json algorithm = {
      {"name", kAlgorithm},
      {"description",
       "Interdict's name matcher plus birth date, country, identifier and type evidence "
       "(docs/matching.md)."},
      {"features", features},
      {"docs", {{"name", kAlgorithm}, {"features", features}, {"config", json::object()}}}};
  return JsonResponse(
      {{"algorithms", json::array({algorithm})}, {"default", kAlgorithm}, {"best", kAlgorithm}});
}

HttpResponse YenteUpdatez() {
  // yente answers so when it has no update token configured, which is always the case here:
  // lists are replaced by `interdict update` and the server's reload (docs/api.md).
  return ErrorResponse(403, "forbidden",
                    "Invalid token. (lists are updated with `interdict update`; the server "
                    "puts a new version in service by itself)");
}

}  // namespace interdict::server

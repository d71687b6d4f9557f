// libFuzzer target for request handling: raw bytes go through the server's own HTTP parser
// (Boost.Beast, with the limits a connection has) and, when they form a request, through the whole
// API pipeline (target decoding, routing, API keys, JSON bodies, every endpoint and both dialects)
// against a small list set built in memory. Beyond "no crash, no sanitizer report", it checks the
// API's contract: a status in [200, 599], JSON bodies that parse, and every error in the stable
// {"error": {"code", "message"}} shape, and that no request with a Transfer-Encoding other than
// "chunked" gets through the parser.
//
// The first input byte chooses a server with or without API keys (the corpus holds the key:
// "Bearer fuzz-key"). Build and run: fuzz/run.sh (CI runs it for a bounded time).
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/country.h"
#include "core/data_dir.h"
#include "index/snapshot.h"
#include "index/token_stats.h"
#include "normalize/normalizer.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/live_lists.h"
#include "store/store.h"

namespace {

using namespace interdict;
using namespace interdict::server;

Entity Make(const std::string& id, Schema schema, const std::string& name) {
  Entity e;
  e.id = "fuzz-list:" + id;
  e.source = "fuzz-list";
  e.schema = schema;
  e.names.push_back({name, name, NameKind::kPrimary, "Latn"});
  e.programs = {"SDGT"};
  return e;
}

std::vector<Entity> Entities(const CountryTable& countries) {
  std::vector<Entity> out;
  Entity p = Make("1", Schema::kPerson, "MUHAMMAD, Yusuf");
  p.names.push_back({"Yousef Mohammed", "Yousef Mohammed", NameKind::kStrongAlias, "Latn"});
  p.names.push_back({"Abu Yusuf", "Abu Yusuf", NameKind::kWeakAlias, "Latn"});
  p.names.push_back({"\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF \xD9\x8A\xD9\x88\xD8\xB3\xD9\x81",
                     "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF \xD9\x8A\xD9\x88\xD8\xB3\xD9\x81",
                     NameKind::kOriginalScript, "Arab"});
  BirthDate b;
  b.from = b.to = PartialDate{1970, 3, 12};
  b.original = "12 Mar 1970";
  p.birth_dates.push_back(b);
  p.nationalities.push_back(countries.Make("Iran"));
  Identifier passport;
  passport.kind = IdKind::kPassport;
  passport.value = "P229856";
  passport.country = countries.Make("Iran");
  p.identifiers.push_back(passport);
  p.gender = "male";
  out.push_back(p);
  Entity o = Make("2", Schema::kOrganization, "EVIN PRISON");
  Address a;
  a.city = "Tehran";
  a.country = countries.Make("Iran");
  o.addresses.push_back(a);
  out.push_back(o);
  Entity v = Make("3", Schema::kVessel, "HERMANN");
  Identifier imo;
  imo.kind = IdKind::kImo;
  imo.value = "IMO 9187629";
  v.identifiers.push_back(imo);
  v.flag = countries.Make("Cuba");
  v.attributes.push_back({"vessel_type", "General Cargo"});
  v.attributes.push_back({"tonnage", "2,597"});
  out.push_back(v);
  Entity c = Make("4", Schema::kEntity, "BANCO NACIONAL DE CUBA");
  Identifier bic;
  bic.kind = IdKind::kSwiftBic;
  bic.value = "BNACCUHH";
  c.identifiers.push_back(bic);
  out.push_back(c);
  out.push_back(Make("5", Schema::kAircraft, "ANTONOV AN-124"));
  return out;
}

void Die(const char* what, const Status& s) {
  std::fprintf(stderr, "request_fuzz: %s: %s\n", what, s.message().c_str());
  std::abort();
}

struct World {
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  JurisdictionTable jurisdictions;
  CommonWords common;
  std::string db;
  std::unique_ptr<LiveLists> lists;
  ApiKeys keys;
  std::unique_ptr<Api> open_api;
  std::unique_ptr<Api> keyed_api;

  World() {
    const std::string data = ResolveDataDir("");
    if (Status s = CountryTable::LoadDefault(data, &countries); !s.ok()) Die("countries", s);
    if (Status s = NameNormalizer::Load(data, &normalizer); !s.ok()) Die("normalizer", s);
    if (Status s = TokenStats::Load(data + "/token_stats.tsv", &stats); !s.ok()) Die("stats", s);
    ScanResources scan;
    if (JurisdictionTable::LoadDefault(data, &jurisdictions).ok() &&
        CommonWords::LoadDefault(data, &common).ok())
      scan = ScanResources{&jurisdictions, &common};
    // An empty store for the endpoints that read one (versions, entities of older versions).
    char dir[] = "/tmp/request-fuzz-XXXXXX";
    if (mkdtemp(dir) == nullptr) std::abort();
    db = std::string(dir) + "/store.db";
    std::unique_ptr<Store> store;
    if (Status s = Store::Open(db, &store); !s.ok()) Die("store", s);
    ListVersion v;
    v.id = 1;
    v.source = "fuzz-list";
    v.imported_at = "2026-01-01T00:00:00Z";
    v.record_count = 5;
    std::shared_ptr<const ServingLists> serving;
    if (Status s = ServingLists::Make(
            Snapshot::Build(Entities(countries), {v}, *normalizer, stats, TokenSimilarityOf),
            *normalizer, stats, countries, &scan, &serving);
        !s.ok())
      Die("lists", s);
    lists = std::make_unique<LiveLists>(db, *normalizer, stats, countries);
    lists->Set(serving);
    if (Status s = keys.AddFromText(MakeKeyEntry("fuzz", "salt", "fuzz-key"), "fuzz", false);
        !s.ok())
      Die("keys", s);
    ApiOptions options;
    options.db_path = db;
    options.max_batch = 20;
    ApiDeps deps;
    deps.lists = lists.get();
    deps.normalizer = normalizer.get();
    deps.stats = &stats;
    open_api = std::make_unique<Api>(options, deps);
    deps.keys = &keys;
    keyed_api = std::make_unique<Api>(options, deps);
  }
};

[[noreturn]] void Violation(const char* what, const HttpResponse& r) {
  std::fprintf(stderr, "request_fuzz: contract broken: %s (status %d): %.500s\n", what, r.status,
               r.body.c_str());
  std::abort();
}

// An error has its dialect's stable shape (ErrorDialectOf): Watchman's {"error": "<message>",
// "code"}, else {"error": {"code", "message"}} (yente's adds "detail").
void CheckContract(const HttpResponse& r, ErrorDialect dialect) {
  if (r.status < 200 || r.status > 599) Violation("status out of range", r);
  if (r.content_type != "application/json") return;  // /metrics
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) Violation("body is not JSON", r);
  if (r.status < 400) return;
  if (!j.is_object() || !j.contains("error")) Violation("error without the stable shape", r);
  if (dialect == ErrorDialect::kWatchman) {
    if (!j["error"].is_string() || !j.contains("code") || !j["code"].is_string())
      Violation("Watchman error without its stable shape", r);
    return;
  }
  if (!j["error"].is_object() || !j["error"].contains("code") || !j["error"]["code"].is_string() ||
      !j["error"].contains("message") || !j["error"]["message"].is_string())
    Violation("error without the stable shape", r);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = new World();
  if (size == 0) return 0;
  const bool keyed = (data[0] & 1) != 0;
  std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
  HttpServerOptions limits;
  limits.body_limit = 64 << 10;
  limits.header_limit = 8 << 10;
  HttpRequest request;
  HttpResponse error;
  if (!ParseHttpRequest(raw, limits, &request, &error)) {
    if (error.status != 400 && error.status != 413 && error.status != 431)
      Violation("parser error status", error);
    CheckContract(error, ErrorDialect::kInterdict);  // the server shapes it later, by its path
    return 0;
  }
  // Anything but "chunked" alone leaves the body's length unclear (request smuggling): refused.
  std::string_view coding = request.Header("transfer-encoding");
  if (!coding.empty() && !EqualsIgnoringCase(coding, "chunked")) {
    HttpResponse r;
    r.body = std::string(coding);
    Violation("a Transfer-Encoding other than chunked was accepted", r);
  }
  CheckContract((keyed ? world->keyed_api : world->open_api)->HandleNow(request),
                ErrorDialectOf(request.target));
  return 0;
}

// /openapi.json describes what the server does: every documented operation is sent its
// documented example and must answer 200 with a body that satisfies the documented schema; its
// documented errors (401 without a key, 400 for a broken body or a missing required parameter,
// 404 for an unknown id) must be what the server answers; and every route is documented.
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "monitor/alerts.h"
#include "monitor/customer_store.h"
#include "monitor/users.h"
#include "server/api.h"
#include "server/server.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using testing::Fetch;
using testing::HttpResult;

const json& Doc() {
  static const json* doc = new json(json::parse(OpenApiJson()));
  return *doc;
}

const json& Resolve(const json& j) {
  if (j.is_object() && j.contains("$ref")) {
    std::string ref = j["$ref"];  // "#/components/schemas/X"
    const json* at = &Doc();
    size_t pos = 2;
    while (pos < ref.size()) {
      size_t slash = ref.find('/', pos);
      at = &(*at)[ref.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos)];
      if (slash == std::string::npos) break;
      pos = slash + 1;
    }
    return Resolve(*at);
  }
  return j;
}

// A small JSON Schema check (the subset the document uses): $ref, allOf, oneOf, type, required,
// properties, additionalProperties, items, enum, nullable. Appends what fails to *errors.
void Validate(const json& schema_in, const json& value, const std::string& where,
              std::vector<std::string>* errors) {
  const json& schema = Resolve(schema_in);
  if (value.is_null() && schema.value("nullable", false)) return;
  if (schema.contains("allOf"))
    for (const json& s : schema["allOf"]) Validate(s, value, where, errors);
  if (schema.contains("oneOf")) {
    bool any = false;
    for (const json& s : schema["oneOf"]) {
      std::vector<std::string> e;
      Validate(s, value, where, &e);
      any = any || e.empty();
    }
    if (!any) errors->push_back(where + ": matches no oneOf alternative");
  }
  if (schema.contains("enum")) {
    bool in = false;
    for (const json& e : schema["enum"]) in = in || e == value;
    if (!in) errors->push_back(where + ": " + value.dump() + " not in enum");
  }
  if (!schema.contains("type")) return;
  const std::string type = schema["type"];
  if (type == "object") {
    if (!value.is_object()) return errors->push_back(where + ": not an object");
    for (const json& r : schema.value("required", json::array()))
      if (!value.contains(r.get<std::string>()))
        errors->push_back(where + ": missing required '" + r.get<std::string>() + "'");
    json props = schema.value("properties", json::object());
    for (const auto& [k, v] : value.items()) {
      if (props.contains(k)) {
        Validate(props[k], v, where + "." + k, errors);
      } else if (schema.contains("additionalProperties") &&
                 schema["additionalProperties"].is_object()) {
        Validate(schema["additionalProperties"], v, where + "." + k, errors);
      }
    }
  } else if (type == "array") {
    if (!value.is_array()) return errors->push_back(where + ": not an array");
    if (schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        Validate(schema["items"], value[i], where + "[" + std::to_string(i) + "]", errors);
  } else if (type == "string") {
    if (!value.is_string()) errors->push_back(where + ": not a string");
  } else if (type == "integer") {
    if (!value.is_number_integer()) errors->push_back(where + ": not an integer");
  } else if (type == "number") {
    if (!value.is_number()) errors->push_back(where + ": not a number");
  } else if (type == "boolean") {
    if (!value.is_boolean()) errors->push_back(where + ": not a boolean");
  }
}

struct Operation {
  std::string method;  // "GET"
  std::string path;    // "/v1/entities/{id}"
  json spec;
};

std::vector<Operation> Operations() {
  std::vector<Operation> ops;
  for (const auto& [path, item] : Doc()["paths"].items())
    for (const auto& [method, spec] : item.items()) {
      std::string m = method;
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ops.push_back({m, path, spec});
    }
  return ops;
}

// The request the document's examples describe (its parameters that have an example);
// `skip_required_query` leaves out the required query parameters (a request the server must
// refuse).
std::string ExampleTarget(const Operation& op, bool skip_required_query = false,
                          const std::string& path_value = "") {
  std::string target = op.path;
  std::string query;
  for (const json& p0 : op.spec.value("parameters", json::array())) {
    const json& p = Resolve(p0);
    std::string name = p["name"];
    if (p["in"] == "path") {
      std::string v = path_value.empty() ? p["example"].get<std::string>() : path_value;
      size_t at = target.find("{" + name + "}");
      target.replace(at, name.size() + 2, v);
    } else if (p["in"] == "query" && p.contains("example") &&
               !(skip_required_query && p.value("required", false))) {
      std::string v = p["example"];
      for (char& c : v)
        if (c == ' ') c = '+';
      query += (query.empty() ? "?" : "&") + name + "=" + v;
    }
  }
  return target + query;
}

std::string ExampleBody(const Operation& op) {
  if (!op.spec.contains("requestBody")) return "";
  return op.spec["requestBody"]["content"]["application/json"]["example"].dump();
}

bool Documents(const Operation& op, int status) {
  return op.spec["responses"].contains(std::to_string(status));
}

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const std::string db = testing::CopyBaseStore(*dir_);
    ServeOptions o = testing::TestOptions(db);
    std::string entry;
    key_ = new std::string();
    Status s = NewKey("openapi-test", key_, &entry);
    if (s.ok()) s = o.keys.AddFromText(entry, "test", false);
    if (s.ok()) s = SeedCaseWork(db);
    startup_error_ = s.ok() ? testing::StartReady(std::move(o), &server_) : s.message();
    if (startup_error_.empty()) startup_error_ = AwaitAlerts(db);
  }
  // What the case-work examples act on: the key's user (an admin) and an analyst, two versions of
  // a test list whose records 1-5 match customers C-1..C-5 (alerts 1-5, raised by the server's
  // own monitoring run).
  static Status SeedCaseWork(const std::string& db) {
    std::vector<Entity> list;
    const char* names[] = {"Zebediah Quartermaine", "Philomena Ravensworth",
                           "Thaddeus Winterbourne", "Ignatius Fairweather", "Cordelia Ashgrove"};
    std::vector<Customer> book;
    for (int i = 0; i < 5; ++i) {
      list.push_back(testing::TestPerson(std::to_string(i + 1), names[i], {"SDGT"}));
      book.push_back(testing::TestCustomer("C-" + std::to_string(i + 1), names[i]));
    }
    INTERDICT_RETURN_IF_ERROR(testing::ImportTestList(db, list));
    list.push_back(testing::TestPerson("6", "Cornelius Blackthorne"));
    INTERDICT_RETURN_IF_ERROR(testing::ImportTestList(db, list));
    std::unique_ptr<Store> store;
    INTERDICT_RETURN_IF_ERROR(Store::Open(db, &store));
    INTERDICT_RETURN_IF_ERROR(AddUser(*store, "openapi-test", Role::kAdmin, ""));
    INTERDICT_RETURN_IF_ERROR(AddUser(*store, "ann", Role::kAnalyst, "openapi-test"));
    BookImportSummary summary;
    return ImportCustomers(*store, book, BookMode::kFull, "tester", &summary);
  }
  // After the server's first monitoring run: ann's false positive on alert 3 awaits four-eyes
  // approval (the review example approves it).
  static std::string AwaitAlerts(const std::string& db) {
    if (!testing::WaitMonitorRuns(*server_, 1)) return "the server's monitoring did not run";
    std::unique_ptr<Store> store;
    Status s = Store::Open(db, &store);
    if (s.ok())
      s = DecideAlert(*store, 3, 0, AlertStatus::kFalsePositive, "another person", "ann", nullptr);
    return s.message();
  }
  void SetUp() override { ASSERT_TRUE(startup_error_.empty()) << startup_error_; }
  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
    delete key_;
  }
  static HttpResult Send(const Operation& op, const std::string& target, const std::string& body,
                         bool with_key = true) {
    std::map<std::string, std::string> headers;
    if (with_key) headers["Authorization"] = "Bearer " + *key_;
    return Fetch(server_->port(), op.method, target, body, headers);
  }
  static testing::TempDir* dir_;
  static std::string* key_;
  static std::unique_ptr<Server> server_;
  static std::string startup_error_;
};
std::string OpenApiTest::startup_error_;
testing::TempDir* OpenApiTest::dir_ = nullptr;
std::string* OpenApiTest::key_ = nullptr;
std::unique_ptr<Server> OpenApiTest::server_;

TEST_F(OpenApiTest, DocumentsEveryRouteOfTheServer) {
  EXPECT_EQ(Doc()["openapi"], "3.0.3");
  // The checker itself notices a body that lacks what the document requires.
  std::vector<std::string> errors;
  Validate({{"$ref", "#/components/schemas/ScreenResponse"}},
           {{"id", 1}, {"matches", {{{"entity", 3}}}}}, "body", &errors);
  EXPECT_THAT(errors, ::testing::Contains("body: missing required 'list_versions'"));
  EXPECT_THAT(errors, ::testing::Contains("body.matches[0].entity: not a string"));
  std::set<std::string> documented;
  for (const Operation& op : Operations()) documented.insert(op.method + " " + op.path);
  const std::set<std::string> routes = {
      "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json", "POST /v1/screen",
      "POST /v1/screen/batch", "POST /v1/compare", "GET /v1/entities/{id}", "GET /v1/sources",
      "GET /v1/sources/{source}/versions", "POST /match/{dataset}", "GET /search/{dataset}",
      "GET /entities/{id}", "GET /v2/search", "GET /v2/listinfo", "POST /v1/scan",
      // yente's other endpoints and OpenRefine reconciliation.
      "GET /entities/{id}/adjacent", "GET /catalog", "GET /algorithms", "POST /updatez",
      "GET /reconcile/{dataset}", "POST /reconcile/{dataset}",
      "GET /reconcile/{dataset}/suggest/entity", "GET /reconcile/{dataset}/suggest/type",
      "GET /reconcile/{dataset}/suggest/property", "GET /reconcile/{dataset}/extend/property",
      "GET /reconcile/{dataset}/preview",
      // Case work.
      "GET /v1/me", "GET /v1/alerts", "GET /v1/alerts/{id}", "POST /v1/alerts/{id}/move",
      "POST /v1/alerts/{id}/assign", "POST /v1/alerts/{id}/decide", "POST /v1/alerts/{id}/review",
      "GET /v1/rules", "POST /v1/rules", "POST /v1/rules/{id}/revoke", "GET /v1/customers",
      "GET /v1/customers/{id}", "GET /v1/audit", "GET /v1/audit/verify", "GET /v1/monitor/runs",
      "POST /v1/monitor/run", "GET /v1/users", "GET /v1/sources/{source}/diff"};
  EXPECT_EQ(documented, routes);
  // Each of them is routed: its path answers another method with 405, not 404. (Not its
  // example: the case-work writes act once, in the next test.)
  for (const Operation& op : Operations()) {
    Operation other = op;
    other.method = "DELETE";
    EXPECT_EQ(Send(other, ExampleTarget(op), "").status, 405) << op.method << " " << op.path;
  }
}

TEST_F(OpenApiTest, EveryExampleAnswers200WithTheDocumentedShape) {
  for (const Operation& op : Operations()) {
    SCOPED_TRACE(op.method + " " + op.path);
    if (!Documents(op, 200)) continue;  // POST /updatez: always refused, as yente without a token
    HttpResult r = Send(op, ExampleTarget(op), ExampleBody(op));
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    const json& ok = op.spec["responses"]["200"];
    ASSERT_TRUE(ok.contains("content"));
    if (!ok["content"].contains("application/json")) {  // text/plain metrics, an HTML preview
      EXPECT_EQ(r.Header("content-type").rfind(ok["content"].begin().key(), 0), 0u);
      continue;
    }
    EXPECT_EQ(r.Header("content-type"), "application/json");
    json body = r.Json();
    ASSERT_FALSE(body.is_discarded());
    std::vector<std::string> errors;
    Validate(ok["content"]["application/json"]["schema"], body, "body", &errors);
    EXPECT_TRUE(errors.empty()) << errors[0] << "\n" << r.body.substr(0, 1000);
  }
}

TEST_F(OpenApiTest, DocumentedErrorsAreTheOnesTheServerSends) {
  // Each body against the schema documented for its status: the error shape of the path's
  // dialect.
  auto check_error = [&](const Operation& op, const HttpResult& r, int expected) {
    EXPECT_EQ(r.status, expected) << r.body;
    ASSERT_TRUE(Documents(op, expected)) << "status " << expected << " is not documented";
    const json& documented = Resolve(op.spec["responses"][std::to_string(expected)]);
    std::vector<std::string> errors;
    Validate(documented["content"]["application/json"]["schema"], r.Json(), "body", &errors);
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0]) << "\n" << r.body;
  };
  for (const Operation& op : Operations()) {
    SCOPED_TRACE(op.method + " " + op.path);
    const bool open = op.spec.contains("security") && op.spec["security"].empty();
    HttpResult anonymous = Send(op, ExampleTarget(op), ExampleBody(op), /*with_key=*/false);
    if (open) {
      EXPECT_EQ(anonymous.status, 200);
    } else {
      check_error(op, anonymous, 401);
    }
    if (op.spec.contains("requestBody")) check_error(op, Send(op, ExampleTarget(op), "{"), 400);
    bool required_query = false;
    for (const json& p : op.spec.value("parameters", json::array()))
      required_query = required_query || (p["in"] == "query" && p.value("required", false));
    if (required_query) check_error(op, Send(op, ExampleTarget(op, true), ExampleBody(op)), 400);
    if (Documents(op, 404) && op.path.find('{') != std::string::npos)
      check_error(op, Send(op, ExampleTarget(op, false, "no-such-thing"), ExampleBody(op)), 404);
    // Errors every operation can get, whatever it does: a malformed target, a method its path
    // does not have.
    const std::string target = ExampleTarget(op);
    const std::string bad = target + (target.find('?') == std::string::npos ? "?" : "&") + "x=%G1";
    check_error(op, Send(op, bad, ExampleBody(op)), 400);
    Operation other = op;
    other.method = "DELETE";
    check_error(op, Send(other, target, ""), 405);
  }
}

}  // namespace
}  // namespace interdict::server

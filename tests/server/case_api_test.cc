// The case-work API over HTTP: a real server whose store has users, a customer book and a small
// test list whose records match three of the four customers, so that the server's own monitoring
// run (at start-up) raises three alerts. Each test gets its own server: most of them write.
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "monitor/customer_store.h"
#include "monitor/users.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::HttpResult;

const std::vector<Entity>& FirstList() {
  static const auto* list =
      new std::vector<Entity>{testing::TestPerson("1", "Zebediah Quartermaine", {"SDGT"}),
                              testing::TestPerson("2", "Philomena Ravensworth", {"IRAN"}),
                              testing::TestPerson("3", "Thaddeus Winterbourne", {"SDGT", "IRAN"})};
  return *list;
}

// Key of user `name` in these tests.
std::string KeyOf(const std::string& name) { return "idk_test_" + name + "_Zq8Rw2Lx7Pm4Vb9"; }

class CaseApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(/*keys=*/true); }

  void Start(bool keys) {
    // A store of the test list alone: each test starts a server and lets it monitor, in about a
    // second rather than the ten that the bundled lists take.
    db_ = dir_.path() + "/lists.db";
    ASSERT_TRUE(testing::ImportTestList(db_, FirstList()).ok());
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(db_, &store).ok());
    ASSERT_TRUE(AddUser(*store, "ada", Role::kAdmin, "").ok());
    for (const char* name : {"sue", "sam"})
      ASSERT_TRUE(AddUser(*store, name, Role::kSupervisor, "ada").ok());
    ASSERT_TRUE(AddUser(*store, "ann", Role::kAnalyst, "ada").ok());
    BookImportSummary summary;
    ASSERT_TRUE(ImportCustomers(*store,
                                {testing::TestCustomer("C-1", "Zebediah Quartermaine"),
                                 testing::TestCustomer("C-2", "Philomena Ravensworth"),
                                 testing::TestCustomer("C-3", "Thaddeus Winterbourne"),
                                 testing::TestCustomer("C/4", "Ignatius Fairweather")},
                                BookMode::kFull, "tester", &summary)
                    .ok());
    store.reset();
    ServeOptions o = testing::TestOptions(db_);
    if (keys) {
      std::string text;
      for (const char* name : {"ada", "sue", "sam", "ann", "bob"})
        text += MakeKeyEntry(name, std::string("salt-") + name, KeyOf(name)) + "\n";
      ASSERT_TRUE(o.keys.AddFromText(text, "test keys", false).ok());
    }
    std::string error = testing::StartReady(std::move(o), &server_);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_TRUE(WaitMonitorRuns(1));
  }

  bool WaitMonitorRuns(uint64_t runs) { return testing::WaitMonitorRuns(*server_, runs); }

  HttpResult Get(const std::string& target, const std::string& who = "ann") {
    return testing::Fetch(server_->port(), "GET", target, "", Auth(who));
  }
  HttpResult Post(const std::string& target, const json& body, const std::string& who = "ann") {
    return testing::Fetch(server_->port(), "POST", target, body.dump(), Auth(who));
  }
  static std::map<std::string, std::string> Auth(const std::string& who) {
    if (who.empty()) return {};
    return {{"Authorization", "Bearer " + KeyOf(who)}};
  }
  // The alert of customer `customer` (the fixture raises one per customer C-1..C-3).
  json AlertOf(const std::string& customer) {
    HttpResult r = Get("/v1/alerts?customer=" + customer);
    EXPECT_EQ(r.status, 200) << r.body;
    json j = r.Json();
    if (!j.is_object() || j["alerts"].size() != 1) {
      ADD_FAILURE() << r.body;
      return json::object();
    }
    return j["alerts"][0];
  }
  static int64_t Id(const json& alert) { return alert.value("id", int64_t{0}); }
  static std::string AlertPath(const json& alert, const std::string& act = "") {
    return "/v1/alerts/" + std::to_string(Id(alert)) + (act.empty() ? "" : "/" + act);
  }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<Server> server_;
};

void ExpectError(const HttpResult& r, int status, const std::string& message_part = "") {
  EXPECT_EQ(r.status, status) << r.body;
  json j = r.Json();
  ASSERT_TRUE(j.is_object() && j.contains("error")) << r.body;
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr(message_part));
}

TEST_F(CaseApiTest, MeNamesTheKeysUserAndWhatTheRoleMayDo) {
  HttpResult r = Get("/v1/me");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_EQ(j["user"], "ann");
  EXPECT_EQ(j["role"], "analyst");
  EXPECT_EQ(j["four_eyes"], true);
  EXPECT_THAT(j["permissions"], ::testing::Contains("work"));
  EXPECT_THAT(j["permissions"], ::testing::Not(::testing::Contains("approve")));
  EXPECT_THAT(Get("/v1/me", "sue").Json()["permissions"], ::testing::Contains("approve"));
  ExpectError(Get("/v1/me", ""), 401, "API key");
  // A key that screens but is nobody: told how to make it somebody.
  ExpectError(Get("/v1/me", "bob"), 403, "interdict users add bob --role analyst");
  EXPECT_EQ(Post("/v1/screen", {{"name", "Zebediah Quartermaine"}}, "bob").status, 200);
}

TEST_F(CaseApiTest, ListsAlertsWithFiltersCountsSortAndPaging) {
  HttpResult r = Get("/v1/alerts");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  ASSERT_EQ(j["total"], 3) << r.body;
  EXPECT_EQ(j["counts"]["open"], 3);
  EXPECT_EQ(j["counts"]["in_review"], 0);
  EXPECT_EQ(j["counts"]["delisted"], 0);
  json first = j["alerts"][0];
  EXPECT_EQ(first["customer"], "C-1");
  EXPECT_EQ(first["customer_name"], "Zebediah Quartermaine");
  EXPECT_EQ(first["entity_name"], "Zebediah Quartermaine");
  EXPECT_EQ(first["entity_schema"], "person");
  EXPECT_EQ(first["programs"], json::array({"SDGT"}));

  j = Get("/v1/alerts?program=IRAN").Json();
  EXPECT_EQ(j["total"], 2);
  j = Get("/v1/alerts?program=IRAN&customer=C-3").Json();
  ASSERT_EQ(j["total"], 1);
  EXPECT_EQ(j["alerts"][0]["entity"], "test-list:3");
  EXPECT_EQ(Get("/v1/alerts?source=us-ofac-sdn").Json()["total"], 0);
  EXPECT_EQ(Get("/v1/alerts?min_score=0.99").Json()["total"], 3);
  EXPECT_EQ(Get("/v1/alerts?max_score=0.5").Json()["total"], 0);
  EXPECT_EQ(Get("/v1/alerts?source=test_list").Json()["total"], 3);
  EXPECT_EQ(Get("/v1/alerts?created_before=2000-01-01").Json()["total"], 0);
  EXPECT_EQ(Get("/v1/alerts?created_after=2000-01-01").Json()["total"], 3);

  // Status filters leave the counts alone: they count every status under the other filters.
  ASSERT_EQ(Post(AlertPath(first, "move"), {{"to", "in_review"}, {"rev", first["rev"]}}).status,
            200);
  j = Get("/v1/alerts?status=in_review").Json();
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["counts"]["open"], 2);
  EXPECT_EQ(j["counts"]["in_review"], 1);
  EXPECT_EQ(Get("/v1/alerts?status=in_review&status=open").Json()["total"], 3);

  // Id paging: limit, then after_id; total stays the whole count.
  j = Get("/v1/alerts?limit=2").Json();
  ASSERT_EQ(j["alerts"].size(), 2);
  EXPECT_EQ(j["total"], 3);
  json rest = Get("/v1/alerts?limit=2&after_id=" + std::to_string(Id(j["alerts"][1]))).Json();
  ASSERT_EQ(rest["alerts"].size(), 1);
  EXPECT_GT(Id(rest["alerts"][0]), Id(j["alerts"][1]));
  json sorted = Get("/v1/alerts?sort=-updated").Json();
  EXPECT_EQ(sorted["alerts"][0]["customer"], "C-1");  // the one just moved

  ExpectError(Get("/v1/alerts?status=closed"), 400, "'status'");
  ExpectError(Get("/v1/alerts?sort=name"), 400, "'sort'");
  ExpectError(Get("/v1/alerts?limit=0"), 400, "'limit'");
  ExpectError(Get("/v1/alerts?limit=1001"), 400, "'limit'");
  ExpectError(Get("/v1/alerts?min_score=2"), 400, "'min_score'");
  ExpectError(Get("/v1/alerts?created_after=yesterday"), 400, "'created_after'");
  ExpectError(Get("/v1/alerts?sort=score&after_id=3"), 400, "'after_id'");
}

TEST_F(CaseApiTest, OneAlertWithHistoryCustomerRecordAndRelated) {
  json alert = AlertOf("C-2");
  HttpResult r = Get(AlertPath(alert));
  ASSERT_EQ(r.status, 200) << r.body;
  json j = r.Json();
  EXPECT_EQ(j["alert"]["id"], Id(alert));
  ASSERT_FALSE(j["history"].empty());
  EXPECT_EQ(j["history"][0]["kind"], "raised");
  EXPECT_EQ(j["history"][0]["who"], "system:serve");
  EXPECT_EQ(j["customer"]["name"], "Philomena Ravensworth");
  EXPECT_EQ(j["entity"]["id"], "test-list:2");
  EXPECT_EQ(j["entity_version"]["source"], "test-list");
  EXPECT_TRUE(j["related"].is_array());
  EXPECT_TRUE(j["related"].empty());
  ExpectError(Get("/v1/alerts/999999"), 404);
  ExpectError(Get("/v1/alerts/abc"), 404);
}

TEST_F(CaseApiTest, MovesAndAssignsWithRevChecks) {
  json alert = AlertOf("C-1");
  HttpResult r = Post(AlertPath(alert, "move"),
                      {{"to", "in_review"}, {"reason", "looking"}, {"rev", alert["rev"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["status"], "in_review");
  EXPECT_EQ(r.Json()["rev"], alert["rev"].get<int64_t>() + 1);
  EXPECT_EQ(r.Json()["customer_name"], "Zebediah Quartermaine");
  // The rev read before that move is stale now.
  ExpectError(Post(AlertPath(alert, "assign"), {{"assignee", "ann"}, {"rev", alert["rev"]}}), 409);
  r = Post(AlertPath(alert, "assign"), {{"assignee", "ann"}, {"rev", r.Json()["rev"]}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["assignee"], "ann");
  EXPECT_EQ(Get("/v1/alerts?assignee=ann").Json()["total"], 1);

  ExpectError(Post(AlertPath(alert, "move"), {{"to", "confirmed"}}), 400, "'to'");
  ExpectError(Post(AlertPath(alert, "move"), {{"reason", "x"}}), 400, "'to'");
  ExpectError(Post(AlertPath(alert, "move"), {{"to", "open"}, {"rev", "3"}}), 400, "'rev'");
  ExpectError(Post(AlertPath(alert, "assign"), {{"assignee", 5}}), 400, "'assignee'");
  ExpectError(testing::Fetch(server_->port(), "POST", AlertPath(alert, "move"), "{", Auth("ann")),
              400);
  ExpectError(Post("/v1/alerts/999999/move", {{"to", "in_review"}}), 404);
  ExpectError(Post(AlertPath(alert, "move"), {{"to", "in_review"}}, ""), 401);
}

TEST_F(CaseApiTest, AnAnalystCannotDecideAnEscalatedAlertASupervisorCan) {
  json alert = AlertOf("C-3");
  HttpResult r = Post(AlertPath(alert, "move"), {{"to", "escalated"}, {"reason", "unsure"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ExpectError(
      Post(AlertPath(alert, "decide"), {{"decision", "confirmed"}, {"reason", "same person"}}), 403,
      "supervisor");
  ExpectError(Post(AlertPath(alert, "decide"), {{"decision", "maybe"}, {"reason", "x"}}, "sue"),
              400, "'decision'");
  ExpectError(Post(AlertPath(alert, "decide"), {{"decision", "confirmed"}}, "sue"), 400,
              "'reason'");
  r = Post(AlertPath(alert, "decide"),
           {{"decision", "confirmed"}, {"reason", "same person"}, {"rev", r.Json()["rev"]}}, "sue");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["status"], "confirmed");
}

TEST_F(CaseApiTest, FourEyesNeedsASecondPerson) {
  json alert = AlertOf("C-2");
  HttpResult r = Post(AlertPath(alert, "decide"),
                      {{"decision", "false_positive"}, {"reason", "other birth date"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["status"], "in_review");
  EXPECT_EQ(r.Json()["pending"]["by"], "ann");
  ExpectError(Post(AlertPath(alert, "review"), {{"approve", true}, {"reason", "ok"}}), 403);
  ExpectError(Post(AlertPath(alert, "review"), {{"reason", "ok"}}, "sue"), 400, "'approve'");
  r = Post(AlertPath(alert, "review"), {{"approve", true}, {"reason", "agreed"}}, "sue");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["status"], "false_positive");

  // Both people are in the audit chain under their own names.
  json events = Get("/v1/audit?who=sue&kind=alert").Json()["events"];
  ASSERT_EQ(events.size(), 1) << events;
  EXPECT_EQ(events[0]["kind"], "alert.approval");
  EXPECT_EQ(events[0]["subject"], "alert:" + std::to_string(Id(alert)));
  EXPECT_EQ(Get("/v1/audit?who=ann&kind=alert.decision").Json()["events"].size(), 1);
  json verify = Get("/v1/audit/verify").Json();
  EXPECT_EQ(verify["ok"], true) << verify;
  EXPECT_TRUE(verify["first_bad"].is_null());
  EXPECT_GT(verify["events"].get<int64_t>(), 5);
}

TEST_F(CaseApiTest, RulesFromAnAlertAndRevoked) {
  json alert = AlertOf("C-1");
  ExpectError(Post("/v1/rules", {{"alert", Id(alert)}, {"reason", "known customer"}}), 403,
              "supervisor");
  ExpectError(
      Post("/v1/rules", {{"alert", Id(alert)}, {"customer", "C-1"}, {"reason", "x"}}, "sue"), 400,
      "'alert'");
  ExpectError(Post("/v1/rules", {{"alert", Id(alert)}}, "sue"), 400, "'reason'");
  HttpResult r = Post("/v1/rules", {{"alert", Id(alert)}, {"reason", "known customer"}}, "sue");
  ASSERT_EQ(r.status, 200) << r.body;
  json rule = r.Json();
  EXPECT_EQ(rule["customer"], "C-1");
  EXPECT_EQ(rule["created_by"], "sue");
  EXPECT_EQ(Get(AlertPath(alert)).Json()["alert"]["status"], "false_positive");
  json active = Get("/v1/rules?active=true").Json()["rules"];
  ASSERT_EQ(active.size(), 1);
  r = Post("/v1/rules",
           {{"customer", "C-2"},
            {"entity", "test-list:2"},
            {"reason", "twin"},
            {"expires_at", "2099-01-01"}},
           "sue");
  ASSERT_EQ(r.status, 200) << r.body;
  r = Post("/v1/rules/" + std::to_string(rule["id"].get<int64_t>()) + "/revoke",
           {{"reason", "new evidence"}}, "sam");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["revoked_by"], "sam");
  EXPECT_EQ(Get("/v1/rules?active=true").Json()["rules"].size(), 1);
  EXPECT_EQ(Get("/v1/rules?active=false").Json()["rules"].size(), 1);
  EXPECT_EQ(Get("/v1/rules").Json()["rules"].size(), 2);
  ExpectError(Get("/v1/rules?active=yes"), 400, "'active'");
  ExpectError(Post("/v1/rules/999/revoke", {{"reason", "x"}}, "sue"), 404);
  ExpectError(
      Post("/v1/rules", {{"customer", "C-9"}, {"entity", "test-list:1"}, {"reason", "x"}}, "sue"),
      404);
}

TEST_F(CaseApiTest, CustomersUsersAndMonitorRuns) {
  json j = Get("/v1/customers?q=Raven").Json();
  ASSERT_EQ(j["total"], 1) << j;
  EXPECT_EQ(j["customers"][0]["id"], "C-2");
  j = Get("/v1/customers?limit=2").Json();
  EXPECT_EQ(j["total"], 4);
  ASSERT_EQ(j["customers"].size(), 2);
  EXPECT_EQ(Get("/v1/customers?after=C-2").Json()["customers"][0]["id"], "C-3");
  j = Get("/v1/customers/C-3").Json();
  EXPECT_EQ(j["name"], "Thaddeus Winterbourne");
  ASSERT_EQ(j["alerts"].size(), 1);
  EXPECT_EQ(j["alerts"][0]["entity_name"], "Thaddeus Winterbourne");
  ExpectError(Get("/v1/customers/C-99"), 404);
  // An id holding a '/' is one path segment when escaped.
  EXPECT_EQ(Get("/v1/customers/C%2F4").Json()["name"], "Ignatius Fairweather");
  ExpectError(Get("/v1/customers/C/4"), 404);

  j = Get("/v1/users").Json();
  ASSERT_EQ(j["users"].size(), 4);
  EXPECT_EQ(j["users"][0]["name"], "ada");

  j = Get("/v1/monitor/runs").Json();
  ASSERT_EQ(j["runs"].size(), 1) << j;
  EXPECT_EQ(j["runs"][0]["who"], "system:serve");
  ExpectError(Post("/v1/monitor/run", json::object()), 403, "supervisor");
  HttpResult r = Post("/v1/monitor/run", json::object(), "ada");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["run"], 0);  // nothing changed since the server's own run
}

TEST_F(CaseApiTest, ANewListVersionRaisesItsAlertWithoutAnyCommand) {
  EXPECT_EQ(Get("/v1/alerts?customer=C%2F4").Json()["total"], 0);
  std::vector<Entity> next = FirstList();
  next.erase(next.begin() + 1);
  next[0].programs.push_back("UKRAINE");
  next.push_back(testing::TestPerson("4", "Ignatius Fairweather"));
  ASSERT_TRUE(testing::ImportTestList(db_, next).ok());
  json found;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    found = Get("/v1/alerts?customer=C%2F4").Json();
    if (found["total"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(found["total"], 1) << found;
  EXPECT_EQ(found["alerts"][0]["entity_name"], "Ignatius Fairweather");
  EXPECT_EQ(AlertOf("C-2")["status"], "delisted");
  // A delisted record is no longer served: its name comes from the version that raised it.
  EXPECT_EQ(AlertOf("C-2")["entity_name"], "Philomena Ravensworth");
  ASSERT_TRUE(WaitMonitorRuns(2));
  HttpResult metrics = Get("/metrics");
  EXPECT_THAT(metrics.body, HasSubstr("interdict_monitor_runs_total{result=\"ok\"} 2"));
  EXPECT_THAT(metrics.body, HasSubstr("interdict_monitor_last_success_timestamp "));
  json ready = Get("/readyz").Json();
  EXPECT_EQ(ready["monitor"]["runs_ok"], 2) << ready;
  EXPECT_TRUE(ready["monitor"]["last_error"].is_null()) << ready;

  json diff = Get("/v1/sources/test-list/diff").Json();
  ASSERT_EQ(diff["added"].size(), 1) << diff;
  EXPECT_EQ(diff["added"][0]["id"], "test-list:4");
  EXPECT_EQ(diff["added"][0]["caption"], "Ignatius Fairweather");
  ASSERT_EQ(diff["removed"].size(), 1);
  EXPECT_EQ(diff["removed"][0]["caption"], "Philomena Ravensworth");
  ASSERT_EQ(diff["changed"].size(), 1);
  EXPECT_EQ(diff["changed"][0]["fields"], json::array({"programs"}));
  const int64_t to = diff["to"];
  EXPECT_EQ(Get("/v1/sources/test-list/diff?from=" + std::to_string(diff["from"].get<int64_t>()) +
                "&to=" + std::to_string(to))
                .Json(),
            diff);
  ExpectError(Get("/v1/sources/test-list/diff?to=" + std::to_string(diff["from"].get<int64_t>())),
              400, "'from'");
  ExpectError(Get("/v1/sources/test-list/diff?from=99&to=" + std::to_string(to)), 404, "'from'");
  ExpectError(Get("/v1/sources/nope/diff"), 404);
}

TEST_F(CaseApiTest, RelatedAlertsShareTheCustomerOrTheRecord) {
  // C-5 has record 2's name (related to C-2's alert by record); C-6 is known by records 3's and
  // 1's names (its two alerts are related by customer, and to C-1's and C-3's by record).
  Customer twin = testing::TestCustomer("C-5", "Philomena Ravensworth");
  Customer both = testing::TestCustomer("C-6", "Thaddeus Winterbourne");
  both.aliases = {"Zebediah Quartermaine"};
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(Store::Open(db_, &store).ok());
    BookImportSummary summary;
    ASSERT_TRUE(ImportCustomers(*store, {twin, both}, BookMode::kPartial, "tester", &summary).ok());
  }
  ASSERT_EQ(Post("/v1/monitor/run", json::object(), "ada").status, 200);
  auto related_customers = [&](const json& alert) {
    std::set<std::string> out;
    const json detail = Get(AlertPath(alert)).Json();
    for (const json& a : detail["related"])
      out.insert(a["customer"].get<std::string>() + "/" + a["entity"].get<std::string>());
    return out;
  };
  EXPECT_EQ(related_customers(AlertOf("C-2")), std::set<std::string>{"C-5/test-list:2"});
  json c6 = Get("/v1/alerts?customer=C-6&entity=test-list:1").Json();
  ASSERT_EQ(c6["alerts"].size(), 1) << c6;
  EXPECT_EQ(related_customers(c6["alerts"][0]),
            (std::set<std::string>{"C-6/test-list:3", "C-1/test-list:1"}));
}

class CaseApiWithoutKeysTest : public CaseApiTest {
 protected:
  void SetUp() override { Start(/*keys=*/false); }
};

TEST_F(CaseApiWithoutKeysTest, CaseWorkNeedsKeys) {
  ExpectError(Get("/v1/alerts", ""), 403, "case work needs API keys (serve --api-keys FILE)");
  ExpectError(Post("/v1/alerts/1/move", {{"to", "in_review"}}, ""), 403, "needs API keys");
  EXPECT_EQ(Post("/v1/screen", {{"name", "Zebediah Quartermaine"}}, "").status, 200);
}

}  // namespace
}  // namespace interdict::server

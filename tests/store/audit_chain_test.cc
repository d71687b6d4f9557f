#include "store/audit_chain.h"

#include <stdlib.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/audit.h"
#include "store/db.h"
#include "test_store.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-audit-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "s.db").string();
    ASSERT_TRUE(OpenTestStore(path_, &store_).ok());
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Appends `n` events, each in its own transaction, recorded at `at` ("" = now).
  void Append(int n, const std::string& at = "", const std::string& kind = "alert.decision") {
    for (int i = 0; i < n; ++i) {
      Transaction txn(store_->db(), Transaction::Mode::kWrite);
      ASSERT_TRUE(txn.status().ok());
      AuditEvent e;
      e.at = at;
      e.who = "alice";
      e.kind = kind;
      e.subject = "alert:" + std::to_string(i);
      e.detail = "{\"n\":" + std::to_string(i) + "}";
      Status s = AppendAuditEvent(*store_, &e);
      ASSERT_TRUE(s.ok()) << s.message();
      ASSERT_TRUE(txn.Commit().ok());
    }
  }
  // Runs raw SQL, as someone editing the database behind Interdict's back would. (PostgreSQL
  // names a trigger with its table.)
  void Sql(std::string sql) {
    if (store_->db()->backend() == DbBackend::kPostgres)
      sql = std::regex_replace(sql, std::regex("DROP TRIGGER (\\w+)"),
                               "DROP TRIGGER $1 ON audit_event");
    Status s = Exec(store_->db(), sql);
    ASSERT_TRUE(s.ok()) << sql << ": " << s.message();
  }
  ChainReport Verify() {
    ChainReport r;
    Status s = VerifyChain(*store_, &r);
    EXPECT_TRUE(s.ok()) << s.message();
    return r;
  }
  int64_t Count() {
    int64_t n = 0;
    EXPECT_TRUE(ReadAuditEvents(*store_, {}, [&](const AuditEvent&) {
                  ++n;
                  return Status::Ok();
                }).ok());
    return n;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(AuditChainTest, AnEmptyChainVerifies) {
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.checked, 0);
  EXPECT_EQ(r.head_hash, "");
}

TEST_F(AuditChainTest, AppendedEventsLinkAndVerify) {
  Append(10);
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.checked, 10);
  EXPECT_EQ(r.first_seq, 1);
  AuditEvent last;
  AuditEvent before;
  ASSERT_TRUE(GetAuditEvent(*store_, 10, &last).ok());
  ASSERT_TRUE(GetAuditEvent(*store_, 9, &before).ok());
  EXPECT_EQ(r.head_hash, last.hash);
  EXPECT_EQ(last.prev_hash, before.hash);
  EXPECT_EQ(GetAuditEvent(*store_, 11, &last).code(), Status::Code::kNotFound);
}

TEST_F(AuditChainTest, ABatchAppendsInOrderAndARollbackLeavesNoEvent) {
  {
    Transaction txn(store_->db(), Transaction::Mode::kWrite);
    std::vector<AuditEvent> events(3);
    for (AuditEvent& e : events) e.kind = "screening";
    ASSERT_TRUE(AppendAuditEvents(*store_, &events).ok());
    EXPECT_EQ(events[2].seq, 3);
    EXPECT_EQ(events[2].prev_hash, events[1].hash);
  }  // rolled back
  EXPECT_EQ(Count(), 0);
  AuditEvent e;
  EXPECT_EQ(AppendAuditEvent(*store_, &e).code(), Status::Code::kInternal);  // no transaction
}

TEST_F(AuditChainTest, AnEditedFieldIsTheFirstBadEvent) {
  Append(8);
  Sql("DROP TRIGGER audit_event_no_update; UPDATE audit_event SET who = 'mallory' WHERE seq = 5");
  ChainReport r = Verify();
  EXPECT_EQ(r.first_bad_seq, 5);
  EXPECT_THAT(r.problem, HasSubstr("hash mismatch"));
  EXPECT_EQ(r.checked, 4);
}

TEST_F(AuditChainTest, AnEditWithARecomputedHashBreaksTheNextLink) {
  Append(8);
  AuditEvent e;
  ASSERT_TRUE(GetAuditEvent(*store_, 5, &e).ok());
  e.who = "mallory";
  Sql("DROP TRIGGER audit_event_no_update; UPDATE audit_event SET who = 'mallory', hash = '" +
      AuditEventHash(e) + "' WHERE seq = 5");
  ChainReport r = Verify();
  EXPECT_EQ(r.first_bad_seq, 6);
  EXPECT_THAT(r.problem, HasSubstr("prev_hash does not link to event 5"));
}

TEST_F(AuditChainTest, ADeletedRowIsAGap) {
  Append(8);
  Sql("DROP TRIGGER audit_event_retention; DELETE FROM audit_event WHERE seq = 4");
  ChainReport r = Verify();
  EXPECT_EQ(r.first_bad_seq, 4);
  EXPECT_THAT(r.problem, HasSubstr("gap after 3"));
}

TEST_F(AuditChainTest, SwappedRowsAreDetected) {
  Append(8);
  Sql("DROP TRIGGER audit_event_no_update;"
      "UPDATE audit_event SET seq = -3 WHERE seq = 3;"
      "UPDATE audit_event SET seq = 3 WHERE seq = 4;"
      "UPDATE audit_event SET seq = 4 WHERE seq = -3;");
  ChainReport r = Verify();
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_THAT(r.problem, HasSubstr("hash mismatch"));
}

TEST_F(AuditChainTest, OldestEventsRemovedWithoutAPruneAreReported) {
  Append(2, "2001-01-01T00:00:00.000Z");
  Append(3);
  Sql("DELETE FROM audit_event WHERE seq <= 2");  // old enough: the retention trigger allows it
  ChainReport r = Verify();
  EXPECT_EQ(r.first_bad_seq, 1);
  EXPECT_THAT(r.problem, HasSubstr("no audit.pruned event"));
}

TEST_F(AuditChainTest, EventsAreNeverUpdatedNorDeletedInsideRetention) {
  Append(3);
  Status s = Exec(store_->db(), "UPDATE audit_event SET who = 'x' WHERE seq = 1");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("append-only"));
  s = Exec(store_->db(), "DELETE FROM audit_event");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("retention period"));
  // A setting that is not a number of years protects everything, old events included.
  Append(1, "2001-01-01T00:00:00.000Z");
  Sql("UPDATE store_setting SET value = 'ten' WHERE key = 'audit.retention_years'");
  EXPECT_FALSE(Exec(store_->db(), "DELETE FROM audit_event WHERE seq = 4").ok());
  EXPECT_EQ(Count(), 4);
  EXPECT_EQ(PruneAuditEvents(*store_, "2002-01-01", "admin", nullptr).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(Count(), 4);
}

TEST_F(AuditChainTest, PruneRefusesEventsInsideRetention) {
  Append(4, "2001-06-01T00:00:00.000Z");
  Append(2);
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  const std::string five_years_ago = std::to_string(tm.tm_year + 1900 - 5) + "-01-01";
  for (const std::string& before : {five_years_ago, std::string("2999-01-01")}) {
    int64_t pruned = -1;
    Status s = PruneAuditEvents(*store_, before, "admin", &pruned);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << before;
    EXPECT_THAT(s.message(), HasSubstr("retention period"));
    EXPECT_EQ(pruned, 0);
  }
  EXPECT_EQ(PruneAuditEvents(*store_, "last week", "admin", nullptr).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(Count(), 6);
  EXPECT_EQ(Verify().problem, "");
}

TEST_F(AuditChainTest, PruneLeavesAnAnchorAndTheRestStillVerifies) {
  Append(5, "2001-06-01T00:00:00.000Z");
  Append(3);
  int64_t pruned = 0;
  ASSERT_TRUE(PruneAuditEvents(*store_, "2010-01-01", "admin", &pruned).ok());
  EXPECT_EQ(pruned, 5);
  AuditEvent anchor;
  ASSERT_TRUE(GetAuditEvent(*store_, 9, &anchor).ok());
  EXPECT_EQ(anchor.kind, "audit.pruned");
  EXPECT_EQ(anchor.who, "admin");
  auto detail = nlohmann::json::parse(anchor.detail);
  EXPECT_EQ(detail["first_kept"], 6);
  EXPECT_EQ(detail["removed"], 5);
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.first_seq, 6);
  EXPECT_EQ(r.checked, 4);  // 3 kept + the anchor
  // Nothing older left: a second prune removes nothing and appends nothing.
  ASSERT_TRUE(PruneAuditEvents(*store_, "2010-01-01", "admin", &pruned).ok());
  EXPECT_EQ(pruned, 0);
  Append(1);
  EXPECT_EQ(Verify().problem, "");
  EXPECT_EQ(Count(), 5);

  // The anchor also exposes a tamperer who removes the first kept event.
  Sql("DROP TRIGGER audit_event_retention; DELETE FROM audit_event WHERE seq = 6");
  r = Verify();
  EXPECT_EQ(r.first_bad_seq, 6);
  EXPECT_THAT(r.problem, HasSubstr("events 6..6 are missing"));
}

TEST_F(AuditChainTest, PruningEverythingKeepsTheAnchor) {
  Append(3, "2001-06-01T00:00:00.000Z");
  int64_t pruned = 0;
  ASSERT_TRUE(PruneAuditEvents(*store_, "2002-01-01", "admin", &pruned).ok());
  EXPECT_EQ(pruned, 3);
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.first_seq, 4);
  EXPECT_EQ(r.checked, 1);
}

TEST_F(AuditChainTest, ReadsFilterAndPage) {
  Append(3, "2020-01-01T00:00:00.000Z", "alert.decision");
  Append(2, "2021-01-01T00:00:00.000Z", "alerts.other");
  Append(1, "2021-06-01T00:00:00.000Z", "alert");
  Append(2501, "2022-01-01T00:00:00.000Z", "screening");
  auto seqs = [&](const AuditQuery& q) {
    std::vector<int64_t> out;
    EXPECT_TRUE(ReadAuditEvents(*store_, q, [&](const AuditEvent& e) {
                  out.push_back(e.seq);
                  return Status::Ok();
                }).ok());
    return out;
  };
  AuditQuery q;
  q.kind_prefix = "alert";
  EXPECT_EQ(seqs(q), (std::vector<int64_t>{1, 2, 3, 6}));
  q = AuditQuery();
  q.from = "2021-01-01";
  q.to = "2022-01-01";
  EXPECT_EQ(seqs(q), (std::vector<int64_t>{4, 5, 6}));
  q = AuditQuery();
  q.kind_prefix = "screening";
  std::vector<int64_t> all = seqs(q);
  ASSERT_EQ(all.size(), 2501u);  // over several pages, each seq once, in order
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(all[i], static_cast<int64_t>(7 + i));
  q.after_seq = 1000;
  q.limit = 1500;
  all = seqs(q);
  ASSERT_EQ(all.size(), 1500u);
  EXPECT_EQ(all.front(), 1001);
  EXPECT_EQ(all.back(), 2500);
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.checked, 2507);
}

TEST_F(AuditChainTest, CsvQuotesAndNeutralisesFormulas) {
  AuditEvent e;
  e.seq = 7;
  e.at = "2026-01-01T00:00:00.000Z";
  e.who = "=HYPERLINK(\"http://x\")";
  e.kind = "rule.create";
  e.subject = "-2+3";
  e.detail = "{\"reason\":\"a, b\"}";
  std::string line;
  AppendAuditEventCsv(e, &line);
  EXPECT_THAT(line, StartsWith("7,2026-01-01T00:00:00.000Z,\"'=HYPERLINK(\"\"http://x\"\")\","
                               "rule.create,\"'-2+3\",\"{\"\"reason\"\":\"\"a, b\"\"}\",[],{},"));
  EXPECT_EQ(std::string(kAuditCsvHeader).substr(0, 7), "seq,at,");
  std::string jsonl;
  AppendAuditEventJsonl(e, &jsonl);
  auto j = nlohmann::json::parse(jsonl);
  EXPECT_EQ(j["who"], e.who);
  EXPECT_EQ(j["detail"]["reason"], "a, b");
}

TEST_F(AuditChainTest, AListImportIsAnEventOfItsOwnTransaction) {
  Entity e;
  e.id = "test-list:1";
  e.source = "test-list";
  e.schema = Schema::kPerson;
  e.names.push_back({"JOHN DOE", "JOHN DOE", NameKind::kPrimary, "Latn"});
  std::unique_ptr<Import> import;
  ASSERT_TRUE(store_->BeginImport("test-list", "abc123", &import).ok());
  ASSERT_TRUE(import->Add(e).ok());
  import.reset();  // abandoned: no version, no event
  EXPECT_EQ(Count(), 0);
  ASSERT_TRUE(store_->BeginImport("test-list", "abc123", &import).ok());
  import->SetActor("carol");
  ASSERT_TRUE(import->Add(e).ok());
  ListVersion v;
  ASSERT_TRUE(import->Commit("2026-01-01", {"sdn.csv"}, &v).ok());
  AuditEvent ev;
  ASSERT_TRUE(GetAuditEvent(*store_, 1, &ev).ok());
  EXPECT_EQ(ev.kind, "list.import");
  EXPECT_EQ(ev.who, "carol");
  EXPECT_EQ(ev.subject, "test-list");
  auto d = nlohmann::json::parse(ev.detail);
  EXPECT_EQ(d["version"], v.id);
  EXPECT_EQ(d["content_sha256"], "abc123");
  EXPECT_EQ(d["record_count"], 1);
  EXPECT_EQ(d["files"], nlohmann::json::array({"sdn.csv"}));
  EXPECT_EQ(nlohmann::json::parse(ev.list_versions),
            nlohmann::json::parse("[{\"source\":\"test-list\",\"version\":" + std::to_string(v.id) +
                                  "}]"));
  EXPECT_EQ(Verify().problem, "");
}

TEST_F(AuditChainTest, ConnectionsAppendingAtOnceKeepOneChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::unique_ptr<Store> store;
      if (!OpenTestStore(path_, &store).ok()) return void(++failures);
      for (int i = 0; i < 25; ++i) {
        Transaction txn(store->db(), Transaction::Mode::kWrite);
        AuditEvent e;
        e.kind = "alert.transition";
        if (!txn.status().ok() || !AppendAuditEvent(*store, &e).ok() || !txn.Commit().ok())
          ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  ChainReport r = Verify();
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.checked, 100);
}

TEST_F(AuditChainTest, ScreeningsAreChainEvents) {
  AuditRecord rec;
  rec.at = "2026-03-01T12:00:00.123Z";
  rec.who = "bank-a";
  rec.request_id = "req-1";
  rec.endpoint = "POST /v1/screen";
  rec.status = 200;
  rec.query = "{\"name\":\"x\"}";
  rec.list_versions = "[{\"source\":\"us-ofac-sdn\",\"version\":1}]";
  rec.results = "[]";
  std::vector<AuditRecord> batch = {rec, rec};
  batch[1].request_id = "req-2";
  batch[1].query = "1}, \"status\": 500, \"x\": {";  // cannot smuggle fields into the detail
  EXPECT_EQ(AppendAudit(*store_, &batch).code(), Status::Code::kInvalidInput);
  batch[1].query = "{}";
  ASSERT_TRUE(AppendAudit(*store_, &batch).ok());
  AuditEvent e;
  ASSERT_TRUE(GetAuditEvent(*store_, 2, &e).ok());
  EXPECT_EQ(e.kind, "screening");
  EXPECT_EQ(e.subject, "request:req-2");
  EXPECT_EQ(e.list_versions, rec.list_versions);
  EXPECT_EQ(nlohmann::json::parse(e.detail)["status"], 200);
  EXPECT_EQ(Verify().checked, 2);
}

// The batch writer, the verifier and AuditEventHash must all hash the same bytes as stored chains
// do: seq and the fields joined with 0x1F (the expected value is Python's hashlib over them).
TEST(AuditEventHashTest, IsSha256OfTheFieldsJoinedWithUnitSeparators) {
  AuditEvent e;
  e.seq = 7;
  e.at = "2026-03-01T12:00:00.000Z";
  e.who = "alice";
  e.kind = "alert.decision";
  e.subject = "alert:12";
  e.detail = "{\"d\":\"\xc3\xa9\"}";
  e.engine_version = "1.2.3";
  for (int i = 0; i < 32; ++i) e.prev_hash += "ab";
  EXPECT_EQ(AuditEventHash(e), "c044ecce3c6c5b45976a5959a02c7c977442b22a044affe8e750391b30af2155");
}

TEST_F(AuditChainTest, ScreeningTextsMustEachBeOneJsonValue) {
  AuditRecord rec;
  rec.at = "2026-03-01T12:00:00.123Z";
  rec.who = "bank-a";
  rec.request_id = "req-1";
  rec.endpoint = "POST /v1/screen";
  rec.query = "{\"name\":\"x\"}";
  rec.list_versions = "[]";
  rec.results = "[]";
  for (const std::string& bad : std::vector<std::string>{
           "", " ", "{", "{\"a\":1} {\"b\":2}", "1 2", "[1,]", "{\"a\":1}, \"status\": 500",
           "\"\xff\"", "\"unterminated", "{\"a\":1}x", std::string("{}\0{}", 5)}) {
    for (std::string AuditRecord::*field :
         {&AuditRecord::query, &AuditRecord::list_versions, &AuditRecord::results}) {
      std::vector<AuditRecord> batch = {rec};
      batch[0].*field = bad;
      EXPECT_EQ(AppendAudit(*store_, &batch).code(), Status::Code::kInvalidInput) << bad;
    }
  }
  EXPECT_EQ(Verify().checked, 0);  // nothing of a refused batch is stored
  for (const std::string good : {" {} ", "null", "\"text\"", "-1.5e3", "[[[\"a\",1.0]]]"}) {
    std::vector<AuditRecord> batch = {rec};
    batch[0].query = good;
    batch[0].results = good;
    EXPECT_TRUE(AppendAudit(*store_, &batch).ok()) << good;
  }
  EXPECT_EQ(Verify().checked, 5);
}

TEST(StoreOptionsTest, ReadOnlyNeverWritesNorCreates) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-ro-XXXXXX");
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::string path = tmpl + "/s.db";
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> store;
  EXPECT_FALSE(Store::Open(path, ro, &store).ok());
  EXPECT_FALSE(std::filesystem::exists(path));
  ASSERT_TRUE(Store::Open(path, &store).ok());
  store.reset();
  Status s = Store::Open(path, ro, &store);
  ASSERT_TRUE(s.ok()) << s.message();
  Transaction txn(store->db(), Transaction::Mode::kWrite);
  AuditEvent e;
  Status w = txn.status().ok() ? AppendAuditEvent(*store, &e) : txn.status();
  EXPECT_FALSE(w.ok());
  ChainReport r;
  EXPECT_TRUE(VerifyChain(*store, &r).ok());
  std::filesystem::remove_all(tmpl);
}

}  // namespace
}  // namespace interdict

#include "store/audit.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/audit_writer.h"
#include "store/db.h"
#include "test_support.h"

namespace interdict::server {
namespace {

using ::testing::HasSubstr;

AuditRecord Record(int i, std::string query = "{\"name\":\"x\"}") {
  AuditRecord r;
  r.at = "2026-03-01T12:00:00.123Z";
  r.who = "bank-a";
  r.request_id = "req-" + std::to_string(i);
  r.endpoint = "POST /v1/screen";
  r.status = 200;
  r.query = std::move(query);
  r.list_versions = "[{\"source\":\"us-ofac-sdn\",\"version\":1}]";
  r.result_count = i % 3;
  if (i % 3) r.max_score = 0.5 + i % 3 * 0.1;
  r.results = "[[[\"us-ofac-sdn:1\",0.9]]]";
  return r;
}

TEST(AuditLogTest, AppendsReadsAndIsAppendOnly) {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir.path() + "/a.db", &store).ok());
  Stmt v;
  ASSERT_TRUE(Stmt::Prepare(store->db(), "PRAGMA user_version", &v).ok());
  bool row = false;
  ASSERT_TRUE(v.Step(&row).ok() && row);
  EXPECT_GE(v.ColumnInt(0), 7);  // migration 7 added the audit chain

  std::vector<AuditRecord> batch = {Record(3), Record(2)};
  ASSERT_TRUE(AppendAudit(*store, &batch).ok());
  EXPECT_EQ(batch[0].id, 1);
  EXPECT_EQ(batch[1].id, 2);
  std::vector<AuditRecord> read;
  ASSERT_TRUE(ReadAudit(*store, 0, 10, &read).ok());
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].request_id, "req-3");
  EXPECT_EQ(read[0].result_count, 0);
  EXPECT_FALSE(read[0].max_score.has_value());  // NULL round-trips
  EXPECT_EQ(read[0].query, "{\"name\":\"x\"}");
  EXPECT_EQ(read[0].at, "2026-03-01T12:00:00.123Z");
  EXPECT_EQ(read[1].request_id, "req-2");
  EXPECT_EQ(read[1].who, "bank-a");
  EXPECT_EQ(read[1].endpoint, "POST /v1/screen");
  EXPECT_EQ(read[1].result_count, 2);
  ASSERT_TRUE(read[1].max_score.has_value());
  EXPECT_DOUBLE_EQ(*read[1].max_score, 0.7);
  ASSERT_TRUE(ReadAudit(*store, 1, 10, &read).ok());
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].id, 2);

  Status s = Exec(store->db(), "UPDATE audit_event SET who = 'x'");
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("append-only"));
  EXPECT_FALSE(Exec(store->db(), "DELETE FROM audit_event").ok());
  int64_t n = 0;
  ASSERT_TRUE(CountAudit(*store, &n).ok());
  EXPECT_EQ(n, 2);
}

TEST(AuditLogTest, ABatchWithABadRecordWritesNothing) {
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(dir.path() + "/a.db", &store).ok());
  std::vector<AuditRecord> batch = {Record(1), Record(2, "not json")};
  Status s = AppendAudit(*store, &batch);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("req-2"));
  int64_t n = -1;
  ASSERT_TRUE(CountAudit(*store, &n).ok());
  EXPECT_EQ(n, 0);
}

TEST(AuditWriterTest, WritesEverythingSubmittedByClose) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/a.db";
  std::unique_ptr<AuditWriter> w;
  ASSERT_TRUE(AuditWriter::Start(db, {}, &w).ok());
  for (int i = 0; i < 2500; ++i) ASSERT_TRUE(w->Submit(Record(i)));
  ASSERT_TRUE(w->Close().ok());
  EXPECT_EQ(w->written(), 2500u);
  EXPECT_FALSE(w->Submit(Record(9999)));  // closed
  std::unique_ptr<Store> store;
  ASSERT_TRUE(Store::Open(db, &store).ok());
  std::vector<AuditRecord> read;
  ASSERT_TRUE(ReadAudit(*store, 0, 5000, &read).ok());
  ASSERT_EQ(read.size(), 2500u);
  for (int i = 0; i < 2500; ++i) ASSERT_EQ(read[i].request_id, "req-" + std::to_string(i));
}

TEST(AuditWriterTest, AFailingWriteMakesItRefuseUntilClosed) {
  testing::TempDir dir;
  std::unique_ptr<AuditWriter> w;
  ASSERT_TRUE(AuditWriter::Start(dir.path() + "/a.db", {}, &w).ok());
  ASSERT_TRUE(w->Submit(Record(1, "{broken")));  // the CHECK constraint refuses it
  for (int i = 0; i < 200 && w->healthy(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(w->healthy());
  EXPECT_GE(w->write_failures(), 1u);
  EXPECT_FALSE(w->Submit(Record(2)));  // fail closed
  EXPECT_GE(w->refused(), 1u);
  Status s = w->Close(std::chrono::milliseconds(200));
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_THAT(s.message(), HasSubstr("1 records could not be written"));
}

TEST(AuditWriterTest, WaitsOutALockedStoreWithoutRefusing) {
  testing::TempDir dir;
  const std::string db = dir.path() + "/a.db";
  AuditWriterOptions o;
  o.busy_timeout_ms = 20;
  std::unique_ptr<AuditWriter> w;
  ASSERT_TRUE(AuditWriter::Start(db, o, &w).ok());
  // Another connection (an import, say) holds the write lock much longer than the busy timeout.
  std::unique_ptr<Store> other;
  ASSERT_TRUE(Store::Open(db, &other).ok());
  ASSERT_TRUE(other->db()->BeginWrite().ok());
  ASSERT_TRUE(w->Submit(Record(1)));
  for (int i = 0; i < 200 && w->write_failures() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(w->write_failures(), 2u);  // tried, found the store locked, tried again
  EXPECT_TRUE(w->healthy());           // a lock is not a failure: nothing is refused
  EXPECT_TRUE(w->Submit(Record(2)));
  EXPECT_EQ(w->written(), 0u);
  ASSERT_TRUE(other->db()->Commit().ok());
  ASSERT_TRUE(w->Close().ok());
  EXPECT_EQ(w->written(), 2u);
}

TEST(AuditWriterTest, RefusesBeyondItsQueue) {
  testing::TempDir dir;
  std::unique_ptr<AuditWriter> w;
  AuditWriterOptions o;
  o.queue_capacity = 3;
  ASSERT_TRUE(AuditWriter::Start(dir.path() + "/a.db", o, &w).ok());
  // Hold the store's write lock from another connection so that the writer cannot drain.
  std::unique_ptr<Store> other;
  ASSERT_TRUE(Store::Open(dir.path() + "/a.db", &other).ok());
  ASSERT_TRUE(other->db()->BeginWrite().ok());
  int accepted = 0;
  for (int i = 0; i < 10; ++i) accepted += w->Submit(Record(i)) ? 1 : 0;
  // Records stay counted in the queue until committed, so exactly the capacity fits.
  EXPECT_EQ(accepted, 3);
  ASSERT_TRUE(other->db()->Commit().ok());
  ASSERT_TRUE(w->Close().ok());
  EXPECT_EQ(w->written(), static_cast<uint64_t>(accepted));
}

}  // namespace
}  // namespace interdict::server

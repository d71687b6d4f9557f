#include "store/fetch_state.h"

#include <stdlib.h>

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/db.h"
#include "test_store.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

class FetchStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-fetch-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "s.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<Store> Open() {
    std::unique_ptr<Store> store;
    Status s = OpenTestStore(path_, &store);
    EXPECT_TRUE(s.ok()) << s.message();
    return store;
  }
  static SourceFetchState Sample() {
    SourceFetchState s;
    s.source = "us-ofac-sdn";
    s.validators = {{"https://x/sdn.csv", "\"abc\"", "Mon, 01 Jan 2026 00:00:00 GMT"},
                    {"https://x/alt.csv", "", ""}};
    s.content_sha256 = "00ff";
    s.last_attempt = "2026-01-02T00:00:00Z";
    s.last_success = "2026-01-01T00:00:00Z";
    s.last_error = "https://x/sdn.csv: HTTP 503";
    return s;
  }
  std::filesystem::path dir_;
  std::string path_;
};

void ExpectSame(const SourceFetchState& a, const SourceFetchState& b) {
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.validators.size(), b.validators.size());
  for (size_t i = 0; i < a.validators.size(); ++i) {
    EXPECT_EQ(a.validators[i].url, b.validators[i].url);
    EXPECT_EQ(a.validators[i].etag, b.validators[i].etag);
    EXPECT_EQ(a.validators[i].last_modified, b.validators[i].last_modified);
  }
  EXPECT_EQ(a.content_sha256, b.content_sha256);
  EXPECT_EQ(a.last_attempt, b.last_attempt);
  EXPECT_EQ(a.last_success, b.last_success);
  EXPECT_EQ(a.last_error, b.last_error);
}

TEST_F(FetchStateTest, UnknownSourceIsNotFound) {
  auto store = Open();
  bool found = true;
  SourceFetchState state;
  ASSERT_TRUE(ReadFetchState(*store, "un-sc", &found, &state).ok());
  EXPECT_FALSE(found);
  EXPECT_EQ(state.source, "un-sc");
  EXPECT_TRUE(state.validators.empty());
}

TEST_F(FetchStateTest, WrittenStateSurvivesReopenAndIsReplaced) {
  SourceFetchState sample = Sample();
  {
    auto store = Open();
    ASSERT_TRUE(WriteFetchState(*store, sample).ok());
  }
  auto store = Open();
  bool found = false;
  SourceFetchState read;
  ASSERT_TRUE(ReadFetchState(*store, sample.source, &found, &read).ok());
  ASSERT_TRUE(found);
  ExpectSame(read, sample);

  sample.last_error = "";
  sample.validators.pop_back();
  ASSERT_TRUE(WriteFetchState(*store, sample).ok());
  SourceFetchState other = Sample();
  other.source = "un-sc";
  ASSERT_TRUE(WriteFetchState(*store, other).ok());
  std::vector<SourceFetchState> all;
  ASSERT_TRUE(ReadFetchStates(*store, &all).ok());
  ASSERT_EQ(all.size(), 2u);
  ExpectSame(all[0], other);  // ordered by source name
  ExpectSame(all[1], sample);
}

TEST_F(FetchStateTest, MalformedValidatorsAreAnError) {
  auto store = Open();
  ASSERT_TRUE(WriteFetchState(*store, Sample()).ok());
  ASSERT_TRUE(Exec(store->db(), "UPDATE source_fetch SET validators = '[{\"url\": 1}]'").ok());
  bool found = false;
  SourceFetchState read;
  Status s = ReadFetchState(*store, "us-ofac-sdn", &found, &read);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("fetch state of us-ofac-sdn: malformed validator"));
}

// A store written before the updater existed (schema 2) gains the table when opened.
TEST_F(FetchStateTest, SchemaTwoStoreIsMigrated) {
  if (!TestPostgresUrl().empty()) GTEST_SKIP() << "rewrites a SQLite file's schema";
  {
    auto store = Open();
    // Every table that schemas 3 and later added goes, so the file is what schema 2 wrote.
    std::string drop;
    Stmt tables;
    ASSERT_TRUE(Stmt::Prepare(store->db(),
                              "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT "
                              "IN ('list_version', 'record_body', 'version_record', 'audit_log')",
                              &tables)
                    .ok());
    for (bool row = true; tables.Step(&row).ok() && row;)
      drop += "DROP TABLE " + tables.ColumnText(0) + ";";
    drop += "PRAGMA user_version = 2";
    ASSERT_TRUE(Exec(store->db(), drop).ok());
  }
  auto store = Open();
  ASSERT_TRUE(WriteFetchState(*store, Sample()).ok());
  std::vector<SourceFetchState> all;
  ASSERT_TRUE(ReadFetchStates(*store, &all).ok());
  EXPECT_EQ(all.size(), 1u);
}

}  // namespace
}  // namespace interdict

// db.h on the backend the suites run against (test_store.h): the Stmt and Transaction contract
// the modules rely on, written in the SQL dialect they must use.
#include "store/db.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store.h"
#include "test_store.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-db-XXXXXX");
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Status s = OpenTestStore((dir_ / "s.db").string(), &store_);
    ASSERT_TRUE(s.ok()) << s.message();
    db_ = store_->db();
    // SQLite takes any type name: BYTEA gets blob affinity there.
    s = Exec(db_, "CREATE TABLE t(k TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION, b BYTEA)");
    ASSERT_TRUE(s.ok()) << s.message();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Db* db_ = nullptr;
};

TEST_F(DbTest, ValuesRoundTripThroughPlainPlaceholders) {
  Stmt put;
  ASSERT_TRUE(Stmt::Prepare(db_, "INSERT INTO t(k, n, x, b) VALUES (?, ?, ?, ?)", &put).ok());
  const std::string bytes("\0\xff\x01z", 4);
  put.Bind(1, std::string_view("a")).Bind(2, int64_t{-7}).Bind(3, 0.25);
  put.BindBlob(4, bytes.data(), bytes.size());
  ASSERT_TRUE(put.Step().ok());
  put.Reset();
  put.Bind(1, std::string_view("b")).BindNull(2).BindNull(3).BindNull(4);
  ASSERT_TRUE(put.Step().ok());

  Stmt get;
  ASSERT_TRUE(Stmt::Prepare(db_, "SELECT n, x, b FROM t WHERE k = ?", &get).ok());
  get.Bind(1, std::string_view("a"));
  bool row = false;
  ASSERT_TRUE(get.Step(&row).ok());
  ASSERT_TRUE(row);
  EXPECT_EQ(get.ColumnInt(0), -7);
  EXPECT_DOUBLE_EQ(get.ColumnDouble(1), 0.25);
  EXPECT_EQ(get.ColumnText(2), bytes);
  EXPECT_FALSE(get.ColumnIsNull(0));
  ASSERT_TRUE(get.Step(&row).ok());
  EXPECT_FALSE(row);
  get.Reset();
  get.Bind(1, std::string_view("b"));
  ASSERT_TRUE(get.Step(&row).ok());
  ASSERT_TRUE(row);
  EXPECT_TRUE(get.ColumnIsNull(0));
  EXPECT_TRUE(get.ColumnIsNull(1));
  EXPECT_TRUE(get.ColumnIsNull(2));
}

TEST_F(DbTest, ChangesCountsTheRowsOfTheLastStatement) {
  ASSERT_TRUE(Exec(db_, "INSERT INTO t(k, n) VALUES ('a', 1), ('b', 1), ('c', 2)").ok());
  Stmt update;
  ASSERT_TRUE(Stmt::Prepare(db_, "UPDATE t SET n = n + 10 WHERE n = ?", &update).ok());
  update.Bind(1, int64_t{1});
  ASSERT_TRUE(update.Step().ok());
  EXPECT_EQ(update.Changes(), 2);
  update.Reset();
  update.Bind(1, int64_t{99});
  ASSERT_TRUE(update.Step().ok());
  EXPECT_EQ(update.Changes(), 0);
}

TEST_F(DbTest, UpsertAndReturning) {
  Stmt put;
  ASSERT_TRUE(Stmt::Prepare(db_,
                            "INSERT INTO t(k, n) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET "
                            "n = t.n + excluded.n RETURNING n",
                            &put)
                  .ok());
  for (int64_t expected : {5, 10}) {
    put.Reset();
    put.Bind(1, std::string_view("k")).Bind(2, int64_t{5});
    bool row = false;
    ASSERT_TRUE(put.Step(&row).ok());
    ASSERT_TRUE(row);
    EXPECT_EQ(put.ColumnInt(0), expected);
  }
}

TEST_F(DbTest, TransactionRollsBackUnlessCommitted) {
  EXPECT_FALSE(db_->InTransaction());
  {
    Transaction txn(db_, Transaction::Mode::kWrite);
    ASSERT_TRUE(txn.status().ok());
    EXPECT_TRUE(db_->InTransaction());
    ASSERT_TRUE(Exec(db_, "INSERT INTO t(k) VALUES ('gone')").ok());
  }
  EXPECT_FALSE(db_->InTransaction());
  {
    Transaction txn(db_, Transaction::Mode::kWrite);
    ASSERT_TRUE(Exec(db_, "INSERT INTO t(k) VALUES ('kept')").ok());
    ASSERT_TRUE(txn.Commit().ok());
  }
  Stmt count;
  ASSERT_TRUE(Stmt::Prepare(db_, "SELECT count(*) FROM t", &count).ok());
  ASSERT_TRUE(count.Step().ok());
  EXPECT_EQ(count.ColumnInt(0), 1);
}

TEST_F(DbTest, AViolatedConstraintIsInvalidInput) {
  ASSERT_TRUE(Exec(db_, "INSERT INTO t(k) VALUES ('a')").ok());
  Stmt again;
  ASSERT_TRUE(Stmt::Prepare(db_, "INSERT INTO t(k) VALUES (?)", &again).ok());
  again.Bind(1, std::string_view("a"));
  Status s = again.Step();
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << s.message();
}

// SQL written for SQLite alone fails on the SQLite backend too, so the suites catch it before a
// PostgreSQL server does.
TEST_F(DbTest, NumberedPlaceholdersAreRefused) {
  if (db_->backend() != DbBackend::kSqlite) GTEST_SKIP() << "a check of the SQLite backend";
  Stmt stmt;
  Status s = Stmt::Prepare(db_, "SELECT k FROM t WHERE k = ?1", &stmt);
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("?1"));
  // Inside quoted text it is only text.
  EXPECT_TRUE(Stmt::Prepare(db_, "SELECT k FROM t WHERE k = '?1' OR k = ?", &stmt).ok());
}

TEST(StoreOpenTest, PostgresUrlWithoutPostgresSupportIsAClearError) {
#ifdef INTERDICT_HAVE_POSTGRES
  GTEST_SKIP() << "this build has PostgreSQL support";
#else
  std::unique_ptr<Store> store;
  Status s = Store::Open("postgresql://user:secret@db.invalid/interdict", &store);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(s.message(), HasSubstr("this build has no PostgreSQL support"));
  EXPECT_THAT(s.message(), HasSubstr("install libpq-dev"));
  EXPECT_THAT(s.message(), ::testing::Not(HasSubstr("secret")));
  EXPECT_EQ(store, nullptr);
#endif
}

TEST(StoreOpenTest, IsPostgresUrl) {
  EXPECT_TRUE(IsPostgresUrl("postgresql:///interdict?host=/tmp"));
  EXPECT_TRUE(IsPostgresUrl("postgres://u@h/db"));
  EXPECT_FALSE(IsPostgresUrl("interdict.db"));
  EXPECT_FALSE(IsPostgresUrl("./postgresql://x"));
}

}  // namespace
}  // namespace interdict

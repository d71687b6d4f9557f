// The schema is the same on both backends (issue 13): after migrating a new store, SQLite and
// PostgreSQL hold the same tables with the same columns in the same order, at the same schema
// version. A migration written for one backend only, or a column added to one text and not the
// other, fails here.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/store.h"
#include "test_store.h"

namespace interdict {
namespace {

// "table: column, column, ..." per table, tables by name, columns in their order.
std::vector<std::string> Columns(Db* db) {
  const char* sql =
      db->backend() == DbBackend::kSqlite
          ? "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"
          : "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name <> 'interdict_schema' "
            "ORDER BY table_name, ordinal_position";
  Stmt stmt;
  Status st = Stmt::Prepare(db, sql, &stmt);
  EXPECT_TRUE(st.ok()) << st.message();
  std::vector<std::string> out;
  bool row = false;
  while (stmt.Step(&row).ok() && row) {
    std::string table = stmt.ColumnText(0);
    if (out.empty() || out.back().rfind(table + ":", 0) != 0) out.push_back(table + ":");
    out.back() += " " + stmt.ColumnText(1);
  }
  return out;
}

int64_t SchemaVersion(Db* db) {
  Stmt stmt;
  Status st =
      Stmt::Prepare(db,
                    db->backend() == DbBackend::kSqlite ? "PRAGMA user_version"
                                                        : "SELECT version FROM interdict_schema",
                    &stmt);
  EXPECT_TRUE(st.ok()) << st.message();
  bool row = false;
  EXPECT_TRUE(stmt.Step(&row).ok());
  return row ? stmt.ColumnInt(0) : -1;
}

TEST(SchemaParity, BothBackendsMigrateToTheSameTablesColumnsAndVersion) {
  const std::string base = TestPostgresUrl();
  if (base.empty()) GTEST_SKIP() << "INTERDICT_TEST_PG_URL is not set";
  const std::string path = ::testing::TempDir() + "/schema_parity.db";
  std::filesystem::remove(path);
  std::unique_ptr<Store> sqlite;
  Status st = Store::Open(path, &sqlite);
  ASSERT_TRUE(st.ok()) << st.message();
  std::string url;
  st = FreshPostgresDatabase(base, &url);
  ASSERT_TRUE(st.ok()) << st.message();
  std::unique_ptr<Store> pg;
  st = Store::Open(url, &pg);
  ASSERT_TRUE(st.ok()) << st.message();

  const std::vector<std::string> sqlite_columns = Columns(sqlite->db());
  EXPECT_GE(sqlite_columns.size(), 15u);
  EXPECT_EQ(Columns(pg->db()), sqlite_columns);
  EXPECT_GT(SchemaVersion(sqlite->db()), 0);
  EXPECT_EQ(SchemaVersion(pg->db()), SchemaVersion(sqlite->db()));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace interdict

#include "store/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "core/country.h"
#include "core/entity_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ingest/source.h"
#include "store/db.h"
#include "test_store.h"

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kSource[] = "test-list";

Entity MakePerson(const std::string& local_id, const std::string& name) {
  Entity e;
  e.id = std::string(kSource) + ":" + local_id;
  e.source = kSource;
  e.schema = Schema::kPerson;
  e.names.push_back({name, name, NameKind::kPrimary, "Latn"});
  e.programs = {"SDGT"};
  return e;
}

std::string Json(const Entity& e) { return EntityToJson(e).dump(); }

// A made-up record of realistic size and shape (about 700 bytes of JSON).
Entity Synthetic(const std::string& source, int i, int variant = 0) {
  Entity e;
  e.id = source + ":" + std::to_string(100000 + i);
  e.source = source;
  e.schema = i % 3 == 0 ? Schema::kOrganization : Schema::kPerson;
  std::string name = "PERSON NUMBER " + std::to_string(i) + " AL-EXAMPLE";
  e.names.push_back({name, name, NameKind::kPrimary, "Latn"});
  e.names.push_back({"ALIAS ONE " + std::to_string(i), "ALIAS ONE " + std::to_string(i),
                     NameKind::kStrongAlias, "Latn"});
  e.names.push_back({"Alias Two " + std::to_string(i * 7), "Alias Two " + std::to_string(i * 7),
                     NameKind::kWeakAlias, "Latn"});
  BirthDate b;
  b.from = b.to = PartialDate{1940 + i % 60, 1 + i % 12, 1 + i % 28};
  b.original = std::to_string(1 + i % 28) + " Jan " + std::to_string(1940 + i % 60);
  e.birth_dates.push_back(b);
  e.birth_places.push_back("Some City, Some Province");
  e.nationalities.push_back({"IR", "Iran"});
  Address a;
  a.street = std::to_string(i) + " Example Street";
  a.city = "Tehran";
  a.country = {"IR", "Iran"};
  e.addresses.push_back(a);
  Identifier id;
  id.kind = IdKind::kPassport;
  id.value = "P" + std::to_string(1000000 + i);
  id.label = "Passport";
  id.country = {"IR", "Iran"};
  id.note = "issued 01 Nov 2002 expires 31 Oct 2007";
  e.identifiers.push_back(id);
  e.programs = {"SDGT", "IRAN-HR"};
  e.listed_on = "2012-03-0" + std::to_string(1 + i % 9);
  e.remarks.push_back("Additional Sanctions Information - Subject to Secondary Sanctions.");
  if (variant != 0) e.remarks.push_back("variant " + std::to_string(variant));
  return e;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "interdict_store_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "store.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> OpenOrDie() {
    std::unique_ptr<Store> store;
    Status st = OpenTestStore(path_, &store);
    EXPECT_TRUE(st.ok()) << st.message();
    return store;
  }

  // Imports `entities` as one version of their source and returns it. The shrink guard is off:
  // the tests that use this shrink lists on purpose (ShrinkGuard* test the guard).
  ListVersion ImportOrDie(Store* store, const std::vector<Entity>& entities,
                          const std::string& sha = "sha-1", const std::string& source = kSource) {
    std::unique_ptr<Import> import;
    Status st = store->BeginImport(source, sha, &import);
    EXPECT_TRUE(st.ok()) << st.message();
    if (!st.ok()) return {};
    for (const Entity& e : entities) {
      st = import->Add(e);
      EXPECT_TRUE(st.ok()) << st.message();
    }
    ListVersion v;
    st = import->Commit("2024-05-01", {"list.csv"}, &v, ShrinkLimit{.allow = true});
    EXPECT_TRUE(st.ok()) << st.message();
    return v;
  }

  static int64_t Count(Store* store, const char* sql) { return std::stoll(Text(store, sql)); }

  // The first column of the first row `sql` selects.
  static std::string Text(Store* store, const char* sql) {
    Stmt stmt;
    Status st = Stmt::Prepare(store->db(), sql, &stmt);
    EXPECT_TRUE(st.ok()) << st.message();
    bool row = false;
    if (st.ok()) st = stmt.Step(&row);
    EXPECT_TRUE(st.ok() && row) << sql << ": " << st.message();
    return row ? stmt.ColumnText(0) : "0";
  }

  static std::vector<std::string> ReadAll(Store* store, int64_t version) {
    std::vector<std::string> out;
    Status st = store->ReadRecords(version, [&](Entity&& e) {
      out.push_back(Json(e));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.message();
    return out;
  }

  // A snapshot of everything an import could touch, to compare before and after.
  struct Snapshot {
    std::vector<int64_t> version_ids;
    int64_t records = 0;
    int64_t bodies = 0;
    bool operator==(const Snapshot&) const = default;
  };
  static Snapshot Take(Store* store) {
    Snapshot s;
    std::vector<ListVersion> versions;
    EXPECT_TRUE(store->ListVersions("", &versions).ok());
    for (const auto& v : versions) s.version_ids.push_back(v.id);
    s.records = Count(store, "SELECT count(*) FROM version_record");
    s.bodies = Count(store, "SELECT count(*) FROM record_body");
    return s;
  }

  // SQLite's own check of the file; PostgreSQL has no counterpart a client runs.
  static std::string IntegrityCheck(Store* store) {
    if (store->db()->backend() != DbBackend::kSqlite) return "ok";
    Stmt stmt;
    EXPECT_TRUE(Stmt::Prepare(store->db(), "PRAGMA integrity_check", &stmt).ok());
    std::string out;
    for (bool row = true; stmt.Step(&row).ok() && row;) out += stmt.ColumnText(0);
    return out;
  }

  // Every version's stated record count equals its rows, and no row belongs to a missing version.
  static void ExpectConsistent(Store* store) {
    EXPECT_EQ(IntegrityCheck(store), "ok");
    EXPECT_EQ(Count(store,
                    "SELECT count(*) FROM list_version v WHERE record_count != "
                    "(SELECT count(*) FROM version_record r WHERE r.version_id = v.id)"),
              0);
    EXPECT_EQ(Count(store,
                    "SELECT count(*) FROM version_record r WHERE NOT EXISTS "
                    "(SELECT 1 FROM list_version v WHERE v.id = r.version_id)"),
              0);
    if (store->db()->backend() == DbBackend::kSqlite) {
      EXPECT_EQ(Count(store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StoreTest, NewStoreIsEmptyWalAndVersioned) {
  if (!TestPostgresUrl().empty()) GTEST_SKIP() << "the SQLite file's settings";
  auto store = OpenOrDie();
  ASSERT_TRUE(store);
  std::vector<ListVersion> versions;
  ASSERT_TRUE(store->ListVersions("", &versions).ok());
  EXPECT_THAT(versions, IsEmpty());
  // lists, audit log, fetch state, customers, alerts, monitoring, audit chain
  EXPECT_EQ(Count(store.get(), "PRAGMA user_version"), 7);
  EXPECT_EQ(Count(store.get(), "PRAGMA application_id"), 0x494E5444);
  EXPECT_EQ(Count(store.get(), "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(Count(store.get(), "PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(Text(store.get(), "PRAGMA journal_mode"), "wal");
}

TEST_F(StoreTest, CommittedVersionSurvivesReopen) {
  Entity a = MakePerson("1", "KIM, Yong Chol");
  a.birth_dates.push_back({{1960, 3, 12}, {1960, 3, 12}, false, "12 Mar 1960"});
  a.nationalities.push_back({"KP", "Korea, North"});
  Entity b = MakePerson("2", "SMITH, John");
  b.schema = Schema::kOrganization;
  Entity c = MakePerson("10", "DOE, Jane");
  ListVersion v;
  {
    auto store = OpenOrDie();
    std::unique_ptr<Import> import;
    ASSERT_TRUE(store->BeginImport(kSource, "abc123", &import).ok());
    ASSERT_TRUE(import->Add(b).ok());
    ASSERT_TRUE(import->Add(a).ok());
    ASSERT_TRUE(import->Add(c).ok());
    Status st = import->Commit("2024-05-01T10:00:00Z", {"sdn.csv", "alt.csv"}, &v);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(v.id, 1);
    EXPECT_EQ(v.record_count, 3);
    EXPECT_EQ(v.schema_counts,
              (std::map<std::string, int64_t>{{"organization", 1}, {"person", 2}}));
    EXPECT_EQ(v.imported_at.size(), 20u) << v.imported_at;  // 2024-05-01T10:00:00Z
    EXPECT_EQ(v.imported_at.back(), 'Z');
  }
  auto store = OpenOrDie();
  std::vector<ListVersion> versions;
  ASSERT_TRUE(store->ListVersions("", &versions).ok());
  ASSERT_EQ(versions.size(), 1u);
  const ListVersion& r = versions[0];
  EXPECT_EQ(r.id, 1);
  EXPECT_EQ(r.source, kSource);
  EXPECT_EQ(r.published, "2024-05-01T10:00:00Z");
  EXPECT_EQ(r.content_sha256, "abc123");
  EXPECT_EQ(r.record_count, 3);
  EXPECT_EQ(r.schema_counts, v.schema_counts);
  EXPECT_EQ(r.imported_at, v.imported_at);
  EXPECT_THAT(r.files, ElementsAre("sdn.csv", "alt.csv"));

  // Entity-id order is byte order: "1" < "10" < "2".
  EXPECT_THAT(ReadAll(store.get(), 1), ElementsAre(Json(a), Json(c), Json(b)));

  Entity got;
  ListVersion from;
  ASSERT_TRUE(store->GetEntity("test-list:1", 0, &got, &from).ok());
  EXPECT_EQ(Json(got), Json(a));
  EXPECT_EQ(got.birth_dates.at(0).original, "12 Mar 1960");
  EXPECT_EQ(got.nationalities.at(0).code, "KP");
  EXPECT_EQ(from.id, 1);
}

TEST_F(StoreTest, FindCurrentWithHashMatchesOnlyTheNewestVersion) {
  auto store = OpenOrDie();
  bool found = true;
  ListVersion v;
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h1", &found, &v).ok());
  EXPECT_FALSE(found);

  ImportOrDie(store.get(), {MakePerson("1", "A")}, "h1");
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h1", &found, &v).ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(v.id, 1);
  EXPECT_EQ(v.content_sha256, "h1");
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h2", &found, &v).ok());
  EXPECT_FALSE(found);
  ASSERT_TRUE(store->FindCurrentWithHash("other-list", "h1", &found, &v).ok());
  EXPECT_FALSE(found);

  // Once a newer version exists, going back to the old content is a change again.
  ImportOrDie(store.get(), {MakePerson("1", "B")}, "h2");
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h1", &found, &v).ok());
  EXPECT_FALSE(found);
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h2", &found, &v).ok());
  EXPECT_TRUE(found);
  EXPECT_EQ(v.id, 2);
}

TEST_F(StoreTest, IdenticalImportsStartedTogetherMakeOneVersion) {
  // Two importers of the same files: both checked "is this content new?" before either had
  // committed, so both went on and made two versions. The check now runs under the write lock.
  auto first = OpenOrDie();
  auto second = OpenOrDie();
  ImportOrDie(first.get(), {MakePerson("1", "A")}, "h1");
  std::unique_ptr<Import> a;
  ListVersion unchanged;
  ASSERT_TRUE(first->BeginImport(kSource, "h2", &a, &unchanged).ok());
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->Add(MakePerson("1", "B")).ok());
  // The second importer waits for the lock while the first one still parses.
  std::unique_ptr<Import> b;
  ListVersion b_unchanged;
  Status b_status;
  std::thread racer([&] { b_status = second->BeginImport(kSource, "h2", &b, &b_unchanged); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ListVersion committed;
  ASSERT_TRUE(a->Commit("", {"list.csv"}, &committed).ok());
  racer.join();
  ASSERT_TRUE(b_status.ok()) << b_status.message();
  EXPECT_EQ(b, nullptr);  // nothing to import
  EXPECT_EQ(b_unchanged.id, committed.id);
  EXPECT_EQ(b_unchanged.content_sha256, "h2");
  std::vector<ListVersion> versions;
  ASSERT_TRUE(first->ListVersions(kSource, &versions).ok());
  EXPECT_EQ(versions.size(), 2u);
  // The lock was released: a real change imports at once.
  EXPECT_EQ(ImportOrDie(second.get(), {MakePerson("1", "C")}, "h3").id, 3);
  // A caller that does not ask for the unchanged version gets an error, never a null import
  // reported as ok.
  std::unique_ptr<Import> c;
  Status st = second->BeginImport(kSource, "h3", &c);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(st.message(), "cannot import test-list: the content is unchanged since version 3");
  EXPECT_EQ(c, nullptr);
}

TEST_F(StoreTest, ShrunkVersionIsRefusedAtCommitAndLeavesStoreUnchanged) {
  auto store = OpenOrDie();
  std::vector<Entity> full;
  for (int i = 0; i < 100; ++i) full.push_back(Synthetic(kSource, i));
  ImportOrDie(store.get(), full, "h1");
  Snapshot before = Take(store.get());
  auto import_first = [&](int n, const ShrinkLimit& limit, ListVersion* v) -> Status {
    std::unique_ptr<Import> import;
    INTERDICT_RETURN_IF_ERROR(store->BeginImport(kSource, "h-" + std::to_string(n), &import));
    for (int i = 0; i < n; ++i) INTERDICT_RETURN_IF_ERROR(import->Add(full[i]));
    return import->Commit("", {"list.csv"}, v, limit);
  };
  ListVersion v;
  Status st = import_first(20, ShrinkLimit(), &v);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("it has 20 records where version 1 has 100: 80 fewer"));
  EXPECT_EQ(Take(store.get()), before);
  ExpectConsistent(store.get());
  // 10% fewer is within the default limit; 11% fewer is not, but is with a 15% limit.
  EXPECT_FALSE(import_first(89, ShrinkLimit(), &v).ok());
  EXPECT_TRUE(import_first(89, ShrinkLimit{.max_loss = 0.15}, &v).ok());
  EXPECT_EQ(v.id, 2);
  EXPECT_TRUE(import_first(81, ShrinkLimit(), &v).ok());  // 89 -> 81: 9% fewer
  ASSERT_TRUE(import_first(5, ShrinkLimit{.allow = true}, &v).ok());
  EXPECT_EQ(v.record_count, 5);
}

TEST(ShrinkGuardTest, RecordLoss) {
  ListVersion prev;
  prev.id = 7;
  prev.source = "us-ofac-sdn";
  prev.record_count = 14965;
  prev.files = {"sdn.csv"};
  ListVersion next = prev;
  next.record_count = 3000;  // the first 3,000 lines of the 2024 sdn.csv
  Status st = CheckShrink(prev, next, ShrinkLimit());
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(st.message(),
            "refusing the new version of us-ofac-sdn: it has 3000 records where version 7 has "
            "14965: 11965 fewer (80.0%), more than the 10.0% --max-shrink allows. A list cut "
            "short (a partial download) reads as a smaller list and its missing parties would "
            "screen as no match; if the list really is smaller, import it with --allow-shrink");
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit{.allow = true}).ok());
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit{.max_loss = 0.80}).ok());
  EXPECT_FALSE(CheckShrink(prev, next, ShrinkLimit{.max_loss = 0.79}).ok());
  next.record_count = 13469;  // 1,496 fewer: 9.997%
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit()).ok());
  next.record_count = 13468;  // 10.003%
  EXPECT_FALSE(CheckShrink(prev, next, ShrinkLimit()).ok());
  next.record_count = 20000;  // growth is never refused
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit{.max_loss = 0}).ok());
  next.record_count = 14964;
  EXPECT_FALSE(CheckShrink(prev, next, ShrinkLimit{.max_loss = 0}).ok());
}

TEST(ShrinkGuardTest, MissingFile) {
  ListVersion prev;
  prev.id = 3;
  prev.source = "us-ofac-sdn";
  prev.record_count = 8976;
  prev.files = {"alt.csv", "add.csv", "sdn_comments.csv", "sdn.csv"};
  ListVersion next = prev;
  next.files = {"ADD.CSV", "sdn_comments.csv", "SDN.csv"};  // names compare case-insensitively
  Status st = CheckShrink(prev, next, ShrinkLimit());
  EXPECT_EQ(st.message(),
            "refusing the new version of us-ofac-sdn: it is read from 3 file(s) where version 3 "
            "was read from 4 (missing: alt.csv); if the list really is smaller, import it with "
            "--allow-shrink");
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit{.allow = true}).ok());
  // A renamed file is not a lost one (the UN file's name carries its date).
  prev.files = {"un-sc-2026-02.xml"};
  next.files = {"un-sc-2026-03.xml"};
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit()).ok());
  next.files = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
  EXPECT_TRUE(CheckShrink(prev, next, ShrinkLimit()).ok());
}

TEST_F(StoreTest, DuplicateIdFailsTheImportAndLeavesStoreUnchanged) {
  auto store = OpenOrDie();
  ImportOrDie(store.get(), {MakePerson("1", "A")});
  Snapshot before = Take(store.get());
  {
    std::unique_ptr<Import> import;
    ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
    ASSERT_TRUE(import->Add(MakePerson("7", "X")).ok());
    Status st = import->Add(MakePerson("7", "Y"));
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
    EXPECT_THAT(st.message(), HasSubstr("'test-list:7' appears twice"));
    // The import is dead now: neither more records nor a commit are accepted.
    Status more = import->Add(MakePerson("8", "Z"));
    EXPECT_FALSE(more.ok());
    EXPECT_THAT(more.message(), HasSubstr("earlier error"));
    Status commit = import->Commit("", {}, nullptr);
    EXPECT_FALSE(commit.ok());
    EXPECT_THAT(commit.message(), HasSubstr("appears twice"));
  }
  EXPECT_EQ(Take(store.get()), before);
  ExpectConsistent(store.get());
}

TEST_F(StoreTest, ParseErrorMidImportLeavesStoreUnchanged) {
  auto store = OpenOrDie();
  ListVersion v1 = ImportOrDie(store.get(), {MakePerson("1", "A"), MakePerson("2", "B")});
  std::vector<std::string> v1_records = ReadAll(store.get(), v1.id);
  Snapshot before = Take(store.get());
  // What the CLI does: the parser's sink adds records, the parser fails, the Import is dropped.
  auto run_import = [&]() -> Status {
    std::unique_ptr<Import> import;
    INTERDICT_RETURN_IF_ERROR(store->BeginImport(kSource, "h-broken", &import));
    for (int i = 0; i < 500; ++i) INTERDICT_RETURN_IF_ERROR(import->Add(Synthetic(kSource, i)));
    return Status::InvalidInput("sdn.csv:501: expected 12 fields, found 9");
  };
  Status st = run_import();
  EXPECT_THAT(st.message(), HasSubstr("sdn.csv:501"));
  EXPECT_EQ(Take(store.get()), before);
  EXPECT_EQ(ReadAll(store.get(), v1.id), v1_records);
  bool found = false;
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h-broken", &found, nullptr).ok());
  EXPECT_FALSE(found);
  Entity e;
  EXPECT_EQ(store->GetEntity("test-list:100000", 0, &e, nullptr).code(), Status::Code::kNotFound);
  // The store takes the next import normally, and the abandoned id is not skipped.
  ListVersion v2 = ImportOrDie(store.get(), {MakePerson("3", "C")}, "sha-2");
  EXPECT_EQ(v2.id, 2);
  ExpectConsistent(store.get());
}

TEST_F(StoreTest, UncommittedImportIsInvisibleToOtherConnections) {
  auto writer = OpenOrDie();
  auto reader = OpenOrDie();
  ImportOrDie(writer.get(), {MakePerson("1", "A")});
  std::unique_ptr<Import> import;
  ASSERT_TRUE(writer->BeginImport(kSource, "h2", &import).ok());
  ASSERT_TRUE(import->Add(MakePerson("2", "B")).ok());
  std::vector<ListVersion> versions;
  ASSERT_TRUE(reader->ListVersions("", &versions).ok());  // not blocked by the writer (WAL)
  EXPECT_EQ(versions.size(), 1u);
  ASSERT_TRUE(import->Commit("", {"list.csv"}, nullptr).ok());
  ASSERT_TRUE(reader->ListVersions("", &versions).ok());
  EXPECT_EQ(versions.size(), 2u);
}

TEST_F(StoreTest, OneImportAtATimePerStore) {
  auto store = OpenOrDie();
  std::unique_ptr<Import> first;
  ASSERT_TRUE(store->BeginImport(kSource, "h", &first).ok());
  std::unique_ptr<Import> second;
  Status st = store->BeginImport("other", "h", &second);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("already open"));
  EXPECT_EQ(second, nullptr);
  ASSERT_TRUE(first->Add(MakePerson("1", "A")).ok());
  ASSERT_TRUE(first->Commit("", {}, nullptr).ok());
  // A committed import is finished.
  EXPECT_FALSE(first->Add(MakePerson("2", "B")).ok());
  EXPECT_FALSE(first->Commit("", {}, nullptr).ok());
  ASSERT_TRUE(store->BeginImport("other", "h", &second).ok());
}

TEST_F(StoreTest, AddRejectsRecordsOfAnotherSourceAndBadText) {
  auto store = OpenOrDie();
  std::unique_ptr<Import> import;
  ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
  Entity wrong_prefix = MakePerson("1", "A");
  wrong_prefix.id = "un-sc:QDi.001";
  Status st = import->Add(wrong_prefix);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("'un-sc:QDi.001' does not start with 'test-list:'"));

  import.reset();
  ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
  Entity wrong_source = MakePerson("1", "A");
  wrong_source.source = "un-sc";
  st = import->Add(wrong_source);
  EXPECT_THAT(st.message(), HasSubstr("has source 'un-sc'"));

  import.reset();
  ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
  Entity no_local_id = MakePerson("", "A");
  EXPECT_FALSE(import->Add(no_local_id).ok());

  import.reset();
  ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
  Entity bad_utf8 = MakePerson("1", "A");
  bad_utf8.names[0].full = "KIM \xC3\x28";
  st = import->Add(bad_utf8);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("test-list:1"));
  EXPECT_THAT(st.message(), HasSubstr("UTF-8"));
}

TEST_F(StoreTest, EmptyImportIsRefused) {
  auto store = OpenOrDie();
  std::unique_ptr<Import> import;
  ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
  Status st = import->Commit("", {}, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("no records"));
  import.reset();
  std::vector<ListVersion> versions;
  ASSERT_TRUE(store->ListVersions("", &versions).ok());
  EXPECT_THAT(versions, IsEmpty());
}

TEST_F(StoreTest, BadSourceNameIsRefused) {
  auto store = OpenOrDie();
  std::unique_ptr<Import> import;
  EXPECT_EQ(store->BeginImport("", "h", &import).code(), Status::Code::kInvalidInput);
  EXPECT_EQ(store->BeginImport("a:b", "h", &import).code(), Status::Code::kInvalidInput);
}

TEST_F(StoreTest, ClosingTheStoreRollsBackAnOpenImport) {
  std::unique_ptr<Import> import;
  {
    auto store = OpenOrDie();
    ASSERT_TRUE(store->BeginImport(kSource, "h", &import).ok());
    ASSERT_TRUE(import->Add(MakePerson("1", "A")).ok());
  }
  Status st = import->Add(MakePerson("2", "B"));
  EXPECT_THAT(st.message(), HasSubstr("store was closed"));
  EXPECT_FALSE(import->Commit("", {}, nullptr).ok());
  import.reset();
  auto store = OpenOrDie();
  std::vector<ListVersion> versions;
  ASSERT_TRUE(store->ListVersions("", &versions).ok());
  EXPECT_THAT(versions, IsEmpty());
  EXPECT_EQ(Count(store.get(), "SELECT count(*) FROM record_body"), 0);
}

TEST_F(StoreTest, DiffReportsAddedRemovedAndChangedFields) {
  auto store = OpenOrDie();
  Entity a = MakePerson("a", "ALPHA");
  Entity b = MakePerson("b", "BRAVO");
  Entity c = MakePerson("c", "CHARLIE");
  Entity d = MakePerson("d", "DELTA");
  d.remarks = {"old remark"};
  ListVersion v1 = ImportOrDie(store.get(), {a, b, c, d}, "h1");

  Entity c2 = c;
  c2.names.push_back({"CHUCK", "CHUCK", NameKind::kStrongAlias, "Latn"});
  Entity d2 = d;
  d2.remarks.clear();                                                     // field disappears
  d2.birth_dates.push_back({{1970, 0, 0}, {1970, 0, 0}, false, "1970"});  // field appears
  d2.programs = {"SDGT", "IRAN"};                                         // field changes
  Entity e = MakePerson("e", "ECHO");
  ListVersion v2 = ImportOrDie(store.get(), {b, c2, d2, e}, "h2");

  VersionDiff diff;
  Status st = store->Diff(v1.id, v2.id, &diff);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_THAT(diff.added, ElementsAre("test-list:e"));
  EXPECT_THAT(diff.removed, ElementsAre("test-list:a"));
  ASSERT_EQ(diff.changed.size(), 2u);
  EXPECT_EQ(diff.changed[0].entity_id, "test-list:c");
  EXPECT_THAT(diff.changed[0].fields, ElementsAre("names"));
  EXPECT_EQ(diff.changed[1].entity_id, "test-list:d");
  EXPECT_THAT(diff.changed[1].fields, ElementsAre("birth_dates", "programs", "remarks"));

  // Backwards, added and removed swap.
  ASSERT_TRUE(store->Diff(v2.id, v1.id, &diff).ok());
  EXPECT_THAT(diff.added, ElementsAre("test-list:a"));
  EXPECT_THAT(diff.removed, ElementsAre("test-list:e"));
  EXPECT_EQ(diff.changed.size(), 2u);

  ASSERT_TRUE(store->Diff(v2.id, v2.id, &diff).ok());
  EXPECT_THAT(diff.added, IsEmpty());
  EXPECT_THAT(diff.removed, IsEmpty());
  EXPECT_THAT(diff.changed, IsEmpty());
}

TEST_F(StoreTest, DiffErrors) {
  auto store = OpenOrDie();
  ListVersion v1 = ImportOrDie(store.get(), {MakePerson("1", "A")});
  Entity other;
  other.id = "other-list:1";
  other.source = "other-list";
  other.names.push_back({"B", "B", NameKind::kPrimary, "Latn"});
  ListVersion v2 = ImportOrDie(store.get(), {other}, "h", "other-list");
  VersionDiff diff;
  Status st = store->Diff(v1.id, v2.id, &diff);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("version 1 is of test-list but version 2 is of other-list"));
  st = store->Diff(v1.id, 99, &diff);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_THAT(st.message(), HasSubstr("no list version 99"));
}

TEST_F(StoreTest, VersionsAreImmutableAndShareBodies) {
  auto store = OpenOrDie();
  std::vector<Entity> first;
  for (int i = 0; i < 200; ++i) first.push_back(Synthetic(kSource, i));
  ListVersion v1 = ImportOrDie(store.get(), first, "h1");
  std::vector<std::string> v1_records = ReadAll(store.get(), v1.id);
  ASSERT_EQ(v1_records.size(), 200u);
  EXPECT_EQ(Count(store.get(), "SELECT count(*) FROM record_body"), 200);

  // The second version changes 3 records (same ids), drops one and adds one.
  std::vector<Entity> second(first.begin() + 1, first.end());
  for (int i : {10, 20, 30}) second[static_cast<size_t>(i)] = Synthetic(kSource, i + 1, 1);
  second.push_back(Synthetic(kSource, 500));
  ListVersion v2 = ImportOrDie(store.get(), second, "h2");
  EXPECT_EQ(v2.record_count, 200);
  // Only the 3 changed and 1 new record needed new bodies.
  EXPECT_EQ(Count(store.get(), "SELECT count(*) FROM record_body"), 204);
  EXPECT_EQ(ReadAll(store.get(), v1.id), v1_records);
  Entity e;
  ASSERT_TRUE(store->GetEntity("test-list:100011", v1.id, &e, nullptr).ok());
  EXPECT_EQ(e.remarks.size(), 1u);
  ASSERT_TRUE(store->GetEntity("test-list:100011", v2.id, &e, nullptr).ok());
  EXPECT_THAT(e.remarks.back(), "variant 1");

  // Not even direct SQL may change a version.
  Status st = Exec(store->db(), "UPDATE list_version SET record_count = 0");
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("immutable"));
  EXPECT_FALSE(Exec(store->db(), "DELETE FROM version_record").ok());
  EXPECT_FALSE(Exec(store->db(), "UPDATE record_body SET body = '{}'").ok());
  EXPECT_EQ(ReadAll(store.get(), v1.id), v1_records);
}

TEST_F(StoreTest, GetEntityFindsTheNewestVersionHoldingIt) {
  auto store = OpenOrDie();
  Entity a = MakePerson("a", "ALPHA");
  Entity b = MakePerson("b", "BRAVO");
  ListVersion v1 = ImportOrDie(store.get(), {a, b}, "h1");
  Entity b2 = MakePerson("b", "BRAVO TWO");
  ListVersion v2 = ImportOrDie(store.get(), {b2}, "h2");  // a delisted

  Entity got;
  ListVersion from;
  ASSERT_TRUE(store->GetEntity("test-list:b", 0, &got, &from).ok());
  EXPECT_EQ(got.names.at(0).full, "BRAVO TWO");
  EXPECT_EQ(from.id, v2.id);
  ASSERT_TRUE(store->GetEntity("test-list:a", 0, &got, &from).ok());
  EXPECT_EQ(got.names.at(0).full, "ALPHA");
  EXPECT_EQ(from.id, v1.id);  // from the last version that held it
  ASSERT_TRUE(store->GetEntity("test-list:b", v1.id, &got, nullptr).ok());
  EXPECT_EQ(got.names.at(0).full, "BRAVO");

  Status st = store->GetEntity("test-list:zz", 0, &got, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_THAT(st.message(),
              HasSubstr("no record 'test-list:zz' in any of the 2 versions of test-list"));
  st = store->GetEntity("un-sc:QDi.1", 0, &got, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_THAT(st.message(), HasSubstr("source 'un-sc' has never been imported"));
  st = store->GetEntity("test-list:a", v2.id, &got, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_THAT(st.message(), HasSubstr("no record 'test-list:a' in list version 2 (test-list)"));
  st = store->GetEntity("test-list:a", 42, &got, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
  EXPECT_THAT(st.message(), HasSubstr("no list version 42"));
  st = store->GetEntity("noprefix", 0, &got, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("no source prefix"));
}

TEST_F(StoreTest, ListAndLatestVersionsPerSource) {
  auto store = OpenOrDie();
  Entity o;
  o.id = "alpha:1";
  o.source = "alpha";
  ImportOrDie(store.get(), {MakePerson("1", "A")}, "h1");  // 1 test-list
  ImportOrDie(store.get(), {o}, "h1", "alpha");            // 2 alpha
  ImportOrDie(store.get(), {MakePerson("1", "B")}, "h2");  // 3 test-list
  std::vector<ListVersion> versions;
  ASSERT_TRUE(store->ListVersions(kSource, &versions).ok());
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].id, 1);
  EXPECT_EQ(versions[1].id, 3);
  ASSERT_TRUE(store->LatestVersions(&versions).ok());
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].source, "alpha");
  EXPECT_EQ(versions[0].id, 2);
  EXPECT_EQ(versions[1].source, kSource);
  EXPECT_EQ(versions[1].id, 3);
  ListVersion v;
  EXPECT_EQ(store->GetVersion(4, &v).code(), Status::Code::kNotFound);
  EXPECT_EQ(store->ReadRecords(4, [](Entity&&) { return Status::Ok(); }).code(),
            Status::Code::kNotFound);
}

TEST_F(StoreTest, ReadRecordsStopsAtTheSinksError) {
  auto store = OpenOrDie();
  ListVersion v = ImportOrDie(store.get(), {MakePerson("1", "A"), MakePerson("2", "B")});
  int calls = 0;
  Status st = store->ReadRecords(v.id, [&](Entity&&) {
    ++calls;
    return Status::IoError("sink full");
  });
  EXPECT_EQ(st.message(), "sink full");
  EXPECT_EQ(calls, 1);
}

TEST_F(StoreTest, DamagedRecordIsAnErrorNamingIt) {
  auto store = OpenOrDie();
  ImportOrDie(store.get(), {MakePerson("1", "A")});
  // Hand-write a version whose one body is not JSON (the API cannot produce one).
  {
    Transaction txn(store->db(), Transaction::Mode::kWrite);
    ASSERT_TRUE(txn.status().ok());
    Stmt body;
    ASSERT_TRUE(Stmt::Prepare(store->db(),
                              "INSERT INTO record_body(id, digest, body) VALUES(99, ?, '{oops')",
                              &body)
                    .ok());
    const std::string digest(32, '\0');
    body.BindBlob(1, digest.data(), digest.size());
    ASSERT_TRUE(body.Step().ok());
    ASSERT_TRUE(Exec(store->db(),
                     "INSERT INTO version_record VALUES(2, 'test-list:1', 99);"
                     "INSERT INTO list_version VALUES(2, 'test-list', '', 'x', 1, '{}', '', '[]');")
                    .ok());
    ASSERT_TRUE(txn.Commit().ok());
  }
  Status st = store->ReadRecords(2, [](Entity&&) { return Status::Ok(); });
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("list version 2, record 'test-list:1'"));
  Entity e;
  st = store->GetEntity("test-list:1", 0, &e, nullptr);
  EXPECT_THAT(st.message(), HasSubstr("not valid JSON"));
  VersionDiff diff;
  st = store->Diff(1, 2, &diff);
  EXPECT_THAT(st.message(), HasSubstr("version 2, record 'test-list:1'"));
}

TEST_F(StoreTest, OpeningAFileThatIsNotSqliteFails) {
  {
    std::ofstream out(path_);
    out << "us-ofac-sdn,this is a CSV file, not a database\n" << std::string(4096, 'x');
  }
  std::unique_ptr<Store> store;
  Status st = Store::Open(path_, &store);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr(path_ + ": not an Interdict store"));
  EXPECT_THAT(st.message(), HasSubstr("file is not a database"));
  EXPECT_EQ(store, nullptr);
}

TEST_F(StoreTest, OpeningAnotherApplicationsDatabaseFails) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE customers(id, name)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::unique_ptr<Store> store;
  Status st = Store::Open(path_, &store);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("not an Interdict store"));
}

TEST_F(StoreTest, OpeningANewerSchemaFails) {
  if (!TestPostgresUrl().empty()) GTEST_SKIP() << "writes the SQLite file's header";
  { auto store = OpenOrDie(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::unique_ptr<Store> store;
  Status st = Store::Open(path_, &store);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("schema version 99 is newer than this build"));
  EXPECT_EQ(store, nullptr);
}

TEST_F(StoreTest, OpeningAnUnwritablePathFails) {
  std::unique_ptr<Store> store;
  Status st = Store::Open((dir_ / "no-such-dir" / "store.db").string(), &store);
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_THAT(st.message(), HasSubstr("no-such-dir/store.db"));
}

// --- Crash tests: a child process imports and dies inside the transaction. ---

// Runs `body` in a child process and returns its wait status. The parent holds no SQLite
// connection across fork() (SQLite forbids using one in both processes).
template <typename F>
pid_t Spawn(F body) {
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    body();
    _exit(0);
  }
  return pid;
}

int64_t FileSize(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : -1;
}

TEST_F(StoreTest, ProcessesOpeningANewStoreAtOnceAllSucceed) {
  // Importers started together on a store file that does not exist yet: switching the new file
  // to WAL takes a lock that SQLite's busy timeout does not wait for, and one of them failed
  // with "enabling WAL: database is locked" (1 start in 40 with four `interdict import`s).
  for (int round = 0; round < 100; ++round) {
    const std::string path = (dir_ / ("new-" + std::to_string(round) + ".db")).string();
    std::vector<pid_t> pids;
    for (int i = 0; i < 4; ++i) {
      pids.push_back(Spawn([&path] {
        std::unique_ptr<Store> store;
        Status st = OpenTestStore(path, &store);
        std::vector<ListVersion> versions;
        if (st.ok()) st = store->ListVersions("", &versions);
        if (!st.ok()) std::fprintf(stderr, "%s\n", st.message().c_str());
        _exit(st.ok() ? 0 : 1);
      }));
    }
    for (pid_t pid : pids) {
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "round " << round;
    }
  }
}

TEST_F(StoreTest, KilledImporterLeavesStoreAsBefore) {
  Snapshot before;
  std::vector<std::string> v1_records;
  {
    auto store = OpenOrDie();
    std::vector<Entity> first;
    for (int i = 0; i < 100; ++i) first.push_back(Synthetic(kSource, i));
    ImportOrDie(store.get(), first, "h1");
    before = Take(store.get());
    v1_records = ReadAll(store.get(), 1);
  }
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const std::string path = path_;
  pid_t pid = Spawn([&] {
    close(ready[0]);
    std::unique_ptr<Store> store;
    if (!OpenTestStore(path, &store).ok()) _exit(2);
    std::unique_ptr<Import> import;
    if (!store->BeginImport(kSource, "h2", &import).ok()) _exit(3);
    // Far more than SQLite's page cache holds, so uncommitted pages spill into the WAL file.
    for (int i = 0; i < 20000; ++i)
      if (!import->Add(Synthetic(kSource, i, 2)).ok()) _exit(4);
    char c = 'r';
    if (write(ready[1], &c, 1) != 1) _exit(5);
    pause();  // killed here, inside the transaction
    _exit(6);
  });
  ASSERT_GT(pid, 0);
  close(ready[1]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "child failed before the kill point";
  close(ready[0]);
  // The child's uncommitted records are on disk: this is a crash with a dirty WAL (SQLite).
  if (TestPostgresUrl().empty()) {
    EXPECT_GT(FileSize(path_ + "-wal"), 1 << 20);
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;

  auto store = OpenOrDie();
  EXPECT_EQ(Take(store.get()), before);
  EXPECT_EQ(ReadAll(store.get(), 1), v1_records);
  ExpectConsistent(store.get());
  bool found = false;
  ASSERT_TRUE(store->FindCurrentWithHash(kSource, "h2", &found, nullptr).ok());
  EXPECT_FALSE(found);
  ListVersion v2 = ImportOrDie(store.get(), {MakePerson("x", "X")}, "h3");
  EXPECT_EQ(v2.id, 2);
  ExpectConsistent(store.get());
}

TEST_F(StoreTest, ImporterExitingWithoutCommitLeavesStoreAsBefore) {
  Snapshot before;
  {
    auto store = OpenOrDie();
    ImportOrDie(store.get(), {MakePerson("1", "A")}, "h1");
    before = Take(store.get());
  }
  const std::string path = path_;
  pid_t pid = Spawn([&] {
    std::unique_ptr<Store> store;
    if (!OpenTestStore(path, &store).ok()) _exit(2);
    std::unique_ptr<Import> import;
    if (!store->BeginImport(kSource, "h2", &import).ok()) _exit(3);
    for (int i = 0; i < 5000; ++i)
      if (!import->Add(Synthetic(kSource, i)).ok()) _exit(4);
    _exit(0);  // no destructors: nothing rolls back but SQLite's recovery
  });
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto store = OpenOrDie();
  EXPECT_EQ(Take(store.get()), before);
  ExpectConsistent(store.get());
  EXPECT_EQ(ImportOrDie(store.get(), {MakePerson("2", "B")}, "h3").id, 2);
}

// Kills an importer that loops over whole imports at random moments, so some kills land inside
// Add, some inside Commit and some between imports. Every committed version must be whole, and
// every commit the importer saw succeed must survive the kill.
TEST_F(StoreTest, RandomlyKilledImporterNeverLeavesAPartialVersion) {
  std::mt19937 rng(20240501);
  const std::string path = path_;
  int64_t versions_before = 0;
  for (int round = 0; round < 6; ++round) {
    int committed[2];
    ASSERT_EQ(pipe(committed), 0);
    auto start = std::chrono::steady_clock::now();
    pid_t pid = Spawn([&] {
      close(committed[0]);
      std::unique_ptr<Store> store;
      if (!OpenTestStore(path, &store).ok()) _exit(2);
      for (int n = 0;; ++n) {
        std::unique_ptr<Import> import;
        std::string sha = "h" + std::to_string(round) + "-" + std::to_string(n);
        if (!store->BeginImport(kSource, sha, &import).ok()) _exit(3);
        for (int i = 0; i < 1500; ++i)
          if (!import->Add(Synthetic(kSource, i, round * 1000 + n)).ok()) _exit(4);
        if (!import->Commit("", {"f"}, nullptr).ok()) _exit(5);
        char c = 'c';
        if (write(committed[1], &c, 1) != 1) _exit(6);
      }
    });
    ASSERT_GT(pid, 0);
    close(committed[1]);
    // Wait for the first commit to learn how long one import takes on this machine (sanitizers
    // make it several times slower), then kill at a random point of the next one or two.
    char c = 0;
    ASSERT_EQ(read(committed[0], &c, 1), 1) << "importer failed before its first commit";
    auto one_import = std::chrono::steady_clock::now() - start;
    std::uniform_real_distribution<double> when(0.0, 1.5);
    std::this_thread::sleep_for(one_import * when(rng));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "importer exited with " << WEXITSTATUS(status);
    int64_t reported = 1;
    while (read(committed[0], &c, 1) == 1) ++reported;
    close(committed[0]);

    auto store = OpenOrDie();
    ExpectConsistent(store.get());
    std::vector<ListVersion> versions;
    ASSERT_TRUE(store->ListVersions("", &versions).ok());
    const auto count = static_cast<int64_t>(versions.size());
    // The kill may land after COMMIT returned but before the importer reported it: one more.
    EXPECT_GE(count, versions_before + reported);
    EXPECT_LE(count, versions_before + reported + 1);
    for (size_t i = 0; i < versions.size(); ++i) {
      EXPECT_EQ(versions[i].id, static_cast<int64_t>(i) + 1);
      EXPECT_EQ(versions[i].record_count, 1500);
    }
    versions_before = count;
  }
  std::printf("[ info ] %lld versions committed by 6 killed importers\n",
              static_cast<long long>(versions_before));
}

// Imports 15,000 synthetic records, then a second version that changes 1% of them: reports the
// time and the file size, and checks that the second version costs little space.
TEST_F(StoreTest, Import15000RecordsTimeAndSize) {
  if (!TestPostgresUrl().empty()) GTEST_SKIP() << "measures the SQLite file";
  constexpr int kRecords = 15000;
  auto store = OpenOrDie();
  auto import_all = [&](int variant_every, const std::string& sha) {
    auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Import> import;
    EXPECT_TRUE(store->BeginImport(kSource, sha, &import).ok());
    for (int i = 0; i < kRecords; ++i) {
      int variant = variant_every != 0 && i % variant_every == 0 ? 1 : 0;
      EXPECT_TRUE(import->Add(Synthetic(kSource, i, variant)).ok());
    }
    ListVersion v;
    EXPECT_TRUE(import->Commit("", {"synthetic"}, &v).ok());
    EXPECT_EQ(v.record_count, kRecords);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto db_bytes = [&] {
    EXPECT_TRUE(Exec(store->db(), "PRAGMA wal_checkpoint(TRUNCATE)").ok());
    return FileSize(path_);
  };
  double t1 = import_all(0, "h1");
  int64_t size1 = db_bytes();
  double t2 = import_all(100, "h2");
  int64_t size2 = db_bytes();
  auto start = std::chrono::steady_clock::now();
  VersionDiff diff;
  ASSERT_TRUE(store->Diff(1, 2, &diff).ok());
  double t_diff = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(diff.changed.size(), static_cast<size_t>(kRecords / 100));
  EXPECT_THAT(diff.changed.at(0).fields, ElementsAre("remarks"));
  start = std::chrono::steady_clock::now();
  int64_t read = 0;
  ASSERT_TRUE(store
                  ->ReadRecords(2,
                                [&](Entity&&) {
                                  ++read;
                                  return Status::Ok();
                                })
                  .ok());
  double t_read = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(read, kRecords);
  int64_t body_bytes = Count(store.get(), "SELECT sum(length(body)) FROM record_body");
  std::printf(
      "[ info ] 15,000 records: import %.2f s, file %.1f MB (bodies %.1f MB of JSON); "
      "second version (1%% changed): import %.2f s, file +%.2f MB; diff %.3f s; read all %.2f s\n",
      t1, size1 / 1e6, body_bytes / 1e6, t2, (size2 - size1) / 1e6, t_diff, t_read);
  // The repeat version stores ids and body references only: far less than the first.
  EXPECT_LT(size2 - size1, size1 / 3);
}

// The real OFAC SDN list of 2021 through the parser into the store and back.
TEST_F(StoreTest, RealOfacListRoundTripsAndDiffs) {
  CountryTable countries;
  ASSERT_TRUE(CountryTable::LoadDefault(INTERDICT_DATA, &countries).ok());
  ParseOptions options;
  options.countries = &countries;
  const std::vector<std::filesystem::path> input = {INTERDICT_FIXTURES "/ofac-sdn-2021"};
  auto store = OpenOrDie();

  std::unique_ptr<Import> import;
  ASSERT_TRUE(store->BeginImport("us-ofac-sdn", "sha-2021", &import).ok());
  std::map<std::string, std::string> parsed;  // id -> JSON, as the parser produced it
  ParseReport report;
  Status st = ParseList(
      ListFormat::kOfacSdnCsv, input, options,
      [&](Entity&& e) {
        parsed[e.id] = Json(e);
        return import->Add(e);
      },
      &report);
  ASSERT_TRUE(st.ok()) << st.message();
  ListVersion v1;
  ASSERT_TRUE(import->Commit(report.published, {"sdn.csv", "alt.csv"}, &v1).ok());
  import.reset();
  EXPECT_EQ(v1.record_count, static_cast<int64_t>(parsed.size()));
  EXPECT_GT(v1.record_count, 8000);

  // Every record reads back byte-identical, in id order.
  std::vector<std::string> expected;
  for (const auto& [id, json] : parsed) expected.push_back(json);
  EXPECT_EQ(ReadAll(store.get(), v1.id), expected);

  Entity bnc;
  ASSERT_TRUE(store->GetEntity("us-ofac-sdn:306", 0, &bnc, nullptr).ok());
  EXPECT_EQ(bnc.names.at(0).full, "BANCO NACIONAL DE CUBA");
  bool has_alias = false;
  for (const Name& n : bnc.names) has_alias |= n.full == "NATIONAL BANK OF CUBA";
  EXPECT_TRUE(has_alias);
  EXPECT_GE(bnc.addresses.size(), 4u);

  // A second version: 306 delisted, 36 renamed, one record added.
  ASSERT_TRUE(store->BeginImport("us-ofac-sdn", "sha-next", &import).ok());
  st = ParseList(
      ListFormat::kOfacSdnCsv, input, options,
      [&](Entity&& e) {
        if (e.id == "us-ofac-sdn:306") return Status::Ok();
        if (e.id == "us-ofac-sdn:36") e.names.at(0).full = "AEROCARIBBEAN AIRLINES S.A.";
        return import->Add(e);
      },
      &report);
  ASSERT_TRUE(st.ok()) << st.message();
  Entity added = MakePerson("x", "NEW PERSON");
  added.id = "us-ofac-sdn:99999999";
  added.source = "us-ofac-sdn";
  ASSERT_TRUE(import->Add(added).ok());
  ListVersion v2;
  ASSERT_TRUE(import->Commit("", {"sdn.csv", "alt.csv"}, &v2).ok());
  VersionDiff diff;
  ASSERT_TRUE(store->Diff(v1.id, v2.id, &diff).ok());
  EXPECT_THAT(diff.added, ElementsAre("us-ofac-sdn:99999999"));
  EXPECT_THAT(diff.removed, ElementsAre("us-ofac-sdn:306"));
  ASSERT_EQ(diff.changed.size(), 1u);
  EXPECT_EQ(diff.changed[0].entity_id, "us-ofac-sdn:36");
  EXPECT_THAT(diff.changed[0].fields, ElementsAre("names"));
  // The old version still says what it said.
  ASSERT_TRUE(store->GetEntity("us-ofac-sdn:36", v1.id, &bnc, nullptr).ok());
  EXPECT_EQ(bnc.names.at(0).full, "AEROCARIBBEAN AIRLINES");
}

}  // namespace
}  // namespace interdict

// RunMonitor: first run, deltas (added, removed, changed records; new, changed, deleted
// customers), nothing to do, and a crash in the middle of a run.
#include "monitor/monitor.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "monitor/customer_store.h"
#include "store/sqlite_util.h"

namespace interdict {
namespace {

// A sink that keeps what it is told in tables of the same store, inside the run's transaction,
// so that a crashed run's lost batches are lost here too.
class TableSink : public AlertSink {
 public:
  explicit TableSink(Store& store) : db_(store.handle()) {
    Status s = Exec(db_,
                    "CREATE TABLE IF NOT EXISTS fake_alert(customer TEXT, entity TEXT, "
                    "version INTEGER, score REAL, fps TEXT, status TEXT, "
                    "PRIMARY KEY (customer, entity));"
                    "CREATE TABLE IF NOT EXISTS fake_event(id INTEGER PRIMARY KEY, kind TEXT, "
                    "customer TEXT, entity TEXT, version INTEGER)");
    EXPECT_TRUE(s.ok()) << s.message();
  }
  Status Hit(const PairHit& hit, RaiseOutcome* outcome) override {
    Stmt q;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db_, "SELECT fps, status FROM fake_alert WHERE customer = ?1 AND entity = ?2", &q));
    q.Bind(1, hit.customer_id).Bind(2, hit.entity_id);
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(q.Step(&row));
    const std::string fps = hit.customer_fp + hit.entity_fp;
    if (row && q.ColumnText(0) == fps && q.ColumnText(1) == "open") {
      *outcome = RaiseOutcome::kUnchanged;
      return Status::Ok();
    }
    *outcome =
        !row ? RaiseOutcome::kRaised
             : (q.ColumnText(1) == "open" ? RaiseOutcome::kRescored : RaiseOutcome::kReopened);
    Stmt put;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db_,
        "INSERT INTO fake_alert VALUES (?1, ?2, ?3, 0, ?4, 'open') ON CONFLICT (customer, entity) "
        "DO UPDATE SET version = excluded.version, fps = excluded.fps, status = 'open'",
        &put));
    put.Bind(1, hit.customer_id).Bind(2, hit.entity_id).Bind(3, hit.list_version).Bind(4, fps);
    INTERDICT_RETURN_IF_ERROR(put.Step());
    return Event(*outcome == RaiseOutcome::kRaised ? "raised" : "updated", hit.customer_id,
                 hit.entity_id, hit.list_version);
  }
  Status Delisted(const std::string& entity_id, int64_t version, int64_t* closed) override {
    Stmt q;
    INTERDICT_RETURN_IF_ERROR(
        Stmt::Prepare(db_, "UPDATE fake_alert SET status = 'delisted' WHERE entity = ?1", &q));
    q.Bind(1, entity_id);
    INTERDICT_RETURN_IF_ERROR(q.Step());
    if (closed) *closed = sqlite3_changes(db_);
    return Event("delisted", "", entity_id, version);
  }
  Status NoLongerMatches(const std::string& customer, const std::string& entity,
                         int64_t version) override {
    return Event("no_longer_matches", customer, entity, version);
  }
  Status CustomerDeleted(const std::string& customer) override {
    return Event("customer_deleted", customer, "", 0);
  }

 private:
  Status Event(const char* kind, const std::string& customer, const std::string& entity,
               int64_t version) {
    Stmt q;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db_, "INSERT INTO fake_event(kind, customer, entity, version) VALUES (?1, ?2, ?3, ?4)",
        &q));
    q.Bind(1, kind).Bind(2, customer).Bind(3, entity).Bind(4, version);
    return q.Step();
  }
  sqlite3* db_;
};

struct Deps {
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  CountryTable countries;
};

const Deps& TheDeps() {
  static const std::unique_ptr<Deps> d = [] {
    auto d = std::make_unique<Deps>();
    Status st = NameNormalizer::Load(INTERDICT_DATA, &d->normalizer);
    if (st.ok()) st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", &d->stats);
    if (st.ok()) st = CountryTable::LoadDefault(INTERDICT_DATA, &d->countries);
    EXPECT_TRUE(st.ok()) << st.message();
    return d;
  }();
  return *d;
}

Entity Person(const std::string& id, const std::string& name) {
  Entity e;
  e.id = "test-list:" + id;
  e.source = "test-list";
  e.schema = Schema::kPerson;
  e.names.push_back(Name{name, name, NameKind::kPrimary, "Latn"});
  return e;
}

Customer Cust(const std::string& id, const std::string& name) {
  Customer c;
  c.id = id;
  c.name = name;
  c.type = Schema::kPerson;
  return c;
}

class MonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "interdict_monitor_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    store_ = Open("store.db");
    sink_ = std::make_unique<TableSink>(*store_);
  }
  void TearDown() override {
    sink_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Store> Open(const std::string& name) {
    std::unique_ptr<Store> s;
    Status st = Store::Open((dir_ / name).string(), &s);
    EXPECT_TRUE(st.ok()) << st.message();
    return s;
  }
  static void ImportList(Store& store, const std::vector<Entity>& records) {
    static int n = 0;
    std::unique_ptr<Import> import;
    ASSERT_TRUE(store.BeginImport("test-list", "sha-" + std::to_string(++n), &import).ok());
    for (const Entity& e : records) ASSERT_TRUE(import->Add(e).ok());
    ASSERT_TRUE(import->Commit("", {"list.csv"}, nullptr, ShrinkLimit{.allow = true}).ok());
  }
  static void ImportBook(Store& store, const std::vector<Customer>& book) {
    BookImportSummary s;
    Status st = ImportCustomers(store, book, BookMode::kFull, "tester", &s);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static MonitorReport Monitor(Store& store, AlertSink& sink, MonitorOptions options = {}) {
    const Deps& d = TheDeps();
    MonitorReport report;
    Status st =
        RunMonitor(store, {d.normalizer.get(), &d.stats, &d.countries}, sink, options, &report);
    EXPECT_TRUE(st.ok()) << st.message();
    return report;
  }
  // The sink's events, "kind customer entity" each, in order (from id `after` on).
  std::vector<std::string> Events(Store& store, int64_t after = 0) {
    Stmt q;
    EXPECT_TRUE(Stmt::Prepare(store.handle(),
                              "SELECT kind || ' ' || customer || ' ' || entity FROM fake_event "
                              "WHERE id > ?1 ORDER BY id",
                              &q)
                    .ok());
    q.Bind(1, after);
    std::vector<std::string> out;
    for (bool row = false; q.Step(&row).ok() && row;) out.push_back(q.ColumnText(0));
    return out;
  }
  static int64_t Count(Store& store, const std::string& sql) {
    Stmt q;
    EXPECT_TRUE(Stmt::Prepare(store.handle(), sql, &q).ok()) << sql;
    bool row = false;
    EXPECT_TRUE(q.Step(&row).ok());
    return row ? q.ColumnInt(0) : -1;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<TableSink> sink_;
};

const std::vector<Entity> kV1 = {Person("1", "Viktor Anatolyevich Bout"),
                                 Person("2", "Joaquin Archivaldo Guzman Loera"),
                                 Person("3", "Dawood Ibrahim Kaskar")};
const std::vector<Customer> kBook = {
    Cust("c-bout", "Viktor Bout"), Cust("c-guzman", "Joaquin Guzman Loera"),
    Cust("c-dawood", "Dawood Ibrahim Kaskar"), Cust("c-innocent", "Margaret Thatcherson"),
    Cust("c-later", "Semion Yudkovich Mogilevich")};

TEST_F(MonitorTest, FirstRunIsFullThenNothingToDo) {
  ImportList(*store_, kV1);
  ImportBook(*store_, kBook);
  MonitorReport r = Monitor(*store_, *sink_);
  EXPECT_TRUE(r.full);
  EXPECT_EQ(r.customers_screened, 5);
  EXPECT_EQ(r.raised, 3);
  EXPECT_EQ(Events(*store_),
            (std::vector<std::string>{"raised c-bout test-list:1", "raised c-dawood test-list:3",
                                      "raised c-guzman test-list:2"}));
  EXPECT_EQ(Count(*store_, "SELECT count(*) FROM audit_event WHERE kind = 'monitor.run'"), 1);
  EXPECT_EQ(Count(*store_, "SELECT version_id FROM monitor_source_state"), 1);

  // Nothing new: no run, no event, no audit entry.
  r = Monitor(*store_, *sink_);
  EXPECT_EQ(r.run_id, 0);
  EXPECT_EQ(Events(*store_).size(), 3u);
  EXPECT_EQ(Count(*store_, "SELECT count(*) FROM audit_event WHERE kind = 'monitor.run'"), 1);
  EXPECT_EQ(Count(*store_, "SELECT count(*) FROM monitor_run"), 1);
}

TEST_F(MonitorTest, DeltaAddRemoveChange) {
  ImportList(*store_, kV1);
  ImportBook(*store_, kBook);
  Monitor(*store_, *sink_);
  const int64_t seen = 3;
  // v2: Bout removed, Guzman renamed past recognition, Dawood as he was, Mogilevich added.
  ImportList(*store_, {Person("2", "Ismael Zambada Garcia"), kV1[2],
                       Person("4", "Semion Yudkovich Mogilevich")});
  MonitorReport r = Monitor(*store_, *sink_);
  EXPECT_FALSE(r.full);
  EXPECT_EQ(r.records_screened, 2);  // the added and the changed record, not the unchanged one
  EXPECT_EQ(r.customers_screened, 0);
  EXPECT_EQ(r.raised, 1);
  EXPECT_EQ(r.delisted, 1);
  EXPECT_EQ(r.no_longer_matches, 1);
  std::vector<std::string> events = Events(*store_, seen);
  std::sort(events.begin(), events.end());
  EXPECT_EQ(events, (std::vector<std::string>{"delisted  test-list:1",
                                              "no_longer_matches c-guzman test-list:2",
                                              "raised c-later test-list:4"}));
  EXPECT_EQ(Count(*store_, "SELECT version FROM fake_alert WHERE customer = 'c-later'"),
            Count(*store_, "SELECT max(id) FROM list_version"));
}

TEST_F(MonitorTest, NewChangedAndDeletedCustomersAreScreened) {
  ImportList(*store_, kV1);
  ImportBook(*store_, kBook);
  Monitor(*store_, *sink_);
  std::vector<Customer> book = {Cust("c-guzman", "Helmut Kohlberg"), kBook[2],
                                Cust("c-innocent", "Dawood Ibrahim"),
                                Cust("c-new", "Viktor A. Bout")};
  ImportBook(*store_, book);  // c-guzman renamed, c-innocent now listed, c-bout, c-later deleted
  MonitorReport r = Monitor(*store_, *sink_);
  EXPECT_EQ(r.customers_screened, 3);
  EXPECT_EQ(r.records_screened, 0);
  EXPECT_EQ(r.customers_deleted, 2);
  EXPECT_EQ(r.no_longer_matches, 1);
  std::vector<std::string> events = Events(*store_, 3);
  std::sort(events.begin(), events.end());
  EXPECT_EQ(events, (std::vector<std::string>{
                        "customer_deleted c-bout ", "customer_deleted c-later ",
                        "no_longer_matches c-guzman test-list:2", "raised c-innocent test-list:3",
                        "raised c-new test-list:1"}));
}

// Builds the same store twice: one run uninterrupted, the other killed after two batches (in a
// child process, as a crash would) and run again. The sink's pairs must be the same, each raised
// once.
TEST_F(MonitorTest, CrashMidRun) {
  std::vector<Customer> book = kBook;
  for (int i = 0; i < 20; ++i)
    book.push_back(Cust("c-x" + std::to_string(i), "Person Number " + std::to_string(i)));
  book.push_back(Cust("c-zz-guzman", "Joaquin Guzman"));
  auto build = [&](Store& store) {
    ImportList(store, kV1);
    ImportBook(store, book);
  };
  build(*store_);
  MonitorOptions options;
  options.batch = 4;
  MonitorReport whole = Monitor(*store_, *sink_, options);
  EXPECT_EQ(whole.raised, 4);

  std::unique_ptr<Store> crashed = Open("crashed.db");
  build(*crashed);
  crashed.reset();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::unique_ptr<Store> s;
    if (!Store::Open((dir_ / "crashed.db").string(), &s).ok()) _exit(1);
    TableSink sink(*s);
    MonitorOptions o = options;
    o.crash_after_batches = 2;
    MonitorReport r;
    const Deps& d = TheDeps();
    RunMonitor(*s, {d.normalizer.get(), &d.stats, &d.countries}, sink, o, &r);
    _exit(0);  // not reached when the crash hook fires
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 70);
  crashed = Open("crashed.db");
  TableSink sink(*crashed);
  EXPECT_GT(Count(*crashed, "SELECT count(*) FROM fake_event"), 0);  // the two batches stayed
  EXPECT_EQ(Count(*crashed, "SELECT count(*) FROM monitor_source_state"), 0);
  options.lease_seconds = 0;  // the dead run's lease is stale at once
  MonitorReport rest = Monitor(*crashed, sink, options);
  EXPECT_TRUE(rest.resumed);
  EXPECT_EQ(rest.run_id, whole.run_id);
  EXPECT_EQ(rest.customers_screened, whole.customers_screened);
  EXPECT_EQ(rest.raised, whole.raised);
  const std::string pairs =
      "SELECT group_concat(customer || '/' || entity || '/' || status, ',') FROM "
      "(SELECT * FROM fake_alert ORDER BY customer, entity)";
  auto text = [&](Store& s) {
    Stmt q;
    EXPECT_TRUE(Stmt::Prepare(s.handle(), pairs, &q).ok());
    bool row = false;
    EXPECT_TRUE(q.Step(&row).ok());
    return q.ColumnText(0);
  };
  EXPECT_EQ(text(*crashed), text(*store_));
  EXPECT_EQ(Count(*crashed, "SELECT count(*) FROM fake_event WHERE kind = 'raised'"), 4);
  EXPECT_EQ(Count(*crashed, "SELECT count(*) FROM audit_event WHERE kind = 'monitor.run'"), 1);
  EXPECT_EQ(Monitor(*crashed, sink, options).run_id, 0);  // and then nothing is left to do
}

TEST_F(MonitorTest, OneRunAtATime) {
  ImportList(*store_, kV1);
  ImportBook(*store_, kBook);
  ASSERT_TRUE(Exec(store_->handle(),
                   "INSERT INTO monitor_run(started_at, status, full_rescreen, targets, holder, "
                   "heartbeat_at) VALUES ('2099-01-01T00:00:00.000Z', 'running', 1, "
                   "'{\"versions\": {}, \"book_rev\": 0, \"full\": true}', 'other', "
                   "'2099-01-01T00:00:00.000Z')")
                  .ok());
  const Deps& d = TheDeps();
  MonitorReport r;
  Status st = RunMonitor(*store_, {d.normalizer.get(), &d.stats, &d.countries}, *sink_, {}, &r);
  EXPECT_EQ(st.code(), Status::Code::kConflict) << st.message();
  EXPECT_EQ(Events(*store_).size(), 0u);
}

}  // namespace
}  // namespace interdict

#include "monitor/monitor.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "core/engine_version.h"
#include "core/utc_now.h"
#include "match/name_scorer.h"
#include "monitor/customer_store.h"
#include "store/audit_chain.h"
#include "store/db.h"

namespace interdict {
namespace {

using json = nlohmann::json;

// What a run brings the alerts to: a version per source and a book revision.
struct Targets {
  std::map<std::string, int64_t> versions;
  int64_t book_rev = 0;
  bool full = false;
  json ToJson() const { return {{"versions", versions}, {"book_rev", book_rev}, {"full", full}}; }
  static Targets FromJson(const json& j) {
    Targets t;
    t.versions = j.at("versions").get<std::map<std::string, int64_t>>();
    t.book_rev = j.at("book_rev").get<int64_t>();
    t.full = j.at("full").get<bool>();
    return t;
  }
};

// What the alerts reflect now (monitor_source_state, monitor_book_state).
struct States {
  std::map<std::string, int64_t> versions;
  bool has_book = false;
  int64_t book_rev = 0;
};

// The phases of a run, in order; a work item's key orders the run and is the cursor.
enum Phase { kCustomers = 1, kRecords = 2, kRemoved = 3, kDeletedCustomers = 4 };
const char* PhaseName(int p) {
  static const char* kNames[] = {"", "customers", "records", "delisted", "deleted customers"};
  return kNames[p];
}

struct WorkItem {
  Phase phase;
  std::string id;  // customer id or entity id
  std::string source;
  int64_t from = 0, to = 0;  // list versions (records: from 0 = added)
  std::string Key() const { return std::to_string(phase) + "\x1f" + id; }
};

struct Counts {
  int64_t records = 0, customers = 0, hits = 0, raised = 0, reopened = 0, rescored = 0,
          unchanged = 0, suppressed = 0, delisted = 0, no_longer = 0, deleted = 0;
  json ToJson() const {
    return {{"records_screened", records},
            {"customers_screened", customers},
            {"hits", hits},
            {"raised", raised},
            {"reopened", reopened},
            {"rescored", rescored},
            {"unchanged", unchanged},
            {"suppressed", suppressed},
            {"delisted", delisted},
            {"no_longer_matches", no_longer},
            {"customers_deleted", deleted}};
  }
  void FromJson(const json& j) {
    const std::pair<const char*, int64_t*> fields[] = {{"records_screened", &records},
                                                       {"customers_screened", &customers},
                                                       {"hits", &hits},
                                                       {"raised", &raised},
                                                       {"reopened", &reopened},
                                                       {"rescored", &rescored},
                                                       {"unchanged", &unchanged},
                                                       {"suppressed", &suppressed},
                                                       {"delisted", &delisted},
                                                       {"no_longer_matches", &no_longer},
                                                       {"customers_deleted", &deleted}};
    for (const auto& [name, field] : fields) *field = j.value(name, int64_t{0});
  }
};

std::string HostName() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return host;
}

// "pid@host#nonce": names the process holding a run's lease.
std::string NewHolder() {
  std::random_device rd;
  return std::to_string(getpid()) + "@" + HostName() + "#" + std::to_string(rd());
}

// Whether `holder` is a process of this host that no longer exists (a crashed run, which need
// not wait out its lease).
bool HolderIsDead(const std::string& holder) {
  const size_t at = holder.find('@'), hash = holder.rfind('#');
  if (at == std::string::npos || hash == std::string::npos || hash < at) return false;
  if (holder.substr(at + 1, hash - at - 1) != HostName()) return false;
  const long pid = std::strtol(holder.c_str(), nullptr, 10);
  return pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

Status ReadStates(Db* db, States* out) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT source, version_id FROM monitor_source_state", &q));
  for (bool row = false;;) {
    INTERDICT_RETURN_IF_ERROR(q.Step(&row));
    if (!row) break;
    out->versions[q.ColumnText(0)] = q.ColumnInt(1);
  }
  Stmt b;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db, "SELECT rev FROM monitor_book_state", &b));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(b.Step(&row));
  out->has_book = row;
  out->book_rev = row ? b.ColumnInt(0) : 0;
  return Status::Ok();
}

// The running run, if any: its id, targets, cursor, counts, holder and heartbeat.
struct RunRow {
  int64_t id = 0;
  Targets targets;
  std::string cursor;
  Counts counts;
  std::string holder, heartbeat;
};

Status FindRunning(Db* db, bool* found, RunRow* out) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          "SELECT id, targets, cursor, counts, holder, "
                                          "heartbeat_at FROM monitor_run WHERE status = "
                                          "'running' ORDER BY id",
                                          &q));
  INTERDICT_RETURN_IF_ERROR(q.Step(found));
  if (!*found) return Status::Ok();
  out->id = q.ColumnInt(0);
  json targets = json::parse(q.ColumnText(1), nullptr, false);
  json counts = json::parse(q.ColumnText(3), nullptr, false);
  if (targets.is_discarded() || counts.is_discarded())
    return Status::Internal("monitor run " + std::to_string(out->id) + " has unreadable JSON");
  out->targets = Targets::FromJson(targets);
  out->cursor = q.ColumnText(2);
  out->counts.FromJson(counts);
  out->holder = q.ColumnText(4);
  out->heartbeat = q.ColumnText(5);
  return Status::Ok();
}

Status CurrentTargets(Store& store, const States& states, Targets* out) {
  std::vector<ListVersion> latest;
  INTERDICT_RETURN_IF_ERROR(store.LatestVersions(&latest));
  if (latest.empty())
    return Status::NotFound("no list versions in the store: nothing to monitor against");
  for (const ListVersion& v : latest) out->versions[v.source] = v.id;
  INTERDICT_RETURN_IF_ERROR(BookRev(store, &out->book_rev));
  out->full = !states.has_book;
  return Status::Ok();
}

// Takes the lease: resumes a running run whose heartbeat is stale, refuses one that is alive,
// else starts a run towards the current targets (none when the alerts are up to date: *run->id
// stays 0). *states receives the monitored state.
Status TakeLease(Store& store, const MonitorOptions& options, const std::string& holder,
                 States* states, RunRow* run, bool* resumed) {
  Db* db = store.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  INTERDICT_RETURN_IF_ERROR(ReadStates(db, states));
  bool found = false;
  INTERDICT_RETURN_IF_ERROR(FindRunning(db, &found, run));
  const std::string now = UtcNowMillis();
  if (found) {
    if (run->heartbeat > UtcMillisAgo(options.lease_seconds) && !HolderIsDead(run->holder))
      return Status::Conflict("another monitor run is in progress (run " + std::to_string(run->id) +
                              ", " + run->holder + ", heartbeat " + run->heartbeat + ")");
    Stmt take;
    INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
        db, "UPDATE monitor_run SET holder = ?, heartbeat_at = ? WHERE id = ?", &take));
    take.Bind(1, holder).Bind(2, now).Bind(3, run->id);
    INTERDICT_RETURN_IF_ERROR(take.Step());
    *resumed = true;
    return txn.Commit();
  }
  Targets t;
  INTERDICT_RETURN_IF_ERROR(CurrentTargets(store, *states, &t));
  if (!t.full && t.versions == states->versions && t.book_rev == states->book_rev) {
    run->id = 0;
    return Status::Ok();  // up to date: nothing written
  }
  Stmt insert;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          "INSERT INTO monitor_run(started_at, status, "
                                          "full_rescreen, targets, cursor, counts, holder, "
                                          "heartbeat_at) VALUES (?, 'running', ?, ?, '', "
                                          "'{}', ?, ?) RETURNING id",
                                          &insert));
  insert.Bind(1, now).Bind(2, int64_t{t.full ? 1 : 0}).Bind(3, t.ToJson().dump()).Bind(4, holder);
  insert.Bind(5, now);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(insert.Step(&row));
  if (!row) return Status::Internal("INSERT ... RETURNING gave no row");
  run->id = insert.ColumnInt(0);
  insert = Stmt();
  run->targets = t;
  *resumed = false;
  return txn.Commit();
}

// Inside a batch's transaction: the lease must still be ours (a run that stalled past the lease
// may have been taken over; it must not write on).
Status CheckLease(Db* db, int64_t run_id, const std::string& holder) {
  Stmt q;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT holder FROM monitor_run WHERE id = ? AND status = 'running'", &q));
  q.Bind(1, run_id);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(q.Step(&row));
  if (!row || q.ColumnText(0) != holder)
    return Status::Conflict("monitor run " + std::to_string(run_id) +
                            " was taken over by another monitor (this one stalled past its lease)");
  return Status::Ok();
}

class Run {
 public:
  Run(Store& store, const ScreeningDeps& deps, AlertSink& sink, const MonitorOptions& options,
      std::string holder, RunRow row, States states)
      : store_(store),
        deps_(deps),
        sink_(sink),
        options_(options),
        holder_(std::move(holder)),
        row_(std::move(row)),
        states_(std::move(states)) {}

  Status Plan();
  Status Execute();
  const Counts& counts() const { return row_.counts; }

 private:
  Status PlanRecords(const std::string& source, int64_t from, int64_t to);
  Status ScreenBatch(size_t begin, size_t end, std::vector<PairHit>* hits,
                     std::vector<PairHit>* gone);
  Status Commit(size_t begin, size_t end, const std::vector<PairHit>& hits,
                const std::vector<PairHit>& gone);
  Status Finish();
  Status ListsMatcher(const Matcher** out);
  Status Book(const std::vector<const Customer*>** out);

  Store& store_;
  const ScreeningDeps& deps_;
  AlertSink& sink_;
  const MonitorOptions& options_;
  std::string holder_;
  RunRow row_;
  States states_;
  std::vector<WorkItem> items_;
  std::map<std::string, Customer> customers_;      // the customers the run screens forward
  std::map<std::string, Customer> old_customers_;  // those of them changed: as last monitored
  std::unique_ptr<Matcher> lists_;
  std::vector<Customer> book_;  // the book, loaded when a record is to be screened against it
  std::vector<const Customer*> book_ptrs_;
  bool book_loaded_ = false;
};

Status Run::PlanRecords(const std::string& source, int64_t from, int64_t to) {
  if (from == 0) {  // a source never monitored: all of its records are new
    return store_.ReadRecords(to, [&](Entity&& e) {
      items_.push_back(WorkItem{kRecords, e.id, source, 0, to});
      return Status::Ok();
    });
  }
  VersionDiff diff;
  INTERDICT_RETURN_IF_ERROR(store_.Diff(from, to, &diff));
  for (const std::string& id : diff.added) items_.push_back(WorkItem{kRecords, id, source, 0, to});
  for (const RecordChange& c : diff.changed)
    items_.push_back(WorkItem{kRecords, c.entity_id, source, from, to});
  for (const std::string& id : diff.removed)
    items_.push_back(WorkItem{kRemoved, id, source, from, to});
  return Status::Ok();
}

Status Run::Plan() {
  const Targets& t = row_.targets;
  std::vector<Customer> changed;
  std::vector<std::string> deleted;
  if (t.full) {
    INTERDICT_RETURN_IF_ERROR(
        ChangedCustomers(store_, *deps_.countries, -1, t.book_rev, &changed, &deleted));
    deleted.clear();  // nothing was ever monitored for them
  } else {
    for (const auto& [source, to] : t.versions) {
      auto it = states_.versions.find(source);
      const int64_t from = it == states_.versions.end() ? 0 : it->second;
      if (from != to) INTERDICT_RETURN_IF_ERROR(PlanRecords(source, from, to));
    }
    INTERDICT_RETURN_IF_ERROR(ChangedCustomers(store_, *deps_.countries, states_.book_rev,
                                               t.book_rev, &changed, &deleted));
  }
  for (Customer& c : changed) {
    items_.push_back(WorkItem{kCustomers, c.id, "", 0, 0});
    Customer old;
    bool found = false;
    if (!t.full)
      INTERDICT_RETURN_IF_ERROR(
          CustomerAsOf(store_, *deps_.countries, c.id, states_.book_rev, &old, &found));
    if (found) old_customers_.emplace(c.id, std::move(old));
    std::string id = c.id;
    customers_.emplace(std::move(id), std::move(c));
  }
  for (const std::string& id : deleted) items_.push_back(WorkItem{kDeletedCustomers, id, "", 0, 0});
  std::sort(items_.begin(), items_.end(),
            [](const WorkItem& a, const WorkItem& b) { return a.Key() < b.Key(); });
  // Resuming: what the cursor names is done.
  size_t done = 0;
  while (done < items_.size() && !row_.cursor.empty() && items_[done].Key() <= row_.cursor) ++done;
  items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(done));
  return Status::Ok();
}

Status Run::ListsMatcher(const Matcher** out) {
  if (lists_ == nullptr) {
    std::vector<Entity> records;
    std::vector<ListVersion> versions;
    for (const auto& [source, id] : row_.targets.versions) {
      versions.emplace_back();
      INTERDICT_RETURN_IF_ERROR(store_.GetVersion(id, &versions.back()));
      INTERDICT_RETURN_IF_ERROR(store_.ReadRecords(id, [&](Entity&& e) {
        records.push_back(std::move(e));
        return Status::Ok();
      }));
    }
    lists_ = std::make_unique<Matcher>(
        Snapshot::Build(std::move(records), std::move(versions), *deps_.normalizer, *deps_.stats,
                        TokenSimilarityOf),
        *deps_.normalizer, *deps_.stats, *deps_.countries);
  }
  *out = lists_.get();
  return Status::Ok();
}

Status Run::Book(const std::vector<const Customer*>** out) {
  if (!book_loaded_) {
    INTERDICT_RETURN_IF_ERROR(
        ForEachCustomer(store_, *deps_.countries, false, [&](Customer&& c, const CustomerMeta&) {
          book_.push_back(std::move(c));
          return Status::Ok();
        }));
    for (const Customer& c : book_) book_ptrs_.push_back(&c);
    book_loaded_ = true;
  }
  *out = &book_ptrs_;
  return Status::Ok();
}

// Appends `more` to *to.
void Append(std::vector<PairHit>&& more, std::vector<PairHit>* to) {
  for (PairHit& h : more) to->push_back(std::move(h));
}

Status Run::ScreenBatch(size_t begin, size_t end, std::vector<PairHit>* hits,
                        std::vector<PairHit>* gone) {
  std::vector<Entity> records, old_records;
  std::vector<const Customer*> customers, old_customers;
  for (size_t i = begin; i < end; ++i) {
    const WorkItem& item = items_[i];
    if (item.phase == kCustomers) {
      customers.push_back(&customers_.at(item.id));
      if (auto it = old_customers_.find(item.id); it != old_customers_.end())
        old_customers.push_back(&it->second);
    }
    if (item.phase != kRecords) continue;
    records.emplace_back();
    INTERDICT_RETURN_IF_ERROR(store_.GetEntity(item.id, item.to, &records.back(), nullptr));
    if (item.from == 0) continue;
    old_records.emplace_back();
    INTERDICT_RETURN_IF_ERROR(store_.GetEntity(item.id, item.from, &old_records.back(), nullptr));
  }
  // The pairs now, and those of the changed customers and records as they were: a pair only in
  // the second no longer matches.
  std::vector<PairHit> fresh, old, part;
  if (!customers.empty()) {
    const Matcher* lists = nullptr;
    INTERDICT_RETURN_IF_ERROR(ListsMatcher(&lists));
    INTERDICT_RETURN_IF_ERROR(ForwardScreen(*lists, customers, options_.screen, &part));
    Append(std::move(part), &fresh);
    INTERDICT_RETURN_IF_ERROR(ForwardScreen(*lists, old_customers, options_.screen, &part));
    Append(std::move(part), &old);
  }
  if (!records.empty()) {
    const std::vector<const Customer*>* book = nullptr;
    INTERDICT_RETURN_IF_ERROR(Book(&book));
    INTERDICT_RETURN_IF_ERROR(
        ReverseScreen(*book, records, row_.targets.versions, deps_, options_.screen, &part));
    Append(std::move(part), &fresh);
    INTERDICT_RETURN_IF_ERROR(
        ReverseScreen(*book, old_records, states_.versions, deps_, options_.screen, &part));
    Append(std::move(part), &old);
  }
  std::set<std::pair<std::string, std::string>> now;
  for (const PairHit& h : fresh) now.emplace(h.customer_id, h.entity_id);
  for (PairHit& h : old)  // inserted into `now` once reported: a pair is reported once
    if (now.emplace(h.customer_id, h.entity_id).second) gone->push_back(std::move(h));
  Append(std::move(fresh), hits);
  return Status::Ok();
}

Status Run::Commit(size_t begin, size_t end, const std::vector<PairHit>& hits,
                   const std::vector<PairHit>& gone) {
  Db* db = store_.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  INTERDICT_RETURN_IF_ERROR(CheckLease(db, row_.id, holder_));
  Counts c = row_.counts;
  for (const PairHit& h : hits) {
    RaiseOutcome outcome;
    INTERDICT_RETURN_IF_ERROR(sink_.Hit(h, &outcome));
    ++c.hits;
    int64_t* counter[] = {&c.raised, &c.reopened, &c.rescored, &c.unchanged, &c.suppressed};
    ++*counter[static_cast<int>(outcome)];
  }
  for (const PairHit& h : gone) {
    INTERDICT_RETURN_IF_ERROR(
        sink_.NoLongerMatches(h.customer_id, h.entity_id, row_.targets.versions.at(h.source)));
    ++c.no_longer;
  }
  for (size_t i = begin; i < end; ++i) {
    const WorkItem& item = items_[i];
    if (item.phase == kRecords) ++c.records;
    if (item.phase == kCustomers) ++c.customers;
    if (item.phase == kRemoved) {
      int64_t closed = 0;
      INTERDICT_RETURN_IF_ERROR(sink_.Delisted(item.id, item.to, &closed));
      c.delisted += closed;
    }
    if (item.phase == kDeletedCustomers) {
      INTERDICT_RETURN_IF_ERROR(sink_.CustomerDeleted(item.id));
      ++c.deleted;
    }
  }
  Stmt cursor;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, "UPDATE monitor_run SET cursor = ?, counts = ?, heartbeat_at = ? WHERE id = ?", &cursor));
  cursor.Bind(1, items_[end - 1].Key()).Bind(2, c.ToJson().dump()).Bind(3, UtcNowMillis());
  cursor.Bind(4, row_.id);
  INTERDICT_RETURN_IF_ERROR(cursor.Step());
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  row_.counts = c;
  return Status::Ok();
}

Status Run::Finish() {
  Db* db = store_.db();
  Transaction txn(db, Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  INTERDICT_RETURN_IF_ERROR(CheckLease(db, row_.id, holder_));
  Stmt source, book, done;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db,
                    "INSERT INTO monitor_source_state(source, version_id) VALUES (?, ?) "
                    "ON CONFLICT (source) DO UPDATE SET version_id = excluded.version_id",
                    &source));
  json versions = json::array();
  for (const auto& [name, id] : row_.targets.versions) {
    source.Reset();
    source.Bind(1, name).Bind(2, id);
    INTERDICT_RETURN_IF_ERROR(source.Step());
    versions.push_back({{"source", name}, {"version", id}});
  }
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(db,
                                          "INSERT INTO monitor_book_state(id, rev) VALUES (1, ?) "
                                          "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev",
                                          &book));
  book.Bind(1, row_.targets.book_rev);
  INTERDICT_RETURN_IF_ERROR(book.Step());
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db, "UPDATE monitor_run SET status = 'done', finished_at = ? WHERE id = ?", &done));
  done.Bind(1, UtcNowMillis()).Bind(2, row_.id);
  INTERDICT_RETURN_IF_ERROR(done.Step());
  AuditEvent event;
  event.who = options_.who;
  event.kind = "monitor.run";
  event.subject = "monitor_run:" + std::to_string(row_.id);
  json detail = row_.counts.ToJson();
  detail["full"] = row_.targets.full;
  detail["book_rev"] = row_.targets.book_rev;
  event.detail = detail.dump();
  event.list_versions = versions.dump();
  event.settings = json{{"threshold", options_.screen.threshold}}.dump();
  event.engine_version = EngineVersion();
  INTERDICT_RETURN_IF_ERROR(AppendAuditEvent(store_, &event));
  return txn.Commit();
}

Status Run::Execute() {
  const size_t batch = std::max<size_t>(options_.batch, 1);
  int committed = 0;
  for (size_t begin = 0; begin < items_.size(); begin += batch) {
    const size_t end = std::min(items_.size(), begin + batch);
    std::vector<PairHit> hits, gone;
    INTERDICT_RETURN_IF_ERROR(ScreenBatch(begin, end, &hits, &gone));
    INTERDICT_RETURN_IF_ERROR(Commit(begin, end, hits, gone));
    if (options_.progress)
      options_.progress(PhaseName(items_[end - 1].phase), static_cast<int64_t>(end),
                        static_cast<int64_t>(items_.size()));
    if (++committed == options_.crash_after_batches) _exit(70);
  }
  return Finish();
}

}  // namespace

Status RunMonitor(Store& store, const ScreeningDeps& deps, AlertSink& sink,
                  const MonitorOptions& options, MonitorReport* report) {
  *report = MonitorReport();
  const std::string holder = NewHolder();
  States states;
  RunRow row;
  bool resumed = false;
  INTERDICT_RETURN_IF_ERROR(TakeLease(store, options, holder, &states, &row, &resumed));
  if (row.id == 0) return Status::Ok();
  report->run_id = row.id;
  report->full = row.targets.full;
  report->resumed = resumed;
  report->book_rev = row.targets.book_rev;
  for (const auto& [source, id] : row.targets.versions) {
    report->targets.emplace_back();
    INTERDICT_RETURN_IF_ERROR(store.GetVersion(id, &report->targets.back()));
  }
  Run run(store, deps, sink, options, holder, std::move(row), std::move(states));
  INTERDICT_RETURN_IF_ERROR(run.Plan());
  INTERDICT_RETURN_IF_ERROR(run.Execute());
  const Counts& c = run.counts();
  report->records_screened = c.records;
  report->customers_screened = c.customers;
  report->hits = c.hits;
  report->raised = c.raised;
  report->reopened = c.reopened;
  report->rescored = c.rescored;
  report->unchanged = c.unchanged;
  report->suppressed = c.suppressed;
  report->delisted = c.delisted;
  report->no_longer_matches = c.no_longer;
  report->customers_deleted = c.deleted;
  return Status::Ok();
}

nlohmann::json MonitorReportToJson(const MonitorReport& r) {
  using nlohmann::json;
  json versions = json::array();
  for (const ListVersion& v : r.targets)
    versions.push_back({{"source", v.source}, {"version", v.id}});
  return {{"run", r.run_id},
          {"full", r.full},
          {"resumed", r.resumed},
          {"list_versions", versions},
          {"book_rev", r.book_rev},
          {"records_screened", r.records_screened},
          {"customers_screened", r.customers_screened},
          {"hits", r.hits},
          {"raised", r.raised},
          {"reopened", r.reopened},
          {"rescored", r.rescored},
          {"unchanged", r.unchanged},
          {"suppressed", r.suppressed},
          {"delisted", r.delisted},
          {"no_longer_matches", r.no_longer_matches},
          {"customers_deleted", r.customers_deleted}};
}

}  // namespace interdict

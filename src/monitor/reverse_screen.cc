#include "monitor/reverse_screen.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/entity_json.h"
#include "match/name_scorer.h"
#include "match/query_json.h"
#include "store/sha256_hex.h"

namespace interdict {
namespace {

// Runs fn(i, worker) for i in [0, n) on up to `threads` threads; the first error stops
// the others from taking more work and is returned.
Status ParallelFor(size_t n, int threads, const std::function<Status(size_t, int)>& fn) {
  threads =
      static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  Status first;
  auto work = [&](int worker) {
    for (size_t i; !failed.load() && (i = next.fetch_add(1)) < n;) {
      Status s = fn(i, worker);
      if (s.ok()) continue;
      std::lock_guard<std::mutex> lock(mu);
      if (!failed.exchange(true)) first = s;
    }
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  return first;
}

PairHit MakeHit(const Customer& c, const MatchResult& m, int64_t list_version) {
  PairHit hit;
  hit.customer_id = c.id;
  hit.entity_id = m.entity->id;
  hit.source = m.entity->source;
  hit.list_version = list_version;
  hit.score = m.score;
  hit.explanation = MatchToJson(m).dump();
  hit.customer_fp = CustomerFingerprint(c);
  hit.entity_fp = EntityFingerprint(*m.entity);
  return hit;
}

// Screens every name of `c` on `matcher`; per record the best-scoring name's match (the first
// name on a tie) becomes a hit.
Status ScreenCustomer(const Matcher& matcher, const Customer& c, const ScreenOptions& options,
                      const std::map<std::string, int64_t>& version_of_source,
                      Matcher::Session* session, std::vector<PairHit>* out) {
  std::map<std::string, MatchResult> best;  // by entity id
  for (const ScreeningQuery& q : CustomerQueries(c)) {
    ScreenResult result;
    INTERDICT_RETURN_IF_ERROR(
        matcher.Screen(q, options, session, &result).WithContext("screening customer " + c.id));
    for (MatchResult& m : result.matches) {
      auto it = best.find(m.entity->id);
      if (it == best.end() || m.score > it->second.score) best[m.entity->id] = std::move(m);
    }
  }
  for (const auto& [id, m] : best) {
    auto v = version_of_source.find(m.entity->source);
    out->push_back(MakeHit(c, m, v == version_of_source.end() ? 0 : v->second));
  }
  return Status::Ok();
}

void SortHits(std::vector<PairHit>* hits) {
  std::sort(hits->begin(), hits->end(), [](const PairHit& a, const PairHit& b) {
    return std::tie(a.customer_id, a.entity_id) < std::tie(b.customer_id, b.entity_id);
  });
}

std::vector<PairHit> Merge(std::vector<std::vector<PairHit>>* per_worker) {
  std::vector<PairHit> all;
  for (auto& part : *per_worker)
    for (PairHit& h : part) all.push_back(std::move(h));
  SortHits(&all);
  return all;
}

int Threads(int threads) {
  return threads > 0 ? threads
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

std::string EntityFingerprint(const Entity& record) {
  return Sha256Hex(EntityToJson(record).dump());
}

Status ForwardScreen(const Matcher& lists, const std::vector<const Customer*>& customers,
                     const ScreenPassOptions& options, std::vector<PairHit>* out) {
  std::map<std::string, int64_t> version_of_source;
  for (const ListVersion& v : lists.snapshot().versions()) version_of_source[v.source] = v.id;
  const int threads = Threads(options.threads);
  std::vector<std::unique_ptr<Matcher::Session>> sessions;
  for (int i = 0; i < threads; ++i) sessions.push_back(lists.NewSession());
  std::vector<std::vector<PairHit>> hits(static_cast<size_t>(threads));
  ScreenOptions o;
  o.threshold = options.threshold;
  o.limit = 0;
  INTERDICT_RETURN_IF_ERROR(ParallelFor(customers.size(), threads, [&](size_t i, int w) {
    const size_t worker = static_cast<size_t>(w);
    return ScreenCustomer(lists, *customers[i], o, version_of_source, sessions[worker].get(),
                          &hits[worker]);
  }));
  *out = Merge(&hits);
  return Status::Ok();
}

Status ReverseScreen(const std::vector<const Customer*>& customers,
                     const std::vector<Entity>& records,
                     const std::map<std::string, int64_t>& version_of_source,
                     const ScreeningDeps& deps, const ScreenPassOptions& options,
                     std::vector<PairHit>* out) {
  out->clear();
  if (records.empty() || customers.empty()) return Status::Ok();
  std::vector<ListVersion> versions;
  for (const auto& [source, id] : version_of_source) {
    ListVersion v;
    v.id = id;
    v.source = source;
    versions.push_back(std::move(v));
  }
  const Matcher delta(
      Snapshot::Build(records, versions, *deps.normalizer, *deps.stats, TokenSimilarityOf),
      *deps.normalizer, *deps.stats, *deps.countries);
  return ForwardScreen(delta, customers, options, out);
}

}  // namespace interdict

// Screening speed and candidate recall, measured on a store and a deck of JSON-lines queries.
//
// usage: screen_bench DB DECK [--data-dir DIR] [--threshold T] [--limit K] [--repeat N]
//                    [--no-recall] [--no-top-k-levels]
//
// Prints: snapshot (index) build time and size, peak RSS, single-thread throughput of Screen()
// over the deck, per-query latency percentiles, and the recall of the candidate index: among the
// (query, record) pairs that an exhaustive scan of every list name scores at or above the
// threshold, the share the index-based screen also returns.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/data_dir.h"
#include "index/prepared_name.h"
#include "index/snapshot.h"
#include "match/matcher.h"
#include "match/query_json.h"
#include "normalize/normalizer.h"
#include "store/store.h"

using namespace interdict;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int Die(const Status& s) {
  std::fprintf(stderr, "screen_bench: %s\n", s.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: screen_bench DB DECK [--data-dir DIR] [--threshold T] [--limit K] "
                 "[--repeat N] [--no-recall] [--no-top-k-levels]\n");
    return 2;
  }
  std::string db = argv[1], deck = argv[2], data_flag;
  float threshold = kDefaultThreshold;
  int repeat = 3;
  size_t limit = 10;
  bool recall = true;
  bool top_k_levels = true;  // ScreenOptions::top_k_levels
  for (int i = 3; i < argc; ++i) {
    std::string f = argv[i];
    if (f == "--no-recall" || f == "--no-top-k-levels") {
      (f == "--no-recall" ? recall : top_k_levels) = false;
      continue;
    }
    if (i + 1 >= argc) break;
    if (f == "--data-dir")
      data_flag = argv[i + 1];
    else if (f == "--threshold")
      threshold = std::stof(argv[i + 1]);
    else if (f == "--limit")
      limit = std::stoul(argv[i + 1]);
    else if (f == "--repeat")
      repeat = std::stoi(argv[i + 1]);
  }
  std::string data_dir = ResolveDataDir(data_flag);
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  if (Status s = CountryTable::LoadDefault(data_dir, &countries); !s.ok()) return Die(s);
  if (Status s = NameNormalizer::Load(data_dir, &normalizer); !s.ok()) return Die(s);
  if (Status s = TokenStats::Load(data_dir + "/token_stats.tsv", &stats); !s.ok()) return Die(s);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(db, &store); !s.ok()) return Die(s);

  long rss_before = PeakRssKb();
  auto t0 = Clock::now();
  std::shared_ptr<const Snapshot> snapshot;
  if (Status s = Snapshot::Load(*store, {}, *normalizer, stats, TokenSimilarityOf, &snapshot);
      !s.ok())
    return Die(s);
  auto t1 = Clock::now();
  const NameIndex& index = snapshot->index();
  std::printf("snapshot: %zu records, %zu names, %zu distinct tokens, %zu keys\n",
              snapshot->entities().size(), index.name_count(), index.token_count(),
              index.key_count());
  std::printf(
      "snapshot load + index build: %.2f s; index ~%.1f MB; peak RSS %.1f MB (%.1f MB before)\n",
      Seconds(t0, t1), index.MemoryBytes() / 1e6, PeakRssKb() / 1024.0, rss_before / 1024.0);

  std::vector<ScreeningQuery> queries;
  std::vector<std::set<std::string>> expected;  // the deck's "expect" ids, when it has them
  std::vector<std::string> classes;             // the deck's "class", when it has one
  std::ifstream in(deck);
  std::string line;
  while (std::getline(in, line)) {
    ScreeningQuery q;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!QueryFromJson(j, &q).ok()) continue;
    queries.push_back(std::move(q));
    std::set<std::string> ids;
    if (j.contains("expect") && j["expect"].is_array())
      for (const auto& id : j["expect"])
        if (id.is_string()) ids.insert(id.get<std::string>());
    expected.push_back(std::move(ids));
    classes.push_back(j.value("class", std::string("-")));
  }
  std::printf("queries: %zu from %s\n", queries.size(), deck.c_str());

  Matcher matcher(snapshot, *normalizer, stats, countries);
  auto session = matcher.NewSession();
  ScreenOptions options{threshold, limit, false};
  options.top_k_levels = top_k_levels;
  ScreenResult out;
  std::vector<double> latencies;
  latencies.reserve(queries.size() * repeat);
  std::map<std::string, std::pair<double, size_t>> by_class;  // total us, screens
  std::vector<double> query_us(queries.size(), 0);
  size_t errors = 0, matches = 0, candidates = 0;
  auto b0 = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t qi = 0; qi < queries.size(); ++qi) {
      auto q0 = Clock::now();
      if (!matcher.Screen(queries[qi], options, session.get(), &out).ok()) ++errors;
      latencies.push_back(Seconds(q0, Clock::now()) * 1e6);
      query_us[qi] += latencies.back() / repeat;
      candidates += session->candidates.size();
      auto& c = by_class[classes[qi]];
      c.first += latencies.back();
      ++c.second;
      matches += out.matches.size();
    }
  }
  double total = Seconds(b0, Clock::now());

  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) { return latencies[static_cast<size_t>(p * (latencies.size() - 1))]; };
  std::printf("single thread: %.0f queries/s over %zu screens (%zu errors, %.2f matches/query)\n",
              latencies.size() / total, latencies.size(), errors,
              static_cast<double>(matches) / latencies.size());
  std::printf("candidate names aligned per query: %.2f\n",
              static_cast<double>(candidates) / latencies.size());
  std::printf("latency us: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n", pct(0.5), pct(0.9), pct(0.99),
              latencies.back());
  // Query normalisation alone (tokens, keys, weights), as Screen() does it first.
  auto n0 = Clock::now();
  size_t tokens = 0;
  for (int r = 0; r < repeat; ++r)
    for (const ScreeningQuery& q : queries)
      tokens += Prepare(normalizer->Normalize(q.name, q.schema.value_or(Schema::kEntity)), stats,
                        *normalizer)
                    .tokens.size();
  std::printf("query normalisation alone: %.2f us per query (%.1f tokens)\n",
              Seconds(n0, Clock::now()) * 1e6 / (queries.size() * repeat),
              static_cast<double>(tokens) / (queries.size() * repeat));
  double all_us = 0;
  for (const auto& [name, c] : by_class) all_us += c.first;
  std::printf("by deck class: mean us, share of the time\n");
  for (const auto& [name, c] : by_class)
    std::printf("  %-14s %7.1f  %4.1f%%\n", name.c_str(), c.first / c.second,
                100.0 * c.first / all_us);
  std::vector<size_t> slowest(queries.size());
  for (size_t i = 0; i < slowest.size(); ++i) slowest[i] = i;
  std::sort(slowest.begin(), slowest.end(),
            [&](size_t a, size_t b) { return query_us[a] > query_us[b]; });
  std::printf("slowest queries: mean us\n");
  for (size_t i = 0; i < std::min<size_t>(10, slowest.size()); ++i)
    std::printf("  %7.1f  %s (%s)\n", query_us[slowest[i]], queries[slowest[i]].name.c_str(),
                classes[slowest[i]].c_str());

  if (!recall) return 0;
  // Candidate recall against an exhaustive scan: over all (query, record) pairs the exhaustive
  // scan puts at or above the threshold, and over the positives whose expected record it finds.
  size_t exhaustive_pairs = 0, found_pairs = 0, true_exhaustive = 0, true_found = 0;
  std::vector<std::string> misses;
  ScreenOptions all{threshold, 0, true};
  ScreenOptions indexed{threshold, 0, false};
  auto e0 = Clock::now();
  for (size_t qi = 0; qi < queries.size(); ++qi) {
    const ScreeningQuery& q = queries[qi];
    ScreenResult ex, ix;
    if (!matcher.Screen(q, all, session.get(), &ex).ok()) continue;
    if (!matcher.Screen(q, indexed, session.get(), &ix).ok()) continue;
    std::set<std::string> got;
    for (const MatchResult& m : ix.matches) got.insert(m.entity->id);
    bool true_in_ex = false, true_in_ix = false;
    for (const MatchResult& m : ex.matches) {
      ++exhaustive_pairs;
      bool is_true = expected[qi].count(m.entity->id) > 0;
      true_in_ex |= is_true;
      if (got.count(m.entity->id)) {
        ++found_pairs;
        true_in_ix |= is_true;
      } else if (misses.size() < 20) {
        misses.push_back(q.name + " -> " + m.entity->id + " (" + m.explanation.list_name + ")" +
                         (is_true ? " [expected record]" : ""));
      }
    }
    true_exhaustive += true_in_ex;
    true_found += true_in_ex && true_in_ix;
  }
  std::printf("candidate recall at threshold %.2f (exhaustive scan took %.1f s):\n",
              static_cast<double>(threshold), Seconds(e0, Clock::now()));
  std::printf("  expected record, positives the exhaustive scan detects: %zu of %zu = %.3f%%\n",
              true_found, true_exhaustive,
              true_exhaustive ? 100.0 * true_found / true_exhaustive : 100.0);
  std::printf("  every (query, record) pair the exhaustive scan reports: %zu of %zu = %.3f%%\n",
              found_pairs, exhaustive_pairs,
              exhaustive_pairs ? 100.0 * found_pairs / exhaustive_pairs : 100.0);
  for (const std::string& m : misses) std::printf("  missed: %s\n", m.c_str());
  return 0;
}

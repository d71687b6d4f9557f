// Monitoring cost: reverse screening a small delta of list records against a large customer book
// versus forward screening the whole book (what a full rescreen costs).
//
// usage: monitor_bench DB [--customers N] [--records K] [--threads T] [--data-dir DIR]
//
// DB holds imported lists. The book is N synthetic customers (seed 13): two or three tokens drawn
// from the person names of the lists (so customers share many tokens with listed names, the hard
// case for any name index), plus every 1,000th customer a listed person's exact name. The
// delta is the first K records of the lists. Prints the reverse pass over the K records, the
// forward pass over all N customers, the pairs each found, and the peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/data_dir.h"
#include "match/name_scorer.h"
#include "monitor/reverse_screen.h"
#include "normalize/normalizer.h"
#include "store/store.h"

using namespace interdict;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int Die(const Status& s) {
  std::fprintf(stderr, "monitor_bench: %s\n", s.message().c_str());
  return 1;
}

std::vector<Customer> MakeBook(size_t n, const std::vector<Entity>& records) {
  std::vector<std::string> tokens;
  std::vector<const Entity*> persons;
  for (const Entity& e : records) {
    if (e.schema != Schema::kPerson) continue;
    persons.push_back(&e);
    const std::string& name = e.primary_name().natural;
    for (size_t s = 0, end; s < name.size(); s = end + 1) {
      end = name.find(' ', s);
      if (end == std::string::npos) end = name.size();
      if (end - s > 2) tokens.push_back(name.substr(s, end - s));
    }
  }
  std::mt19937 rng(13);
  std::vector<Customer> book(n);
  for (size_t i = 0; i < n; ++i) {
    Customer& c = book[i];
    c.id = "B-" + std::to_string(i);
    c.type = Schema::kPerson;
    if (i % 1000 == 0 && !persons.empty()) {
      c.name = persons[rng() % persons.size()]->primary_name().natural;
      continue;
    }
    const int k = 2 + static_cast<int>(rng() % 2);
    for (int t = 0; t < k; ++t) c.name += (t ? " " : "") + tokens[rng() % tokens.size()];
  }
  return book;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: monitor_bench DB [--customers N] [--records K] [--threads T] "
                 "[--data-dir DIR]\n");
    return 2;
  }
  size_t n = 100000, k = 50;
  int threads = 1;
  std::string data_dir = ResolveDataDir("");
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--customers") n = std::strtoul(argv[i + 1], nullptr, 10);
    if (flag == "--records") k = std::strtoul(argv[i + 1], nullptr, 10);
    if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    if (flag == "--data-dir") data_dir = argv[i + 1];
  }
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  Status s = CountryTable::LoadDefault(data_dir, &countries);
  if (s.ok()) s = NameNormalizer::Load(data_dir, &normalizer);
  if (s.ok()) s = TokenStats::Load(data_dir + "/token_stats.tsv", &stats);
  std::unique_ptr<Store> store;
  if (s.ok()) s = Store::Open(argv[1], &store);
  std::shared_ptr<const Snapshot> lists;
  if (s.ok()) s = Snapshot::Load(*store, {}, *normalizer, stats, TokenSimilarityOf, &lists);
  if (!s.ok()) return Die(s);
  const ScreeningDeps deps{normalizer.get(), &stats, &countries};
  const Matcher matcher(lists, *normalizer, stats, countries);
  std::map<std::string, int64_t> versions;
  for (const ListVersion& v : lists->versions()) versions[v.source] = v.id;

  std::vector<Customer> book = MakeBook(n, lists->entities());
  std::vector<const Customer*> all;
  for (const Customer& c : book) all.push_back(&c);

  std::vector<Entity> delta(lists->entities().begin(),
                            lists->entities().begin() +
                                static_cast<std::ptrdiff_t>(std::min(k, lists->entities().size())));
  ScreenPassOptions options;
  options.threads = threads;
  std::vector<PairHit> reverse, forward;
  auto t = Clock::now();
  if (Status r = ReverseScreen(all, delta, versions, deps, options, &reverse); !r.ok())
    return Die(r);
  std::printf("reverse: %zu records against %zu customers in %.3f s, %zu pairs\n", delta.size(), n,
              Since(t), reverse.size());

  t = Clock::now();
  if (Status f = ForwardScreen(matcher, all, options, &forward); !f.ok()) return Die(f);
  std::set<std::string> delta_ids;
  for (const Entity& e : delta) delta_ids.insert(e.id);
  size_t on_delta = 0;
  for (const PairHit& h : forward) on_delta += delta_ids.count(h.entity_id);
  std::printf(
      "forward: %zu customers against %zu records in %.2f s, %zu pairs (%zu on the delta "
      "records)\n",
      n, lists->entities().size(), Since(t), forward.size(), on_delta);
  std::printf("threads %d, peak RSS %ld MB\n", threads, PeakRssMb());
  return 0;
}

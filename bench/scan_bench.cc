// Free-text scanning speed, and recall on list names planted in prose.
//
// usage: scan_bench DB TEXT... [--data-dir DIR] [--repeat N] [--plant N] [--show-missed]
//                   [--messages mt|iso20022 FILE]
//
// Prints: the scanner's build time and size (its own tables, and the RSS the build added), then
// for each TEXT its single-thread throughput (best of N runs) for
//   - the fast tokenizer alone (every token folded and hashed, nothing looked up),
//   - a full scan (parties and jurisdictions, with the precision policy),
//   - the normalizer's ToLatin over the same text, line by line (the ICU-capable name path,
//     for comparison),
// with the scan's counters (tokens, vocabulary hits, candidates, windows scored, hits).
// With --plant N, N names of listed records are planted in a copy of the first TEXT (one per
// paragraph, "... according to NAME, ..."), as written and with one typo in their longest part,
// and the share the scan reports (the right record, on the planted span) is printed.
// With --messages, the payment messages of FILE (MT or pacs.008) are parsed and screened
// (MessageScreener: names through the matcher, BICs, IBANs, places), single-threaded, and the
// messages per second of parsing alone and of parsing and screening are printed.
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/data_dir.h"
#include "index/snapshot.h"
#include "normalize/normalizer.h"
#include "scan/common_words.h"
#include "scan/jurisdictions.h"
#include "scan/message_screener.h"
#include "scan/mt_message.h"
#include "scan/pacs008.h"
#include "scan/scanner.h"
#include "store/store.h"

using namespace interdict;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

long RssKb() {
  std::ifstream in("/proc/self/statm");
  long pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * 4;
}

int Die(const Status& s) {
  std::fprintf(stderr, "scan_bench: %s\n", s.message().c_str());
  return 1;
}

// Best-of-`repeat` seconds for f().
template <typename F>
double Best(int repeat, F f) {
  double best = 1e30;
  for (int i = 0; i < repeat; ++i) {
    auto a = Clock::now();
    f();
    best = std::min(best, Seconds(a, Clock::now()));
  }
  return best;
}

std::string WithTypo(const std::string& name) {
  // Swap two inner letters of the longest word (a transposition: one of the commonest typos).
  size_t best_b = 0, best_len = 0, b = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == ' ' || name[i] == ',' || name[i] == '-') {
      if (i - b > best_len) {
        best_len = i - b;
        best_b = b;
      }
      b = i + 1;
    }
  }
  std::string out = name;
  const size_t at = best_b + best_len / 2;
  auto letter = [&](size_t i) { return std::isalpha(static_cast<unsigned char>(out[i])) != 0; };
  if (best_len >= 5 && letter(at) && letter(at + 1)) std::swap(out[at], out[at + 1]);
  return out;
}

// Parses and screens every message of `file`, best of `repeat`: messages per second.
int BenchMessages(const Scanner& scanner, std::shared_ptr<const Snapshot> snapshot,
                  const NameNormalizer& normalizer, const TokenStats& stats,
                  const CountryTable& countries, const std::string& format, const std::string& file,
                  int repeat) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Die(Status::IoError(file + ": cannot open"));
  const std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parse = [&](std::vector<PaymentMessage>* out) {
    return format == "mt" ? ParseMtMessages(input, out) : ParsePacs008(input, out);
  };
  std::vector<PaymentMessage> messages;
  Status status;
  const double parse_s = Best(repeat, [&] { status = parse(&messages); });
  if (!status.ok()) return Die(status.WithContext(file));
  Matcher matcher(std::move(snapshot), normalizer, stats, countries);
  auto a = Clock::now();
  MessageScreener screener(scanner, matcher, countries);
  const double build_s = Seconds(a, Clock::now());
  auto scan = scanner.NewSession();
  auto match = matcher.NewSession();
  size_t hits = 0;
  const double all_s = Best(repeat, [&] {
    hits = 0;
    status = parse(&messages);
    for (const PaymentMessage& m : messages) {
      std::vector<Hit> out;
      if (status.ok()) status = screener.Screen(m, {}, scan.get(), match.get(), &out);
      hits += out.size();
    }
  });
  if (!status.ok()) return Die(status.WithContext(file));
  const double n = static_cast<double>(messages.size());
  std::printf("\n%s: %zu %s messages, %.2f MB; screener built in %.2f ms\n", file.c_str(),
              messages.size(), format.c_str(), static_cast<double>(input.size()) / 1e6,
              build_s * 1e3);
  std::printf("  parse alone          %8.0f messages/s\n", n / parse_s);
  std::printf("  parse and screen     %8.0f messages/s  (%.2f ms a message; %zu hits)\n", n / all_s,
              all_s * 1e3 / n, hits);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: scan_bench DB TEXT... [--data-dir DIR] [--repeat N] [--plant N]\n");
    return 2;
  }
  std::string db = argv[1], data_flag;
  std::vector<std::string> files;
  int repeat = 3, plant = 0;
  bool show_missed = false;
  std::string message_format, message_file;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) {
      data_flag = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--show-missed") {
      show_missed = true;
    } else if (a == "--messages" && i + 2 < argc) {
      message_format = argv[++i];
      message_file = argv[++i];
      if (message_format != "mt" && message_format != "iso20022") {
        std::fprintf(stderr, "scan_bench: --messages takes mt or iso20022\n");
        return 2;
      }
    } else if (a == "--plant" && i + 1 < argc) {
      plant = std::atoi(argv[++i]);
    } else {
      files.push_back(a);
    }
  }
  const std::string data_dir = ResolveDataDir(data_flag);
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  JurisdictionTable jurisdictions;
  CommonWords common;
  if (Status s = CountryTable::LoadDefault(data_dir, &countries); !s.ok()) return Die(s);
  if (Status s = NameNormalizer::Load(data_dir, &normalizer); !s.ok()) return Die(s);
  if (Status s = TokenStats::Load(data_dir + "/token_stats.tsv", &stats); !s.ok()) return Die(s);
  if (Status s = JurisdictionTable::LoadDefault(data_dir, &jurisdictions); !s.ok()) return Die(s);
  if (Status s = CommonWords::LoadDefault(data_dir, &common); !s.ok()) return Die(s);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(db, &store); !s.ok()) return Die(s);
  std::shared_ptr<const Snapshot> snapshot;
  auto t0 = Clock::now();
  if (Status s = Snapshot::Load(*store, {}, *normalizer, stats, TokenSimilarityOf, &snapshot);
      !s.ok())
    return Die(s);
  auto t1 = Clock::now();
  const long rss_before = RssKb();
  std::unique_ptr<Scanner> scanner;
  if (Status s =
          Scanner::Build(snapshot, *normalizer, stats, countries, jurisdictions, common, &scanner);
      !s.ok())
    return Die(s);
  const long rss_after = RssKb();
  const Scanner::Stats& st = scanner->stats();
  std::printf("snapshot: %zu records, %zu list names, loaded in %.2f s\n",
              snapshot->entities().size(), st.names, Seconds(t0, t1));
  std::printf(
      "scanner: built in %.3f s; own tables %.1f MB, RSS +%.1f MB; %zu names scanned (%zu "
      "strict, %zu never alone), %zu vocabulary tokens, %zu anchors, %zu place phrases\n",
      st.build_seconds, static_cast<double>(st.memory_bytes) / 1e6,
      static_cast<double>(rss_after - rss_before) / 1e3, st.names_scanned, st.strict_names,
      st.names_never, st.terms, st.anchors, st.phrases);

  TextTokenizer tokenizer(normalizer.get());
  auto session = scanner->NewSession();
  ScanOptions options;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Die(Status::IoError(file + ": cannot open"));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const double mb = static_cast<double>(text.size()) / 1e6;
    size_t tokens = 0;
    uint64_t sink = 0;
    double tok_s = Best(repeat, [&] {
      tokens = 0;
      size_t bad = 0;
      tokenizer.ForEach(
          text, 0,
          [&](const TextToken& t) {
            ++tokens;
            sink ^= t.hash;
          },
          &bad);
    });
    std::vector<Hit> hits;
    Scanner::Session::Counters c;
    Status scan_status;
    double scan_s = Best(repeat, [&] {
      session->counters = {};
      scan_status = scanner->Scan(text, options, session.get(), &hits);
      c = session->counters;
    });
    if (!scan_status.ok()) return Die(scan_status.WithContext(file));
    // The normalizer's ToLatin, line by line, on at most 2 MB (it is much slower).
    const size_t norm_bytes = std::min<size_t>(text.size(), 2000000);
    double norm_s = Best(1, [&] {
      size_t start = 0;
      while (start < norm_bytes) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos || nl > norm_bytes) nl = norm_bytes;
        sink += normalizer->ToLatin(std::string_view(text).substr(start, nl - start)).size();
        start = nl + 1;
      }
    });
    size_t party = 0, place = 0;
    for (const Hit& h : hits) (h.kind == HitKind::kJurisdiction ? place : party)++;
    std::printf("\n%s: %.2f MB, %zu tokens\n", file.c_str(), mb, tokens);
    std::printf("  tokenizer alone      %8.1f MB/s\n", mb / tok_s);
    std::printf("  full scan            %8.1f MB/s  (%.1f ms)\n", mb / scan_s, scan_s * 1e3);
    std::printf("  normalizer ToLatin   %8.1f MB/s  (on %.2f MB)\n",
                static_cast<double>(norm_bytes) / 1e6 / norm_s,
                static_cast<double>(norm_bytes) / 1e6);
    std::printf(
        "  scan counters: %llu vocabulary hits or possible misspellings, %llu candidates, %llu "
        "windows scored; hits: %zu party, %zu jurisdiction\n",
        static_cast<unsigned long long>(c.occurrences),
        static_cast<unsigned long long>(c.candidates), static_cast<unsigned long long>(c.verified),
        party, place);
    if (sink == 42) std::printf(" ");
  }

  if (!message_file.empty()) {
    if (int rc = BenchMessages(*scanner, snapshot, *normalizer, stats, countries, message_format,
                               message_file, repeat))
      return rc;
  }

  if (plant > 0 && !files.empty()) {
    // Planted names: primary names of distinct multi-word records, persons in natural order.
    std::ifstream in(files[0], std::ios::binary);
    std::string base((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<size_t> paragraphs;
    for (size_t p = base.find("\n\n"); p != std::string::npos; p = base.find("\n\n", p + 2))
      paragraphs.push_back(p);
    std::mt19937 rng(7);
    std::vector<const Entity*> pool;
    for (const Entity& e : snapshot->entities()) {
      const Name& n = e.primary_name();
      if (e.schema == Schema::kVessel || e.schema == Schema::kAircraft) continue;
      if (n.natural.find(' ') == std::string::npos) continue;
      pool.push_back(&e);
    }
    std::shuffle(pool.begin(), pool.end(), rng);
    for (int typo = 0; typo < 2; ++typo) {
      std::string text;
      struct Planted {
        size_t begin, end;
        const Entity* e;
      };
      std::vector<Planted> planted;
      size_t from = 0, k = 0;
      for (size_t p : paragraphs) {
        if (static_cast<int>(k) >= plant || k >= pool.size()) break;
        text.append(base, from, p - from);
        const Entity* e = pool[k++];
        std::string name = typo ? WithTypo(e->primary_name().natural) : e->primary_name().natural;
        text += " It was reported by ";
        planted.push_back({text.size(), text.size() + name.size(), e});
        text += name + ", according to officials.";
        from = p;
      }
      text.append(base, from, std::string::npos);
      std::vector<Hit> hits;
      if (Status s = scanner->Scan(text, options, session.get(), &hits); !s.ok()) return Die(s);
      size_t found = 0, other = 0;
      for (const Planted& pl : planted) {
        bool ok = false;
        for (const Hit& h : hits) ok |= h.entity == pl.e && h.begin < pl.end && pl.begin < h.end;
        found += ok;
        if (!ok && show_missed)
          std::printf("  missed: %s (%s)\n", text.substr(pl.begin, pl.end - pl.begin).c_str(),
                      pl.e->id.c_str());
      }
      for (const Hit& h : hits) {
        if (h.kind != HitKind::kParty) continue;
        bool on_planted = false;
        for (const Planted& pl : planted) on_planted |= h.begin < pl.end && pl.begin < h.end;
        other += !on_planted;
      }
      std::printf(
          "\nplanted %zu primary names%s: %zu reported (%.1f%%); %zu party hits elsewhere\n",
          planted.size(), typo ? " with one transposition" : " as written", found,
          planted.empty()
              ? 0.0
              : 100.0 * static_cast<double>(found) / static_cast<double>(planted.size()),
          other);
    }
  }
  return 0;
}

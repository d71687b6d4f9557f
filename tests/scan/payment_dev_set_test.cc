// The payment dev set (tests/fixtures/scan/payments/): every message screened against the
// bundled lists gives exactly the hits of expected.tsv, no more, no fewer. Lines marked
// known-miss are hits we want but do not get yet (none at present), lines marked known-extra are
// hits the matcher gives on other records whose longer name holds the message's words ("NATIONAL
// IRANIAN OIL REFINING AND DISTRIBUTION COMPANY" for "NATIONAL IRANIAN OIL COMPANY"): both may come
// or go, and the test prints which. bench/payment_dev_set.sh prints recall and precision over the
// same file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/text.h"
#include "scan/message_screener.h"
#include "scan/mt_message.h"
#include "scan/pacs008.h"
#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Data;
using scan_test::Fixture;
using scan_test::ReadFile;
using scan_test::World;

// "field<TAB>kind<TAB>id<TAB>text<TAB>how": what identifies a hit in expected.tsv. `how` is how
// a country code was read (BIC country, IBAN country, country code...), "-" for other hits.
std::string Key(const Hit& h) {
  const bool code = h.kind == HitKind::kJurisdiction && h.place == nullptr;
  return h.field + "\t" + std::string(HitKindName(h.kind)) + "\t" +
         (h.entity ? h.entity->id : h.jurisdiction->id) + "\t" + h.text + "\t" +
         (code ? h.how : "-");
}

struct Expected {
  std::set<std::string> hits;         // must be reported
  std::set<std::string> known_miss;   // wanted, may be missing
  std::set<std::string> known_extra;  // not wanted, may be reported
  bool listed = false;                // the file is in expected.tsv (clean messages too)
};

// expected.tsv: message, field, kind, id, text, how, status (hit, known-miss, known-extra,
// clean), note.
std::map<std::string, Expected> LoadExpected(const std::string& path) {
  std::map<std::string, Expected> out;
  const std::string text = ReadFile(path);
  int number = 0;
  for (std::string_view line : SplitView(text, '\n')) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> c = SplitView(line, '\t');
    EXPECT_GE(c.size(), 7u) << path << ":" << number << ": " << line;
    if (c.size() < 7) continue;
    Expected& e = out[std::string(c[0])];
    e.listed = true;
    const std::string key = std::string(c[1]) + "\t" + std::string(c[2]) + "\t" +
                            std::string(c[3]) + "\t" + std::string(c[4]) + "\t" + std::string(c[5]);
    if (c[6] == "hit") {
      EXPECT_TRUE(e.hits.insert(key).second) << path << ":" << number << ": repeated";
    } else if (c[6] == "known-miss") {
      e.known_miss.insert(key);
    } else if (c[6] == "known-extra") {
      e.known_extra.insert(key);
    } else {
      EXPECT_EQ(c[6], "clean") << path << ":" << number;
    }
  }
  return out;
}

std::vector<std::string> Screen(const std::string& file) {
  std::vector<PaymentMessage> messages;
  const std::string input = ReadFile(file);
  Status s =
      EndsWith(file, ".xml") ? ParsePacs008(input, &messages) : ParseMtMessages(input, &messages);
  EXPECT_TRUE(s.ok()) << file << ": " << s.message();
  const World& w = World::Bundled();
  MessageScreener screener(*w.scanner, *w.matcher, Data::Get().countries);
  auto scan = w.scanner->NewSession();
  auto match = w.matcher->NewSession();
  std::vector<std::string> out;
  for (const PaymentMessage& m : messages) {
    std::vector<Hit> hits;
    s = screener.Screen(m, {}, scan.get(), match.get(), &hits);
    EXPECT_TRUE(s.ok()) << file << ": " << s.message();
    for (const Hit& h : hits) out.push_back(Key(h));
  }
  return out;
}

TEST(PaymentDevSetTest, EveryMessageGivesExactlyItsExpectedHits) {
  const std::string dir = Fixture("payments");
  std::map<std::string, Expected> expected = LoadExpected(dir + "/expected.tsv");
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (EndsWith(name, ".fin") || EndsWith(name, ".xml")) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 30u);
  size_t wanted = 0, found = 0, clean = 0;
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << name << " is not in expected.tsv";
    const Expected& e = it->second;
    std::vector<std::string> got = Screen(dir + "/" + name);
    std::set<std::string> got_set(got.begin(), got.end());
    EXPECT_EQ(got_set.size(), got.size()) << "a hit reported twice";
    for (const std::string& h : e.hits)
      EXPECT_TRUE(got_set.count(h)) << "missing: " << name << "\t" << h;
    for (const std::string& h : got_set)
      if (!e.hits.count(h) && !e.known_miss.count(h) && !e.known_extra.count(h))
        ADD_FAILURE() << "extra: " << name << "\t" << h;
    for (const std::string& h : e.known_miss)
      std::printf("%s %s\t%s\n",
                  got_set.count(h) ? "known-miss now found:" : "known miss:", name.c_str(),
                  h.c_str());
    wanted += e.hits.size() + e.known_miss.size();
    found += e.hits.size();
    for (const std::string& h : e.known_miss) found += got_set.count(h);
    clean += e.hits.empty() && e.known_miss.empty();
    expected.erase(it);
  }
  for (const auto& [name, e] : expected) ADD_FAILURE() << name << " is in expected.tsv only";
  EXPECT_GE(clean, 6u) << "clean messages";
  std::printf("%zu messages (%zu clean), %zu of %zu expected hits found\n", files.size(), clean,
              found, wanted);
}

}  // namespace
}  // namespace interdict

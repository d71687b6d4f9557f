// The scanner against the bundled lists (2024 OFAC SDN, 2025 OFAC consolidated, 2026 UN): the
// example article, and everyday text that must stay clean.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Describe;
using scan_test::World;

TEST(BundledListsTest, TheExampleArticle) {
  const std::string text =
      scan_test::ReadFile(scan_test::Fixture("news-2022-us-iran-russia-sanctions.txt"));
  ASSERT_FALSE(text.empty());
  std::vector<Hit> hits = World::Bundled().Scan(text);
  std::vector<std::pair<std::string, std::string>> parties;  // (id, span)
  std::set<std::string> places;
  for (const Hit& h : hits) {
    EXPECT_EQ(text.substr(h.begin, h.end - h.begin), h.text);
    if (h.kind == HitKind::kJurisdiction) {
      places.insert(h.jurisdiction->id);
    } else {
      parties.emplace_back(h.entity->id, h.text);
    }
  }
  // EVIN PRISON twice, IRAN'S MORALITY POLICE once ("the so-called Morality Police"), and
  // nothing else listed: not the warden whose remarks mention Evin Prison, not the people and
  // bodies the article names (Stickney, Guterres, Amini, the UN Security Council...).
  EXPECT_EQ(parties, (std::vector<std::pair<std::string, std::string>>{
                         {"us-ofac-sdn:39258", "Morality Police"},
                         {"us-ofac-sdn:24586", "Evin Prison"},
                         {"us-ofac-sdn:24586", "Evin Prison"}}))
      << Describe(hits);
  EXPECT_EQ(places, (std::set<std::string>{"IR", "UA-43"})) << Describe(hits);
  bool tehran = false, crimea = false;
  for (const Hit& h : hits) {
    tehran |= h.text == "Tehran" && h.how == "city";
    crimea |= h.text == "Crimea" && h.begin == 224 && h.char_begin == 224;
  }
  EXPECT_TRUE(tehran);
  EXPECT_TRUE(crimea);
  // The curly quotes before the second Evin Prison make byte and character offsets differ.
  const Hit& last_evin = *std::find_if(hits.rbegin(), hits.rend(), [](const Hit& h) {
    return h.entity != nullptr && h.entity->id == "us-ofac-sdn:24586";
  });
  EXPECT_EQ(last_evin.begin, 2780u);
  EXPECT_LT(last_evin.char_begin, last_evin.begin);
}

TEST(BundledListsTest, EverydaySentencesStayClean) {
  // Sentences made of words that are also list names or their parts (ALPHA, UNITY, AL, given
  // names, STAR, GOLDEN, TRADING, BANK, GLOBAL, NEW, OCEAN...), and of places that are not
  // sanctioned jurisdictions.
  const char* sentences[] = {
      "The Alpha release ships next week, and unity is strength.",
      "Al said he would come by at noon with Ali and Mohammed.",
      "Our new star employee joined the trading desk at the bank.",
      "Golden hour photos of the ocean were shared by the global team.",
      "Please send the invoice to accounts payable before Friday.",
      "The police said the prison riot ended without injuries.",
      "Stephen, Daniel and Maria met Juan Carlos in Madrid.",
      "The Security Council will meet in New York on Monday.",
      "We shipped the spare parts from Hamburg to Rotterdam.",
      "Victory Day celebrations drew large crowds in the capital.",
      "The Emirates flight to Dubai was delayed by two hours.",
      "International shipping rates rose sharply in the first quarter.",
      "She studied Persian literature and Arabic calligraphy.",
      "The board approved the merger with Apex Holdings Limited.",
      "Korea and Japan signed a new trade agreement.",
      "The company opened a new office in Santiago, Chile.",
      "He bought a Cuban cigar at the airport.",  // Cuba: reported (a demonym), checked below
  };
  for (size_t i = 0; i + 1 < std::size(sentences); ++i) {
    std::vector<Hit> hits = World::Bundled().Scan(sentences[i]);
    EXPECT_TRUE(hits.empty()) << sentences[i] << ": " << Describe(hits);
  }
  std::vector<Hit> cuban = World::Bundled().Scan(sentences[std::size(sentences) - 1]);
  ASSERT_EQ(cuban.size(), 1u);
  EXPECT_EQ(cuban[0].jurisdiction->id, "CU");
  EXPECT_EQ(cuban[0].how, "demonym");
}

TEST(BundledListsTest, LicenseTextsStayClean) {
  // English prose of the kind the speed is measured on (docs/performance.md).
  const std::string path = "/usr/share/common-licenses/GPL-3";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not installed";
  std::vector<Hit> hits = World::Bundled().Scan(scan_test::ReadFile(path));
  EXPECT_TRUE(hits.empty()) << Describe(hits);
}

TEST(BundledListsTest, ListedNamesInProse) {
  struct Case {
    const char* text;
    const char* id;
  } cases[] = {
      {"Funds reached the Islamic Revolutionary Guard Corps via a front.", "us-ofac-sdn:10391"},
      {"Tickets were sold by Mahan Air agents.", "us-ofac-sdn:12927"},
      {"Payments through Bank Melli Iran were blocked.", "us-ofac-sdn:25578"},
      {"The Korea Mining Development Trading Corporation exported arms.", "un-sc:KPe.001"},
  };
  for (const Case& c : cases) {
    std::vector<Hit> hits = World::Bundled().Scan(c.text);
    bool found = false;
    for (const Hit& h : hits) found |= h.entity != nullptr && h.entity->id == c.id;
    EXPECT_TRUE(found) << c.text << ": " << Describe(hits);
  }
}

}  // namespace
}  // namespace interdict

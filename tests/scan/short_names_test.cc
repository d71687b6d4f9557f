// One-word and short names in prose (issue 11): movements and militias by their one-word name,
// acronyms only with corroboration, connectives inside names of everyday words.
#include <gtest/gtest.h>

#include "scan/scanner.h"
#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Describe;
using scan_test::PartyIds;
using scan_test::Record;
using scan_test::World;

using V = std::vector<std::string>;

const World& Groups() {
  static const World* w = [] {
    std::vector<Entity> e;
    // A known English proper noun (SCOWL size 50), not an everyday word.
    e.push_back(Record("t:taliban", Schema::kEntity, {"TALIBAN"}));
    e.push_back(Record("t:hizballah", Schema::kOrganization, {"HIZBALLAH"}));
    e.push_back(Record("t:unity", Schema::kEntity, {"UNITY"}));
    e.push_back(Record("un-sc:QDe.999", Schema::kOrganization, {"ZARQAWI FRONT", "ZQF"}));
    e.push_back(Record("t:hts", Schema::kOrganization, {"HTS"}));
    e.push_back(Record("un-sc:CDe.006", Schema::kOrganization, {"M23"}));
    e.push_back(Record("t:ksb", Schema::kEntity, {"KSB LLC"}));
    e.push_back(Record("t:navy", Schema::kEntity, {"IRGC NAVY"}));
    e.push_back(Record("t:isil", Schema::kOrganization, {"ISLAMIC STATE OF IRAQ AND THE LEVANT"}));
    e.push_back(Record("t:golden", Schema::kEntity, {"GOLDEN STAR CO., LTD."}));
    return new World(std::move(e));
  }();
  return *w;
}

V Ids(const std::string& text) { return PartyIds(Groups().Scan(text)); }

TEST(ShortNamesTest, OneWordMovementNameWrittenAsAName) {
  EXPECT_EQ(Ids("The Taliban took control of the province."), V{"t:taliban"});
  EXPECT_EQ(Ids("A spokesman for Hizballah denied it."), V{"t:hizballah"});
  // Not written as a name, or an everyday word.
  EXPECT_TRUE(Ids("the taliban took control of the province.").empty());
  EXPECT_TRUE(Ids("Unity is strength, the Unity party said.").empty());
}

TEST(ShortNamesTest, OneWordNameNeedsItsUnitWords) {
  // "IRGC" alone is not IRGC NAVY: the unit word is the name's distinguishing part.
  EXPECT_TRUE(Ids("The IRGC seized a tanker.").empty());
  EXPECT_EQ(Ids("The IRGC Navy seized a tanker."), V{"t:navy"});
}

TEST(ShortNamesTest, AcronymOnlyWithCorroboration) {
  // Alone: never (a three-letter acronym means many things).
  EXPECT_TRUE(Ids("The ZQF said so. ZQF again.").empty());
  EXPECT_TRUE(Ids("HTS denied it.").empty());
  // The name spelled out nearby.
  std::vector<Hit> hits = Groups().Scan("The Zarqawi Front (ZQF) denied it; ZQF said so.");
  EXPECT_EQ(PartyIds(hits), (V{"un-sc:QDe.999", "un-sc:QDe.999", "un-sc:QDe.999"}))
      << Describe(hits);
  // Its listing reference next to it.
  EXPECT_EQ(Ids("ZQF (QDe.999) denied it."), V{"un-sc:QDe.999"});
  EXPECT_EQ(Ids("As a leader of M23 (CDe.006), he commands it."), V{"un-sc:CDe.006"});
  EXPECT_TRUE(Ids("As a leader of M23, he commands it.").empty());
  // Its legal form.
  EXPECT_EQ(Ids("Payments to KSB LLC were stopped."), V{"t:ksb"});
  // In capitals only: "Zqf" is no acronym.
  EXPECT_EQ(Ids("The Zarqawi Front (Zqf) denied it."), V{"un-sc:QDe.999"});
}

TEST(ShortNamesTest, ConnectivesDoNotBreakAnEverydayWordName) {
  // Every word of the name is an everyday word or a country: exact and capitalised, except
  // the connectives "of", "and", "the", which prose writes in lower case.
  const std::vector<Hit> hits =
      Groups().Scan("Fighters of the Islamic State of Iraq and the Levant crossed it.");
  ASSERT_EQ(PartyIds(hits), V{"t:isil"}) << Describe(hits);
  EXPECT_NE(hits[0].text.find("Islamic State of Iraq and the Levant"), std::string::npos);
  EXPECT_TRUE(Ids("fighters of the islamic state of iraq and the levant crossed it.").empty());
  // A spelled-out legal form.
  EXPECT_EQ(Ids("Golden Star Company Limited shipped it."), V{"t:golden"});
  EXPECT_EQ(Ids("Golden Star Co., Ltd. shipped it."), V{"t:golden"});
}

}  // namespace
}  // namespace interdict

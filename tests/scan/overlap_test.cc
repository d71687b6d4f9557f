// Overlapping and adjacent listed names in prose (issue 11).
#include <gtest/gtest.h>

#include <algorithm>

#include "scan/scanner.h"
#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::Describe;
using scan_test::PartyIds;
using scan_test::Record;
using scan_test::World;

const World& Groups() {
  static const World* w = [] {
    std::vector<Entity> e;
    e.push_back(Record("t:aq", Schema::kOrganization, {"AL-QAIDA"}));
    e.push_back(Record("t:aqap", Schema::kOrganization, {"AL-QAIDA IN THE ARABIAN PENINSULA"}));
    e.push_back(Record("t:isil", Schema::kOrganization, {"ISLAMIC STATE OF IRAQ AND THE LEVANT"}));
    e.push_back(Record("t:isilk", Schema::kOrganization,
                       {"ISLAMIC STATE OF IRAQ AND THE LEVANT - KHORASAN"}));
    e.push_back(Record("t:golden", Schema::kEntity, {"GOLDEN ZARSHAN TRADING"}));
    e.push_back(Record("t:marine", Schema::kEntity, {"ZARSHAN MARINE SERVICES"}));
    e.push_back(Record("t:melli", Schema::kEntity, {"BANK MELLI IRAN"}));
    e.push_back(Record("t:sepah", Schema::kEntity, {"BANK SEPAH"}));
    e.push_back(Record("t:kh", Schema::kOrganization, {"KATA'IB HIZBALLAH"}));
    e.push_back(Record("t:hizb", Schema::kOrganization, {"HIZBALLAH"}));
    e.push_back(Record("t:irgc", Schema::kEntity, {"ISLAMIC REVOLUTIONARY GUARD CORPS"}));
    e.push_back(Record("t:irgcqf", Schema::kEntity,
                       {"ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"}));
    return new World(std::move(e));
  }();
  return *w;
}

std::vector<std::string> Ids(const std::string& text) { return PartyIds(Groups().Scan(text)); }

using V = std::vector<std::string>;

TEST(OverlapTest, TheLongerNameIsReportedNotTheNameInsideIt) {
  const std::string text =
      "The attack was claimed by Al-Qaida in the Arabian Peninsula, officials said.";
  std::vector<Hit> hits = Groups().Scan(text);
  EXPECT_EQ(PartyIds(hits), V{"t:aqap"}) << Describe(hits);
  EXPECT_EQ(Ids("Both Kata'ib Hizballah fighters and others were seen."), V{"t:kh"});
}

TEST(OverlapTest, TheInnerNameIsReportedWhereTheTextNamesItOnItsOwn) {
  const std::string text =
      "The attack was claimed by Al-Qaida in the Arabian Peninsula. Al-Qaida itself said nothing.";
  std::vector<Hit> hits = Groups().Scan(text);
  ASSERT_EQ(PartyIds(hits), (V{"t:aqap", "t:aq"})) << Describe(hits);
  EXPECT_EQ(hits[1].text, "Al-Qaida");
  EXPECT_EQ(hits[1].begin, text.find("Al-Qaida itself"));
  EXPECT_EQ(Ids("Both Kata'ib Hizballah and Hizballah fighters were seen."), (V{"t:kh", "t:hizb"}));
}

TEST(OverlapTest, ALongerNameNeedsItsDistinguishingPart) {
  // ISIL is not ISIL-Khorasan; Al-Qaida is not Al-Qaida in the Arabian Peninsula.
  EXPECT_EQ(Ids("Fighters of Al-Qaida crossed the border."), V{"t:aq"});
  for (const V& ids : {Ids("Fighters of the Islamic State of Iraq and the Levant crossed it."),
                       Ids("Fighters of the Islamic State of Iraq and the Levant.")})
    EXPECT_TRUE(std::find(ids.begin(), ids.end(), "t:isilk") == ids.end());
  const std::vector<Hit> hits =
      Groups().Scan("Fighters of the Islamic State of Iraq and the Levant - Khorasan crossed it.");
  EXPECT_EQ(PartyIds(hits), V{"t:isilk"}) << Describe(hits);
  // The longer name matches the span above the threshold without "Qods Force": it gives way to
  // the whole name inside its span.
  EXPECT_EQ(Ids("The Islamic Revolutionary Guard Corps (IRGC) seized a tanker."), V{"t:irgc"});
  EXPECT_EQ(Ids("The Islamic Revolutionary Guard Corps (IRGC)-Qods Force armed them."),
            V{"t:irgcqf"});
}

TEST(OverlapTest, AdjacentNamesSharingAWordAreBothFound) {
  // The two names share "Zarshan", the anchor of both: the window of the first occurrence fails
  // for the second name, whose own occurrence must still be tried.
  for (const char* text : {"Payments went to Golden Zarshan Trading Zarshan Marine Services.",
                           "Payments went to Golden Zarshan Trading, Zarshan Marine Services and "
                           "others."}) {
    const std::vector<Hit> hits = Groups().Scan(text);
    EXPECT_EQ(PartyIds(hits), (V{"t:golden", "t:marine"})) << text << ": " << Describe(hits);
  }
  EXPECT_EQ(Ids("Payments went through Bank Melli Iran Bank Sepah and others."),
            (V{"t:melli", "t:sepah"}));
}

}  // namespace
}  // namespace interdict

// The data tables of the scanner: data/jurisdictions.tsv and data/common_words.txt.
#include <gtest/gtest.h>

#include <fstream>

#include "scan/common_words.h"
#include "scan/jurisdictions.h"

namespace interdict {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(JurisdictionTableTest, LoadsTheBundledTable) {
  JurisdictionTable t;
  ASSERT_TRUE(JurisdictionTable::LoadDefault(INTERDICT_DATA, &t).ok());
  const Jurisdiction* ir = t.Find("IR");
  ASSERT_NE(ir, nullptr);
  EXPECT_EQ(ir->level, JurisdictionLevel::kComprehensive);
  EXPECT_NE(ir->programmes.find("31 CFR 560"), std::string::npos);
  const Jurisdiction* crimea = t.Find("UA-43");
  ASSERT_NE(crimea, nullptr);
  EXPECT_EQ(crimea->level, JurisdictionLevel::kRegional);
  EXPECT_EQ(crimea->country(), "UA");
  EXPECT_EQ(t.Find("UA"), nullptr);  // Ukraine as a whole is not sanctioned
  EXPECT_EQ(t.Find("SY")->level, JurisdictionLevel::kResidual);
  EXPECT_EQ(t.Find("RU")->level, JurisdictionLevel::kSectoral);
  EXPECT_EQ(t.Find("BY")->level, JurisdictionLevel::kSectoral);
  for (const char* id : {"KP", "CU", "UA-14", "UA-09", "UA-23", "UA-65"})
    EXPECT_NE(t.Find(id), nullptr) << id;
  // Names in several scripts, demonyms, cities and ports, each tied to its jurisdiction.
  auto has = [&](const std::string& id, const std::string& name, PlaceKind kind) {
    for (const Place& p : t.places())
      if (p.name == name && t.jurisdictions()[p.jurisdiction].id == id && p.kind == kind)
        return true;
    return false;
  };
  EXPECT_TRUE(has("IR", "ایران", PlaceKind::kCountry));
  EXPECT_TRUE(has("IR", "伊朗", PlaceKind::kCountry));
  EXPECT_TRUE(has("IR", "Иран", PlaceKind::kCountry));
  EXPECT_TRUE(has("IR", "Iranian", PlaceKind::kDemonym));
  EXPECT_TRUE(has("IR", "Bandar Abbas", PlaceKind::kPort));
  EXPECT_TRUE(has("KP", "평양", PlaceKind::kCity));
  EXPECT_TRUE(has("KP", "Nampo", PlaceKind::kPort));
  EXPECT_TRUE(has("CU", "Havana", PlaceKind::kCity));
  EXPECT_TRUE(has("SY", "Tartus", PlaceKind::kPort));
  EXPECT_TRUE(has("UA-43", "Sevastopol", PlaceKind::kCity));
  EXPECT_TRUE(has("UA-43", "Crimean", PlaceKind::kDemonym));
  EXPECT_TRUE(has("UA-14", "Donetsk People's Republic", PlaceKind::kRegion));
  bool sebastopol_ambiguous = false;
  for (const Place& p : t.places()) sebastopol_ambiguous |= p.name == "Sebastopol" && p.ambiguous;
  EXPECT_TRUE(sebastopol_ambiguous);
}

TEST(JurisdictionTableTest, MalformedLinesNameFileAndLine) {
  const std::string head = "# comment\njurisdiction\tIR\tcomprehensive\tIran\tUS: ITSR\n";
  struct Case {
    std::string line;
    std::string error;
  } cases[] = {
      {"jurisdiction\tIR\tcomprehensive\tIran\n", "5 tab-separated fields, found 4"},
      {"jurisdiction\tIran\tcomprehensive\tIran\tUS\n", "'Iran' is not an ISO code"},
      {"jurisdiction\tIR\tcomprehensive\tIran\tUS\n", "jurisdiction IR defined twice"},
      {"jurisdiction\tKP\ttotal\tDPRK\tUS\n", "unknown level 'total'"},
      {"jurisdiction\tKP\tcomprehensive\t\tUS\n", "must not be empty"},
      {"place\tIR\tcity\t-\ten\n", "6 tab-separated fields, found 5"},
      {"place\tXX\tcity\t-\ten\tX\n", "unknown jurisdiction 'XX'"},
      {"place\tIR\ttown\t-\ten\tTehran\n", "unknown kind 'town'"},
      {"place\tIR\tcity\tmaybe\ten\tTehran\n", "flags are '-' or 'ambiguous'"},
      {"place\tIR\tcity\t-\tEnglish\tTehran\n", "'English' is not a language code"},
      {"place\tIR\tcity\t-\ten\tTehran||Teheran\n", "empty name"},
      {"country\tIR\n", "starts with 'jurisdiction' or 'place'"},
      {"place\tIR\tcity\t-\ten\tTeh\xffran\n", "not valid UTF-8"},
  };
  for (const Case& c : cases) {
    const std::string path = WriteTemp("j.tsv", head + c.line);
    JurisdictionTable t;
    Status s = JurisdictionTable::Load(path, &t);
    ASSERT_FALSE(s.ok()) << c.line;
    EXPECT_NE(s.message().find(path + ":3: "), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(c.error), std::string::npos) << s.message();
  }
  JurisdictionTable t;
  EXPECT_FALSE(JurisdictionTable::Load(WriteTemp("j.tsv", head), &t).ok());  // no places
  EXPECT_EQ(JurisdictionTable::Load(testing::TempDir() + "/missing.tsv", &t).code(),
            Status::Code::kIoError);
}

TEST(CommonWordsTest, LoadsBothGrades) {
  CommonWords w;
  ASSERT_TRUE(CommonWords::LoadDefault(INTERDICT_DATA, &w).ok());
  EXPECT_GT(w.size(), 40000u);
  EXPECT_GT(w.known_size(), 30000u);
  for (const char* word : {"alpha", "unity", "police", "morality", "prison", "golden", "bank"}) {
    EXPECT_TRUE(w.Contains(word)) << word;
    EXPECT_TRUE(w.IsKnown(word)) << word;
  }
  for (const char* name : {"stephen", "daniel", "september"}) {
    EXPECT_FALSE(w.Contains(name)) << name;  // not everyday words
    EXPECT_TRUE(w.IsKnown(name)) << name;    // but English names
  }
  for (const char* listed : {"evin", "melli", "zawahiri", "hamas", "iran"})
    EXPECT_FALSE(w.Contains(listed)) << listed;
  EXPECT_FALSE(w.IsKnown("evin"));
}

TEST(CommonWordsTest, MalformedLinesNameFileAndLine) {
  CommonWords w;
  Status s = CommonWords::Load(WriteTemp("w.txt", "# x\nalpha\nBeta\n"), &w);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("w.txt:3: 'Beta' is not a lower-case a-z word"), std::string::npos)
      << s.message();
  s = CommonWords::Load(WriteTemp("w.txt", "alpha\nstephen\tx\n"), &w);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("w.txt:2: the second field is 'k'"), std::string::npos) << s.message();
  EXPECT_FALSE(CommonWords::Load(WriteTemp("w.txt", "# only a comment\n"), &w).ok());
  EXPECT_EQ(CommonWords::Load(testing::TempDir() + "/nope.txt", &w).code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace interdict

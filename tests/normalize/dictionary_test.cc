// Loading the normalizer's data files: every malformed line is an error naming file and line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "normalize/normalizer.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

class DictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("interdict_norm_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const char* f : {"name_variants.tsv", "romanization_rules.tsv", "legal_forms.tsv",
                          "name_affixes.tsv", "han_korean_readings.tsv"}) {
      fs::copy_file(fs::path(INTERDICT_DATA) / f, dir_ / f);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& file, const std::string& content) {
    std::ofstream out(dir_ / file, std::ios::binary | std::ios::trunc);
    out << content;
  }
  Status Load() {
    std::unique_ptr<NameNormalizer> n;
    return NameNormalizer::Load(dir_.string(), &n);
  }

  fs::path dir_;
};

TEST_F(DictionaryTest, CopiesOfTheShippedFilesLoad) {
  Status st = Load();
  EXPECT_TRUE(st.ok()) << st.message();
}

TEST_F(DictionaryTest, MissingFileIsAnIoError) {
  fs::remove(dir_ / "legal_forms.tsv");
  Status st = Load();
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_NE(st.message().find("legal_forms.tsv"), std::string::npos) << st.message();
}

TEST_F(DictionaryTest, VariantLineWithoutTab) {
  Write("name_variants.tsv", "# comment\n\nmuhammad mohammed\n");
  Status st = Load();
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(st.message().rfind("name_variants.tsv:3: expected", 0), 0u) << st.message();
}

TEST_F(DictionaryTest, VariantInTwoGroups) {
  Write("name_variants.tsv", "muhammad\tmohammed|mohamed\nmahmud\tmahmoud|Mohamed\n");
  Status st = Load();
  EXPECT_EQ(st.message(),
            "name_variants.tsv:2: 'Mohamed' (mohamed) is already in the group on line 1");
}

TEST_F(DictionaryTest, VariantOfTwoWords) {
  Write("name_variants.tsv", "abdul\tabd al\n");
  Status st = Load();
  EXPECT_EQ(st.message().rfind("name_variants.tsv:1: 'abd al' folds to 2 tokens", 0), 0u)
      << st.message();
}

TEST_F(DictionaryTest, VariantEmptySpellingAndNonLatinCanonical) {
  Write("name_variants.tsv", "muhammad\tmohammed||mohamed\n");
  EXPECT_EQ(Load().message(), "name_variants.tsv:1: empty spelling");
  Write("name_variants.tsv", "محمد\tmuhammad\n");
  EXPECT_EQ(Load().message(), "name_variants.tsv:1: the canonical spelling must be Latin");
}

TEST_F(DictionaryTest, RuleErrors) {
  Write("romanization_rules.tsv", "kh\n");
  EXPECT_EQ(Load().message().rfind("romanization_rules.tsv:1: expected", 0), 0u);
  Write("romanization_rules.tsv", "# x\nk-h\th\n");
  EXPECT_EQ(Load().message().rfind("romanization_rules.tsv:2: pattern 'k-h'", 0), 0u);
  Write("romanization_rules.tsv", "kh\tH\n");
  EXPECT_EQ(Load().message().rfind("romanization_rules.tsv:1: replacement 'H'", 0), 0u);
  Write("romanization_rules.tsv", "c\tk\t[ao]\n");
  EXPECT_EQ(Load().message().rfind("romanization_rules.tsv:1: context '[ao]'", 0), 0u);
  Write("romanization_rules.tsv", "^$\tk\n");
  EXPECT_EQ(Load().message(), "romanization_rules.tsv:1: empty pattern");
}

TEST_F(DictionaryTest, RulesApplyInOrderWithAnchorsAndContext) {
  Write("romanization_rules.tsv",
        "^ye\te\n"        // anchored at the start
        "iy$\ti\n"        // anchored at the end
        "c\tk\t_[ao]\n"   // before a or o
        "x\t-\t[a]_\n");  // after a: deleted
  std::unique_ptr<NameNormalizer> n;
  ASSERT_TRUE(NameNormalizer::Load(dir_.string(), &n).ok());
  EXPECT_EQ(n->PhoneticKey("yevgeniy"), "evgeni");
  EXPECT_EQ(n->PhoneticKey("bayeiyb"), "bayeiyb");  // neither anchor holds
  EXPECT_EQ(n->PhoneticKey("cacecoc"), "kacekoc");
  EXPECT_EQ(n->PhoneticKey("axox"), "aox");
  EXPECT_EQ(n->PhoneticKey("hassan"), "hasan");  // doubles collapse after the rules
}

TEST_F(DictionaryTest, LegalFormErrors) {
  Write("legal_forms.tsv", "l l c\tllc\n");
  EXPECT_EQ(Load().message(), "legal_forms.tsv:1: canonical form 'l l c' must be one a-z0-9 word");
  Write("legal_forms.tsv", "llc\tooo|$\n");
  EXPECT_EQ(Load().message(), "legal_forms.tsv:1: empty variant");
  Write("legal_forms.tsv", "llc\tooo\njsc\tOOO\n");
  EXPECT_EQ(Load().message(), "legal_forms.tsv:2: variant 'ooo' is already listed on line 1");
  Write("legal_forms.tsv", "llc\tooo|...\n");
  EXPECT_EQ(Load().message(), "legal_forms.tsv:1: variant '...' has no letters");
  Write("legal_forms.tsv", "llc\n");
  EXPECT_EQ(Load().message().rfind("legal_forms.tsv:1: expected", 0), 0u);
}

TEST_F(DictionaryTest, HanKoreanReadingErrors) {
  Write("han_korean_readings.tsv", "# c\n金\t김\tsurname\n正\tjong\n");
  EXPECT_EQ(Load().message(),
            "han_korean_readings.tsv:3: expected one Hangul syllable, found 'jong'");
  Write("han_korean_readings.tsv", "金正\t김\n");
  EXPECT_EQ(Load().message(),
            "han_korean_readings.tsv:1: expected one Han character, found '金正'");
  Write("han_korean_readings.tsv", "金\t김\tgiven\n");
  EXPECT_EQ(Load().message(), "han_korean_readings.tsv:1: expected 'han<TAB>hangul[<TAB>surname]'");
  Write("han_korean_readings.tsv", "金\t김\n金\t금\n");
  EXPECT_EQ(Load().message(), "han_korean_readings.tsv:2: '金' listed twice");
}

TEST_F(DictionaryTest, AffixErrors) {
  Write("name_affixes.tsv", "dr\ttitle\n");
  EXPECT_EQ(Load().message(),
            "name_affixes.tsv:1: unknown kind 'title' (particle, honorific, rank, vessel_prefix, "
            "unit, place)");
  Write("name_affixes.tsv", "van der\tparticle\n");
  EXPECT_EQ(Load().message(), "name_affixes.tsv:1: a particle is one word");
  Write("name_affixes.tsv", "dr\thonorific\nDr.\thonorific\n");
  EXPECT_EQ(Load().message(), "name_affixes.tsv:2: 'dr' (honorific) is already listed on line 1");
  Write("name_affixes.tsv", "dr\n");
  EXPECT_EQ(Load().message(), "name_affixes.tsv:1: expected 'term<TAB>kind'");
  // One term with two kinds is allowed.
  Write("name_affixes.tsv", "ms\thonorific\nms\tvessel_prefix\n");
  EXPECT_TRUE(Load().ok());
}

}  // namespace
}  // namespace interdict

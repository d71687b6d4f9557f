#include "index/token_stats.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace interdict {
namespace {

using ::testing::HasSubstr;

class TokenStatsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "token_stats_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << content;
    return path;
  }
  // The error Load gives for `content`; "" when it loads.
  std::string LoadError(const std::string& content) {
    TokenStats stats;
    Status st = TokenStats::Load(Write("stats.tsv", content), &stats);
    if (st.ok()) return "";
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << st.message();
    return st.message();
  }

  std::string dir_;
};

TEST(TokenStatsTest, WeightIsSqueezedInverseDocumentFrequency) {
  // 100,000 names: a token on 1 in 2,000 of them (or fewer) weighs 1, on half of them the floor.
  TokenStats s(
      100000,
      {{"rare", 50}, {"rarer", 3}, {"medium", 1000}, {"common", 10000}, {"everywhere", 50000}});
  EXPECT_FLOAT_EQ(s.Weight("rare"), 1.0f);
  EXPECT_FLOAT_EQ(s.Weight("rarer"), 1.0f);
  EXPECT_NEAR(s.Weight("medium"), std::log(100.0) / std::log(2000.0), 1e-5);
  EXPECT_NEAR(s.Weight("common"), std::log(10.0) / std::log(2000.0), 1e-5);
  EXPECT_FLOAT_EQ(s.Weight("everywhere"), TokenStats::kMinWeight);
  EXPECT_FLOAT_EQ(s.Weight("never-seen"), 1.0f);
  EXPECT_GT(s.Weight("medium"), s.Weight("common"));
  EXPECT_EQ(s.DocumentFrequency("common"), 10000u);
  EXPECT_EQ(s.DocumentFrequency("never-seen"), 0u);
  EXPECT_EQ(s.names(), 100000u);
}

TEST(TokenStatsTest, EmptyStatsWeighEverythingOne) {
  TokenStats empty;
  EXPECT_FLOAT_EQ(empty.Weight("muhammad"), 1.0f);
  EXPECT_EQ(empty.names(), 0u);
  TokenStats no_names(0, {{"x", 5}});
  EXPECT_FLOAT_EQ(no_names.Weight("x"), 1.0f);
}

TEST(TokenStatsTest, ShippedStatisticsWeighCommonTokensLow) {
  TokenStats s;
  Status st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", &s);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_GT(s.names(), 10000u);
  // Counts are per variant class: "muhammad" stands for Mohammed, Mohamad...
  EXPECT_GT(s.DocumentFrequency("muhammad"), 500u);
  EXPECT_LT(s.Weight("muhammad"), 0.5f);
  EXPECT_LT(s.Weight("trading"), 0.7f);
  EXPECT_FLOAT_EQ(s.Weight("zawahiri"), 1.0f);
  EXPECT_LT(s.Weight("muhammad"), s.Weight("trading"));
  for (const char* t : {"muhammad", "trading", "al", "a", "zawahiri"}) {
    EXPECT_GE(s.Weight(t), TokenStats::kMinWeight) << t;
    EXPECT_LE(s.Weight(t), 1.0f) << t;
  }
}

TEST_F(TokenStatsFileTest, SaveLoadRoundTrip) {
  TokenStats s(100000, {{"rare", 50}, {"medium", 1000}, {"common", 10000}, {"mid2", 777}});
  std::string path = dir_ + "/out.tsv";
  ASSERT_TRUE(s.Save(path).ok());
  TokenStats back;
  Status st = TokenStats::Load(path, &back);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(back.names(), 100000u);
  for (const char* t : {"rare", "medium", "common", "mid2", "absent"})
    EXPECT_FLOAT_EQ(back.Weight(t), s.Weight(t)) << t;
  EXPECT_EQ(back.DocumentFrequency("medium"), 1000u);
  // A token rare enough to weigh 1 is left out of the file: it weighs 1 anyway.
  EXPECT_EQ(back.DocumentFrequency("rare"), 0u);
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "#names\t100000");
  // Tokens come sorted, so the file diffs well.
  std::string a, b, c;
  std::getline(in, a);
  std::getline(in, b);
  std::getline(in, c);
  EXPECT_EQ(a, "common\t10000");
  EXPECT_EQ(b, "medium\t1000");
  EXPECT_EQ(c, "mid2\t777");
}

TEST_F(TokenStatsFileTest, ShippedFileRoundTrips) {
  TokenStats s;
  ASSERT_TRUE(TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", &s).ok());
  ASSERT_TRUE(s.Save(dir_ + "/copy.tsv").ok());
  TokenStats back;
  ASSERT_TRUE(TokenStats::Load(dir_ + "/copy.tsv", &back).ok());
  EXPECT_EQ(back.names(), s.names());
  for (const char* t : {"muhammad", "trading", "abd", "a", "zawahiri"})
    EXPECT_FLOAT_EQ(back.Weight(t), s.Weight(t)) << t;
}

TEST_F(TokenStatsFileTest, MalformedFilesNameFileAndLine) {
  EXPECT_THAT(LoadError(""), HasSubstr("stats.tsv: empty"));
  EXPECT_THAT(LoadError("names\t5\n"), HasSubstr("stats.tsv:1: expected '#names<TAB>N'"));
  EXPECT_THAT(LoadError("#names 5\n"), HasSubstr("stats.tsv:1: expected TOKEN<TAB>COUNT"));
  EXPECT_THAT(LoadError("#names\tmany\n"), HasSubstr("stats.tsv:1: bad count"));
  EXPECT_THAT(LoadError("#names\t5\nabd\t3\nmuhammad 4\n"),
              HasSubstr("stats.tsv:3: expected TOKEN<TAB>COUNT"));
  EXPECT_THAT(LoadError("#names\t5\n\t3\n"), HasSubstr("stats.tsv:2: expected TOKEN<TAB>COUNT"));
  EXPECT_THAT(LoadError("#names\t5\nabd\t\n"), HasSubstr("stats.tsv:2: bad count"));
  EXPECT_THAT(LoadError("#names\t5\nabd\t12x\n"), HasSubstr("stats.tsv:2: bad count"));
  EXPECT_THAT(LoadError("#names\t5\nabd\t3\n\n"), HasSubstr("stats.tsv:3: expected"));
  EXPECT_EQ(LoadError("#names\t5\nabd\t3\n"), "");
}

TEST_F(TokenStatsFileTest, AFailedLoadLeavesTheStatsAlone) {
  TokenStats s(100, {{"x", 50}});
  ASSERT_FALSE(TokenStats::Load(Write("bad.tsv", "#names\t5\nbroken\n"), &s).ok());
  EXPECT_EQ(s.names(), 100u);
  EXPECT_EQ(s.DocumentFrequency("x"), 50u);
}

TEST_F(TokenStatsFileTest, IoErrors) {
  TokenStats s;
  Status st = TokenStats::Load(dir_ + "/missing.tsv", &s);
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_THAT(st.message(), HasSubstr("missing.tsv"));
  st = TokenStats(5, {}).Save(dir_ + "/no/such/dir/out.tsv");
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_THAT(st.message(), HasSubstr("out.tsv"));
}

}  // namespace
}  // namespace interdict

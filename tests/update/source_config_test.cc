#include "update/source_config.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SourceConfigTest, GroupsLinesBySourceInFirstSeenOrder) {
  std::vector<SourceConfig> sources;
  Status s = ParseSourceConfig(
      "# comment\n"
      "\n"
      "un-sc  https://un.example/consolidated.xml   # trailing comment\n"
      "us-ofac-sdn https://t.example/sdn.csv\n"
      "ftm:opensanctions https://o.example/entities.ftm.json\n"
      "us-ofac-sdn\thttps://t.example/alt.csv?x=1\n",
      "s.conf", &sources);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0].name, "un-sc");
  EXPECT_EQ(sources[1].name, "us-ofac-sdn");
  EXPECT_THAT(sources[1].urls,
              ElementsAre("https://t.example/sdn.csv", "https://t.example/alt.csv?x=1"));
  EXPECT_EQ(sources[2].format, "ftm");
  EXPECT_EQ(sources[2].name, "opensanctions");
}

TEST(SourceConfigTest, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"un-sc\n", "s.conf:1: expected 'SOURCE URL', got 1 fields"},
      {"\nun-sc a b\n", "s.conf:2: expected 'SOURCE URL', got 3 fields"},
      {"ch-seco https://e.example/x.xml\n", "s.conf:1: unknown source 'ch-seco'"},
      {"un-sc ftp://un.example/x.xml\n", "s.conf:1: un-sc: 'ftp://un.example/x.xml' is not an"},
      {"un-sc https://un.example/\n", "names no file"},
      {"un-sc https://un.example\n", "names no file"},
      {"ftm https://o.example/e.json\n", "s.conf:1: name the FtM source: ftm:NAME"},
      {"us-ofac-sdn https://a.example/sdn.csv\nus-ofac-sdn https://b.example/sdn.csv\n",
       "s.conf:2: us-ofac-sdn: two URLs end in the same file name 'sdn.csv'"},
  };
  for (const Case& c : cases) {
    std::vector<SourceConfig> sources;
    Status s = ParseSourceConfig(c.text, "s.conf", &sources);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << c.text;
    EXPECT_THAT(s.message(), HasSubstr(c.error)) << c.text;
  }
}

TEST(SourceConfigTest, UrlFileName) {
  EXPECT_EQ(UrlFileName("https://www.treasury.gov/ofac/downloads/sdn.csv"), "sdn.csv");
  EXPECT_EQ(UrlFileName("https://h/a/SDN.CSV?x=/y#z"), "SDN.CSV");
  EXPECT_EQ(UrlFileName("https://h/a/"), "");
  EXPECT_EQ(UrlFileName("https://h"), "");
}

// The shipped source list parses, and names every list format the importer reads from CSV/XML.
TEST(SourceConfigTest, ShippedSourceListIsValid) {
  std::vector<SourceConfig> sources;
  Status s = LoadSourceConfig(std::filesystem::path(INTERDICT_DATA) / "sources.conf", &sources);
  ASSERT_TRUE(s.ok()) << s.message();
  std::vector<std::string> names;
  for (const SourceConfig& c : sources) names.push_back(c.name);
  EXPECT_THAT(names, ElementsAre("us-ofac-sdn", "us-ofac-cons", "un-sc", "us-csl", "us-bis-dpl",
                                 "eu-fsf", "uk-sanctions"));
  EXPECT_EQ(sources[0].urls.size(), 4u);
  for (const SourceConfig& c : sources)
    for (const std::string& url : c.urls) EXPECT_TRUE(url.starts_with("https://")) << url;
}

TEST(SourceConfigTest, MissingFileIsNotFound) {
  std::vector<SourceConfig> sources;
  EXPECT_EQ(LoadSourceConfig("/nonexistent/sources.conf", &sources).code(),
            Status::Code::kNotFound);
}

}  // namespace
}  // namespace interdict

// ParseUsBisDpl on the real BIS Denied Persons List of 2022-09 (tests/fixtures/us-bis-dpl-2022-09/)
// and on malformed files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "ingest/source.h"
#include "list_parse_util.h"

namespace interdict {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_util::Attr;
using testing_util::Parse;
using testing_util::Parsed;
using testing_util::WriteTemp;

const std::string kFile = std::string(INTERDICT_FIXTURES) + "/us-bis-dpl-2022-09/dpl.txt";

const Entity* FindByName(const Parsed& p, const std::string& name) {
  for (const Entity& e : p.entities)
    if (e.primary_name().full == name) return &e;
  return nullptr;
}

TEST(BisDplTest, CountsAndStableDistinctIds) {
  Parsed p = Parse(ListFormat::kUsBisDpl, kFile);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  // 581 rows; lines 144 and 403 repeat lines 143 and 402 exactly.
  EXPECT_EQ(p.entities.size(), 579u);
  EXPECT_THAT(p.report.warnings,
              Contains("dpl.txt:144: the name, address and date of line 143 again (an identical "
                       "row): skipped"));
  EXPECT_THAT(p.report.warnings, Contains(HasSubstr("dpl.txt:403: the name, address and date of "
                                                    "line 402 again (an identical row)")));
  std::set<std::string> ids;
  for (const Entity& e : p.entities) {
    EXPECT_THAT(e.id, StartsWith("us-bis-dpl:"));
    EXPECT_EQ(e.id.size(), std::string("us-bis-dpl:").size() + 16);
    ids.insert(e.id);
  }
  EXPECT_EQ(ids.size(), 579u);
  // "3017-08-22" (MANSOUR ZADEH) is a typo and not taken as the newest update.
  EXPECT_THAT(p.report.warnings, Contains(HasSubstr("newest Last_Update 2022-09-02")));
  EXPECT_EQ(p.bytes_read, static_cast<int64_t>(std::filesystem::file_size(kFile)));
  // Same bytes, same ids: an id depends on the row alone.
  Parsed again = Parse(ListFormat::kUsBisDpl, kFile);
  EXPECT_EQ(again.entities.front().id, p.entities.front().id);
}

TEST(BisDplTest, RowFieldByField) {
  Parsed p = Parse(ListFormat::kUsBisDpl, kFile);
  const Entity* e = FindByName(p, "AARON ABRAHAM VILLA");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "us-bis-dpl");
  EXPECT_EQ(e->schema, Schema::kEntity);
  EXPECT_EQ(e->listed_on, "2022-08-24");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].street, "3415 RIVERA AVENUE");
  EXPECT_EQ(e->addresses[0].city, "EL PASO");
  EXPECT_EQ(e->addresses[0].state, "TX");
  EXPECT_EQ(e->addresses[0].postal_code, "79905");
  EXPECT_EQ(Attr(*e, "expiration_date"), "01/14/2026");
  EXPECT_EQ(Attr(*e, "fr_citation"), "87 F.R. 52741 8/29/2022");
  EXPECT_EQ(Attr(*e, "action"), "F.R. NOTICE ADDED");
  // The leading space of " I. ASH" is the publisher's typo, not part of the name.
  ASSERT_NE(FindByName(p, "I. ASH"), nullptr);
  EXPECT_EQ(FindByName(p, "I. ASH")->addresses[0].country.code, "US");
}

TEST(BisDplTest, MalformedFilesFailWithWhere) {
  const std::string header = "\"Name\"\t\"Street_Address\"\t\"Effective_Date\"\n";
  struct Case {
    std::string content;
    int line;
    const char* error;
  };
  const Case cases[] = {
      {header +
           "\"A\"\t\"B\"\t\"01/02/2020\"\n\"A\"\t\"B\"\t\"01/02/2020\"\n\"C\"\t\"B\"\t\"1/2/20\"\n",
       4, "Effective_Date '1/2/20'"},
      {"\"Nome\"\t\"Effective_Date\"\n", 1, "no column 'Name'"},
      {header + "\"A\"\t\"B\"\n", 2, "expected 3 fields"},
      {header + "\"A\"\t\"B\"\t\"13/45/2020\"\n", 2, "Effective_Date '13/45/2020'"},
      {header + "\"\"\t\"B\"\t\"01/02/2020\"\n", 2, "empty Name"},
      {header + "\"A\"\t\"B\"\t\"01/02/2020", 2, "unterminated quoted field"},
      {"", 1, "empty file"},
  };
  for (const Case& c : cases)
    testing_util::ExpectFailsAt(ListFormat::kUsBisDpl, "dpl.txt", c.content, false, c.line,
                                c.error);
}

}  // namespace
}  // namespace interdict

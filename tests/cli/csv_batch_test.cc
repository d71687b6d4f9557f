// The pieces of `screen --csv` (csv_batch.h) and the ordered batch engine under it
// (ordered_lines.h); tests/cli/csv_test.sh runs the whole command.
#include "cli/csv_batch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cli/ordered_lines.h"
#include "ingest/csv_reader.h"

namespace interdict::cli {
namespace {

using ::testing::HasSubstr;

std::vector<CsvField> Map(const std::vector<std::string>& header,
                          const std::vector<std::string>& maps = {}) {
  std::vector<CsvField> columns;
  Status s = MapCsvHeader(header, maps, &columns);
  EXPECT_TRUE(s.ok()) << s.message();
  return columns;
}

std::string MapError(const std::vector<std::string>& header,
                     const std::vector<std::string>& maps = {}) {
  std::vector<CsvField> columns;
  Status s = MapCsvHeader(header, maps, &columns);
  EXPECT_FALSE(s.ok());
  return s.message();
}

TEST(MapCsvHeaderTest, ColumnsAreNamedByTheirHeaderWhateverTheCase) {
  using F = CsvField;
  EXPECT_EQ(Map({"ID", " Name ", "type", "Date_Of_Birth", "countries", "Identifier", "branch"}),
            (std::vector<F>{F::kId, F::kName, F::kType, F::kDob, F::kCountry, F::kIdentifier,
                            F::kIgnored}));
  EXPECT_EQ(
      Map({"customer_no", "full name", "born"}, {"customer_no=id", "Full Name=name", "born=dob"}),
      (std::vector<F>{F::kId, F::kName, F::kDob}));
  // --map renames: a column called "name" that is not the name can be left out of it.
  EXPECT_EQ(Map({"name", "legal_name"}, {"name=id", "legal_name=name"}),
            (std::vector<F>{F::kId, F::kName}));
}

TEST(MapCsvHeaderTest, ABadHeaderOrMapIsAnErrorSayingWhat) {
  EXPECT_THAT(MapError({"id", "customer"}), HasSubstr("no 'name' column"));
  EXPECT_THAT(MapError({"name", "Name"}), HasSubstr("columns 1 ('name') and 2 ('Name')"));
  EXPECT_THAT(MapError({"name", "dob", "birth_date"}), HasSubstr("both give the dob"));
  EXPECT_THAT(MapError({"name"}, {"nmae=name"}), HasSubstr("no such column"));
  EXPECT_THAT(MapError({"name", "x"}, {"x=shoe_size"}), HasSubstr("the field must be"));
  EXPECT_THAT(MapError({"name"}, {"name"}), HasSubstr("COLUMN=FIELD"));
}

TEST(CsvRowQueryTest, ARowIsReadWithTheQueryFieldRules) {
  std::vector<CsvField> columns = Map({"id", "name", "type", "dob", "country", "identifier", "x"});
  std::string id;
  ScreeningQuery q;
  ASSERT_TRUE(CsvRowQuery(columns,
                          {"c-1", "Ali Hassan", "Person", "1975-3-7", "Iran; IQ", "P1;;P2", "?"},
                          &id, &q)
                  .ok());
  EXPECT_EQ(id, "c-1");
  EXPECT_EQ(q.name, "Ali Hassan");
  EXPECT_EQ(q.schema, Schema::kPerson);
  EXPECT_EQ(q.birth_dates, std::vector<PartialDate>{(PartialDate{1975, 3, 7})});
  EXPECT_EQ(q.countries, (std::vector<std::string>{"Iran", "IQ"}));
  ASSERT_EQ(q.identifiers.size(), 2u);
  EXPECT_EQ(q.identifiers[1].value, "P2");
  EXPECT_TRUE(q.warnings.empty());

  // Empty cells are no values; an unusable date is a warning, as in a JSON query.
  q = {};
  ASSERT_TRUE(CsvRowQuery(columns, {"c-2", "Acme", "", "1975-13-40", "", "", ""}, &id, &q).ok());
  EXPECT_FALSE(q.schema.has_value());
  EXPECT_TRUE(q.birth_dates.empty());
  EXPECT_TRUE(q.countries.empty());
  ASSERT_EQ(q.warnings.size(), 1u);
  EXPECT_THAT(q.warnings[0], HasSubstr("1975-13-40"));
}

TEST(CsvRowQueryTest, ABadRowIsAnErrorThatKeepsItsId) {
  std::vector<CsvField> columns = Map({"id", "name", "type"});
  std::string id;
  ScreeningQuery q;
  Status s = CsvRowQuery(columns, {"c-3", "Acme"}, &id, &q);
  EXPECT_EQ(s.message(), "the row has 2 fields; the header has 3");
  EXPECT_EQ(id, "c-3");
  s = CsvRowQuery(columns, {"c-4", "Acme", "robot"}, &id, &q);
  EXPECT_THAT(s.message(), HasSubstr("'type' must be"));
  EXPECT_EQ(id, "c-4");
}

TEST(CsvOutputTest, FieldsAreQuotedAsRfc4180Asks) {
  std::string out;
  for (const char* f : {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\r", "", " spaced "}) {
    AppendCsvField(f, &out);
    out += '|';
  }
  EXPECT_EQ(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|| spaced |");
}

TEST(CsvOutputTest, NoMatchAndErrorRowsCarryTheLineAndId) {
  std::string out;
  ScreenResult none;
  none.warnings = {"w1", "w2"};
  AppendCsvResultRows(7, "c,7", "Jane Doe", none, &out);
  AppendCsvErrorRow(8, "c8", "", "name is empty", &out);
  AppendCsvErrorRow(0, "", "", "f.csv:9: unterminated quoted field 2", &out);
  EXPECT_EQ(out,
            "7,\"c,7\",Jane Doe,no match,,,,,,w1; w2,\r\n"
            "8,c8,,error,,,,,,,name is empty\r\n"
            ",,,error,,,,,,,f.csv:9: unterminated quoted field 2\r\n");
}

TEST(CsvOutputTest, TheResultHeaderReadsBackWithTheCsvReader) {
  std::istringstream in{std::string(kCsvResultHeader)};
  CsvReader reader(&in, "out", {});
  std::vector<std::string> fields;
  bool has_row = false;
  ASSERT_TRUE(reader.Next(&fields, &has_row).ok());
  EXPECT_EQ(fields.size(), 11u);
  EXPECT_EQ(fields[0], "line");
  EXPECT_EQ(fields[10], "error");
}

// The engine keeps input order whatever the threads do, across chunks, and reports progress.
TEST(ProcessInOrderTest, OutputIsInInputOrderOnManyThreads) {
  const size_t n = 5000;  // several chunks of 4 × 256
  std::vector<size_t> items;
  size_t next = 0;
  std::ostringstream out;
  std::vector<size_t> progress;
  ASSERT_TRUE(ProcessInOrder(
      [&](size_t slot) {
        if (next == n) return false;
        if (items.size() <= slot) items.resize(slot + 1);
        items[slot] = next++;
        return true;
      },
      out, 4,
      [&](size_t slot, int, std::string* o) {
        // Uneven work, so that workers finish out of order.
        volatile size_t spin = 0;
        for (size_t i = 0; i < (items[slot] % 7) * 1000; ++i) spin = spin + i;
        *o = std::to_string(items[slot]) + "\n";
      },
      [&](size_t written) { progress.push_back(written); }));
  std::string expected;
  for (size_t i = 0; i < n; ++i) expected += std::to_string(i) + "\n";
  EXPECT_EQ(out.str(), expected);
  EXPECT_EQ(progress, (std::vector<size_t>{1024, 2048, 3072, 4096, 5000}));
}

}  // namespace
}  // namespace interdict::cli

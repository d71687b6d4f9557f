#include "ingest/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<std::string>>;

// Reads all of `text`; on error returns the rows read so far and sets *error.
Rows ReadAll(const std::string& text, Status* error = nullptr,
             CsvReader::Options options = CsvReader::Options(),
             std::vector<int64_t>* lines = nullptr) {
  std::istringstream in(text);
  CsvReader reader(&in, "t.csv", options);
  Rows rows;
  std::vector<std::string> fields;
  for (;;) {
    bool has_row = false;
    Status st = reader.Next(&fields, &has_row);
    if (!st.ok()) {
      if (error) *error = st;
      return rows;
    }
    if (!has_row) break;
    rows.push_back(fields);
    if (lines) lines->push_back(reader.line());
  }
  if (error) *error = Status::Ok();
  return rows;
}

TEST(CsvReaderTest, PlainAndQuotedFields) {
  Status st;
  Rows rows = ReadAll("1,abc,\"d,e\",\"say \"\"hi\"\"\",\n2,,\"\",x\n", &st);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0], ElementsAre("1", "abc", "d,e", "say \"hi\"", ""));
  EXPECT_THAT(rows[1], ElementsAre("2", "", "", "x"));
}

TEST(CsvReaderTest, CrlfAndLfLineEndsReadTheSame) {
  Status a, b;
  Rows crlf = ReadAll("1,\"x\"\r\n2,\"y\"\r\n", &a);
  Rows lf = ReadAll("1,\"x\"\n2,\"y\"\n", &b);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(crlf, lf);
  EXPECT_THAT(crlf[1], ElementsAre("2", "y"));
}

TEST(CsvReaderTest, LastLineWithoutLineEnd) {
  Status st;
  Rows rows = ReadAll("1,a\r\n2,b", &st);
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1], ElementsAre("2", "b"));
}

TEST(CsvReaderTest, LineBreakInsideQuotesAndLineNumbers) {
  Status st;
  std::vector<int64_t> lines;
  Rows rows = ReadAll("1,\"two\r\nlines\"\r\n2,x\r\n", &st, {}, &lines);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "two\nlines");
  EXPECT_THAT(lines, ElementsAre(1, 3));
}

TEST(CsvReaderTest, DosEndOfFileByteEndsTheInput) {
  Status st;
  Rows rows = ReadAll("1,\"a\"\r\n2,\"b\"\r\n\x1a", &st);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(rows.size(), 2u);
  // Followed by an empty line, still the end.
  rows = ReadAll("1,\"a\"\r\n\x1a\r\n", &st);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(rows.size(), 1u);
}

TEST(CsvReaderTest, DataAfterDosEndOfFileIsAnError) {
  Status st;
  ReadAll("1,a\r\n\x1a\r\n2,b\r\n", &st);
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("t.csv:3: data after the DOS end-of-file byte 0x1A"));
}

TEST(CsvReaderTest, ControlCharacterInAFieldIsAnErrorNamingLineAndField) {
  // A NUL inside a name would cut it wherever it is printed as C text.
  Status st;
  Rows rows = ReadAll(std::string("1,\"a\"\r\n2,\"AL\0QAIDA\"\r\n", 20), &st);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(st.message(),
            "t.csv:2: control character 0x00 in field 2 (at byte 3 of the field; list text cannot "
            "hold one)");
  EXPECT_EQ(rows.size(), 1u);
  ReadAll(
      "1,\"a\x01"
      "b\"\r\n",
      &st);
  EXPECT_THAT(st.message(), HasSubstr("t.csv:1: control character 0x01 in field 2"));
  ReadAll("1,a\x1a\r\n", &st);  // 0x1A only ends the file on a line of its own
  EXPECT_THAT(st.message(), HasSubstr("t.csv:1: control character 0x1A in field 2"));
  // Tabs and line breaks inside quotes are text.
  rows = ReadAll("1,\"a\tb\r\nc\"\r\n", &st);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(rows[0][1], "a\tb\nc");
}

TEST(CsvReaderTest, ReportsWhetherTheInputEndedWithDosEof) {
  for (const auto& [text, ended] : std::vector<std::pair<std::string, bool>>{
           {"1,a\r\n\x1a", true}, {"1,a\r\n\x1a\r\n", true}, {"1,a\r\n", false}, {"", false}}) {
    std::istringstream in(text);
    CsvReader reader(&in, "t.csv", {});
    std::vector<std::string> fields;
    bool has_row = true;
    while (has_row) ASSERT_TRUE(reader.Next(&fields, &has_row).ok());
    EXPECT_EQ(reader.saw_dos_eof(), ended) << text;
  }
}

TEST(CsvReaderTest, NullMarkerReadsAsEmpty) {
  CsvReader::Options options;
  options.null_marker = "-0- ";
  Status st;
  Rows rows = ReadAll("12,-0- ,\"-0- \",-0-,\"x\"\r\n", &st, options);
  ASSERT_TRUE(st.ok());
  // "-0-" without the space is not the marker.
  EXPECT_THAT(rows[0], ElementsAre("12", "", "", "-0-", "x"));
}

TEST(CsvReaderTest, QuotedFlagPerField) {
  std::istringstream in("1,\"a\",b,\"\"\n");
  CsvReader reader(&in, "t.csv", {});
  std::vector<std::string> f;
  bool has_row = false;
  ASSERT_TRUE(reader.Next(&f, &has_row).ok());
  ASSERT_TRUE(has_row);
  EXPECT_FALSE(reader.quoted(0));
  EXPECT_TRUE(reader.quoted(1));
  EXPECT_FALSE(reader.quoted(2));
  EXPECT_TRUE(reader.quoted(3));
}

TEST(CsvReaderTest, EmptyLineIsOneEmptyField) {
  Status st;
  Rows rows = ReadAll("1,a\n\n2,b\n", &st);
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1], ElementsAre(""));
}

TEST(CsvReaderTest, ByteOrderMarkIsSkipped) {
  Status st;
  Rows rows = ReadAll("\xEF\xBB\xBFid,name\n", &st);
  ASSERT_TRUE(st.ok());
  EXPECT_THAT(rows[0], ElementsAre("id", "name"));
}

TEST(CsvReaderTest, Utf8IsAccepted) {
  Status st;
  Rows rows = ReadAll("1,\"Caf\xC3\xA9 \xD0\x9C\xD0\xB8\xD1\x80\",\"\xE9\x87\x91\"\n", &st);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(rows[0][1], "Caf\xC3\xA9 \xD0\x9C\xD0\xB8\xD1\x80");
}

TEST(CsvReaderTest, Latin1ByteIsAnError) {
  Status st;
  Rows rows = ReadAll("1,\"ok\"\r\n2,\"Caf\xE9\"\r\n", &st);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("t.csv:2: invalid UTF-8 in field 2 (byte 0xE9"));
}

TEST(CsvReaderTest, UnterminatedQuoteIsAnErrorNamingItsStartLine) {
  Status st;
  Rows rows = ReadAll("1,\"a\"\r\n2,\"never closed\r\nmore\r\n", &st);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("t.csv:2: unterminated quoted field 2"));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  Status st;
  ReadAll("1,ab\"c\"\n", &st);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("t.csv:1: quote inside unquoted field 2"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  Status st;
  ReadAll("1,a\n2,\"abc\"d,e\n", &st);
  ASSERT_FALSE(st.ok());
  EXPECT_THAT(st.message(),
              HasSubstr("t.csv:2: unexpected 0x64 after the closing quote of field 2"));
}

// A caller that reports a bad row and carries on gets the rows after it.
TEST(CsvReaderTest, ReadingGoesOnAfterABadLine) {
  std::istringstream in("1,a\n2,ab\"c\n3,\"x\"y\n4,\xE9\n5,\"ok\"\n6,\"open\n");
  CsvReader reader(&in, "t.csv", {});
  std::vector<std::string> fields, outcomes;
  for (int i = 0; i < 10; ++i) {
    bool has_row = false;
    Status st = reader.Next(&fields, &has_row);
    if (st.ok() && !has_row) break;
    outcomes.push_back(st.ok() ? fields[0] + "=" + fields[1] : "error");
  }
  EXPECT_THAT(outcomes, ElementsAre("1=a", "error", "error", "error", "5=ok", "error"));
}

TEST(CsvReaderTest, OtherSeparator) {
  CsvReader::Options options;
  options.separator = '\t';
  Status st;
  Rows rows = ReadAll("a\t\"b\tc\"\td,e\n", &st, options);
  ASSERT_TRUE(st.ok());
  EXPECT_THAT(rows[0], ElementsAre("a", "b\tc", "d,e"));
}

TEST(CsvReaderTest, OpenMissingFileIsIoError) {
  std::unique_ptr<CsvReader> reader;
  Status st = CsvReader::Open("/nonexistent/dir/sdn.csv", {}, &reader);
  EXPECT_EQ(st.code(), Status::Code::kIoError);
  EXPECT_THAT(st.message(), HasSubstr("/nonexistent/dir/sdn.csv: cannot open"));
}

// The real 2021 SDN file: CRLF, quoted text, "-0- " and the final 0x1A row.
TEST(CsvReaderTest, StreamsTheRealSdnFile) {
  std::unique_ptr<CsvReader> reader;
  CsvReader::Options options;
  options.null_marker = "-0- ";
  ASSERT_TRUE(CsvReader::Open(INTERDICT_FIXTURES "/ofac-sdn-2021/sdn.csv", options, &reader).ok());
  EXPECT_EQ(reader->name(), "sdn.csv");
  std::vector<std::string> f;
  size_t rows = 0;
  for (;;) {
    bool has_row = false;
    Status st = reader->Next(&f, &has_row);
    ASSERT_TRUE(st.ok()) << st.message();
    if (!has_row) break;
    ++rows;
    ASSERT_EQ(f.size(), 12u) << "line " << reader->line();
    if (rows == 1) {
      EXPECT_THAT(f, ElementsAre("36", "AEROCARIBBEAN AIRLINES", "", "CUBA", "", "", "", "", "", "",
                                 "", ""));
    }
  }
  EXPECT_EQ(rows, 8976u);
  EXPECT_EQ(reader->line(), 8976);
}

}  // namespace
}  // namespace interdict

#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace interdict {
namespace {

std::string Written(double v) {
  std::string out;
  JsonWriter(&out).Number(v);
  return out;
}

TEST(JsonWriterTest, NumbersAreWrittenAsNlohmannWritesThem) {
  std::vector<double> values = {
      0.0,  -0.0, 1.0,  -1.0, 0.5,  0.1,    0.001,  0.0001,   1e-5,
      12.5, 1e15, 1e16, 1e17, 1e21, 1e-300, 5e-324, 123456.0, std::numeric_limits<double>::max()};
  for (int i = -1000; i <= 1000; ++i) values.push_back(i / 1000.0);  // scores, effects
  for (double v : values) EXPECT_EQ(Written(v), nlohmann::json(v).dump()) << v;
  EXPECT_EQ(Written(std::nan("")), "null");
  EXPECT_EQ(Written(std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonWriterTest, AnyNumberReadsBackExactlyInNoMoreDigits) {
  // nlohmann's Grisu2 digits are not always the shortest; ours are.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mantissa(-10, 10);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 20000; ++i) {
    const double v = mantissa(rng) * std::pow(10.0, exponent(rng));
    const std::string text = Written(v);
    EXPECT_EQ(nlohmann::json::parse(text).get<double>(), v) << text;
    EXPECT_LE(text.size(), nlohmann::json(v).dump().size()) << text;
  }
}

TEST(JsonWriterTest, StringsEscapeWhatJsonRequiresAndKeepUtf8) {
  std::string all;
  for (int c = 1; c < 128; ++c) all.push_back(static_cast<char>(c));
  all += "Muḥammad محمد 金正恩";
  all.push_back('\0');
  std::string out;
  JsonWriter(&out).String(all);
  EXPECT_EQ(out, nlohmann::json(all).dump());
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), all);
}

TEST(JsonWriterTest, InvalidUtf8BecomesReplacementCharacters) {
  std::string out;
  JsonWriter(&out).String(
      "ab\xff"
      "c\xc3");  // a stray byte, a truncated sequence
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(),
            "ab\xEF\xBF\xBD"
            "c\xEF\xBF\xBD");
}

// Writes the same events to any sink.
void WriteSample(JsonSink* w) {
  w->BeginObject();
  w->Key("a");
  w->BeginArray();
  w->Integer(-3);
  w->BeginObject();
  w->EndObject();
  w->BeginArray();
  w->EndArray();
  w->Null();
  w->EndArray();
  w->Key("b");
  w->Bool(false);
  w->Key("d");
  w->Strings({"p", "q"});
  w->Key("e");
  w->BeginObject();
  w->Key("x");
  w->Number(0.5);
  w->Key("y");
  w->String("z");
  w->EndObject();
  w->EndObject();
}

TEST(JsonBuilderTest, BuildsTheDocumentTheWriterWrites) {
  std::string text;
  JsonWriter w(&text);
  WriteSample(&w);
  JsonBuilder b;
  WriteSample(&b);
  nlohmann::json doc = b.Take();
  EXPECT_EQ(doc, nlohmann::json::parse(text));
  EXPECT_EQ(doc.dump(), text);
  JsonBuilder scalar;
  scalar.String("alone");
  EXPECT_EQ(scalar.Take(), nlohmann::json("alone"));
}

TEST(JsonWriterTest, PlacesCommasInNestedContainers) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Integer(-3);
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.Null();
  w.EndArray();
  w.Key("b");
  w.Bool(false);
  w.Key("c");
  w.Raw(R"({"x":1})");
  w.Key("d");
  w.Strings({"p", "q"});
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[-3,{},[],null],"b":false,"c":{"x":1},"d":["p","q"]})");
  EXPECT_NO_THROW(nlohmann::json::parse(out));
}

}  // namespace
}  // namespace interdict

// JsonWriter: a JsonSink that appends compact JSON text to a string, without building a
// document first: for the hot output paths (a result line per screened name).
//
// Commas are placed by the writer. Strings are written as UTF-8, escaping only what JSON requires
// (a byte of an invalid UTF-8 sequence becomes U+FFFD, where dump() would throw), and numbers as
// the shortest digits that read back to the same double, laid out as nlohmann::json::dump() lays
// them out: for valid strings, integers and scores (3 decimals) the text is the same as dump()'s.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_sink.h"

namespace interdict {

class JsonWriter final : public JsonSink {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() override { Open('{'); }
  void EndObject() override { Close('}'); }
  void BeginArray() override { Open('['); }
  void EndArray() override { Close(']'); }
  void Key(std::string_view key) override;
  void String(std::string_view s) override;
  void Number(double v) override;
  void Integer(int64_t v) override;
  void Bool(bool v) override;
  void Null() override;
  // A value already written as JSON text (trusted: not checked).
  void Raw(std::string_view json);

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();

  std::string* out_;
  bool after_key_ = false;
  std::vector<bool> first_;  // per open container: nothing written in it yet
};

}  // namespace interdict

// JsonWriter: appends compact JSON text to a string, without building a document first. For
// the hot output paths (a result line per screened name); documents that are built up and
// edited use nlohmann::json.
//
// The caller writes well-formed structure (a key before each value inside objects); commas are
// placed by the writer. Strings are written as UTF-8, escaping only what JSON requires, and
// numbers as the shortest digits that read back to the same double, laid out as
// nlohmann::json::dump() lays them out: for strings, integers and scores (3 decimals) the text
// is the same as dump()'s.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);  // then exactly one value
  void String(std::string_view s);
  void Number(double v);
  void Integer(int64_t v);
  void Bool(bool v);
  void Null();
  // A value already written as JSON text (trusted: not checked).
  void Raw(std::string_view json);

  void Strings(const std::vector<std::string>& values);  // an array of strings

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();

  std::string* out_;
  bool after_key_ = false;
  std::vector<bool> first_;  // per open container: nothing written in it yet
};

}  // namespace interdict

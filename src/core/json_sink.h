// JsonSink: where a JSON value is written to, one event at a time. Shapes of output (a match,
// an explanation) are written once against this interface and go either to text (JsonWriter,
// for result lines) or to a document (JsonBuilder, for responses that are built up further).
//
// Callers write well-formed structure: inside an object, a Key() before each value.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

class JsonSink {
 public:
  virtual ~JsonSink() = default;
  virtual void BeginObject() = 0;
  virtual void EndObject() = 0;
  virtual void BeginArray() = 0;
  virtual void EndArray() = 0;
  virtual void Key(std::string_view key) = 0;  // then exactly one value
  virtual void String(std::string_view s) = 0;
  virtual void Number(double v) = 0;
  virtual void Integer(int64_t v) = 0;
  virtual void Bool(bool v) = 0;
  virtual void Null() = 0;

  void Strings(const std::vector<std::string>& values);  // an array of strings
};

// Builds an nlohmann::json document.
class JsonBuilder final : public JsonSink {
 public:
  void BeginObject() override { Open(nlohmann::json::object()); }
  void EndObject() override { open_.pop_back(); }
  void BeginArray() override { Open(nlohmann::json::array()); }
  void EndArray() override { open_.pop_back(); }
  void Key(std::string_view key) override { key_.assign(key); }
  void String(std::string_view s) override { Add(std::string(s)); }
  void Number(double v) override { Add(v); }
  void Integer(int64_t v) override { Add(v); }
  void Bool(bool v) override { Add(v); }
  void Null() override { Add(nullptr); }

  // The document written; the builder is empty afterwards.
  nlohmann::json Take() { return std::move(root_); }

 private:
  nlohmann::json* Add(nlohmann::json v);
  void Open(nlohmann::json container) { open_.push_back(Add(std::move(container))); }

  nlohmann::json root_;
  std::vector<nlohmann::json*> open_;  // the containers being written, innermost last
  std::string key_;
};

}  // namespace interdict

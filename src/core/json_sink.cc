#include "core/json_sink.h"

namespace interdict {

void JsonSink::Strings(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& v : values) String(v);
  EndArray();
}

nlohmann::json* JsonBuilder::Add(nlohmann::json v) {
  if (open_.empty()) {
    root_ = std::move(v);
    return &root_;
  }
  // Only the innermost container grows, so the pointers to the outer ones stay valid.
  nlohmann::json& parent = *open_.back();
  if (parent.is_array()) {
    parent.push_back(std::move(v));
    return &parent.back();
  }
  nlohmann::json& slot = parent[key_];
  slot = std::move(v);
  return &slot;
}

}  // namespace interdict

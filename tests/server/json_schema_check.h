// A minimal JSON Schema checker for the tests: the keywords the Reconciliation API 0.2 schemas
// use (type, properties, required, items, patternProperties, additionalProperties, oneOf, anyOf,
// enum, $ref to a local pointer or a sibling file, pattern, contains, uniqueItems, minItems).
// Any other keyword in a schema is reported as an error, so that a schema using one this checker
// does not know cannot pass unchecked. No packaged C++ validator is available on the build
// machines (Debian has none that nlohmann-json users can link without a network fetch).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace interdict::server::testing {

class JsonSchemaCheck {
 public:
  // Schemas are read from `dir` by file name ("manifest.json").
  explicit JsonSchemaCheck(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // The errors of `doc` against schema file `file`, each with its JSON path; empty when valid.
  std::vector<std::string> Check(const nlohmann::json& doc, const std::string& file) {
    std::vector<std::string> errors;
    Validate(doc, Load(file), file, "$", &errors);
    return errors;
  }

 private:
  using json = nlohmann::json;

  const json& Load(const std::string& file) {
    auto it = docs_.find(file);
    if (it != docs_.end()) return it->second;
    std::ifstream in(dir_ / file);
    json j = json::parse(in, nullptr, false);
    return docs_[file] = j;
  }

  const json* Resolve(const std::string& ref, std::string* file) {
    size_t hash = ref.find('#');
    std::string name = ref.substr(0, hash);
    if (!name.empty()) *file = name;
    const json& root = Load(*file);
    if (root.is_discarded()) return nullptr;
    if (hash == std::string::npos || hash + 1 == ref.size()) return &root;
    json::json_pointer ptr(ref.substr(hash + 1));
    return root.contains(ptr) ? &root.at(ptr) : nullptr;
  }

  static bool IsType(const json& v, const std::string& t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "number") return v.is_number();
    if (t == "integer") return v.is_number_integer();
    if (t == "boolean") return v.is_boolean();
    if (t == "null") return v.is_null();
    return false;
  }

  bool Valid(const json& v, const json& schema, const std::string& file) {
    std::vector<std::string> e;
    Validate(v, schema, file, "", &e);
    return e.empty();
  }

  void Validate(const json& v, const json& s, std::string file, const std::string& at,
                std::vector<std::string>* errors) {
    static const std::set<std::string> kAnnotations = {
        "$schema", "$id", "description", "definitions", "title", "default", "examples", "format"};
    if (!s.is_object()) return errors->push_back(at + ": schema is not an object");
    for (const auto& [key, rule] : s.items()) {
      if (kAnnotations.count(key)) continue;
      if (key == "$ref") {
        std::string f = file;
        const json* target = Resolve(rule.get<std::string>(), &f);
        if (target == nullptr) return errors->push_back(at + ": cannot resolve " + rule.dump());
        Validate(v, *target, f, at, errors);
      } else if (key == "type") {
        bool ok = false;
        for (const json& t : rule.is_array() ? rule : json::array({rule}))
          ok = ok || IsType(v, t.get<std::string>());
        if (!ok) errors->push_back(at + ": not of type " + rule.dump());
      } else if (key == "enum") {
        if (std::find(rule.begin(), rule.end(), v) == rule.end())
          errors->push_back(at + ": " + v.dump() + " not in " + rule.dump());
      } else if (key == "pattern") {
        if (v.is_string() &&
            !std::regex_search(v.get<std::string>(), std::regex(rule.get<std::string>())))
          errors->push_back(at + ": '" + v.get<std::string>() + "' does not match " + rule.dump());
      } else if (key == "required") {
        for (const json& r : rule)
          if (v.is_object() && !v.contains(r.get<std::string>()))
            errors->push_back(at + ": '" + r.get<std::string>() + "' is required");
      } else if (key == "properties") {
        if (v.is_object())
          for (const auto& [name, sub] : rule.items())
            if (v.contains(name)) Validate(v[name], sub, file, at + "." + name, errors);
      } else if (key == "patternProperties") {
        if (v.is_object())
          for (const auto& [pattern, sub] : rule.items())
            for (const auto& [name, value] : v.items())
              if (std::regex_search(name, std::regex(pattern)))
                Validate(value, sub, file, at + "." + name, errors);
      } else if (key == "additionalProperties") {
        if (!v.is_object()) continue;
        for (const auto& [name, value] : v.items()) {
          bool declared = s.contains("properties") && s["properties"].contains(name);
          if (s.contains("patternProperties"))
            for (const auto& [pattern, sub] : s["patternProperties"].items())
              declared = declared || std::regex_search(name, std::regex(pattern));
          if (declared) continue;
          if (rule.is_boolean() && !rule.get<bool>())
            errors->push_back(at + ": property '" + name + "' is not allowed");
          else if (rule.is_object())
            Validate(value, rule, file, at + "." + name, errors);
        }
      } else if (key == "items") {
        if (v.is_array())
          for (size_t i = 0; i < v.size(); ++i)
            Validate(v[i], rule, file, at + "[" + std::to_string(i) + "]", errors);
      } else if (key == "oneOf" || key == "anyOf") {
        int passing = 0;
        for (const json& sub : rule) passing += Valid(v, sub, file) ? 1 : 0;
        if (key == "oneOf" ? passing != 1 : passing == 0)
          errors->push_back(at + ": " + std::to_string(passing) + " of " + key + " match");
      } else if (key == "contains") {
        bool any = false;
        if (v.is_array())
          for (const json& x : v) any = any || Valid(x, rule, file);
        if (v.is_array() && !any) errors->push_back(at + ": no item matches 'contains'");
      } else if (key == "uniqueItems") {
        if (v.is_array() && rule.get<bool>())
          for (size_t i = 0; i < v.size(); ++i)
            for (size_t j = i + 1; j < v.size(); ++j)
              if (v[i] == v[j]) errors->push_back(at + ": items are not unique");
      } else if (key == "minItems") {
        if (v.is_array() && v.size() < rule.get<size_t>())
          errors->push_back(at + ": fewer than " + rule.dump() + " items");
      } else {
        errors->push_back(at + ": the checker does not support keyword '" + key + "'");
      }
    }
  }

  std::filesystem::path dir_;
  std::map<std::string, json> docs_;
};

}  // namespace interdict::server::testing

// The harness the list-parser fuzzers share (ofac_csv_fuzz, ofac_xml_fuzz, un_xml_fuzz,
// ftm_json_fuzz, official_lists_fuzz): the input's files are written into a temporary folder and
// parsed with ParseList, as an import reads them. Beyond "no crash, no sanitizer report", it checks
// what an import relies on:
// - no exception escapes and no kInternal error comes back (bad input is InvalidInput, with a
//   message);
// - every record handed over has an id "<source>:<something>" not seen before in the parse, the
//   source it belongs to, and at least one name; every name is non-empty UTF-8 without control
//   characters (a NUL would cut it when printed).
// A violation aborts, so libFuzzer keeps the input as a crash.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/country.h"
#include "core/data_dir.h"
#include "core/text.h"
#include "ingest/control_char.h"
#include "ingest/source.h"

namespace interdict::fuzz {

[[noreturn]] inline void Violation(const std::string& what) {
  std::fprintf(stderr, "list fuzz: contract violated: %s\n", what.c_str());
  std::abort();
}

// What one process keeps across inputs: the country table and its temporary folder.
class ListFuzzer {
 public:
  ListFuzzer() {
    if (Status s = CountryTable::LoadDefault(ResolveDataDir(""), &countries_); !s.ok())
      Violation("countries: " + s.message());
    char dir[] = "/tmp/list-fuzz-XXXXXX";
    if (mkdtemp(dir) == nullptr) Violation("mkdtemp failed");
    dir_ = dir;
  }

  // Writes `files` (name, bytes) into the folder, replacing what the last input left there,
  // parses the folder as `format` and checks the contract. `source` is the records' id prefix.
  void Run(ListFormat format, std::string_view source,
           const std::vector<std::pair<std::string, std::string_view>>& files) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec))
      std::filesystem::remove(entry.path(), ec);
    for (const auto& [name, bytes] : files) {
      std::ofstream out(dir_ / name, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) Violation("cannot write " + name);
    }
    ParseOptions options;
    options.countries = &countries_;
    options.ftm_source = std::string(source);
    options.ofac_source = std::string(source);
    std::set<std::string> ids;
    Status st;
    try {
      st = ParseList(
          format, {dir_}, options,
          [&](Entity&& e) {
            Check(e, source, &ids);
            return Status::Ok();
          },
          nullptr);
    } catch (const std::exception& ex) {
      Violation(std::string("exception: ") + ex.what());
    }
    if (st.code() == Status::Code::kInternal) Violation("internal error: " + st.message());
    if (!st.ok() && st.message().empty()) Violation("an error without a message");
  }

 private:
  static void Check(const Entity& e, std::string_view source, std::set<std::string>* ids) {
    const std::string prefix = std::string(source) + ":";
    if (e.id.size() <= prefix.size() || e.id.compare(0, prefix.size(), prefix) != 0)
      Violation("record id '" + e.id + "' lacks the prefix " + prefix);
    if (e.source != source) Violation("record '" + e.id + "' has source '" + e.source + "'");
    if (!ids->insert(e.id).second) Violation("record id '" + e.id + "' handed over twice");
    if (e.names.empty()) Violation("record '" + e.id + "' has no name");
    for (const Name& n : e.names) {
      if (n.full.empty()) Violation("record '" + e.id + "' has an empty name");
      if (!IsValidUtf8(n.full) || !IsValidUtf8(n.natural))
        Violation("record '" + e.id + "' has a name that is not UTF-8");
      if (FindControlChar(n.full) != std::string_view::npos ||
          FindControlChar(n.natural) != std::string_view::npos)
        Violation("record '" + e.id + "' has a name holding a control character");
    }
  }

  CountryTable countries_;
  std::filesystem::path dir_;
};

}  // namespace interdict::fuzz

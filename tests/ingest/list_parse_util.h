// What the tests of the CSL, DPL, EU and UK parsers share: the country table, a parse that
// collects every record, lookups by id, and temporary files for malformed inputs.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "ingest/source.h"

namespace interdict::testing_util {

inline const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    Status s = CountryTable::LoadDefault(INTERDICT_DATA, t);
    if (!s.ok()) std::fprintf(stderr, "%s\n", s.message().c_str());
    return t;
  }();
  return *table;
}

struct Parsed {
  Status status;
  std::vector<Entity> entities;
  ParseReport report;
  int64_t bytes_read = 0;

  const Entity& Get(const std::string& id) const {
    for (const Entity& e : entities)
      if (e.id == id) return e;
    ADD_FAILURE() << id << " not found";
    static const Entity kEmpty;
    return kEmpty;
  }
};

inline Parsed Parse(ListFormat format, const std::string& path) {
  Parsed p;
  ParseOptions options;
  options.countries = &Countries();
  options.bytes_read = &p.bytes_read;
  p.status = ParseList(
      format, {path}, options,
      [&p](Entity&& e) {
        p.entities.push_back(std::move(e));
        return Status::Ok();
      },
      &p.report);
  return p;
}

inline std::vector<std::string> NamesOfKind(const Entity& e, NameKind kind) {
  std::vector<std::string> out;
  for (const Name& n : e.names)
    if (n.kind == kind) out.push_back(n.full);
  return out;
}

inline std::string Attr(const Entity& e, const std::string& key) {
  for (const Attribute& a : e.attributes)
    if (a.key == key) return a.value;
  return "";
}

// Writes `content` to a new file `name` in a fresh folder; returns its path.
inline std::string WriteTemp(const std::string& name, const std::string& content) {
  static int n = 0;
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      ("list-parse-" + std::to_string(getpid()) + "-" + std::to_string(++n));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << content;
  return (dir / name).string();
}

// Expects the parse of `content` (written to a file `name`) to fail with InvalidInput whose
// message starts "<prefix><line>: " and contains `error`. `prefix` is the path or the file name,
// whichever the parser's messages start with, followed by ':'.
inline void ExpectFailsAt(ListFormat format, const std::string& name, const std::string& content,
                          bool full_path, int line, const std::string& error) {
  std::string path = WriteTemp(name, content);
  Parsed p = Parse(format, path);
  ASSERT_FALSE(p.status.ok()) << error;
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput) << p.status.message();
  std::string where = (full_path ? path : name) + ":" + std::to_string(line) + ": ";
  EXPECT_EQ(p.status.message().rfind(where, 0), 0u) << p.status.message() << " / want " << where;
  EXPECT_NE(p.status.message().find(error), std::string::npos)
      << p.status.message() << " / want " << error;
}

}  // namespace interdict::testing_util

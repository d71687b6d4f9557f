// Shared by the scan tests: the real data files, and a Scanner over either the bundled lists
// (data/lists: 2024 OFAC SDN, 2025 OFAC consolidated, 2026 UN) or a handful of records.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/country.h"
#include "index/snapshot.h"
#include "index/token_stats.h"
#include "ingest/source.h"
#include "match/matcher.h"
#include "normalize/normalizer.h"
#include "scan/common_words.h"
#include "scan/jurisdictions.h"
#include "scan/payment_message.h"
#include "scan/scanner.h"

namespace interdict::scan_test {

// The data files, loaded once per test binary.
struct Data {
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  JurisdictionTable jurisdictions;
  CommonWords common;

  static const Data& Get() {
    static const Data* d = [] {
      auto* x = new Data();
      const std::string dir = INTERDICT_DATA;
      Status s = CountryTable::LoadDefault(dir, &x->countries);
      if (s.ok()) s = NameNormalizer::Load(dir, &x->normalizer);
      if (s.ok()) s = TokenStats::Load(dir + "/token_stats.tsv", &x->stats);
      if (s.ok()) s = JurisdictionTable::LoadDefault(dir, &x->jurisdictions);
      if (s.ok()) s = CommonWords::LoadDefault(dir, &x->common);
      if (!s.ok()) {
        ADD_FAILURE() << s.message();
        std::abort();
      }
      return x;
    }();
    return *d;
  }
};

// A scanner (and matcher) over a snapshot.
struct World {
  std::shared_ptr<const Snapshot> snapshot;
  std::unique_ptr<Scanner> scanner;
  std::unique_ptr<Matcher> matcher;

  explicit World(std::vector<Entity> entities) {
    const Data& d = Data::Get();
    snapshot = Snapshot::Build(std::move(entities), {}, *d.normalizer, d.stats, TokenSimilarityOf);
    Status s = Scanner::Build(snapshot, *d.normalizer, d.stats, d.countries, d.jurisdictions,
                              d.common, &scanner);
    if (!s.ok()) {
      ADD_FAILURE() << s.message();
      std::abort();
    }
    matcher = std::make_unique<Matcher>(snapshot, *d.normalizer, d.stats, d.countries);
  }

  std::vector<Hit> Scan(std::string_view text, ScanOptions options = {}) const {
    auto session = scanner->NewSession();
    std::vector<Hit> hits;
    Status s = scanner->Scan(text, options, session.get(), &hits);
    EXPECT_TRUE(s.ok()) << s.message();
    return hits;
  }

  // The bundled lists, parsed once per test binary.
  static const World& Bundled() {
    static const World* w = [] {
      const Data& d = Data::Get();
      std::vector<Entity> entities;
      ParseOptions options;
      options.countries = &d.countries;
      const std::string lists = std::string(INTERDICT_DATA) + "/lists/";
      for (auto [format, dir] : {std::pair{ListFormat::kOfacSdnCsv, "us-ofac-sdn"},
                                 std::pair{ListFormat::kOfacConsCsv, "us-ofac-cons"},
                                 std::pair{ListFormat::kUnXml, "un-sc"}}) {
        ParseReport report;
        Status s = ParseList(
            format, {lists + dir}, options,
            [&](Entity&& e) {
              entities.push_back(std::move(e));
              return Status::Ok();
            },
            &report);
        if (!s.ok()) {
          ADD_FAILURE() << s.message();
          std::abort();
        }
      }
      return new World(std::move(entities));
    }();
    return *w;
  }
};

inline Entity Record(const std::string& id, Schema schema, std::vector<std::string> names,
                     NameKind alias_kind = NameKind::kStrongAlias) {
  Entity e;
  e.id = id;
  e.source = id.substr(0, id.find(':'));
  e.schema = schema;
  for (size_t i = 0; i < names.size(); ++i) {
    Name n;
    n.full = n.natural = names[i];
    n.kind = i == 0 ? NameKind::kPrimary : alias_kind;
    e.names.push_back(n);
  }
  return e;
}

// Ids of the party hits, and ids of the jurisdictions hit, in order.
inline std::vector<std::string> PartyIds(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits)
    if (h.kind != HitKind::kJurisdiction) out.push_back(h.entity->id);
  return out;
}
inline std::vector<std::string> PlaceIds(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits)
    if (h.kind == HitKind::kJurisdiction) out.push_back(h.jurisdiction->id);
  return out;
}

// "text -> id" of each hit, for failure messages.
inline std::string Describe(const std::vector<Hit>& hits) {
  std::string out;
  for (const Hit& h : hits)
    out += "[" + h.text + " -> " + (h.entity ? h.entity->id : h.jurisdiction->id) + "] ";
  return out;
}

// The party of a payment message in `field` ("50K", "GrpHdr/InstdAgt"), or null.
inline const MessageParty* PartyOf(const PaymentMessage& m, const std::string& field) {
  for (const MessageParty& p : m.parties)
    if (p.field == field) return &p;
  return nullptr;
}

inline std::string Fixture(const std::string& name) {
  return std::string(INTERDICT_FIXTURES) + "/scan/" + name;
}

inline std::string ReadFile(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  EXPECT_NE(f, nullptr) << path;
  std::string out;
  if (f == nullptr) return out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

}  // namespace interdict::scan_test

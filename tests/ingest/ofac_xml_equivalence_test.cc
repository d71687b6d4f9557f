// The same OFAC list in its four publications must import to the same records. The samples are the
// Consolidated (non-SDN) list on four dates (tests/fixtures/ofac-cons-*: CSV 2025-12, classic XML
// 2024-05, enhanced XML 2025-01, advanced XML 2020-03); every record present in two of them must
// have the same id, names, birth dates and identifiers, except for differences with an explained
// mechanism (kAllowed below and docs/ingestion.md, "OFAC formats compared").
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/entity.h"
#include "ingest/parsers.h"
#include "ingest/source.h"
#include "ofac_xml_samples.h"

namespace interdict {
namespace {

using testing_ofac::Countries;

struct Sample {
  const char* name;
  ListFormat format;
  const char* path;
  std::map<std::string, Entity> by_id;
};

std::map<std::string, Entity> Load(ListFormat format, const std::string& path) {
  std::map<std::string, Entity> out;
  ParseOptions options;
  options.countries = &Countries();
  options.ofac_source = "us-ofac-cons";
  Status s = ParseList(
      format, {path}, options,
      [&out](Entity&& e) {
        std::string id = e.id;
        out.emplace(std::move(id), std::move(e));
        return Status::Ok();
      },
      nullptr);
  EXPECT_TRUE(s.ok()) << path << ": " << s.message();
  return out;
}

// Runs of spaces as one: XML white space is not significant (the XML parsers collapse it), the
// CSV keeps what OFAC typed ("Equity Ticker 601698  CN").
std::string Spaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out.push_back(c);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Original-script names are left out: only the enhanced XML has translations (the CSV is ASCII,
// the classic XML has no translations, this advanced sample has only Latin names), so their
// absence elsewhere is the format's, not a difference in the list. The CSV writes a double quote
// inside a name as a single quote (its fields are double-quoted): compared as single quotes.
std::set<std::string> NameSet(const Entity& e) {
  std::set<std::string> out;
  for (const Name& n : e.names) {
    if (n.kind == NameKind::kOriginalScript) continue;
    std::string full = Spaces(n.full);
    for (char& c : full)
      if (c == '"') c = '\'';
    out.insert(std::string(NameKindName(n.kind)) + " " + full);
  }
  return out;
}

std::set<std::string> DateSet(const Entity& e) {
  std::set<std::string> out;
  for (const BirthDate& d : e.birth_dates)
    out.insert(FormatPartialDate(d.from) + ".." + FormatPartialDate(d.to) + (d.circa ? "~" : ""));
  return out;
}

std::set<std::string> IdSet(const Entity& e) {
  std::set<std::string> out;
  for (const Identifier& i : e.identifiers)
    out.insert(std::string(IdKindName(i.kind)) + " " + Spaces(i.value));
  return out;
}

// The facts of one record compared across formats: names, birth dates, identifiers.
std::set<std::string> Facts(const Entity& e) {
  std::set<std::string> out;
  for (const std::string& n : NameSet(e)) out.insert("name " + n);
  for (const std::string& d : DateSet(e)) out.insert("dob " + d);
  for (const std::string& i : IdSet(e)) out.insert("id " + i);
  // The CSV's Remarks end with a full stop, so a link at the end ("Linked To: HUAWEI CO., LTD.")
  // loses the final stop of the name; the XML formats name the related party exactly.
  for (std::string_view l : e.links) {
    if (l.ends_with('.')) l.remove_suffix(1);
    out.insert("link " + std::string(l));
  }
  return out;
}

// Oldest first.
std::vector<Sample> LoadSamples() {
  std::vector<Sample> samples = {
      {"advanced-2020-03",
       ListFormat::kOfacAdvancedXml,
       "ofac-cons-advanced-xml-2020-03/cons_advanced.xml",
       {}},
      {"classic-2024-05",
       ListFormat::kOfacClassicXml,
       "ofac-cons-classic-xml-2024-05/consolidated.xml",
       {}},
      {"enhanced-2025-01",
       ListFormat::kOfacEnhancedXml,
       "ofac-cons-enhanced-xml-2025-01/CONS_ENHANCED.XML",
       {}},
      {"csv-2025-12", ListFormat::kOfacConsCsv, "ofac-cons-csv-2025-12", {}},
  };
  for (Sample& s : samples) s.by_id = Load(s.format, testing_ofac::kFixtures + s.path);
  return samples;
}

const std::vector<Sample>& Samples() {
  static const std::vector<Sample>* samples = new std::vector<Sample>(LoadSamples());
  return *samples;
}

TEST(OfacFormatsTest, SamplesLoad) {
  std::vector<size_t> sizes;
  for (const Sample& s : Samples()) sizes.push_back(s.by_id.size());
  EXPECT_EQ(sizes, (std::vector<size_t>{375, 443, 443, 442}));
}

// Same id, same schema: a record never changes kind between formats or dates.
TEST(OfacFormatsTest, CommonRecordsHaveTheSameSchema) {
  const std::vector<Sample>& samples = Samples();
  for (size_t i = 0; i < samples.size(); ++i) {
    for (size_t j = i + 1; j < samples.size(); ++j) {
      int common = 0;
      for (const auto& [id, a] : samples[i].by_id) {
        auto b = samples[j].by_id.find(id);
        if (b == samples[j].by_id.end()) continue;
        ++common;
        EXPECT_EQ(a.schema, b->second.schema)
            << id << " " << samples[i].name << " vs " << samples[j].name;
      }
      EXPECT_GT(common, 360) << samples[i].name << " vs " << samples[j].name;
    }
  }
}

// The samples are of four dates, so a record may differ between two of them because OFAC amended
// it in between. Such a change is contiguous in time: a fact is added on some day and kept, or
// removed and not restored. A fact that a format loses or invents shows up instead as a gap:
// present in the samples before and after one format's sample but absent from it (or the reverse).
// So for every record and fact, the samples holding the record must have the fact in one unbroken
// run of dates. Names are compared without case: OFAC upper-cased its mixed-case entity names
// between 2020 and 2024 (advanced "Rosselkhozbank" is later "ROSSELKHOZBANK"), an amendment of
// every such record that changes nothing a case-blind matcher sees.
TEST(OfacFormatsTest, DifferencesAreAmendmentsNotFormatLosses) {
  const std::vector<Sample>& samples = Samples();
  std::set<std::string> ids;
  for (const Sample& s : samples)
    for (const auto& [id, e] : s.by_id) ids.insert(id);
  int records = 0;
  for (const std::string& id : ids) {
    std::vector<std::pair<const Sample*, std::set<std::string>>> seen;
    for (const Sample& s : samples) {
      auto it = s.by_id.find(id);
      if (it == s.by_id.end()) continue;
      std::set<std::string> facts;
      for (std::string f : Facts(it->second)) {
        if (f.starts_with("name "))
          for (char& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        facts.insert(std::move(f));
      }
      seen.emplace_back(&s, std::move(facts));
    }
    if (seen.size() < 2) continue;
    ++records;
    std::set<std::string> all;
    for (const auto& [s, facts] : seen) all.insert(facts.begin(), facts.end());
    for (const std::string& fact : all) {
      std::string pattern;
      for (const auto& [s, facts] : seen) pattern += facts.count(fact) ? '1' : '0';
      size_t first = pattern.find('1'), last = pattern.rfind('1');
      EXPECT_TRUE(pattern.substr(first, last - first + 1).find('0') == std::string::npos)
          << id << " '" << fact << "' presence by date (oldest first) " << pattern;
    }
  }
  EXPECT_GT(records, 400);
}

// The two samples closest in date (enhanced 2025-01, CSV 2025-12) agree on nearly every record:
// a format that lost a kind of fact (weak aliases, birth dates, a document type) would differ on
// many. Measured: 14 of 442 records differ, each an amendment (new identifiers and aliases in
// 2025, one renamed refinery).
TEST(OfacFormatsTest, ClosestSamplesAgreeOnNearlyEveryRecord) {
  const Sample& enhanced = Samples()[2];
  const Sample& csv = Samples()[3];
  int common = 0, differ = 0;
  for (const auto& [id, a] : enhanced.by_id) {
    auto b = csv.by_id.find(id);
    if (b == csv.by_id.end()) continue;
    ++common;
    if (Facts(a) != Facts(b->second)) ++differ;
  }
  EXPECT_EQ(common, 442);
  EXPECT_LE(differ, 20);
}

}  // namespace
}  // namespace interdict

#include "scan/jurisdictions.h"

#include <fstream>

#include "core/text.h"

namespace interdict {

std::string_view JurisdictionLevelName(JurisdictionLevel level) {
  switch (level) {
    case JurisdictionLevel::kComprehensive:
      return "comprehensive";
    case JurisdictionLevel::kRegional:
      return "regional";
    case JurisdictionLevel::kResidual:
      return "residual";
    case JurisdictionLevel::kSectoral:
      return "sectoral";
  }
  return "comprehensive";
}

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kRegion:
      return "region";
    case PlaceKind::kDemonym:
      return "demonym";
    case PlaceKind::kCity:
      return "city";
    case PlaceKind::kPort:
      return "port";
  }
  return "country";
}

namespace {

bool ParseLevel(std::string_view s, JurisdictionLevel* out) {
  for (JurisdictionLevel l : {JurisdictionLevel::kComprehensive, JurisdictionLevel::kRegional,
                              JurisdictionLevel::kResidual, JurisdictionLevel::kSectoral}) {
    if (s == JurisdictionLevelName(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

bool ParseKind(std::string_view s, PlaceKind* out) {
  for (PlaceKind k : {PlaceKind::kCountry, PlaceKind::kRegion, PlaceKind::kDemonym,
                      PlaceKind::kCity, PlaceKind::kPort}) {
    if (s == PlaceKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

// "IR", "KP", "UA-43": two upper-case letters, optionally '-' and 1-3 letters or digits.
bool ValidId(std::string_view id) {
  if (id.size() < 2 || !IsAsciiUpper(id.substr(0, 2))) return false;
  if (id.size() == 2) return true;
  if (id[2] != '-' || id.size() < 4 || id.size() > 6) return false;
  for (char c : id.substr(3)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

Status JurisdictionTable::Load(const std::string& path, JurisdictionTable* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  JurisdictionTable table;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (Trim(line).empty() || line[0] == '#') continue;
    if (!IsValidUtf8(line)) return Status::InvalidInput(where + "not valid UTF-8");
    std::vector<std::string_view> f = SplitView(line, '\t');
    for (std::string_view& v : f) v = Trim(v);
    if (f[0] == "jurisdiction") {
      if (f.size() != 5) {
        return Status::InvalidInput(where +
                                    "a jurisdiction line has 5 tab-separated fields, found " +
                                    std::to_string(f.size()));
      }
      Jurisdiction j;
      j.id = std::string(f[1]);
      if (!ValidId(j.id)) return Status::InvalidInput(where + "'" + j.id + "' is not an ISO code");
      if (table.Find(j.id) != nullptr)
        return Status::InvalidInput(where + "jurisdiction " + j.id + " defined twice");
      if (!ParseLevel(f[2], &j.level)) {
        return Status::InvalidInput(where + "unknown level '" + std::string(f[2]) +
                                    "' (comprehensive, regional, residual, sectoral)");
      }
      j.name = std::string(f[3]);
      j.programmes = std::string(f[4]);
      if (j.name.empty() || j.programmes.empty())
        return Status::InvalidInput(where + "name and programmes must not be empty");
      table.jurisdictions_.push_back(std::move(j));
    } else if (f[0] == "place") {
      if (f.size() != 6) {
        return Status::InvalidInput(where + "a place line has 6 tab-separated fields, found " +
                                    std::to_string(f.size()));
      }
      const int index = table.IndexOf(f[1]);
      if (index < 0) {
        return Status::InvalidInput(where + "place of unknown jurisdiction '" + std::string(f[1]) +
                                    "' (define it on a jurisdiction line first)");
      }
      Place p;
      p.jurisdiction = static_cast<uint32_t>(index);
      p.line = number;
      if (!ParseKind(f[2], &p.kind)) {
        return Status::InvalidInput(where + "unknown kind '" + std::string(f[2]) +
                                    "' (country, region, demonym, city, port)");
      }
      if (f[3] == "ambiguous") {
        p.ambiguous = true;
      } else if (f[3] != "-") {
        return Status::InvalidInput(where + "flags are '-' or 'ambiguous', found '" +
                                    std::string(f[3]) + "'");
      }
      if (f[4].size() != 2 || f[4][0] < 'a' || f[4][0] > 'z' || f[4][1] < 'a' || f[4][1] > 'z')
        return Status::InvalidInput(where + "'" + std::string(f[4]) + "' is not a language code");
      p.lang = std::string(f[4]);
      for (std::string_view name : SplitView(f[5], '|')) {
        name = Trim(name);
        if (name.empty())
          return Status::InvalidInput(where + "empty name in '" + std::string(f[5]) + "'");
        p.name = std::string(name);
        table.places_.push_back(p);
      }
    } else {
      return Status::InvalidInput(where + "a line starts with 'jurisdiction' or 'place', found '" +
                                  std::string(f[0]) + "'");
    }
  }
  if (in.bad()) return Status::IoError(path + ": read failed");
  if (table.places_.empty()) return Status::InvalidInput(path + ": no places");
  *out = std::move(table);
  return Status::Ok();
}

Status JurisdictionTable::LoadDefault(const std::string& data_dir, JurisdictionTable* out) {
  const std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  return Load(dir + "jurisdictions.tsv", out);
}

const Jurisdiction* JurisdictionTable::Find(std::string_view id) const {
  int i = IndexOf(id);
  return i < 0 ? nullptr : &jurisdictions_[static_cast<size_t>(i)];
}

int JurisdictionTable::IndexOf(std::string_view id) const {
  for (size_t i = 0; i < jurisdictions_.size(); ++i)
    if (jurisdictions_[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace interdict

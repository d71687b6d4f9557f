#include "index/token_stats.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

namespace interdict {

namespace {
// A token on fewer than ~1 in 2,000 list names counts as fully identifying.
constexpr double kFullWeightShare = 1.0 / 2000;
}  // namespace

TokenStats::TokenStats(uint64_t names, std::unordered_map<std::string, uint32_t> df)
    : names_(names), df_(std::move(df)) {
  idf_cap_ = static_cast<float>(std::log(1.0 / kFullWeightShare));
}

float TokenStats::Weight(std::string_view variant) const {
  uint32_t df = DocumentFrequency(variant);
  if (df == 0 || names_ == 0) return 1.0f;
  double idf = std::log(static_cast<double>(names_) / df);
  return std::clamp(static_cast<float>(idf) / idf_cap_, kMinWeight, 1.0f);
}

uint32_t TokenStats::DocumentFrequency(std::string_view variant) const {
  auto it = df_.find(std::string(variant));
  return it == df_.end() ? 0 : it->second;
}

Status TokenStats::Load(const std::string& path, TokenStats* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  std::string line;
  uint64_t names = 0;
  std::unordered_map<std::string, uint32_t> df;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      return Status::InvalidInput(path + ":" + std::to_string(lineno) +
                                  ": expected TOKEN<TAB>COUNT");
    char* end = nullptr;
    unsigned long long n = std::strtoull(line.c_str() + tab + 1, &end, 10);
    if (end == line.c_str() + tab + 1 || *end != '\0')
      return Status::InvalidInput(path + ":" + std::to_string(lineno) + ": bad count");
    if (lineno == 1) {
      if (line.substr(0, tab) != "#names")
        return Status::InvalidInput(path + ":1: expected '#names<TAB>N'");
      names = n;
      continue;
    }
    df[line.substr(0, tab)] = static_cast<uint32_t>(n);
  }
  if (lineno == 0) return Status::InvalidInput(path + ": empty");
  *out = TokenStats(names, std::move(df));
  return Status::Ok();
}

Status TokenStats::Save(const std::string& path) const {
  std::ofstream out(path);
  if (!out) return Status::IoError(path + ": cannot write");
  out << "#names\t" << names_ << "\n";
  std::map<std::string, uint32_t> sorted(df_.begin(), df_.end());
  // Tokens rare enough to weigh 1 are left out: an absent token weighs 1 too.
  for (const auto& [token, n] : sorted)
    if (Weight(token) < 1.0f) out << token << '\t' << n << '\n';
  out.close();
  if (!out) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

}  // namespace interdict

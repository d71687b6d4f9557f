// TokenStats: how common each name token is on sanctions lists, and so how much it tells.
//
// "Mohammad", "Trading" and "Company" appear on thousands of list names and identify little;
// "Zawahiri" appears on a handful and identifies much. The weight of a token is its inverse
// document frequency over list names, squeezed into [kMinWeight, 1] so that a common token still
// costs something when it is missing. Counts are kept per romanisation-variant class (so
// Mohammed and Muhammad share one count).
//
// The counts ship as data/token_stats.tsv, computed from the bundled lists (`interdict
// token-stats`), so that `compare` and `screen` give one pair the same score whatever lists a
// store holds. Immutable after construction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace interdict {

class TokenStats {
 public:
  static constexpr float kMinWeight = 0.3f;

  TokenStats() = default;
  // From counts: `names` list names in all, `df[token]` of them contain the token.
  TokenStats(uint64_t names, std::unordered_map<std::string, uint32_t> df);

  // Reads data/token_stats.tsv: a line "#names<TAB>N", then "token<TAB>count" lines.
  static Status Load(const std::string& path, TokenStats* out);
  Status Save(const std::string& path) const;

  // Weight in [kMinWeight, 1] of a variant-class token; a token never seen weighs 1.
  float Weight(std::string_view variant) const;
  uint32_t DocumentFrequency(std::string_view variant) const;
  uint64_t names() const { return names_; }

 private:
  uint64_t names_ = 0;
  std::unordered_map<std::string, uint32_t> df_;
  float idf_cap_ = 1;
};

}  // namespace interdict

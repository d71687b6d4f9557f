// What monitoring screens with besides the lists: the normaliser, token statistics and country
// table that `interdict screen` loads. All must outlive whatever is built with them.
#pragma once

#include "core/country.h"
#include "index/token_stats.h"
#include "normalize/normalizer.h"

namespace interdict {

struct ScreeningDeps {
  const NameNormalizer* normalizer = nullptr;
  const TokenStats* stats = nullptr;
  const CountryTable* countries = nullptr;
};

}  // namespace interdict

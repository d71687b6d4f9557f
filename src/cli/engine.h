// The screening machinery the commands share, loaded from the data folder (and the store).
#pragma once

#include <memory>

#include "cli/context.h"
#include "core/country.h"
#include "index/token_stats.h"
#include "match/matcher.h"
#include "normalize/normalizer.h"

namespace interdict::cli {

struct Engine {
  CountryTable countries;
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;

  // Dictionaries, token statistics and countries from ctx.data_dir.
  Status Load(const Context& ctx);
};

// Engine + a Matcher over the newest versions in the store at ctx.db_path.
struct ScreeningEngine {
  Engine engine;
  std::unique_ptr<Matcher> matcher;
  Status Load(const Context& ctx);
};

}  // namespace interdict::cli

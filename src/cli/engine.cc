#include "cli/engine.h"

#include <filesystem>

#include "store/db.h"
#include "store/store.h"

namespace interdict::cli {

Status Engine::Load(const Context& ctx) {
  INTERDICT_RETURN_IF_ERROR(CountryTable::LoadDefault(ctx.data_dir, &countries));
  INTERDICT_RETURN_IF_ERROR(NameNormalizer::Load(ctx.data_dir, &normalizer));
  return TokenStats::Load(ctx.data_dir + "/token_stats.tsv", &stats);
}

Status ScreeningEngine::Load(const Context& ctx) {
  INTERDICT_RETURN_IF_ERROR(engine.Load(ctx));
  if (!IsPostgresUrl(ctx.db_path) && !std::filesystem::exists(ctx.db_path))
    return Status::NotFound(ctx.db_path + ": no list store here (run `interdict import` first)");
  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(ctx.db_path, &store));
  std::shared_ptr<const Snapshot> snapshot;
  INTERDICT_RETURN_IF_ERROR(
      Snapshot::Load(*store, {}, *engine.normalizer, engine.stats, TokenSimilarityOf, &snapshot));
  matcher = std::make_unique<Matcher>(std::move(snapshot), *engine.normalizer, engine.stats,
                                      engine.countries);
  return Status::Ok();
}

}  // namespace interdict::cli

// interdict token-stats: recompute data/token_stats.tsv (token rarity) from the lists in a store.
// Run it after changing the normaliser's dictionaries or the bundled lists (see docs/matching.md).
#include <cstdio>
#include <set>
#include <unordered_map>

#include "cli/commands.h"
#include "cli/engine.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

int RunTokenStats(const Context& ctx, const std::string& out_path) {
  std::unique_ptr<NameNormalizer> normalizer;
  if (Status s = NameNormalizer::Load(ctx.data_dir, &normalizer); !s.ok()) return Fail(s);
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::vector<ListVersion> latest;
  if (Status s = store->LatestVersions(&latest); !s.ok()) return Fail(s);
  if (latest.empty()) return Fail(Status::NotFound("the store holds no list version"));
  uint64_t names = 0;
  std::unordered_map<std::string, uint32_t> df;
  for (const ListVersion& v : latest) {
    Status s = store->ReadRecords(v.id, [&](Entity&& e) {
      for (const Name& n : e.names) {
        NormalizedName nn = normalizer->Normalize(n.full, e.schema);
        if (nn.tokens.empty()) continue;
        ++names;
        std::set<std::string> seen;
        for (const NameToken& t : nn.tokens)
          if (t.kind == TokenKind::kWord) seen.insert(t.variant.empty() ? t.text : t.variant);
        for (const std::string& t : seen) ++df[t];
      }
      return Status::Ok();
    });
    if (!s.ok()) return Fail(s);
  }
  TokenStats stats(names, std::move(df));
  if (Status s = stats.Save(out_path); !s.ok()) return Fail(s);
  std::printf("%s: token statistics over %llu list names\n", out_path.c_str(),
              static_cast<unsigned long long>(names));
  return 0;
}

}  // namespace

void RegisterTokenStats(CLI::App& app, const Context& ctx, Runner* run) {
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "token-stats", "Recompute token rarity statistics from the lists in the store");
  cmd->add_option("output", *out, "File to write (normally data/token_stats.tsv)")->required();
  cmd->callback([&ctx, out, run] { *run = [&ctx, out] { return RunTokenStats(ctx, *out); }; });
}

}  // namespace interdict::cli

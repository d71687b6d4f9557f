// interdict settings: the store settings that shape case work (monitor/settings.h).
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "monitor/settings.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct SettingsArgs {
  std::string key;
  std::string value;
};

int RunSet(const Context& ctx, const SettingsArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  if (Status s = SetSetting(*store, args.key, args.value, ctx.user); !s.ok()) return Fail(s);
  std::printf("%s = %s\n", args.key.c_str(), args.value.c_str());
  return 0;
}

int RunGet(const Context& ctx, const SettingsArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::string value;
  if (Status s = GetSetting(store->db(), args.key, &value); !s.ok()) return Fail(s);
  std::printf("%s\n", value.c_str());
  return 0;
}

}  // namespace

void RegisterSettings(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<SettingsArgs>();
  CLI::App* cmd = app.add_subcommand("settings", "Settings of case work (four_eyes, ...)");
  cmd->require_subcommand(1);
  CLI::App* set = cmd->add_subcommand("set", "Change a setting (an admin's act)");
  set->add_option("key", args->key, "four_eyes or audit.retention_years")->required();
  set->add_option("value", args->value, "on|off, or a number of years")->required();
  set->callback([&ctx, args, run] { *run = [&ctx, args] { return RunSet(ctx, *args); }; });
  CLI::App* get = cmd->add_subcommand("get", "Print a setting's value");
  get->add_option("key", args->key, "four_eyes or audit.retention_years")->required();
  get->callback([&ctx, args, run] { *run = [&ctx, args] { return RunGet(ctx, *args); }; });
}

}  // namespace interdict::cli

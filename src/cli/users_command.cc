// interdict users: the people who work on alerts, and their roles.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "monitor/users.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct UsersArgs {
  std::string name;
  std::string role;
  bool json = false;
};

int RunAdd(const Context& ctx, const UsersArgs& args) {
  Role role;
  if (!ParseRole(args.role, &role))
    return UsageError("users add: --role is analyst, supervisor or admin");
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  if (Status s = AddUser(*store, args.name, role, ctx.user); !s.ok()) return Fail(s);
  std::printf("added user %s (%s)\n", args.name.c_str(), args.role.c_str());
  return 0;
}

int RunList(const Context& ctx, const UsersArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::vector<User> users;
  if (Status s = ListUsers(*store, &users); !s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const User& u : users) out.push_back(UserToJson(u));
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (users.empty()) {
    std::printf(
        "no users (add the first, an admin, with `interdict users add NAME --role admin`)\n");
    return 0;
  }
  std::printf("%-24s %-11s %-25s %s\n", "name", "role", "created", "disabled");
  for (const User& u : users) {
    std::printf("%-24s %-11s %-25s %s\n", u.name.c_str(), std::string(RoleName(u.role)).c_str(),
                u.created_at.c_str(), u.disabled_at.empty() ? "-" : u.disabled_at.c_str());
  }
  return 0;
}

int RunDisable(const Context& ctx, const UsersArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  if (Status s = DisableUser(*store, args.name, ctx.user); !s.ok()) return Fail(s);
  std::printf("disabled user %s\n", args.name.c_str());
  return 0;
}

}  // namespace

void RegisterUsers(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<UsersArgs>();
  CLI::App* cmd = app.add_subcommand("users", "The people who work on alerts, and their roles");
  cmd->require_subcommand(1);
  CLI::App* add = cmd->add_subcommand(
      "add", "Add a user (an admin's act; the first user, an admin, needs no --user)");
  add->add_option("name", args->name, "User name")->required();
  add->add_option("--role", args->role, "analyst, supervisor or admin")->required();
  add->callback([&ctx, args, run] { *run = [&ctx, args] { return RunAdd(ctx, *args); }; });
  CLI::App* list = cmd->add_subcommand("list", "List users");
  list->add_flag("--json", args->json, "A JSON array");
  list->callback([&ctx, args, run] { *run = [&ctx, args] { return RunList(ctx, *args); }; });
  CLI::App* disable = cmd->add_subcommand("disable", "Disable a user (an admin's act)");
  disable->add_option("name", args->name, "User name")->required();
  disable->callback([&ctx, args, run] { *run = [&ctx, args] { return RunDisable(ctx, *args); }; });
}

}  // namespace interdict::cli

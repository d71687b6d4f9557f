// interdict rules: good-guy rules ("customer C is not list record R").
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "monitor/rules.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct RulesArgs {
  std::string customer;
  std::string entity;
  int64_t from_alert = 0;
  std::string reason;
  std::string expires;
  bool all = false;
  bool json = false;
  int64_t id = 0;
};

int RunCreate(const Context& ctx, const RulesArgs& args) {
  const bool pair = !args.customer.empty() || !args.entity.empty();
  if (pair == (args.from_alert != 0) || (pair && (args.customer.empty() || args.entity.empty())))
    return UsageError("rules create: give --customer and --entity, or --from-alert");
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  GoodGuyRule rule;
  Status s = pair ? CreateRule(*store, args.customer, args.entity, args.reason, args.expires,
                               ctx.user, &rule)
                  : CreateRuleFromAlert(*store, args.from_alert, args.reason, args.expires,
                                        ctx.user, &rule);
  if (!s.ok()) return Fail(s);
  std::printf("rule %lld: customer %s is not %s%s%s\n", static_cast<long long>(rule.id),
              rule.customer_id.c_str(), rule.entity_id.c_str(),
              rule.expires_at.empty() ? "" : ", until ", rule.expires_at.c_str());
  return 0;
}

std::string StateOf(const GoodGuyRule& r) {
  if (!r.revoked_at.empty()) return "revoked " + r.revoked_at + " by " + r.revoked_by;
  if (!r.lapsed_at.empty()) return "lapsed " + r.lapsed_at + ": " + r.lapse_reason;
  if (!r.expires_at.empty()) return "until " + r.expires_at;
  return "in force";
}

int RunList(const Context& ctx, const RulesArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::vector<GoodGuyRule> rules;
  if (Status s = ListRules(*store, args.all, &rules); !s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const GoodGuyRule& r : rules) out.push_back(RuleToJson(r));
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (rules.empty()) {
    std::printf(args.all ? "no rules\n" : "no rules in force (--all lists every rule)\n");
    return 0;
  }
  std::printf("%-5s %-20s %-24s %-10s %s\n", "id", "customer", "entity", "by", "state / reason");
  for (const GoodGuyRule& r : rules) {
    std::printf("%-5lld %-20s %-24s %-10s %s; %s\n", static_cast<long long>(r.id),
                r.customer_id.c_str(), r.entity_id.c_str(), r.created_by.c_str(),
                StateOf(r).c_str(), r.reason.c_str());
  }
  return 0;
}

int RunRevoke(const Context& ctx, const RulesArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  if (Status s = RevokeRule(*store, args.id, args.reason, ctx.user); !s.ok()) return Fail(s);
  std::printf("rule %lld revoked\n", static_cast<long long>(args.id));
  return 0;
}

}  // namespace

void RegisterRules(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* cmd = app.add_subcommand("rules", "Good-guy rules: a customer is not a list record");
  cmd->require_subcommand(1);

  CLI::App* create = cmd->add_subcommand(
      "create", "Make a rule (a supervisor's act); it closes the pair's open alert");
  create->add_option("--customer", args->customer, "Customer id");
  create->add_option("--entity", args->entity, "List record id, as `screen` prints it");
  create->add_option("--from-alert", args->from_alert, "The pair of this alert");
  create->add_option("--reason", args->reason, "Why they differ")->required();
  create->add_option("--expires", args->expires,
                     "Stop applying then: 2027-06-30 or 2027-06-30T12:00:00Z (UTC)");
  create->callback([&ctx, args, run] { *run = [&ctx, args] { return RunCreate(ctx, *args); }; });

  CLI::App* list = cmd->add_subcommand("list", "The rules in force");
  list->add_flag("--all", args->all, "Also revoked, lapsed and expired rules");
  list->add_flag("--json", args->json, "A JSON array");
  list->callback([&ctx, args, run] { *run = [&ctx, args] { return RunList(ctx, *args); }; });

  CLI::App* revoke = cmd->add_subcommand("revoke", "Revoke a rule (a supervisor's act)");
  revoke->add_option("id", args->id, "Rule id")->required();
  revoke->add_option("--reason", args->reason, "Why")->required();
  revoke->callback([&ctx, args, run] { *run = [&ctx, args] { return RunRevoke(ctx, *args); }; });
}

}  // namespace interdict::cli

// interdict alerts: the alerts monitoring raised, and the case work on them.
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "monitor/alerts.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct AlertsArgs {
  std::vector<std::string> statuses;
  std::string customer;
  std::string entity;
  std::string assignee;
  double min_score = -1;
  int64_t limit = 100;
  bool json = false;
  int64_t id = 0;
};

void PrintJson(const nlohmann::json& j) { std::printf("%s\n", j.dump(2).c_str()); }

int RunList(const Context& ctx, const AlertsArgs& args) {
  AlertFilter filter;
  for (const std::string& text : args.statuses) {
    AlertStatus s;
    if (!ParseAlertStatus(text, &s))
      return UsageError("alerts list: unknown --status '" + text +
                        "' (open, in_review, escalated, confirmed, false_positive, delisted)");
    filter.statuses.push_back(s);
  }
  filter.customer_id = args.customer;
  filter.entity_id = args.entity;
  filter.assignee = args.assignee;
  if (args.min_score >= 0) filter.min_score = args.min_score;
  filter.limit = args.limit;
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::vector<Alert> alerts;
  if (Status s = ListAlerts(*store, filter, &alerts); !s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const Alert& a : alerts) out.push_back(AlertToJson(a));
    PrintJson(out);
    return 0;
  }
  if (alerts.empty()) {
    std::printf("no alerts\n");
    return 0;
  }
  std::printf("%-6s %-15s %5s %-20s %-24s %7s %4s  %s\n", "id", "status", "score", "customer",
              "entity", "version", "rev", "assignee");
  for (const Alert& a : alerts) {
    std::string status(AlertStatusName(a.status));
    if (!a.pending.empty()) status += "*";
    std::printf("%-6lld %-15s %5.3f %-20s %-24s %7lld %4lld  %s\n", static_cast<long long>(a.id),
                status.c_str(), a.score, a.customer_id.c_str(), a.entity_id.c_str(),
                static_cast<long long>(a.list_version), static_cast<long long>(a.rev),
                a.assignee.empty() ? "-" : a.assignee.c_str());
  }
  if (static_cast<int64_t>(alerts.size()) == args.limit)
    std::printf("(first %lld shown; raise --limit for more)\n", static_cast<long long>(args.limit));
  return 0;
}

int RunShow(const Context& ctx, const AlertsArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  Alert a;
  std::vector<AlertEvent> history;
  if (Status s = GetAlert(*store, args.id, &a, &history); !s.ok()) return Fail(s);
  if (args.json) {
    nlohmann::json out = AlertToJson(a);
    out["history"] = nlohmann::json::array();
    for (const AlertEvent& e : history) out["history"].push_back(AlertEventToJson(e));
    PrintJson(out);
    return 0;
  }
  std::printf("alert %lld  %s  (rev %lld)\n", static_cast<long long>(a.id),
              std::string(AlertStatusName(a.status)).c_str(), static_cast<long long>(a.rev));
  std::printf("  %-12s %s\n", "customer", a.customer_id.c_str());
  std::printf("  %-12s %s (%s version %lld)\n", "list record", a.entity_id.c_str(),
              a.source.c_str(), static_cast<long long>(a.list_version));
  std::printf("  %-12s %.3f\n", "score", a.score);
  std::printf("  %-12s %s\n", "assignee", a.assignee.empty() ? "-" : a.assignee.c_str());
  if (!a.pending.empty()) std::printf("  %-12s %s\n", "pending", a.pending.c_str());
  std::printf("  %-12s %s\n", "explanation", a.explanation.c_str());
  std::printf("history:\n");
  for (const AlertEvent& e : history) {
    std::string move = e.to_status.empty() ? "" : " " + e.from_status + " -> " + e.to_status;
    std::printf("  %s  %-18s %s%s%s%s\n", e.at.c_str(), e.kind.c_str(), e.who.c_str(), move.c_str(),
                e.reason.empty() ? "" : ": ", e.reason.c_str());
  }
  return 0;
}

}  // namespace

void RegisterAlerts(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<AlertsArgs>();
  CLI::App* cmd = app.add_subcommand("alerts", "Alerts raised by monitoring, and their case work");
  cmd->require_subcommand(1);

  CLI::App* list = cmd->add_subcommand("list", "List alerts (oldest first)");
  list->add_option("--status", args->statuses, "Only these statuses (repeatable)");
  list->add_option("--customer", args->customer, "Only this customer id");
  list->add_option("--entity", args->entity, "Only this list record id");
  list->add_option("--assignee", args->assignee, "Only alerts assigned to this user");
  list->add_option("--min-score", args->min_score, "Only alerts scoring at least this")
      ->check(CLI::Range(0.0, 1.0));
  list->add_option("--limit", args->limit, "At most this many (default 100)")
      ->check(CLI::PositiveNumber);
  list->add_flag("--json", args->json, "A JSON array of alerts");
  list->callback([&ctx, args, run] { *run = [&ctx, args] { return RunList(ctx, *args); }; });

  CLI::App* show = cmd->add_subcommand("show", "One alert with its history");
  show->add_option("id", args->id, "Alert id")->required();
  show->add_flag("--json", args->json, "As JSON, with \"history\"");
  show->callback([&ctx, args, run] { *run = [&ctx, args] { return RunShow(ctx, *args); }; });
}

}  // namespace interdict::cli

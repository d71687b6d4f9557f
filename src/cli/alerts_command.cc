// interdict alerts: the alerts monitoring raised, and the case work on them.
#include <cstdio>
#include <functional>
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
  int64_t limit = -1;  // not given: every alert with --json (scripts read it whole), else 100
  bool json = false;
  int64_t id = 0;
  std::vector<int64_t> ids;  // decide
  std::string decision;
  std::string reason;
  int64_t rev = 0;
  std::string to;
  std::string user;  // assign: the assignee
};

void PrintJson(const nlohmann::json& j) { std::printf("%s\n", j.dump(2).c_str()); }

int RunList(const Context& ctx, const AlertsArgs& args) {
  AlertFilter filter;
  for (const std::string& text : args.statuses) {
    AlertStatus s;
    if (!ParseAlertStatus(text, &s))
      return UsageError("alerts list: unknown --status '" + text + "' (" + AlertStatusNames() +
                        ")");
    filter.statuses.push_back(s);
  }
  filter.customer_id = args.customer;
  filter.entity_id = args.entity;
  filter.assignee = args.assignee;
  if (args.min_score >= 0) filter.min_score = args.min_score;
  const int64_t limit = args.limit >= 0 ? args.limit : (args.json ? 0 : 100);
  filter.limit = limit;
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
  if (limit > 0 && static_cast<int64_t>(alerts.size()) == limit)
    std::printf("(first %lld shown; raise --limit for more)\n", static_cast<long long>(limit));
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

// "alert 12: in_review (rev 3), pending approval" after a change.
void PrintChanged(const Alert& a) {
  std::printf("alert %lld: %s (rev %lld)%s\n", static_cast<long long>(a.id),
              std::string(AlertStatusName(a.status)).c_str(), static_cast<long long>(a.rev),
              a.pending.empty() ? "" : ", its false-positive decision awaits a second approval");
}

// Runs `work` on a store opened for `ctx`; prints the changed alert or fails.
int RunWork(const Context& ctx, const std::function<Status(Store&, Alert*)>& work) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  Alert after;
  if (Status s = work(*store, &after); !s.ok()) return Fail(s);
  PrintChanged(after);
  return 0;
}

int RunDecide(const Context& ctx, const AlertsArgs& args) {
  AlertStatus decision;
  if ((args.decision != "confirmed" && args.decision != "false_positive") ||
      !ParseAlertStatus(args.decision, &decision))
    return UsageError("alerts decide: --decision is confirmed or false_positive");
  if (args.rev != 0 && args.ids.size() != 1)
    return UsageError("alerts decide: --rev goes with a single alert id");
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  // Each alert is its own transaction: one refusal does not undo the others, and each is
  // reported.
  int rc = 0;
  for (int64_t id : args.ids) {
    Alert after;
    Status s = DecideAlert(*store, id, args.rev, decision, args.reason, ctx.user, &after);
    if (s.ok()) {
      PrintChanged(after);
    } else {
      rc = Fail(s);
    }
  }
  return rc;
}

int RunMove(const Context& ctx, const AlertsArgs& args) {
  AlertStatus to;
  if (!ParseAlertStatus(args.to, &to))
    return UsageError("alerts move: unknown --to '" + args.to + "'");
  return RunWork(ctx, [&](Store& store, Alert* after) {
    return MoveAlert(store, args.id, args.rev, to, args.reason, ctx.user, after);
  });
}

void AddCaseOptions(CLI::App* cmd, AlertsArgs* args, bool reason_required) {
  CLI::Option* reason = cmd->add_option("--reason", args->reason, "Why (kept in the history)");
  if (reason_required) reason->required();
  cmd->add_option("--rev", args->rev, "Refuse (exit 1) unless the alert is still at this revision");
}

void RegisterCaseWork(CLI::App* cmd, const Context& ctx, std::shared_ptr<AlertsArgs> args,
                      Runner* run) {
  CLI::App* decide = cmd->add_subcommand("decide", "Decide alerts: confirmed or false_positive");
  decide->add_option("ids", args->ids, "Alert ids")->required();
  decide->add_option("--decision", args->decision, "confirmed or false_positive")->required();
  AddCaseOptions(decide, args.get(), true);
  decide->callback([&ctx, args, run] { *run = [&ctx, args] { return RunDecide(ctx, *args); }; });

  for (bool approve : {true, false}) {
    CLI::App* review =
        cmd->add_subcommand(approve ? "approve" : "reject",
                            approve ? "Approve a colleague's pending false positive (four-eyes)"
                                    : "Reject a colleague's pending false positive (four-eyes)");
    review->add_option("id", args->id, "Alert id")->required();
    AddCaseOptions(review, args.get(), true);
    review->callback([&ctx, args, run, approve] {
      *run = [&ctx, args, approve] {
        return RunWork(ctx, [&](Store& store, Alert* after) {
          return ReviewDecision(store, args->id, args->rev, approve, args->reason, ctx.user, after);
        });
      };
    });
  }

  CLI::App* assign = cmd->add_subcommand("assign", "Assign an alert to a user (\"\" : nobody)");
  assign->add_option("id", args->id, "Alert id")->required();
  assign->add_option("assignee", args->user, "User name")->required();
  assign->add_option("--rev", args->rev, "Refuse unless the alert is still at this revision");
  assign->callback([&ctx, args, run] {
    *run = [&ctx, args] {
      return RunWork(ctx, [&](Store& store, Alert* after) {
        return AssignAlert(store, args->id, args->rev, args->user, ctx.user, after);
      });
    };
  });

  CLI::App* move = cmd->add_subcommand("move", "Move an alert: open, in_review, escalated");
  move->add_option("id", args->id, "Alert id")->required();
  move->add_option("--to", args->to, "open, in_review or escalated")->required();
  AddCaseOptions(move, args.get(), false);
  move->callback([&ctx, args, run] { *run = [&ctx, args] { return RunMove(ctx, *args); }; });
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
  list->add_option("--limit", args->limit,
                   "At most this many; 0: all (default: all with --json, else 100)")
      ->check(CLI::PositiveNumber);
  list->add_flag("--json", args->json, "A JSON array of alerts");
  list->callback([&ctx, args, run] { *run = [&ctx, args] { return RunList(ctx, *args); }; });

  CLI::App* show = cmd->add_subcommand("show", "One alert with its history");
  show->add_option("id", args->id, "Alert id")->required();
  show->add_flag("--json", args->json, "As JSON, with \"history\"");
  show->callback([&ctx, args, run] { *run = [&ctx, args] { return RunShow(ctx, *args); }; });

  RegisterCaseWork(cmd, ctx, args, run);
}

}  // namespace interdict::cli

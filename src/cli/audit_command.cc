// interdict audit: check, read and prune the tamper-evident audit chain (store/audit_chain.h).
// verify, export and show open the store read-only: checking the log never changes it.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/audit_chain.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct AuditArgs {
  std::string format = "jsonl";
  AuditQuery query;
  int64_t seq = 0;
  std::string before;
};

Status OpenReadOnly(const Context& ctx, std::unique_ptr<Store>* store) {
  StoreOptions options;
  options.read_only = true;
  return Store::Open(ctx.db_path, options, store);
}

int RunVerify(const Context& ctx) {
  std::unique_ptr<Store> store;
  if (Status s = OpenReadOnly(ctx, &store); !s.ok()) return Fail(s);
  ChainReport report;
  if (Status s = VerifyChain(*store, &report); !s.ok()) return Fail(s);
  if (!report.problem.empty()) {
    std::fprintf(stderr,
                 "interdict: audit chain broken at event %lld: %s (%lld events before it "
                 "verified)\n",
                 static_cast<long long>(report.first_bad_seq), report.problem.c_str(),
                 static_cast<long long>(report.checked));
    return 1;
  }
  std::string from;
  if (report.first_seq > 1)
    from = " from event " + std::to_string(report.first_seq) + " (older events pruned)";
  std::printf("%lld events%s, chain intact, head %s\n", static_cast<long long>(report.checked),
              from.c_str(), report.head_hash.empty() ? "(none)" : report.head_hash.c_str());
  return 0;
}

int RunExport(const Context& ctx, const AuditArgs& args) {
  if (args.format != "jsonl" && args.format != "csv")
    return UsageError("audit export: --format is jsonl or csv, not '" + args.format + "'");
  std::unique_ptr<Store> store;
  if (Status s = OpenReadOnly(ctx, &store); !s.ok()) return Fail(s);
  const bool csv = args.format == "csv";
  std::string buf = csv ? kAuditCsvHeader : "";
  auto flush = [&buf]() -> Status {
    if (std::fwrite(buf.data(), 1, buf.size(), stdout) != buf.size())
      return Status::IoError("audit export: writing to stdout failed");
    buf.clear();
    return Status::Ok();
  };
  Status s = ReadAuditEvents(*store, args.query, [&](const AuditEvent& e) {
    if (csv) {
      AppendAuditEventCsv(e, &buf);
    } else {
      AppendAuditEventJsonl(e, &buf);
    }
    return buf.size() < (1 << 16) ? Status::Ok() : flush();
  });
  if (s.ok()) s = flush();
  if (s.ok() && std::fflush(stdout) != 0) s = Status::IoError("audit export: writing failed");
  return s.ok() ? 0 : Fail(s);
}

int RunShow(const Context& ctx, const AuditArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = OpenReadOnly(ctx, &store); !s.ok()) return Fail(s);
  AuditEvent e;
  if (Status s = GetAuditEvent(*store, args.seq, &e); !s.ok()) return Fail(s);
  std::string line;
  AppendAuditEventJsonl(e, &line);
  std::printf("%s\n", nlohmann::ordered_json::parse(line).dump(2).c_str());
  return 0;
}

int RunPrune(const Context& ctx, const AuditArgs& args) {
  if (ctx.user.empty())
    return UsageError("audit prune: say who prunes with --user (or $INTERDICT_USER)");
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  int64_t pruned = 0;
  if (Status s = PruneAuditEvents(*store, args.before, ctx.user, &pruned); !s.ok()) return Fail(s);
  if (pruned == 0) {
    std::printf("no audit events before %s; nothing pruned\n", args.before.c_str());
  } else {
    std::printf("pruned %lld audit events recorded before %s\n", static_cast<long long>(pruned),
                args.before.c_str());
  }
  return 0;
}

}  // namespace

void RegisterAudit(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<AuditArgs>();
  CLI::App* cmd = app.add_subcommand("audit", "Verify, export and prune the audit log");
  cmd->require_subcommand(1);
  CLI::App* verify = cmd->add_subcommand(
      "verify", "Check the hash chain; exit 1 naming the first bad event if it is broken");
  CLI::App* exp = cmd->add_subcommand("export", "Write audit events to stdout, oldest first");
  exp->add_option("--format", args->format, "jsonl (default) or csv");
  exp->add_option("--kind", args->query.kind_prefix,
                  "Only events of this kind or its sub-kinds (alert: alert.decision, ...)");
  exp->add_option("--from", args->query.from, "Only events at or after this UTC date/time");
  exp->add_option("--to", args->query.to, "Only events before this UTC date/time");
  CLI::App* show = cmd->add_subcommand("show", "One event, as JSON");
  show->add_option("seq", args->seq, "The event's sequence number")->required();
  CLI::App* prune = cmd->add_subcommand(
      "prune", "Remove events older than the retention period (audit.retention_years)");
  prune->add_option("--before", args->before, "Remove events recorded before this date")
      ->required();
  cmd->callback([&ctx, args, run, verify, exp, show, prune] {
    if (verify->parsed()) *run = [&ctx] { return RunVerify(ctx); };
    if (exp->parsed()) *run = [&ctx, args] { return RunExport(ctx, *args); };
    if (show->parsed()) *run = [&ctx, args] { return RunShow(ctx, *args); };
    if (prune->parsed()) *run = [&ctx, args] { return RunPrune(ctx, *args); };
  });
}

}  // namespace interdict::cli

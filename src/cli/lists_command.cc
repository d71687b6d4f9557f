// interdict lists: the list versions in the store; `lists diff`: what changed between two.
#include <cstdio>

#include "cli/commands.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct ListsArgs {
  std::string source;
  bool diff = false;
  std::string diff_source;
  std::vector<int64_t> diff_versions;
  bool ids_only = false;
};

int RunLists(const Context& ctx, const ListsArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  std::vector<ListVersion> versions;
  if (Status s = store->ListVersions(args.source, &versions); !s.ok()) return Fail(s);
  if (versions.empty()) {
    std::printf("no list versions in %s (import one with `interdict import`)\n",
                ctx.db_path.c_str());
    return 0;
  }
  std::printf("%-8s %-14s %-26s %9s  %-20s %s\n", "version", "source", "published", "records",
              "imported", "sha256");
  for (const ListVersion& v : versions) {
    std::printf("%-8lld %-14s %-26s %9lld  %-20s %.16s\n", static_cast<long long>(v.id),
                v.source.c_str(), v.published.empty() ? "-" : v.published.c_str(),
                static_cast<long long>(v.record_count), v.imported_at.c_str(),
                v.content_sha256.c_str());
  }
  return 0;
}

int RunDiff(const Context& ctx, const ListsArgs& args) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  int64_t from = 0, to = 0;
  if (args.diff_versions.size() == 2) {
    from = args.diff_versions[0];
    to = args.diff_versions[1];
  } else if (args.diff_versions.empty()) {
    if (args.diff_source.empty())
      return UsageError("lists diff: give two version numbers, or --source for its last two");
    std::vector<ListVersion> versions;
    if (Status s = store->ListVersions(args.diff_source, &versions); !s.ok()) return Fail(s);
    if (versions.size() < 2)
      return Fail(
          Status::NotFound("source '" + args.diff_source + "' has fewer than two versions"));
    from = versions[versions.size() - 2].id;
    to = versions.back().id;
  } else {
    return UsageError("lists diff: give two version numbers (FROM TO)");
  }
  VersionDiff diff;
  if (Status s = store->Diff(from, to, &diff); !s.ok()) return Fail(s);
  std::printf("version %lld -> %lld: %zu added, %zu removed, %zu changed\n",
              static_cast<long long>(from), static_cast<long long>(to), diff.added.size(),
              diff.removed.size(), diff.changed.size());
  for (const std::string& id : diff.added) std::printf("+ %s\n", id.c_str());
  for (const std::string& id : diff.removed) std::printf("- %s\n", id.c_str());
  for (const RecordChange& c : diff.changed) {
    std::printf("~ %s", c.entity_id.c_str());
    if (!args.ids_only) {
      const char* sep = "  (";
      for (const std::string& f : c.fields) {
        std::printf("%s%s", sep, f.c_str());
        sep = ", ";
      }
      if (!c.fields.empty()) std::printf(")");
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

void RegisterLists(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ListsArgs>();
  CLI::App* cmd = app.add_subcommand("lists", "Show the list versions in the store");
  cmd->add_option("--source", args->source, "Only this source");
  CLI::App* diff =
      cmd->add_subcommand("diff", "Records added, removed and changed between versions");
  diff->add_option("versions", args->diff_versions, "FROM TO version numbers")->expected(0, 2);
  diff->add_option("--source", args->diff_source, "Compare the last two versions of this source");
  diff->add_flag("--ids-only", args->ids_only, "Do not list the changed fields");
  cmd->callback([&ctx, args, run, diff] {
    if (diff->parsed()) {
      *run = [&ctx, args] { return RunDiff(ctx, *args); };
    } else {
      *run = [&ctx, args] { return RunLists(ctx, *args); };
    }
  });
}

}  // namespace interdict::cli

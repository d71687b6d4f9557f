// interdict update: fetch lists from their publishers and import each as a new version.
//
// Per source: download every file into a fresh temp folder (conditionally, when the version in
// service came from the last fetch), then import the folder through ImportList, the same path as
// `interdict import`. Anything that fails leaves the version in service as it was; the fetch
// state records the attempt and its error so the source's age can be reported.
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "cli/commands.h"
#include "cli/list_import.h"
#include "core/utc_now.h"
#include "store/fetch_state.h"
#include "store/store.h"
#include "update/fetcher.h"
#include "update/source_config.h"
#include "update/time_text.h"

namespace interdict::cli {
namespace {

struct UpdateArgs {
  std::string source;
  std::string ftm_name = "ftm";
  std::vector<std::string> urls;
  std::string config;
  bool force = false;
  double max_shrink_percent = ShrinkLimit().max_loss * 100;
  double timeout_s = 600;
  double connect_timeout_s = 30;
  int retries = 3;
  double backoff_s = 2;
  bool watch = false;
  std::string interval = "6h";
  bool status = false;
  std::string stale_after;
};

// A temp folder, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "interdict-update-XXXXXX");
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }  // empty when creation failed

 private:
  std::filesystem::path path_;
};

FetchOptions MakeFetchOptions(const UpdateArgs& args) {
  FetchOptions o;
  o.connect_timeout_ms = static_cast<int64_t>(args.connect_timeout_s * 1000);
  o.total_timeout_ms = static_cast<int64_t>(args.timeout_s * 1000);
  o.attempts = args.retries + 1;
  o.backoff_ms = static_cast<int64_t>(args.backoff_s * 1000);
  return o;
}

// Downloads every URL of `source` into `dir`. Conditional requests use `prior` (empty when the
// version in service did not come from the last fetch). *unchanged: every file answered 304.
Status FetchFiles(const SourceConfig& source, const std::vector<FetchValidator>& prior,
                  const FetchOptions& base, const std::filesystem::path& dir, bool* unchanged,
                  std::vector<FetchValidator>* validators) {
  validators->clear();
  std::vector<size_t> not_modified;
  for (const std::string& url : source.urls) {
    FetchOptions options = base;
    for (const FetchValidator& v : prior) {
      if (v.url != url) continue;
      options.etag = v.etag;
      options.last_modified = v.last_modified;
    }
    FetchResult result;
    INTERDICT_RETURN_IF_ERROR(Fetch(url, dir / UrlFileName(url), options, &result));
    if (result.not_modified) {
      not_modified.push_back(validators->size());
      validators->push_back({url, options.etag, options.last_modified});
    } else {
      validators->push_back({url, result.etag, result.last_modified});
    }
  }
  *unchanged = not_modified.size() == source.urls.size();
  if (*unchanged) return Status::Ok();
  // Some files changed: the import needs all of them, so fetch the unchanged ones in full.
  for (size_t i : not_modified) {
    FetchValidator& v = (*validators)[i];
    FetchResult result;
    INTERDICT_RETURN_IF_ERROR(Fetch(v.url, dir / UrlFileName(v.url), base, &result));
    v = {v.url, result.etag, result.last_modified};
  }
  return Status::Ok();
}

// How the report describes the version in service `v` (id 0 when there is none).
std::string InService(const ListVersion& v) {
  if (v.id == 0) return "no version in service";
  std::time_t at = 0;
  std::string age = ParseUtcIso(v.imported_at, &at)
                        ? FormatAge(static_cast<int64_t>(std::time(nullptr) - at)) + " old"
                        : "imported " + v.imported_at;
  return "in service: version " + std::to_string(v.id) + " (" + std::to_string(v.record_count) +
         " records, " + age + ")";
}

Status LatestVersion(Store& store, const std::string& source, ListVersion* out) {
  std::vector<ListVersion> versions;
  INTERDICT_RETURN_IF_ERROR(store.ListVersions(source, &versions));
  *out = versions.empty() ? ListVersion() : versions.back();
  return Status::Ok();
}

// Fetches and imports one source; `state` is its fetch state, updated on success.
Status FetchAndImport(const Context& ctx, const SourceConfig& source, const UpdateArgs& args,
                      const ListVersion& current, SourceFetchState* state, ImportOutcome* outcome) {
  TempDir dir;
  if (dir.path().empty()) return Status::IoError("cannot create a temp folder");
  // Validators are only worth sending when the version in service is what they describe: after
  // a manual import, a 304 would keep that version while calling the source unchanged.
  std::vector<FetchValidator> prior;
  if (current.id != 0 && current.content_sha256 == state->content_sha256) prior = state->validators;
  bool unchanged = false;
  std::vector<FetchValidator> validators;
  INTERDICT_RETURN_IF_ERROR(
      FetchFiles(source, prior, MakeFetchOptions(args), dir.path(), &unchanged, &validators));
  if (unchanged) {
    outcome->unchanged = true;
    outcome->version = current;
    outcome->content_sha256 = current.content_sha256;
  } else {
    ImportRequest request;
    request.format = source.format;
    request.name = source.name;
    request.paths = {dir.path()};
    request.shrink.max_loss = args.max_shrink_percent / 100;
    request.shrink.allow = args.force;
    INTERDICT_RETURN_IF_ERROR(ImportList(ctx, request, outcome));
  }
  state->validators = validators;
  state->content_sha256 = outcome->content_sha256;
  return Status::Ok();
}

// Updates one source and prints its line. False when it failed.
bool UpdateSource(const Context& ctx, const SourceConfig& source, const UpdateArgs& args) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(ctx.db_path, &store);
  SourceFetchState state;
  ListVersion current;
  bool found = false;
  if (s.ok()) s = ReadFetchState(*store, source.name, &found, &state);
  if (s.ok()) s = LatestVersion(*store, source.name, &current);
  ImportOutcome outcome;
  if (s.ok()) s = FetchAndImport(ctx, source, args, current, &state, &outcome);
  Status recorded;
  if (store != nullptr) {
    state.last_attempt = UtcIso(std::time(nullptr));
    state.last_error = s.ok() ? "" : s.message();
    if (s.ok()) state.last_success = state.last_attempt;
    recorded = WriteFetchState(*store, state);
  }
  const char* name = source.name.c_str();
  if (!s.ok()) {
    std::printf("%s: failed: %s; %s\n", name, s.message().c_str(), InService(current).c_str());
    return false;
  }
  const ListVersion& v = outcome.version;
  if (outcome.unchanged) {
    std::printf("%s: unchanged, still version %lld (%lld records)\n", name,
                static_cast<long long>(v.id), static_cast<long long>(v.record_count));
  } else {
    std::printf("%s: updated, version %lld, %lld records; published %s; sha256 %.16s\n", name,
                static_cast<long long>(v.id), static_cast<long long>(v.record_count),
                v.published.empty() ? "not stated" : v.published.c_str(),
                outcome.content_sha256.c_str());
  }
  // The list is applied either way; without its state the next run only downloads it again.
  if (!recorded.ok()) Fail(recorded.WithContext(source.name + ": applied, but"));
  return recorded.ok();
}

std::string Ago(const std::string& iso, std::time_t now) {
  std::time_t t = 0;
  return ParseUtcIso(iso, &t) ? FormatAge(static_cast<int64_t>(now - t)) + " ago" : iso;
}

// Prints one source's line for --status. False when it is stale: neither a successful fetch nor
// an import confirmed its list within `stale_after_s` (0: no limit).
bool PrintStatus(Store& store, const std::string& source, int64_t stale_after_s, Status* error) {
  SourceFetchState state;
  ListVersion current;
  bool found = false;
  *error = ReadFetchState(store, source, &found, &state);
  if (error->ok()) *error = LatestVersion(store, source, &current);
  if (!error->ok()) return false;
  const std::time_t now = std::time(nullptr);
  std::string line = source + ": " + InService(current);
  line += state.last_success.empty() ? "; never fetched"
                                     : "; last fetched " + Ago(state.last_success, now);
  if (!state.last_error.empty())
    line += "; last attempt " + Ago(state.last_attempt, now) + " failed: " + state.last_error;
  // An import of the current list confirms it as much as a fetch does.
  std::time_t confirmed = 0, t = 0;
  if (ParseUtcIso(state.last_success, &t)) confirmed = t;
  if (current.id != 0 && ParseUtcIso(current.imported_at, &t) && t > confirmed) confirmed = t;
  const bool stale = stale_after_s > 0 && (confirmed == 0 || now - confirmed > stale_after_s);
  if (stale) line += "; STALE";
  std::printf("%s\n", line.c_str());
  return !stale;
}

int RunStatus(const Context& ctx, const std::vector<SourceConfig>& sources, int64_t stale_after_s) {
  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  int stale = 0;
  for (const SourceConfig& source : sources) {
    Status error;
    if (!PrintStatus(*store, source.name, stale_after_s, &error)) {
      if (!error.ok()) return Fail(error);
      ++stale;
    }
  }
  if (stale > 0)
    std::fprintf(stderr, "interdict: %d of %zu sources not confirmed within %s\n", stale,
                 sources.size(), FormatAge(stale_after_s).c_str());
  return stale > 0 ? 1 : 0;
}

// The sources this run updates: the one named on the command line, or the configured ones.
Status SelectSources(const Context& ctx, const UpdateArgs& args, std::vector<SourceConfig>* out) {
  std::vector<SourceConfig> configured;
  if (!args.urls.empty()) {
    SourceConfig one{args.source, args.source == "ftm" ? args.ftm_name : args.source, args.urls};
    INTERDICT_RETURN_IF_ERROR(CheckSourceConfig(one));
    *out = {one};
    return Status::Ok();
  }
  std::string path = args.config.empty() ? ctx.data_dir + "/sources.conf" : args.config;
  INTERDICT_RETURN_IF_ERROR(LoadSourceConfig(path, &configured));
  if (args.source.empty()) {
    *out = configured;
    return Status::Ok();
  }
  std::string name = args.source == "ftm" ? args.ftm_name : args.source;
  for (const SourceConfig& s : configured)
    if (s.name == name) *out = {s};
  if (out->empty()) return Status::NotFound(path + ": no source '" + name + "'");
  return Status::Ok();
}

int RunUpdate(const Context& ctx, const UpdateArgs& args) {
  if (!args.urls.empty() && args.source.empty()) return UsageError("--url needs --source");
  int64_t interval_s = 0;
  if (args.watch && !ParseDuration(args.interval, &interval_s))
    return UsageError("--interval '" + args.interval + "': expected e.g. 30s, 15m, 6h or 1d");
  int64_t stale_after_s = 0;
  if (!args.stale_after.empty() && !ParseDuration(args.stale_after, &stale_after_s))
    return UsageError("--stale-after '" + args.stale_after + "': expected e.g. 30s, 15m, 6h or 1d");
  std::vector<SourceConfig> sources;
  if (Status s = SelectSources(ctx, args, &sources); !s.ok())
    return s.code() == Status::Code::kInvalidInput ? UsageError(s.message()) : Fail(s);
  if (args.status) return RunStatus(ctx, sources, stale_after_s);
  for (;;) {
    int failed = 0;
    for (const SourceConfig& source : sources)
      if (!UpdateSource(ctx, source, args)) ++failed;
    std::fflush(stdout);
    if (!args.watch) {
      if (failed > 0)
        std::fprintf(stderr,
                     "interdict: %d of %zu sources failed; their versions in service "
                     "are unchanged\n",
                     failed, sources.size());
      return failed > 0 ? 1 : 0;
    }
    std::this_thread::sleep_for(std::chrono::seconds(interval_s));
  }
}

}  // namespace

void RegisterUpdate(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<UpdateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "update", "Fetch lists from their publishers and import each changed one as a new version");
  cmd->add_option("--source", args->source,
                  "Only this source (us-ofac-sdn | us-ofac-cons | un-sc | ftm); with --url, the "
                  "format of the files fetched");
  cmd->add_option("--name", args->ftm_name, "Source name for FtM sources (default ftm)");
  cmd->add_option("--url", args->urls,
                  "Fetch the source from this URL instead of the configured ones; repeat for a "
                  "source of several files (OFAC: sdn.csv, alt.csv, add.csv, sdn_comments.csv)");
  cmd->add_option("--config", args->config,
                  "Source list (default sources.conf in the data folder)");
  cmd->add_flag("--force,--allow-shrink", args->force,
                "Apply a list the shrink guard or the completeness checks hold back "
                "(as import --allow-shrink)");
  cmd->add_option("--max-shrink", args->max_shrink_percent,
                  "Hold a version with more than this percentage fewer records than the version "
                  "in service (default 10)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--timeout", args->timeout_s,
                  "Seconds one download attempt may take (default 600)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--connect-timeout", args->connect_timeout_s,
                  "Seconds to connect to the server (default 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--retries", args->retries,
                  "Retries of a download after a network error or a 5xx answer (default 3)")
      ->check(CLI::Range(0, 10));
  cmd->add_option("--backoff", args->backoff_s,
                  "Seconds before the first retry, doubled for each next one (default 2)")
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_flag("--status", args->status,
                "Fetch nothing; print each source's version in service, its age, its last "
                "fetch and last error");
  cmd->add_option("--stale-after", args->stale_after,
                  "With --status: exit 1 when a source's list was not fetched or imported "
                  "within this time (e.g. 1d)");
  cmd->add_flag("--watch", args->watch, "Keep updating, every --interval");
  cmd->add_option("--interval", args->interval, "Time between rounds with --watch (default 6h)");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunUpdate(ctx, *args); }; });
}

}  // namespace interdict::cli

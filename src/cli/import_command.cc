// interdict import: parse official list files into a new list version in the store.
#include <unistd.h>

#include <cstdio>

#include "cli/commands.h"
#include "core/country.h"
#include "ingest/content_hash.h"
#include "ingest/source.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

struct ImportArgs {
  std::string source;
  std::string ftm_name = "ftm";
  std::vector<std::string> paths;
  double max_shrink_percent = ShrinkLimit().max_loss * 100;
  bool allow_shrink = false;
};

int RunImport(const Context& ctx, const ImportArgs& args) {
  ListFormat format;
  if (!ParseSourceName(args.source, &format))
    return UsageError("unknown --source '" + args.source +
                      "' (expected us-ofac-sdn, us-ofac-cons, un-sc or ftm)");
  std::string source = format == ListFormat::kFtmJson ? args.ftm_name : args.source;
  for (char c : source)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return UsageError("--name '" + source + "': use lower-case letters, digits, '-', '_', '.'");
  if (source.empty()) return UsageError("--name must not be empty");
  CountryTable countries;
  if (Status s = CountryTable::LoadDefault(ctx.data_dir, &countries); !s.ok()) return Fail(s);

  std::vector<std::filesystem::path> inputs(args.paths.begin(), args.paths.end());
  std::vector<std::filesystem::path> files;
  if (Status s = ResolveInputFiles(format, inputs, &files); !s.ok()) return Fail(s);
  std::string sha;
  if (Status s = ContentHash(files, &sha); !s.ok()) return Fail(s);

  std::unique_ptr<Store> store;
  if (Status s = Store::Open(ctx.db_path, &store); !s.ok()) return Fail(s);
  // Unchanged content is found without the write lock first, so that re-running an import does
  // not wait for another source's import; BeginImport checks again under the lock, where two
  // identical imports started together cannot both pass.
  bool unchanged = false;
  ListVersion version;
  if (Status s = store->FindCurrentWithHash(source, sha, &unchanged, &version); !s.ok())
    return Fail(s);
  std::unique_ptr<Import> import;
  if (!unchanged) {
    if (Status s = store->BeginImport(source, sha, &import, &version); !s.ok()) return Fail(s);
  }
  if (import == nullptr) {
    std::printf("%s: unchanged, still version %lld (%lld records, sha256 %.16s)\n", source.c_str(),
                static_cast<long long>(version.id), static_cast<long long>(version.record_count),
                sha.c_str());
    return 0;
  }
  const bool progress = isatty(STDERR_FILENO) != 0;
  int64_t count = 0;
  ParseOptions options;
  options.countries = &countries;
  options.ftm_source = source;
  options.allow_incomplete = args.allow_shrink;
  ParseReport report;
  Status parsed = ParseList(
      format, files, options,
      [&](Entity&& e) {
        if (progress && ++count % 1000 == 0)
          std::fprintf(stderr, "\r%s: %lld records", source.c_str(), static_cast<long long>(count));
        return import->Add(e);
      },
      &report);
  if (progress) std::fprintf(stderr, "\r\033[K");
  for (const std::string& w : report.warnings)
    std::fprintf(stderr, "interdict: warning: %s\n", w.c_str());
  // On error the Import is destroyed uncommitted: the store is left exactly as it was.
  if (!parsed.ok()) return Fail(parsed.WithContext("import failed, store unchanged"));

  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.filename().string());
  ShrinkLimit shrink;
  shrink.max_loss = args.max_shrink_percent / 100;
  shrink.allow = args.allow_shrink;
  if (Status s = import->Commit(report.published, names, &version, shrink); !s.ok())
    return Fail(s.WithContext("import failed, store unchanged"));

  std::printf("%s: version %lld, %lld records", source.c_str(), static_cast<long long>(version.id),
              static_cast<long long>(version.record_count));
  const char* sep = " (";
  for (const auto& [schema, n] : version.schema_counts) {
    std::printf("%s%s %lld", sep, schema.c_str(), static_cast<long long>(n));
    sep = ", ";
  }
  std::printf("%s; published %s; sha256 %.16s\n", *sep == ',' ? ")" : "",
              version.published.empty() ? "not stated" : version.published.c_str(), sha.c_str());
  return 0;
}

}  // namespace

void RegisterImport(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand("import", "Import list files as a new list version");
  cmd->add_option("--source", args->source, "us-ofac-sdn | us-ofac-cons | un-sc | ftm")->required();
  cmd->add_option("--name", args->ftm_name,
                  "Source name for FtM imports; record ids become NAME:<id> (default ftm)");
  cmd->add_option("paths", args->paths, "List files, or a folder holding them")->required();
  cmd->add_option("--max-shrink", args->max_shrink_percent,
                  "Refuse a version with more than this percentage fewer records than the "
                  "previous version of the source (default 10)")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--allow-shrink", args->allow_shrink,
                "Import even a version that shrank past --max-shrink, lacks a file the previous "
                "version had, or lacks its format's end-of-file mark (OFAC's 0x1A byte)");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunImport(ctx, *args); }; });
}

}  // namespace interdict::cli

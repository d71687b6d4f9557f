// interdict import: parse official list files into a new list version in the store.
#include <cstdio>

#include "cli/commands.h"
#include "cli/list_import.h"

namespace interdict::cli {
namespace {

struct ImportArgs {
  std::string source;
  std::string ftm_name = "ftm";
  std::string format;
  std::vector<std::string> paths;
  double max_shrink_percent = ShrinkLimit().max_loss * 100;
  bool allow_shrink = false;
};

int RunImport(const Context& ctx, const ImportArgs& args) {
  ImportRequest request;
  request.format = args.source;
  request.name = args.source == "ftm" ? args.ftm_name : args.source;
  request.paths.assign(args.paths.begin(), args.paths.end());
  request.file_format = args.format;
  request.shrink.max_loss = args.max_shrink_percent / 100;
  request.shrink.allow = args.allow_shrink;
  if (Status s = CheckImportRequest(request); !s.ok()) return UsageError(s.message());
  ImportOutcome outcome;
  if (Status s = ImportList(ctx, request, &outcome); !s.ok()) return Fail(s);
  const std::string& source = request.name;
  const ListVersion& version = outcome.version;
  const std::string& sha = outcome.content_sha256;
  if (outcome.unchanged) {
    std::printf("%s: unchanged, still version %lld (%lld records, sha256 %.16s)\n", source.c_str(),
                static_cast<long long>(version.id), static_cast<long long>(version.record_count),
                sha.c_str());
    return 0;
  }
  std::printf("%s: version %lld, %lld records", source.c_str(), static_cast<long long>(version.id),
              static_cast<long long>(version.record_count));
  const char* sep = " (";
  for (const auto& [schema, n] : version.schema_counts) {
    std::printf("%s%s %lld", sep, schema.c_str(), static_cast<long long>(n));
    sep = ", ";
  }
  std::printf("%s; published %s; format %s; sha256 %.16s\n", *sep == ',' ? ")" : "",
              version.published.empty() ? "not stated" : version.published.c_str(),
              outcome.format.c_str(), sha.c_str());
  return 0;
}

}  // namespace

void RegisterImport(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand("import", "Import list files as a new list version");
  cmd->add_option("--source", args->source,
                  "us-ofac-sdn | us-ofac-cons | un-sc | us-csl | us-bis-dpl | eu-fsf | "
                  "uk-sanctions | ftm")
      ->required();
  cmd->add_option("--name", args->ftm_name,
                  "Source name for FtM imports; record ids become NAME:<id> (default ftm)");
  cmd->add_option("--format", args->format,
                  "File format, detected from the content when not given: ofac-csv, "
                  "ofac-classic-xml, ofac-advanced-xml, ofac-enhanced-xml, un-xml, ftm-json, "
                  "us-csl-csv, bis-dpl-txt, eu-fsf-xml, uk-sanctions-xml");
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

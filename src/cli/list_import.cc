#include "cli/list_import.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "core/country.h"
#include "ingest/content_hash.h"
#include "ingest/source.h"
#include "store/store.h"

namespace interdict::cli {

Status CheckImportRequest(const ImportRequest& request) {
  ListFormat format;
  if (!ParseSourceName(request.format, &format))
    return Status::InvalidInput("unknown --source '" + request.format +
                                "' (expected us-ofac-sdn, us-ofac-cons, un-sc or ftm)");
  for (char c : request.name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return Status::InvalidInput("--name '" + request.name +
                                  "': use lower-case letters, digits, '-', '_', '.'");
  if (request.name.empty()) return Status::InvalidInput("--name must not be empty");
  if (!request.file_format.empty() &&
      !ParseFormatName(request.format, request.file_format, &format))
    return Status::InvalidInput(
        "--format '" + request.file_format + "' is not a format of --source " + request.format +
        " (us-ofac-sdn, us-ofac-cons: ofac-csv, ofac-classic-xml, "
        "ofac-advanced-xml, ofac-enhanced-xml; un-sc: un-xml; ftm: ftm-json)");
  return Status::Ok();
}

Status ImportList(const Context& ctx, const ImportRequest& request, ImportOutcome* outcome) {
  INTERDICT_RETURN_IF_ERROR(CheckImportRequest(request));
  ListFormat format;
  if (request.file_format.empty()) {
    INTERDICT_RETURN_IF_ERROR(DetectListFormat(request.format, request.paths, &format));
  } else {
    ParseFormatName(request.format, request.file_format, &format);
  }
  outcome->format = FormatName(format);
  const std::string& source = request.name;
  CountryTable countries;
  INTERDICT_RETURN_IF_ERROR(CountryTable::LoadDefault(ctx.data_dir, &countries));

  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(format, request.paths, &files));
  std::string& sha = outcome->content_sha256;
  INTERDICT_RETURN_IF_ERROR(ContentHash(files, &sha));

  std::unique_ptr<Store> store;
  INTERDICT_RETURN_IF_ERROR(Store::Open(ctx.db_path, &store));
  // Unchanged content is found without the write lock first, so that re-running an import does
  // not wait for another source's import; BeginImport checks again under the lock, where two
  // identical imports started together cannot both pass.
  INTERDICT_RETURN_IF_ERROR(
      store->FindCurrentWithHash(source, sha, &outcome->unchanged, &outcome->version));
  std::unique_ptr<Import> import;
  if (!outcome->unchanged)
    INTERDICT_RETURN_IF_ERROR(store->BeginImport(source, sha, &import, &outcome->version));
  outcome->unchanged = import == nullptr;
  if (outcome->unchanged) return Status::Ok();

  const bool progress = isatty(STDERR_FILENO) != 0;
  int64_t count = 0;
  ParseOptions options;
  options.countries = &countries;
  options.ftm_source = source;
  options.ofac_source = request.format;
  options.allow_incomplete = request.shrink.allow;
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
  if (!parsed.ok()) return parsed.WithContext("import failed, store unchanged");

  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.filename().string());
  return import->Commit(report.published, names, &outcome->version, request.shrink)
      .WithContext("import failed, store unchanged");
}

}  // namespace interdict::cli

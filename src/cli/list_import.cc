#include "cli/list_import.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "core/country.h"
#include "ingest/content_hash.h"
#include "ingest/source.h"
#include "store/store.h"

namespace interdict::cli {
namespace {

// The import's progress on stderr when it is a terminal: records read, bytes read of the total,
// and the rate, redrawn in place at most four times a second and cleared at the end (the command
// prints its own summary). Silent when stderr is not a terminal, so logs and pipes get no
// carriage-return noise.
class ProgressLine {
 public:
  ProgressLine(const std::string& source, const std::vector<std::filesystem::path>& files)
      : source_(source), enabled_(isatty(STDERR_FILENO) != 0), start_(Clock::now()) {
    for (const auto& f : files) {
      std::error_code ec;
      auto size = std::filesystem::file_size(f, ec);
      if (!ec) total_bytes_ += static_cast<int64_t>(size);
    }
  }

  int64_t* bytes_read() { return &bytes_read_; }

  void OnRecord() {
    ++records_;
    if (!enabled_) return;
    Clock::time_point now = Clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(250)) return;
    last_draw_ = now;
    Draw(now);
  }

  // Draws the final state once (so even a short import shows it), then clears the line.
  void Finish() {
    if (!enabled_) return;
    Draw(Clock::now());
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;

  void Draw(Clock::time_point now) {
    double seconds = std::chrono::duration<double>(now - start_).count();
    if (seconds <= 0) seconds = 1e-9;
    constexpr double kMiB = 1024.0 * 1024.0;
    const double mib = bytes_read_ / kMiB;
    std::fprintf(stderr, "\r\033[K%s: %lld records, %.0f records/s", source_.c_str(),
                 static_cast<long long>(records_), records_ / seconds);
    // Parsers that do not count bytes (ParseOptions::bytes_read) leave it at 0: then only the
    // input's size is shown, never a made-up "0 MiB read".
    if (bytes_read_ > 0) {
      std::fprintf(stderr, ", %.1f of %.1f MiB, %.1f MiB/s", mib, total_bytes_ / kMiB,
                   mib / seconds);
    } else {
      std::fprintf(stderr, ", input %.1f MiB", total_bytes_ / kMiB);
    }
    std::fflush(stderr);
  }

  const std::string& source_;
  const bool enabled_;
  const Clock::time_point start_;
  Clock::time_point last_draw_{};
  int64_t records_ = 0;
  int64_t bytes_read_ = 0;
  int64_t total_bytes_ = 0;
};

}  // namespace

Status CheckImportRequest(const ImportRequest& request) {
  ListFormat format;
  if (!ParseSourceName(request.format, &format))
    return Status::InvalidInput("unknown --source '" + request.format +
                                "' (expected us-ofac-sdn, us-ofac-cons, un-sc, us-csl, us-bis-dpl, "
                                "eu-fsf, uk-sanctions or ftm)");
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
  if (!ctx.user.empty()) import->SetActor(ctx.user);

  ProgressLine progress(source, files);
  ParseOptions options;
  options.countries = &countries;
  options.ftm_source = source;
  options.ofac_source = request.format;
  options.allow_incomplete = request.shrink.allow;
  options.bytes_read = progress.bytes_read();
  ParseReport report;
  Status parsed = ParseList(
      format, files, options,
      [&](Entity&& e) {
        progress.OnRecord();
        return import->Add(e);
      },
      &report);
  progress.Finish();
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

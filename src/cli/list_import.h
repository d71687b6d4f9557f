// Importing list files into the store: the one path shared by `interdict import` and
// `interdict update`, so that a fetched list passes exactly the checks a hand-imported one does
// (format detection, completeness checks, the shrink guard) and is committed atomically.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/context.h"
#include "store/list_version.h"
#include "store/shrink_guard.h"

namespace interdict::cli {

struct ImportRequest {
  std::string format;  // an `import --source` value: us-ofac-sdn, us-ofac-cons, un-sc, us-csl,
                       // us-bis-dpl, eu-fsf, uk-sanctions, ftm
  std::string name;    // the store's source name; for ftm the --name, else equal to `format`
  std::vector<std::filesystem::path> paths;  // files, or folders holding them
  // An `import --format` value (ofac-csv, ofac-classic-xml, ...); "" detects the format from the
  // files' content (DetectListFormat).
  std::string file_format;
  // shrink.allow also accepts a list that lacks its completeness marks (ParseOptions).
  ShrinkLimit shrink;
};

struct ImportOutcome {
  bool unchanged = false;  // the newest version already had this content: no new version
  ListVersion version;     // the new version, or the unchanged newest one
  std::string format;      // the files' format (FormatName), detected or as forced
  std::string content_sha256;
};

// InvalidInput (with the reason) when the format or name is not usable; checked before anything
// is read, so the CLI can report it as bad usage.
Status CheckImportRequest(const ImportRequest& request);

// Imports request.paths as a new version of request.name. On any error nothing was committed:
// the store is exactly as it was. Parser warnings (and progress, on a terminal) go to stderr.
Status ImportList(const Context& ctx, const ImportRequest& request, ImportOutcome* outcome);

}  // namespace interdict::cli

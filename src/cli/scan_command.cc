// interdict scan: being written (placeholder so that the CLI builds meanwhile).
#include "cli/commands.h"

namespace interdict::cli {

void RegisterScan(CLI::App& app, const Context&, Runner* run) {
  CLI::App* cmd = app.add_subcommand("scan", "(not available yet)");
  cmd->callback([run] { *run = [] { return UsageError("scan: not available yet"); }; });
}

}  // namespace interdict::cli

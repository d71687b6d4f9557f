// interdict serve: being written (placeholder so that the CLI builds meanwhile).
#include "cli/commands.h"

namespace interdict::cli {

void RegisterServe(CLI::App& app, const Context&, Runner* run) {
  CLI::App* cmd = app.add_subcommand("serve", "(not available yet)");
  cmd->callback([run] { *run = [] { return UsageError("serve: not available yet"); }; });
}

}  // namespace interdict::cli

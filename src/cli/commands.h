// The `interdict` subcommands. Each Register* adds its subcommand (with --help) to the app and
// sets *run to the function that executes it once parsing succeeded.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/context.h"

namespace interdict::cli {

using Runner = std::function<int()>;

void RegisterImport(CLI::App& app, const Context& ctx, Runner* run);
void RegisterLists(CLI::App& app, const Context& ctx, Runner* run);
void RegisterShow(CLI::App& app, const Context& ctx, Runner* run);
void RegisterScreen(CLI::App& app, const Context& ctx, Runner* run);
void RegisterCompare(CLI::App& app, const Context& ctx, Runner* run);
void RegisterTokenStats(CLI::App& app, const Context& ctx, Runner* run);
void RegisterScan(CLI::App& app, const Context& ctx, Runner* run);
void RegisterServe(CLI::App& app, const Context& ctx, Runner* run);
void RegisterUpdate(CLI::App& app, const Context& ctx, Runner* run);
void RegisterAlerts(CLI::App& app, const Context& ctx, Runner* run);

}  // namespace interdict::cli

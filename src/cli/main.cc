// interdict: the command-line front end. Parses flags, dispatches to one subcommand.
#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "core/data_dir.h"

namespace interdict::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "interdict: %s\n", status.message().c_str());
  return 1;
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "interdict: %s\n", message.c_str());
  return 2;
}

}  // namespace interdict::cli

int main(int argc, char** argv) {
  using namespace interdict::cli;
  CLI::App app{"Interdict: sanctions and watchlist screening"};
  app.require_subcommand(1);
  Context ctx;
  std::string data_flag;
  const char* env_db = std::getenv("INTERDICT_DB");
  ctx.db_path = env_db != nullptr && *env_db != '\0' ? env_db : "interdict.db";
  app.add_option("--db", ctx.db_path,
                 "List store (SQLite file); default $INTERDICT_DB or ./interdict.db");
  app.add_option(
      "--data-dir", data_flag,
      "Folder of Interdict's data files; default $INTERDICT_DATA_DIR or the built-in one");
  const char* env_user = std::getenv("INTERDICT_USER");
  ctx.user = env_user != nullptr ? env_user : "";
  app.add_option("--user", ctx.user,
                 "Who acts, for case work and the audit log; default $INTERDICT_USER");
  app.fallthrough();  // --db, --data-dir and --user may also follow the subcommand

  Runner run;
  RegisterImport(app, ctx, &run);
  RegisterLists(app, ctx, &run);
  RegisterShow(app, ctx, &run);
  RegisterScreen(app, ctx, &run);
  RegisterCompare(app, ctx, &run);
  RegisterTokenStats(app, ctx, &run);
  RegisterScan(app, ctx, &run);
  RegisterServe(app, ctx, &run);
  RegisterUpdate(app, ctx, &run);
  RegisterAlerts(app, ctx, &run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  ctx.data_dir = interdict::ResolveDataDir(data_flag);
  return run ? run() : UsageError("no command given (see --help)");
}

// interdict screen: one party from flags (a table or --json), or many as JSON lines (--jsonl) or
// CSV rows (--csv, csv_batch.h).
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/csv_batch.h"
#include "cli/engine.h"
#include "cli/ordered_lines.h"
#include "core/json_writer.h"
#include "match/explain.h"
#include "match/query_json.h"

namespace interdict::cli {
namespace {

struct ScreenArgs {
  std::string name, type, dob, country;
  std::vector<std::string> ids;
  float threshold = kDefaultThreshold;
  size_t limit = 10;
  bool json = false;
  bool jsonl = false;
  std::string csv;  // a file, or "-" for standard input
  std::vector<std::string> maps;
  int threads = 0;
  double deadline_seconds = 0;  // per query; 0 = none
};

int RunJsonl(const ScreeningEngine& se, const ScreenArgs& args) {
  int threads = args.threads > 0
                    ? args.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Matcher::Session>> sessions;
  std::vector<simdjson::dom::parser> parsers(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) sessions.push_back(se.matcher->NewSession());
  ScreenOptions options{args.threshold, args.limit};
  std::ios::sync_with_stdio(false);
  bool ok = ProcessLinesInOrder(
      std::cin, std::cout, threads, [&](const std::string& line, int worker, std::string* out) {
        simdjson::dom::element j, id;
        bool has_id = false;
        JsonWriter w(out);
        auto write_id = [&] {
          w.Key("id");
          if (has_id) {
            WriteJsonValue(id, &w);
          } else {
            w.Null();
          }
        };
        auto fail = [&](const std::string& msg) {
          out->clear();
          w.BeginObject();
          w.Key("error");
          w.String(msg);
          write_id();
          w.EndObject();
        };
        if (auto e = parsers[worker].parse(line).get(j); e != simdjson::SUCCESS)
          return fail(std::string("not a JSON object: malformed JSON (") +
                      simdjson::error_message(e) + ")");
        has_id = j.is_object() && j.at_key("id").get(id) == simdjson::SUCCESS;
        ScreeningQuery q;
        if (Status s = QueryFromJson(j, &q); !s.ok()) return fail(s.message());
        ScreenResult result;
        ScreenOptions timed = options;
        timed.deadline = DeadlineAfter(args.deadline_seconds);
        if (Status s = se.matcher->Screen(q, timed, sessions[worker].get(), &result); !s.ok())
          return fail(s.message());
        w.BeginObject();  // keys in alphabetical order, as everywhere else
        write_id();
        w.Key("matches");
        w.BeginArray();
        for (const MatchResult& m : result.matches) WriteMatch(m, &w);
        w.EndArray();
        if (!result.warnings.empty()) {
          w.Key("warnings");
          w.Strings(result.warnings);
        }
        w.EndObject();
      });
  if (!ok) return Fail(Status::IoError("writing to standard output failed"));
  return 0;
}

int RunOne(const ScreeningEngine& se, const ScreenArgs& args) {
  nlohmann::json j = {{"name", args.name}};
  if (!args.type.empty()) j["type"] = args.type;
  if (!args.dob.empty()) j["birth_date"] = args.dob;
  if (!args.country.empty()) j["country"] = args.country;
  if (!args.ids.empty()) j["identifiers"] = args.ids;
  ScreeningQuery q;
  if (Status s = QueryFromJson(j, &q); !s.ok()) return UsageError(s.message());
  auto session = se.matcher->NewSession();
  ScreenResult result;
  ScreenOptions options{args.threshold, args.limit};
  options.deadline = DeadlineAfter(args.deadline_seconds);
  if (Status s = se.matcher->Screen(q, options, session.get(), &result); !s.ok())
    return s.code() == Status::Code::kInvalidInput ? UsageError(s.message()) : Fail(s);
  const std::vector<MatchResult>& matches = result.matches;
  for (const std::string& w : result.warnings)
    std::fprintf(stderr, "interdict: warning: %s\n", w.c_str());
  if (args.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const MatchResult& m : matches) arr.push_back(MatchToJson(m));
    nlohmann::json versions = nlohmann::json::array();
    for (const ListVersion& v : se.matcher->snapshot().versions())
      versions.push_back({{"source", v.source}, {"version", v.id}, {"published", v.published}});
    std::printf("%s\n", nlohmann::json{{"query", j}, {"list_versions", versions}, {"matches", arr}}
                            .dump(2)
                            .c_str());
    return 0;
  }
  if (matches.empty()) {
    std::printf("No match at or above %.2f for '%s'.\n", static_cast<double>(args.threshold),
                args.name.c_str());
    return 0;
  }
  std::printf("%-6s %-22s %-13s %s\n", "score", "entity", "type", "matched name");
  for (const MatchResult& m : matches)
    std::printf("%-6.2f %-22s %-13s %s\n", static_cast<double>(m.score), m.entity->id.c_str(),
                std::string(SchemaName(m.entity->schema)).c_str(), m.explanation.list_name.c_str());
  std::printf("\n");
  for (const MatchResult& m : matches) std::printf("- %s\n", m.explanation.sentence.c_str());
  return 0;
}

int RunCsv(const ScreeningEngine& se, const ScreenArgs& args) {
  CsvBatchOptions o;
  o.path = args.csv;
  o.maps = args.maps;
  o.screen = ScreenOptions{args.threshold, args.limit};
  o.deadline_seconds = args.deadline_seconds;
  o.threads = args.threads;
  o.progress = isatty(STDERR_FILENO) != 0;
  size_t rows = 0, errors = 0;
  if (Status s = ScreenCsv(*se.matcher, o, &rows, &errors); !s.ok()) return Fail(s);
  if (errors == 0) return 0;
  // Every row was answered, but some with an error row: a run that needs looking at.
  std::fprintf(stderr, "interdict: %zu of %zu rows could not be screened: see their error rows\n",
               errors, rows);
  return 1;
}

int RunScreen(const Context& ctx, const ScreenArgs& args) {
  if (!args.name.empty() + args.jsonl + !args.csv.empty() != 1)
    return UsageError(
        "screen: give one of --name, --jsonl (queries on standard input) or --csv FILE");
  if (!args.maps.empty() && args.csv.empty()) return UsageError("--map goes with --csv");
  if (args.threshold < 0 || args.threshold > 1) return UsageError("--threshold must be in [0, 1]");
  if (args.deadline_seconds < 0) return UsageError("--deadline must be a number of seconds >= 0");
  ScreeningEngine se;
  if (Status s = se.Load(ctx); !s.ok()) return Fail(s);
  if (!args.csv.empty()) return RunCsv(se, args);
  return args.jsonl ? RunJsonl(se, args) : RunOne(se, args);
}

}  // namespace

void RegisterScreen(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ScreenArgs>();
  CLI::App* cmd = app.add_subcommand("screen", "Screen a party against the lists in the store");
  cmd->add_option("--name", args->name, "The name to screen");
  cmd->add_option("--type", args->type, "person | organization | vessel | aircraft");
  cmd->add_option("--dob", args->dob, "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--country", args->country, "Country (name or ISO code)");
  cmd->add_option("--id", args->ids, "An identifier (passport, IMO, BIC...); repeatable");
  cmd->add_option("--threshold", args->threshold, "Alert threshold in [0,1] (default 0.80)");
  cmd->add_option("--limit", args->limit, "At most this many matches (0 = all; default 10)");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--jsonl", args->jsonl,
                "Read JSON-lines queries on stdin, write results on stdout");
  cmd->add_option("--csv", args->csv,
                  "Screen the rows of a CSV file with a header (id,name,type,dob,country,"
                  "identifier; - for standard input); write a CSV of results on stdout");
  cmd->add_option("--map", args->maps,
                  "COLUMN=FIELD: the CSV column that gives a field (id, name, type, dob, country, "
                  "identifier); repeatable");
  cmd->add_option("--threads", args->threads,
                  "Worker threads for --jsonl and --csv (default: all cores)");
  cmd->add_option("--deadline", args->deadline_seconds,
                  "Seconds a query may take; past them it is an error, never a partial result "
                  "(default: none)");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunScreen(ctx, *args); }; });
}

}  // namespace interdict::cli

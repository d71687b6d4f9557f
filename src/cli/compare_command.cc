// interdict compare: the name scorer on a pair of names, no list store needed.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/engine.h"
#include "cli/ordered_lines.h"
#include "match/explain.h"

namespace interdict::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> names;
  std::string type;
  bool json = false;
  bool jsonl = false;
};

Status ParseType(const std::string& text, std::optional<Schema>* out) {
  if (text.empty()) return Status::Ok();
  Schema s;
  if (!ParseSchema(text, &s))
    return Status::InvalidInput("type '" + text +
                                "': expected person, organization, vessel, aircraft");
  *out = s;
  return Status::Ok();
}

nlohmann::json ComparisonJson(const Comparison& c) {
  return {{"score", Round3(c.score)},
          {"match", c.score >= kDefaultThreshold},
          {"explanation", ExplanationToJson(c.explanation)}};
}

int RunCompare(const Context& ctx, const CompareArgs& args) {
  if (args.jsonl != args.names.empty())
    return UsageError("compare: give NAME1 NAME2, or --jsonl (pairs on standard input)");
  if (!args.jsonl && args.names.size() != 2) return UsageError("compare: give exactly two names");
  Engine engine;
  if (Status s = engine.Load(ctx); !s.ok()) return Fail(s);
  if (!args.jsonl) {
    std::optional<Schema> schema;
    if (Status s = ParseType(args.type, &schema); !s.ok()) return UsageError(s.message());
    Comparison c;
    if (Status s = CompareNames(args.names[0], args.names[1], schema, *engine.normalizer,
                                engine.stats, &c);
        !s.ok())
      return UsageError(s.message());
    if (args.json) {
      std::printf("%s\n", ComparisonJson(c).dump(2).c_str());
    } else {
      std::printf("%.2f %s\n%s\n", static_cast<double>(c.score),
                  c.score >= kDefaultThreshold ? "match" : "no match",
                  c.explanation.sentence.c_str());
    }
    return 0;
  }
  std::ios::sync_with_stdio(false);
  bool ok = ProcessLinesInOrder(
      std::cin, std::cout, 1, [&](const std::string& line, int, std::string* out) {
        nlohmann::json id = nullptr;
        auto fail = [&](const std::string& msg) {
          *out = nlohmann::json{{"id", id}, {"error", msg}}.dump();
        };
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
        if (j.contains("id")) id = j["id"];
        if (!j.contains("name1") || !j["name1"].is_string() || !j.contains("name2") ||
            !j["name2"].is_string())
          return fail("'name1' and 'name2' must be strings");
        std::optional<Schema> schema;
        if (j.contains("type") && !j["type"].is_null()) {
          if (!j["type"].is_string()) return fail("'type' must be a string");
          if (Status s = ParseType(j["type"].get<std::string>(), &schema); !s.ok())
            return fail(s.message());
        }
        Comparison c;
        if (Status s = CompareNames(j["name1"].get<std::string>(), j["name2"].get<std::string>(),
                                    schema, *engine.normalizer, engine.stats, &c);
            !s.ok())
          return fail(s.message());
        nlohmann::json o = ComparisonJson(c);
        o["id"] = id;
        *out = o.dump();
      });
  return ok ? 0 : Fail(Status::IoError("writing to standard output failed"));
}

}  // namespace

void RegisterCompare(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand("compare", "Score two names against each other");
  cmd->add_option("names", args->names, "NAME1 NAME2 (NAME1 is read as the query)");
  cmd->add_option("--type", args->type, "person | organization | vessel | aircraft");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--jsonl", args->jsonl,
                "Read {\"id\",\"name1\",\"name2\",\"type\"} lines on stdin, write results");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunCompare(ctx, *args); }; });
}

}  // namespace interdict::cli

// interdict scan: finds listed parties and sanctioned jurisdictions in documents (UTF-8 text) and
// in payment messages (SWIFT MT103/MT202COV, ISO 20022 pacs.008).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/engine.h"
#include "cli/ordered_lines.h"
#include "match/explain.h"
#include "scan/hit_json.h"
#include "scan/message_screener.h"
#include "scan/mt_message.h"
#include "scan/pacs008.h"
#include "scan/scanner.h"

namespace interdict::cli {
namespace {

struct ScanArgs {
  std::vector<std::string> files;
  std::string format = "text";
  float threshold = kDefaultThreshold;
  bool json = false;
  bool jsonl = false;
  bool sectoral = false;
  bool no_parties = false;
  bool no_jurisdictions = false;
  bool stats = false;
  int threads = 0;
};

// Everything a scan needs, loaded once.
struct ScanEngine {
  ScreeningEngine screening;
  JurisdictionTable jurisdictions;
  CommonWords common;
  std::unique_ptr<Scanner> scanner;

  Status Load(const Context& ctx) {
    INTERDICT_RETURN_IF_ERROR(screening.Load(ctx));
    INTERDICT_RETURN_IF_ERROR(JurisdictionTable::LoadDefault(ctx.data_dir, &jurisdictions));
    INTERDICT_RETURN_IF_ERROR(CommonWords::LoadDefault(ctx.data_dir, &common));
    // The matcher owns the snapshot and outlives the scanner (members are destroyed in reverse
    // order), so the scanner may share it without owning it.
    const Matcher& m = *screening.matcher;
    std::shared_ptr<const Snapshot> snapshot(std::shared_ptr<const Snapshot>(), &m.snapshot());
    return Scanner::Build(snapshot, *screening.engine.normalizer, screening.engine.stats,
                          screening.engine.countries, jurisdictions, common, &scanner);
  }
};

// A worker's sessions.
struct Worker {
  std::unique_ptr<Scanner::Session> scan;
  std::unique_ptr<Matcher::Session> match;
};

Status ReadInput(const std::string& path, std::string* out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *out = ss.str();
    if (std::cin.bad()) return Status::IoError("standard input: read failed");
    return Status::Ok();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(path + ": read failed");
  return Status::Ok();
}

// Messages of `format` in `input`, screened: one result per message.
Status ScreenMessages(const ScanEngine& se, const ScanArgs& args, const ScanOptions& options,
                      const std::string& name, const std::string& input, Worker* w,
                      std::vector<MessageResult>* out) {
  std::vector<PaymentMessage> messages;
  if (args.format == "mt") {
    INTERDICT_RETURN_IF_ERROR(ParseMtMessages(input, &messages).WithContext(name));
  } else {
    INTERDICT_RETURN_IF_ERROR(ParsePacs008(input, &messages).WithContext(name));
  }
  MessageScreener screener(*se.scanner, *se.screening.matcher, se.screening.engine.countries);
  for (const PaymentMessage& msg : messages) {
    MessageResult r;
    r.message = &msg;
    INTERDICT_RETURN_IF_ERROR(
        screener.Screen(msg, options, w->scan.get(), w->match.get(), &r.hits).WithContext(name));
    r.type = msg.type;
    r.reference = msg.reference;
    r.line = msg.line;
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

// A span on one table line: line breaks (a name wrapped in the text) become spaces.
std::string OneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string Colour(bool tty, const char* code, const std::string& s) {
  return tty ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
}

// What each listed record or jurisdiction behind the hits is, once: the best hit's sentence
// for a record, the level and programmes for a jurisdiction, with the numbers of its hits.
void PrintSubjects(const std::vector<Hit>& hits, const std::string& indent) {
  std::vector<std::string> keys;
  std::map<std::string, std::vector<size_t>> numbers;
  std::map<std::string, size_t> best;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    const std::string key =
        h.kind == HitKind::kJurisdiction ? "J" + h.jurisdiction->id : "E" + h.entity->id;
    if (!numbers.count(key)) keys.push_back(key);
    numbers[key].push_back(i + 1);
    auto it = best.find(key);
    if (it == best.end() || h.score > hits[it->second].score) best[key] = i;
  }
  for (const std::string& key : keys) {
    const Hit& h = hits[best[key]];
    std::string refs;
    for (size_t n : numbers[key]) refs += (refs.empty() ? "" : ", ") + std::to_string(n);
    if (h.kind == HitKind::kJurisdiction) {
      const Jurisdiction& j = *h.jurisdiction;
      std::printf("%s%s %s, %s (hits %s): %s\n", indent.c_str(), j.id.c_str(), j.name.c_str(),
                  std::string(JurisdictionLevelName(j.level)).c_str(), refs.c_str(),
                  j.programmes.c_str());
    } else {
      std::string programs;
      for (const std::string& p : h.entity->programs)
        programs += (programs.empty() ? "" : ", ") + p;
      std::printf("%s%s %s [%s] (hits %s): %s\n", indent.c_str(), h.entity->id.c_str(),
                  h.entity->primary_name().full.c_str(), programs.c_str(), refs.c_str(),
                  h.sentence.c_str());
    }
    for (const std::string& n : h.notes) std::printf("%s    note: %s\n", indent.c_str(), n.c_str());
  }
}

std::string Summary(const std::vector<Hit>& hits) {
  std::set<std::string> records, places;
  size_t party = 0, place = 0;
  for (const Hit& h : hits) {
    if (h.kind == HitKind::kJurisdiction) {
      ++place;
      places.insert(h.jurisdiction->name);
    } else {
      ++party;
      records.insert(h.entity->id);
    }
  }
  std::string s = std::to_string(party) + " listed-party hit" + (party == 1 ? "" : "s") + " (" +
                  std::to_string(records.size()) + " record" + (records.size() == 1 ? "" : "s") +
                  "), " + std::to_string(place) + " jurisdiction hit" + (place == 1 ? "" : "s");
  if (!places.empty()) {
    std::string names;
    for (const std::string& n : places) names += (names.empty() ? "" : ", ") + n;
    s += " (" + names + ")";
  }
  return s;
}

// For the hit tables: the record or jurisdiction id, and what the text matched.
void DescribeSubject(const Hit& h, std::string* what, std::string* matched) {
  if (h.kind == HitKind::kJurisdiction) {
    *what = h.jurisdiction->id;
    *matched = h.jurisdiction->name + " (" + h.how + ")";
  } else {
    *what = h.entity->id;
    *matched = h.kind == HitKind::kParty ? h.explanation.list_name : h.identifier;
  }
}

// The text with each hit marked "[[span]](n)", then a table and what each record or
// jurisdiction is. Long documents show only the lines that hold a hit.
void PrintDocument(const std::string& name, const std::string& text, const std::vector<Hit>& hits,
                   bool tty) {
  std::printf("== %s: %zu bytes: %s\n", name.c_str(), text.size(),
              hits.empty() ? "no hit" : Summary(hits).c_str());
  if (hits.empty()) return;
  std::string marked;
  size_t pos = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    if (h.begin < pos) continue;  // overlaps the previous mark: in the table only
    marked.append(text, pos, h.begin - pos);
    marked += Colour(tty, h.kind == HitKind::kJurisdiction ? "33" : "1;31",
                     "[[" + text.substr(h.begin, h.end - h.begin) + "]]") +
              "(" + std::to_string(i + 1) + ")";
    pos = h.end;
  }
  marked.append(text, pos, std::string::npos);
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  const bool whole = lines <= 80 && text.size() <= 16384;
  std::printf("\n");
  size_t line_no = 1, start = 0;
  while (start <= marked.size()) {
    size_t nl = marked.find('\n', start);
    if (nl == std::string::npos) nl = marked.size();
    std::string line = marked.substr(start, nl - start);
    if (whole) {
      std::printf("%s\n", line.c_str());
    } else if (line.find("]](") != std::string::npos) {
      std::printf("%6zu: %s\n", line_no, line.c_str());
    }
    start = nl + 1;
    ++line_no;
  }
  std::printf("\n%-4s %-12s %-13s %-22s %-6s %s\n", "#", "bytes", "kind", "entity/jurisdiction",
              "score", "text -> matched");
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    std::string what, matched;
    DescribeSubject(h, &what, &matched);
    std::printf("%-4zu %-12s %-13s %-22s %-6.2f %s -> %s\n", i + 1,
                (std::to_string(h.begin) + "-" + std::to_string(h.end)).c_str(),
                std::string(HitKindName(h.kind)).c_str(), what.c_str(),
                static_cast<double>(h.score), OneLine(h.text).c_str(), matched.c_str());
  }
  std::printf("\n");
  PrintSubjects(hits, "");
  std::printf("\n");
}

void PrintMessages(const std::string& name, const std::vector<MessageResult>& results) {
  for (const MessageResult& r : results) {
    std::printf("== %s: %s %s (line %d): %s\n", name.c_str(), r.type.c_str(), r.reference.c_str(),
                r.line, r.hits.empty() ? "no hit" : Summary(r.hits).c_str());
    if (r.hits.empty()) {
      std::printf("\n");
      continue;
    }
    std::printf("%-4s %-34s %-5s %-13s %-22s %-6s %s\n", "#", "field", "line", "kind",
                "entity/jurisdiction", "score", "text -> matched");
    for (size_t i = 0; i < r.hits.size(); ++i) {
      const Hit& h = r.hits[i];
      std::string what, matched;
      DescribeSubject(h, &what, &matched);
      std::printf("%-4zu %-34s %-5d %-13s %-22s %-6.2f %s -> %s\n", i + 1, h.field.c_str(), h.line,
                  std::string(HitKindName(h.kind)).c_str(), what.c_str(),
                  static_cast<double>(h.score), OneLine(h.text).c_str(), matched.c_str());
    }
    std::printf("\n");
    PrintSubjects(r.hits, "");
    std::printf("\n");
  }
}

nlohmann::json VersionsJson(const Snapshot& s) {
  nlohmann::json versions = nlohmann::json::array();
  for (const ListVersion& v : s.versions())
    versions.push_back({{"source", v.source}, {"version", v.id}, {"published", v.published}});
  return versions;
}

int RunJsonl(const ScanEngine& se, const ScanArgs& args, const ScanOptions& options) {
  int threads = args.threads > 0
                    ? args.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<Worker> workers(static_cast<size_t>(threads));
  for (Worker& w : workers) {
    w.scan = se.scanner->NewSession();
    w.match = se.screening.matcher->NewSession();
  }
  std::ios::sync_with_stdio(false);
  bool ok = ProcessLinesInOrder(
      std::cin, std::cout, threads, [&](const std::string& line, int worker, std::string* out) {
        nlohmann::json id = nullptr;
        auto fail = [&](const std::string& msg) {
          *out = nlohmann::json{{"id", id}, {"error", msg}}.dump();
        };
        nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded() || !j.is_object()) return fail("not a JSON object");
        if (j.contains("id")) id = j["id"];
        auto text = j.find("text");
        if (text == j.end() || !text->is_string()) return fail("\"text\" (a string) is missing");
        const std::string& s = text->get_ref<const std::string&>();
        Worker& w = workers[static_cast<size_t>(worker)];
        nlohmann::json o{{"id", id}};
        if (args.format == "text") {
          std::vector<Hit> hits;
          if (Status st = se.scanner->Scan(s, options, w.scan.get(), &hits); !st.ok())
            return fail(st.message());
          o["hits"] = HitsToJson(hits);
        } else {
          std::vector<MessageResult> results;
          if (Status st = ScreenMessages(se, args, options, "text", s, &w, &results); !st.ok())
            return fail(st.message());
          o["messages"] = MessagesToJson(results);
        }
        *out = o.dump();
      });
  if (!ok) return Fail(Status::IoError("writing to standard output failed"));
  return 0;
}

int RunScan(const Context& ctx, const ScanArgs& args) {
  if (args.jsonl && !args.files.empty())
    return UsageError("scan: --jsonl reads standard input; give no FILE");
  if (!args.jsonl && args.files.empty())
    return UsageError("scan: give FILE... ('-' for standard input) or --jsonl");
  if (args.format != "text" && args.format != "mt" && args.format != "iso20022")
    return UsageError("scan: --format is text, mt or iso20022");
  if (args.threshold < 0 || args.threshold > 1) return UsageError("--threshold must be in [0, 1]");
  if (args.no_parties && args.no_jurisdictions)
    return UsageError("scan: --no-parties and --no-jurisdictions leave nothing to scan for");
  const auto t0 = std::chrono::steady_clock::now();
  ScanEngine se;
  if (Status s = se.Load(ctx); !s.ok()) return Fail(s);
  if (args.stats) {
    const Scanner::Stats& st = se.scanner->stats();
    std::fprintf(stderr,
                 "interdict: scanner: %zu list names (%zu scanned, %zu strict, %zu never from "
                 "text alone), %zu tokens, %zu anchors, %zu place phrases; built in %.3f s, "
                 "%.1f MB; loading took %.2f s\n",
                 st.names, st.names_scanned, st.strict_names, st.names_never, st.terms, st.anchors,
                 st.phrases, st.build_seconds, static_cast<double>(st.memory_bytes) / 1e6,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  ScanOptions options;
  options.threshold = args.threshold;
  options.sectoral = args.sectoral;
  options.parties = !args.no_parties;
  options.jurisdictions = !args.no_jurisdictions;
  if (args.jsonl) return RunJsonl(se, args, options);

  Worker w{se.scanner->NewSession(), se.screening.matcher->NewSession()};
  const bool tty = !args.json && isatty(STDOUT_FILENO);
  nlohmann::json docs = nlohmann::json::array();
  for (const std::string& file : args.files) {
    const std::string name = file == "-" ? "(stdin)" : file;
    std::string input;
    if (Status s = ReadInput(file, &input); !s.ok()) return Fail(s);
    if (args.format == "text") {
      std::vector<Hit> hits;
      if (Status s = se.scanner->Scan(input, options, w.scan.get(), &hits); !s.ok())
        return Fail(s.WithContext(name));
      if (args.json) {
        docs.push_back({{"file", name}, {"bytes", input.size()}, {"hits", HitsToJson(hits)}});
      } else {
        PrintDocument(name, input, hits, tty);
      }
    } else {
      std::vector<MessageResult> results;
      if (Status s = ScreenMessages(se, args, options, name, input, &w, &results); !s.ok())
        return Fail(s);
      if (args.json) {
        docs.push_back({{"file", name}, {"messages", MessagesToJson(results)}});
      } else {
        PrintMessages(name, results);
      }
    }
  }
  if (args.json) {
    nlohmann::json o{{"list_versions", VersionsJson(se.screening.matcher->snapshot())},
                     {"threshold", Round3(args.threshold)},
                     {"format", args.format},
                     {"documents", std::move(docs)}};
    std::printf("%s\n", o.dump(2).c_str());
  }
  return 0;
}

}  // namespace

void RegisterScan(CLI::App& app, const Context& ctx, Runner* run) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Find listed parties and sanctioned jurisdictions in documents and payment messages");
  cmd->add_option("files", args->files, "Files to scan ('-' = standard input)");
  cmd->add_option("--format", args->format,
                  "text (UTF-8 documents, default), mt (SWIFT MT103/MT202/MT202COV) or iso20022 "
                  "(pacs.008 XML)");
  cmd->add_option("--threshold", args->threshold, "Alert threshold in [0,1] (default 0.80)");
  cmd->add_flag("--json", args->json, "Print JSON (byte and character offsets, explanations)");
  cmd->add_flag("--jsonl", args->jsonl,
                "Read {\"id\",\"text\"} lines on stdin, write {\"id\",\"hits\"} lines in order");
  cmd->add_flag("--sectoral", args->sectoral,
                "Also report jurisdictions under sectoral programmes (Russia, Belarus)");
  cmd->add_flag("--no-parties", args->no_parties, "Look for jurisdictions only");
  cmd->add_flag("--no-jurisdictions", args->no_jurisdictions, "Look for listed parties only");
  cmd->add_flag("--stats", args->stats, "Print the scanner's build time and size to stderr");
  cmd->add_option("--threads", args->threads, "Worker threads for --jsonl (default: all cores)");
  cmd->callback([&ctx, args, run] { *run = [&ctx, args] { return RunScan(ctx, *args); }; });
}

}  // namespace interdict::cli

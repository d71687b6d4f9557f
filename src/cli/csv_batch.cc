#include "cli/csv_batch.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/ordered_lines.h"
#include "core/text.h"
#include "ingest/csv_reader.h"
#include "match/query_json.h"

namespace interdict::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct FieldName {
  std::string_view name;
  CsvField field;
};
// The column names a field is known by; the first is the one --map takes.
constexpr FieldName kFieldNames[] = {
    {"id", CsvField::kId},
    {"name", CsvField::kName},
    {"type", CsvField::kType},
    {"dob", CsvField::kDob},
    {"birth_date", CsvField::kDob},
    {"date_of_birth", CsvField::kDob},
    {"country", CsvField::kCountry},
    {"countries", CsvField::kCountry},
    {"identifier", CsvField::kIdentifier},
    {"identifiers", CsvField::kIdentifier},
};

std::string Folded(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

CsvField FieldOf(std::string_view name) {
  for (const FieldName& f : kFieldNames)
    if (f.name == name) return f.field;
  return CsvField::kIgnored;
}

std::string_view NameOf(CsvField field) {
  for (const FieldName& f : kFieldNames)
    if (f.field == field) return f.name;
  return "";
}

// The ';'-separated values of a cell, trimmed, empty ones left out.
std::vector<std::string> Values(std::string_view cell) {
  std::vector<std::string> out;
  for (size_t start = 0; start <= cell.size();) {
    size_t end = cell.find(';', start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view v = Trim(cell.substr(start, end - start));
    if (!v.empty()) out.emplace_back(v);
    start = end + 1;
  }
  return out;
}

void AppendRow(int64_t line, const std::string& id, const std::string& name,
               std::string_view result, const MatchResult* m, const std::string& warnings,
               const std::string& error, std::string* out) {
  char score[16] = "";
  if (m != nullptr) std::snprintf(score, sizeof score, "%.3f", static_cast<double>(m->score));
  const std::string fields[] = {
      line > 0 ? std::to_string(line) : std::string(),
      id,
      name,
      std::string(result),
      score,
      m != nullptr ? m->explanation.list_name : std::string(),
      m != nullptr ? m->entity->source : std::string(),
      m != nullptr ? m->entity->id : std::string(),
      m != nullptr ? m->explanation.sentence : std::string(),
      warnings,
      error,
  };
  for (size_t i = 0; i < std::size(fields); ++i) {
    if (i > 0) out->push_back(',');
    AppendCsvField(fields[i], out);
  }
  out->append("\r\n");
}

// A row of the input, as read on the reading thread.
struct Row {
  int64_t line = 0;
  std::vector<std::string> fields;
  std::string error;  // the reader's, for a malformed line
};

// The progress line on stderr: rows, rate and, when the input's size is known, the share done
// and the time left. Printed at most four times a second.
class Progress {
 public:
  Progress(bool on, std::istream* in, uintmax_t total_bytes)
      : on_(on), in_(in), total_(total_bytes), start_(Clock::now()), last_(start_) {}

  void Read(size_t rows) {
    if (!on_ || rows % 256 != 0) return;
    Clock::time_point now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    Print(rows, now, false);
  }
  void Done(size_t rows) {
    if (!on_) return;
    Print(rows, Clock::now(), true);
    std::fputc('\n', stderr);
  }

 private:
  void Print(size_t rows, Clock::time_point now, bool finished) {
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
    std::string line = "\rinterdict: " + std::to_string(rows) + " rows, " +
                       std::to_string(static_cast<long>(rate)) + " rows/s";
    // At the end the stream has no position any more.
    std::streamoff at = total_ == 0 ? -1
                        : finished  ? static_cast<std::streamoff>(total_)
                                    : static_cast<std::streamoff>(in_->tellg());
    if (at > 0 && seconds > 0) {
      const double done = static_cast<double>(at) / static_cast<double>(total_);
      const long left = static_cast<long>(seconds / done - seconds);
      char buf[64];
      std::snprintf(buf, sizeof buf, ", %.0f%%, ETA %ld:%02ld:%02ld", 100 * done, left / 3600,
                    left / 60 % 60, left % 60);
      line += buf;
    }
    std::fprintf(stderr, "%s   ", line.c_str());
    std::fflush(stderr);
  }

  bool on_;
  std::istream* in_;
  uintmax_t total_;
  Clock::time_point start_, last_;
};

}  // namespace

Status MapCsvHeader(const std::vector<std::string>& header, const std::vector<std::string>& maps,
                    std::vector<CsvField>* columns) {
  columns->assign(header.size(), CsvField::kIgnored);
  for (size_t i = 0; i < header.size(); ++i) (*columns)[i] = FieldOf(Folded(header[i]));
  for (const std::string& m : maps) {
    size_t eq = m.rfind('=');
    if (eq == std::string::npos)
      return Status::InvalidInput("--map '" + m + "' is not COLUMN=FIELD");
    const std::string column = Folded(m.substr(0, eq));
    const CsvField field = FieldOf(Folded(m.substr(eq + 1)));
    if (field == CsvField::kIgnored)
      return Status::InvalidInput(
          "--map '" + m + "': the field must be id, name, type, dob, country or identifier");
    bool found = false;
    for (size_t i = 0; i < header.size(); ++i) {
      if (Folded(header[i]) != column) continue;
      (*columns)[i] = field;
      found = true;
    }
    if (!found) return Status::InvalidInput("--map '" + m + "': the header has no such column");
  }
  bool named = false;
  for (size_t i = 0; i < columns->size(); ++i) {
    if ((*columns)[i] == CsvField::kIgnored) continue;
    named = named || (*columns)[i] == CsvField::kName;
    for (size_t j = 0; j < i; ++j)
      if ((*columns)[j] == (*columns)[i])
        return Status::InvalidInput("columns " + std::to_string(j + 1) + " ('" + header[j] +
                                    "') and " + std::to_string(i + 1) + " ('" + header[i] +
                                    "') both give the " + std::string(NameOf((*columns)[i])));
  }
  if (!named)
    return Status::InvalidInput(
        "the header has no 'name' column (name one with --map COLUMN=name)");
  return Status::Ok();
}

Status CsvRowQuery(const std::vector<CsvField>& columns, const std::vector<std::string>& row,
                   std::string* id, ScreeningQuery* query) {
  id->clear();
  for (size_t i = 0; i < columns.size() && i < row.size(); ++i)
    if (columns[i] == CsvField::kId) *id = row[i];
  if (row.size() != columns.size())
    return Status::InvalidInput("the row has " + std::to_string(row.size()) +
                                " fields; the header has " + std::to_string(columns.size()));
  // The row as a JSON query, so that the one set of field rules reads it.
  json j = json::object();
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& cell = row[i];
    switch (columns[i]) {
      case CsvField::kName:
        j["name"] = cell;
        break;
      case CsvField::kType:
        if (!Trim(cell).empty()) j["type"] = Folded(cell);
        break;
      case CsvField::kDob:
        if (!Trim(cell).empty()) j["birth_date"] = cell;
        break;
      case CsvField::kCountry:
        j["country"] = Values(cell);
        break;
      case CsvField::kIdentifier:
        j["identifiers"] = Values(cell);
        break;
      case CsvField::kId:
      case CsvField::kIgnored:
        break;
    }
  }
  return QueryFromJson(j, query);
}

void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendCsvResultRows(int64_t line, const std::string& id, const std::string& name,
                         const ScreenResult& result, std::string* out) {
  std::string warnings;
  for (const std::string& w : result.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
  if (result.matches.empty()) AppendRow(line, id, name, "no match", nullptr, warnings, "", out);
  for (const MatchResult& m : result.matches)
    AppendRow(line, id, name, "match", &m, warnings, "", out);
}

void AppendCsvErrorRow(int64_t line, const std::string& id, const std::string& name,
                       const std::string& error, std::string* out) {
  AppendRow(line, id, name, "error", nullptr, "", error, out);
}

Status ScreenCsv(const Matcher& matcher, const CsvBatchOptions& options, size_t* rows_read,
                 size_t* error_rows) {
  std::ifstream file;
  std::istream* in = &std::cin;
  uintmax_t total_bytes = 0;
  std::string name = "standard input";
  if (options.path != "-") {
    file.open(options.path, std::ios::binary);
    if (!file) return Status::IoError(options.path + ": cannot open");
    std::error_code ec;
    total_bytes = std::filesystem::file_size(options.path, ec);
    if (ec) total_bytes = 0;
    name = std::filesystem::path(options.path).filename().string();
  }
  if (options.path != "-") in = &file;
  CsvReader reader(in, name, {});
  std::vector<std::string> header;
  bool has_row = false;
  INTERDICT_RETURN_IF_ERROR(reader.Next(&header, &has_row));
  if (!has_row) return Status::InvalidInput(name + ": empty: no header row");
  std::vector<CsvField> columns;
  INTERDICT_RETURN_IF_ERROR(
      MapCsvHeader(header, options.maps, &columns).WithContext(name + ": the header"));

  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Matcher::Session>> sessions;
  for (int i = 0; i < threads; ++i) sessions.push_back(matcher.NewSession());
  std::vector<Row> rows;
  std::atomic<size_t> errors{0};
  size_t rows_in = 0;
  Progress progress(options.progress, in, total_bytes);
  std::ios::sync_with_stdio(false);
  std::cout << kCsvResultHeader;
  auto next = [&](size_t slot) {
    if (rows.size() <= slot) rows.resize(slot + 1);
    Row& row = rows[slot];
    for (;;) {
      Status s = reader.Next(&row.fields, &has_row);
      row.error = s.ok() ? "" : s.message();
      row.line = s.ok() ? reader.line() : 0;
      // An empty line is no row.
      if (s.ok() && has_row && row.fields.size() == 1 && row.fields[0].empty() && !reader.quoted(0))
        continue;
      if (!s.ok() || has_row) progress.Read(++rows_in);
      return !s.ok() || has_row;
    }
  };
  auto screen = [&](size_t slot, int worker, std::string* out) {
    const Row& row = rows[slot];
    std::string id, party;
    // A malformed line has no fields to show.
    for (size_t i = 0; row.error.empty() && i < columns.size() && i < row.fields.size(); ++i)
      if (columns[i] == CsvField::kName) party = row.fields[i];
    ScreeningQuery q;
    Status s = row.error.empty() ? CsvRowQuery(columns, row.fields, &id, &q)
                                 : Status::InvalidInput(row.error);
    ScreenResult result;
    if (s.ok()) {
      ScreenOptions o = options.screen;
      o.deadline = DeadlineAfter(options.deadline_seconds);
      s = matcher.Screen(q, o, sessions[static_cast<size_t>(worker)].get(), &result);
    }
    if (!s.ok()) {
      errors.fetch_add(1);
      return AppendCsvErrorRow(row.line, id, party, s.message(), out);
    }
    AppendCsvResultRows(row.line, id, party, result, out);
  };
  bool ok = ProcessInOrder(next, std::cout, threads, screen);
  progress.Done(rows_in);
  *rows_read = rows_in;
  *error_rows = errors.load();
  if (!ok) return Status::IoError("writing to standard output failed");
  return Status::Ok();
}

}  // namespace interdict::cli

#include "monitor/customer_file.h"

#include <fstream>
#include <memory>
#include <set>

#include "core/text.h"
#include "ingest/csv_reader.h"

namespace interdict {
namespace {

using json = nlohmann::json;

// The customer field a CSV header (folded) names, or "" for an attribute column.
std::string FieldOfHeader(const std::string& folded) {
  static const std::pair<const char*, const char*> kNames[] = {{"id", "id"},
                                                               {"name", "name"},
                                                               {"type", "type"},
                                                               {"dob", "dob"},
                                                               {"birth_date", "dob"},
                                                               {"date_of_birth", "dob"},
                                                               {"country", "country"},
                                                               {"countries", "country"},
                                                               {"aliases", "aliases"},
                                                               {"alias", "aliases"},
                                                               {"identifiers", "identifiers"},
                                                               {"identifier", "identifiers"}};
  for (const auto& [header, field] : kNames)
    if (folded == header) return field;
  return "";
}

std::string Folded(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The field of each column ("" = attribute), after --map; errors name the problem.
Status MapHeader(const std::vector<std::string>& header, const std::vector<std::string>& maps,
                 std::vector<std::string>* fields) {
  fields->clear();
  for (const std::string& h : header) fields->push_back(FieldOfHeader(Folded(h)));
  for (const std::string& m : maps) {
    const size_t eq = m.rfind('=');
    if (eq == std::string::npos)
      return Status::InvalidInput("--map '" + m + "' is not COLUMN=FIELD");
    const std::string field = FieldOfHeader(Folded(m.substr(eq + 1)));
    if (field.empty())
      return Status::InvalidInput("--map '" + m +
                                  "': the field must be id, name, type, dob, country, aliases or "
                                  "identifiers");
    bool found = false;
    for (size_t i = 0; i < header.size(); ++i) {
      if (Folded(header[i]) != Folded(m.substr(0, eq))) continue;
      (*fields)[i] = field;
      found = true;
    }
    if (!found) return Status::InvalidInput("--map '" + m + "': the header has no such column");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < fields->size(); ++i) {
    if ((*fields)[i].empty()) continue;
    if (!seen.insert((*fields)[i]).second)
      return Status::InvalidInput("two columns give the " + (*fields)[i] + " (column " +
                                  std::to_string(i + 1) + ", '" + header[i] + "')");
  }
  for (const char* required : {"id", "name"})
    if (!seen.count(required))
      return Status::InvalidInput(std::string("the header has no '") + required +
                                  "' column (name one with --map COLUMN=" + required + ")");
  return Status::Ok();
}

std::vector<std::string> SplitList(const std::string& cell) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t semi = cell.find(';', start);
    std::string_view part = Trim(std::string_view(cell).substr(start, semi - start));
    if (!part.empty()) out.emplace_back(part);
    if (semi == std::string::npos) return out;
    start = semi + 1;
  }
}

json CsvRowJson(const std::vector<std::string>& header, const std::vector<std::string>& fields,
                const std::vector<std::string>& row) {
  json j = json::object();
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string& f = fields[i];
    if (f.empty()) {
      if (!row[i].empty()) j["attributes"][header[i]] = row[i];
    } else if (f == "aliases" || f == "country" || f == "identifiers") {
      j[f] = SplitList(row[i]);
    } else if (f == "id" || f == "name") {
      j[f] = row[i];
    } else if (!Trim(row[i]).empty()) {
      j[f] = f == "type" ? Folded(row[i]) : std::string(Trim(row[i]));
    }
  }
  return j;
}

// Adds the customer (or the row's error); false once the error cap is reached.
struct Collector {
  const CountryTable& countries;
  std::vector<Customer>* out;
  std::vector<CustomerFileError>* errors;
  std::set<std::string> ids;

  bool Add(int64_t line, const json& j) {
    Customer c;
    Status s = CustomerFromJson(j, countries, &c);
    if (s.ok() && !ids.insert(c.id).second)
      s = Status::InvalidInput("the id appears on an earlier row too");
    if (s.ok()) {
      out->push_back(std::move(c));
      return true;
    }
    std::string id;
    if (j.is_object() && j.contains("id") && j["id"].is_string()) id = j["id"].get<std::string>();
    return Error(line, id, s.message());
  }
  bool Error(int64_t line, std::string id, std::string message) {
    errors->push_back(CustomerFileError{line, std::move(id), std::move(message)});
    return errors->size() < kMaxCustomerFileErrors;
  }
};

Status ReadCsv(const std::string& path, const CustomerFileOptions& options, Collector* c) {
  std::unique_ptr<CsvReader> reader;
  INTERDICT_RETURN_IF_ERROR(CsvReader::Open(path, CsvReader::Options(), &reader));
  std::vector<std::string> header, fields, row;
  bool has_row = false;
  INTERDICT_RETURN_IF_ERROR(reader->Next(&header, &has_row));
  if (!has_row) return Status::InvalidInput("the file is empty (no header row)");
  INTERDICT_RETURN_IF_ERROR(MapHeader(header, options.maps, &fields).WithContext("the header"));
  for (;;) {
    Status s = reader->Next(&row, &has_row);
    if (s.ok() && !has_row) return Status::Ok();
    const int64_t line = reader->line();
    if (!s.ok()) {
      // CsvReader's message already starts with "FILE:LINE: ".
      const std::string& m = s.message();
      const size_t colon = m.find(": ");
      if (!c->Error(line, "", colon == std::string::npos ? m : m.substr(colon + 2)))
        return Status::Ok();
      continue;
    }
    if (row.size() == 1 && row[0].empty() && !reader->quoted(0)) continue;  // an empty line
    if (row.size() != header.size()) {
      if (!c->Error(line, "",
                    "the row has " + std::to_string(row.size()) + " fields; the header has " +
                        std::to_string(header.size())))
        return Status::Ok();
      continue;
    }
    if (!c->Add(line, CsvRowJson(header, fields, row))) return Status::Ok();
  }
}

json JsonLineCustomer(json j) {
  static const std::set<std::string> kKnown = {"id",         "name",        "type",      "dob",
                                               "birth_date", "aliases",     "alias",     "country",
                                               "countries",  "identifiers", "attributes"};
  if (!j.is_object()) return j;
  std::vector<std::string> extra;
  for (const auto& [k, v] : j.items())
    if (!kKnown.count(k) && v.is_string()) extra.push_back(k);
  for (const std::string& k : extra) {
    j["attributes"][k] = j[k];
    j.erase(k);
  }
  return j;
}

Status ReadJsonLines(const std::string& path, Collector* c) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path);
  std::string text;
  for (int64_t line = 1; std::getline(in, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (Trim(text).empty()) continue;
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    const bool more = j.is_discarded() ? c->Error(line, "", "not a JSON object")
                                       : c->Add(line, JsonLineCustomer(std::move(j)));
    if (!more) return Status::Ok();
  }
  if (in.bad()) return Status::IoError("reading " + path + " failed");
  return Status::Ok();
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "csv" or "jsonl": by the name's extension, else by the first non-blank byte.
std::string DetectFormat(const std::string& path) {
  const std::string lower = Folded(path);
  if (EndsWith(lower, ".csv")) return "csv";
  if (EndsWith(lower, ".jsonl") || EndsWith(lower, ".ndjson") || EndsWith(lower, ".json"))
    return "jsonl";
  std::ifstream in(path, std::ios::binary);
  char ch = 0;
  while (in.get(ch) && (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')) {
  }
  return ch == '{' ? "jsonl" : "csv";
}

}  // namespace

Status ReadCustomerFile(const std::string& path, const CustomerFileOptions& options,
                        const CountryTable& countries, std::vector<Customer>* out,
                        std::vector<CustomerFileError>* errors) {
  out->clear();
  errors->clear();
  Collector c{countries, out, errors, {}};
  const std::string format = options.format.empty() ? DetectFormat(path) : options.format;
  Status s;
  if (format == "csv") {
    s = ReadCsv(path, options, &c);
  } else if (format == "jsonl") {
    if (!options.maps.empty()) s = Status::InvalidInput("--map applies to CSV files only");
    if (s.ok()) s = ReadJsonLines(path, &c);
  } else {
    s = Status::InvalidInput("unknown format '" + format + "' (csv or jsonl)");
  }
  if (!s.ok()) errors->push_back(CustomerFileError{0, "", s.message()});
  if (errors->empty()) return Status::Ok();
  if (errors->size() == 1 && errors->front().line == 0)  // the file as a whole
    return Status::InvalidInput(path + ": " + errors->front().message + "; nothing was imported");
  return Status::InvalidInput(std::to_string(errors->size()) +
                              (errors->size() >= kMaxCustomerFileErrors ? " or more" : "") +
                              " bad rows in " + path + "; nothing was imported");
}

std::string FormatCustomerFileError(const std::string& path, const CustomerFileError& e) {
  std::string text = path;
  if (e.line > 0) text += ":" + std::to_string(e.line);
  text += ": ";
  if (!e.id.empty()) text += "id " + e.id + ": ";
  return text + e.message;
}

}  // namespace interdict

#include "ingest/ofac_xml_common.h"

#include "core/text.h"
#include "ingest/ofac_remarks.h"

namespace interdict {

std::string_view OfacXmlRun::ListName() const {
  return source == "us-ofac-sdn" ? "SDN List" : "Consolidated List";
}

Status OfacXmlRun::Error(const XmlNode& node, const std::string& problem) const {
  return Status::InvalidInput(path + ":" + std::to_string(node.line) + ": " + problem);
}

Status OfacXmlRun::Read(
    std::string_view root,
    std::function<bool(int depth, std::string_view parent, std::string_view name)> is_record,
    std::function<Status(XmlNode&& record)> on_record) const {
  XmlRecordHandler handler;
  handler.root = root;
  handler.is_record = std::move(is_record);
  handler.on_record = std::move(on_record);
  handler.on_warning = [this](std::string w) { report->warnings.push_back(std::move(w)); };
  handler.bytes_read = bytes_read;
  return ReadXmlRecords(path, handler);
}

Status RunOfacXml(ListFormat format, const std::vector<std::filesystem::path>& paths,
                  const ParseOptions& options, const EntitySink& sink, ParseReport* report,
                  const std::function<Status(const OfacXmlRun& run)>& parse) {
  if (options.countries == nullptr) return Status::Internal("OFAC XML: no country table");
  if (options.ofac_source != "us-ofac-sdn" && options.ofac_source != "us-ofac-cons")
    return Status::InvalidInput("OFAC XML: source '" + options.ofac_source +
                                "' is not an OFAC list (expected us-ofac-sdn or us-ofac-cons)");
  ParseReport local;
  OfacXmlRun run;
  run.source = options.ofac_source;
  run.countries = options.countries;
  run.sink = &sink;
  run.report = report == nullptr ? &local : report;
  run.bytes_read = options.bytes_read;
  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(format, paths, &files));
  if (files.size() != 1)
    return Status::InvalidInput(run.source + ": expected one XML file, got " +
                                std::to_string(files.size()));
  run.report->files.push_back(files[0]);
  run.path = files[0].string();
  return parse(run);
}

std::string OfacFullName(std::string_view last, std::string_view first) {
  if (Trim(first).empty()) return std::string(Trim(last));
  if (Trim(last).empty()) return std::string(Trim(first));
  return std::string(Trim(last)) + ", " + std::string(Trim(first));
}

void AddOfacFact(std::string_view label, std::string_view value, std::string_view country,
                 const CountryTable& countries, Entity* e) {
  std::string fact(Trim(label));
  if (!Trim(value).empty()) {
    if (!fact.empty()) fact += ' ';
    fact += Trim(value);
  }
  if (!Trim(country).empty()) fact += " (" + std::string(Trim(country)) + ")";
  if (!fact.empty()) ParseOfacRemarks(fact, /*cut=*/false, countries, e);
}

std::string_view OfacFactLabel(std::string_view type) {
  if (type == "Birthdate") return "DOB";
  if (type == "Place of Birth") return "POB";
  if (type == "Nationality Country") return "nationality";
  if (type == "Citizenship Country") return "citizen";
  return type;
}

Address OfacAddress(const std::vector<std::pair<std::string, std::string>>& typed_parts) {
  std::string street, city, state, postal;
  for (const auto& [type, value] : typed_parts) {
    if (value.empty()) continue;
    if (type == "CITY") {
      city = value;
    } else if (type == "STATE/PROVINCE") {
      state = value;
    } else if (type == "POSTAL CODE") {
      postal = value;
    } else {
      street += (street.empty() ? "" : ", ") + value;
    }
  }
  if (!state.empty()) city += (city.empty() ? "" : ", ") + state;
  if (!postal.empty()) city += (city.empty() ? "" : " ") + postal;
  Address a;
  a.street = std::move(street);
  a.city = std::move(city);
  return a;
}

void FinishOfacNames(Entity* e) {
  for (Name& n : e->names) {
    n.natural = e->schema == Schema::kPerson ? OfacNaturalOrder(n.full) : n.full;
    n.script = GuessScript(n.full);
  }
}

namespace {

// Higher is stronger evidence that the text is the party's name.
int Strength(NameKind k) {
  switch (k) {
    case NameKind::kPrimary:
      return 4;
    case NameKind::kStrongAlias:
      return 3;
    case NameKind::kOriginalScript:
      return 2;
    case NameKind::kFormerName:
      return 1;
    case NameKind::kWeakAlias:
      return 0;
  }
  return 0;
}

}  // namespace

void AddOfacName(Name name, Entity* e) {
  if (name.full.empty()) return;
  for (Name& n : e->names) {
    if (n.full != name.full) continue;
    if (Strength(name.kind) > Strength(n.kind)) n.kind = name.kind;
    return;
  }
  e->names.push_back(std::move(name));
}

}  // namespace interdict

// The EU Financial Sanctions File, XML format 1.1 (root <export>, one <sanctionEntity> per
// record), streamed with xml_records.h: one record is held at a time.
//
// Mapping (element or attribute -> Entity field):
//   sanctionEntity@logicalId          id "eu-fsf:<logicalId>" (required, unique); the EU's own key,
//                                     present on every record, unlike euReferenceNumber
//   @euReferenceNumber, @unitedNationId attributes eu_reference_number, un_reference_number
//   @designationDetails, remark       remarks
//   @designationDate                  listed_on
//   regulation@programme              programs "EU-<programme>"; @numberTitle attribute regulation
//   subjectType@code                  person -> kPerson, enterprise -> kOrganization
//   nameAlias                         names, every language and script kept: @wholeName (else
//                                     first/middle/last joined); the first strong one is primary,
//                                     strong="false" -> kWeakAlias; @nameLanguage attribute
//                                     name_language "<LANG>: <name>"; @function, @title -> titles;
//                                     @gender M/F -> gender
//   birthdate                         birth_dates (@birthdate, else @year/@monthOfYear/@dayOfMonth,
//                                     else @yearRangeFrom..@yearRangeTo; @circa);
//                                     @city/@region/@place/@countryDescription -> birth_places
//   identification                    identifiers (@number; @identificationTypeCode passport, id,
//                                     fiscalcode, regnumber, swiftbic, imo...; @countryIso2Code;
//                                     remark, @issuedBy, @knownFalse, @knownExpired -> note)
//   citizenship                       citizenships
//   address                           addresses
// Country code "00" means unknown in the FSF; it is treated as no code.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "ingest/date_text.h"
#include "ingest/list_text.h"
#include "ingest/parsers.h"
#include "ingest/xml_records.h"

namespace interdict {
namespace {

constexpr std::string_view kSource = "eu-fsf";


using Node = XmlNode;

const std::string& Attr(const Node& n, std::string_view name) { return n.Attribute(name); }

class EuParser {
 public:
  EuParser(std::string path, const ParseOptions& options, const EntitySink& sink,
           ParseReport* report)
      : path_(std::move(path)), options_(options), sink_(sink), report_(report) {}

  Status OnRoot(const Node& root);
  Status OnChild(const Node& child);

 private:
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }
  void WarnOnce(const std::string& key, std::string w) {
    if (warned_.insert(key).second) report_->warnings.push_back(std::move(w));
  }
  // The FSF writes a country as an ISO code plus a description; "00" is "unknown".
  Country MakeCountry(const Node& n) const;
  void MapName(const Node& n, bool* have_primary, Entity* e);
  void MapBirthDate(const Node& n, Entity* e);
  void MapIdentification(const Node& n, Entity* e);
  void MapAddress(const Node& n, Entity* e);

  const std::string path_;
  const ParseOptions& options_;
  const EntitySink& sink_;
  ParseReport* report_;
  std::unordered_map<std::string, int> ids_;  // logicalId -> line of its record
  std::set<std::string> warned_;
};

Status EuParser::OnRoot(const Node& root) {
  report_->published = Attr(root, "generationDate");
  if (report_->published.empty())
    report_->warnings.push_back(path_ +
                                ": no generationDate on <export>: publication date unknown");
  return Status::Ok();
}

Country EuParser::MakeCountry(const Node& n) const {
  std::string code = Attr(n, "countryIso2Code");
  std::string description = Attr(n, "countryDescription");
  if (AsciiLower(description) == "unknown") description.clear();
  if (code == "00" || code.size() != 2) code.clear();
  Country c = options_.countries->Make(description.empty() ? code : description);
  if (!code.empty()) c.code = code;
  if (c.original.empty()) c.original = code;
  return c;
}

void EuParser::MapName(const Node& n, bool* have_primary, Entity* e) {
  std::string whole = Attr(n, "wholeName");
  if (whole.empty())
    whole = JoinNonEmpty({Attr(n, "firstName"), Attr(n, "middleName"), Attr(n, "lastName")}, " ");
  std::string gender = Attr(n, "gender");
  if (gender == "M") e->gender = "male";
  if (gender == "F") e->gender = "female";
  AddUnique(Attr(n, "function"), &e->titles);
  AddUnique(Attr(n, "title"), &e->titles);
  if (whole.empty()) return;
  const bool strong = Attr(n, "strong") != "false";
  Name name;
  name.kind = NameKind::kStrongAlias;
  if (!strong) name.kind = NameKind::kWeakAlias;
  if (strong && !*have_primary) {
    name.kind = NameKind::kPrimary;
    *have_primary = true;
  }
  name.script = date_text::DominantScriptCode(whole);
  name.natural = whole;
  name.full = whole;
  for (const Name& x : e->names)
    if (x.full == whole) return;  // the same spelling under two languages
  if (std::string lang = Attr(n, "nameLanguage"); !lang.empty())
    e->attributes.push_back(Attribute{"name_language", lang + ": " + whole});
  if (name.kind == NameKind::kPrimary) {
    e->names.insert(e->names.begin(), std::move(name));
  } else {
    e->names.push_back(std::move(name));
  }
}

void EuParser::MapBirthDate(const Node& n, Entity* e) {
  BirthDate d;
  std::string full = Attr(n, "birthdate");
  std::string year = Attr(n, "year");
  std::string month = Attr(n, "monthOfYear");
  std::string day = Attr(n, "dayOfMonth");
  bool ok = false;
  if (!full.empty()) {
    ok = date_text::ParseIsoPrefix(full, &d.from);
    d.original = full;
  } else if (!year.empty()) {
    d.original = JoinNonEmpty({year, month, day}, "-");
    std::string iso = year;
    if (!month.empty()) iso += (month.size() == 1 ? "-0" : "-") + month;
    if (!month.empty() && !day.empty()) iso += (day.size() == 1 ? "-0" : "-") + day;
    ok = date_text::ParseIsoPrefix(iso, &d.from);
  }
  d.to = d.from;
  std::string range_from = Attr(n, "yearRangeFrom");
  std::string range_to = Attr(n, "yearRangeTo");
  if (!ok && !range_from.empty() && !range_to.empty()) {
    d.original = range_from + " to " + range_to;
    ok = date_text::ParseIsoPrefix(range_from, &d.from) &&
         date_text::ParseIsoPrefix(range_to, &d.to) && d.from.year <= d.to.year;
  }
  d.circa = Attr(n, "circa") == "true";
  if (d.circa) d.original = "circa " + d.original;
  if (ok) {
    e->birth_dates.push_back(std::move(d));
  } else if (!d.original.empty()) {
    e->attributes.push_back(Attribute{"birth_date_text", d.original});
  }
  std::string country = Attr(n, "countryDescription");
  if (AsciiLower(country) == "unknown") country.clear();
  AddUnique(JoinNonEmpty({Attr(n, "place"), Attr(n, "city"), Attr(n, "region"), country}, ", "),
            &e->birth_places);
}

IdKind IdentificationKind(std::string_view code) {
  std::string c = AsciiLower(code);
  if (c == "passport") return IdKind::kPassport;
  if (c == "id") return IdKind::kNationalId;
  if (c == "fiscalcode" || c == "tax") return IdKind::kTaxId;
  if (c == "regnumber") return IdKind::kRegistration;
  if (c == "swiftbic") return IdKind::kSwiftBic;
  if (c == "imo") return IdKind::kImo;
  return IdKind::kOther;
}

void EuParser::MapIdentification(const Node& n, Entity* e) {
  Identifier id;
  id.value = Attr(n, "number");
  std::string latin = Attr(n, "latinNumber");
  if (id.value.empty()) id.value = latin;
  id.kind = IdentificationKind(n.Attribute("identificationTypeCode"));
  id.label = Attr(n, "identificationTypeDescription");
  if (id.label.empty()) id.label = Attr(n, "identificationTypeCode");
  id.country = MakeCountry(n);
  std::vector<std::string> notes;
  for (const Node& c : n.children)
    if (c.name == "remark") AddUnique(c.text, &notes);
  if (!latin.empty() && latin != id.value) notes.push_back("latin " + latin);
  if (std::string by = Attr(n, "issuedBy"); !by.empty()) notes.push_back("issued by " + by);
  if (std::string on = Attr(n, "issueDate"); !on.empty()) notes.push_back("issued " + on);
  for (std::string_view flag :
       {"diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer"})
    if (n.Attribute(flag) == "true") notes.push_back(std::string(flag));
  std::string note;
  for (const std::string& s : notes) note = JoinNonEmpty({note, s}, "; ");
  id.note = std::move(note);
  if (id.value.empty()) {
    e->attributes.push_back(Attribute{"document", JoinNonEmpty({id.label, id.note}, "; ")});
    return;
  }
  e->identifiers.push_back(std::move(id));
}

void EuParser::MapAddress(const Node& n, Entity* e) {
  Address a;
  a.street = JoinNonEmpty({Attr(n, "street"), Attr(n, "poBox")}, ", ");
  a.city = JoinNonEmpty({Attr(n, "city"), Attr(n, "place")}, ", ");
  a.state = Attr(n, "region");
  a.postal_code = Attr(n, "zipCode");
  a.country = MakeCountry(n);
  if (JoinNonEmpty({a.street, a.city, a.state, a.postal_code, a.country.code, a.country.original},
                   "")
          .empty())
    return;
  e->addresses.push_back(std::move(a));
  for (const Node& c : n.children)
    if (c.name == "remark" && !c.text.empty())
      e->attributes.push_back(Attribute{"address_note", c.text});
}

Status EuParser::OnChild(const Node& rec) {
  if (rec.name != "sanctionEntity") {
    WarnOnce("2:" + rec.name, Where(rec.line) + ": unknown element <" + rec.name + "> skipped");
    return Status::Ok();
  }
  std::string logical = Attr(rec, "logicalId");
  if (logical.empty())
    return Status::InvalidInput(Where(rec.line) + ": <sanctionEntity> without logicalId");
  auto [it, inserted] = ids_.emplace(logical, rec.line);
  if (!inserted)
    return Status::InvalidInput(Where(rec.line) + ": duplicate logicalId " + logical +
                                " (first at line " + std::to_string(it->second) + ")");
  Entity e;
  e.id = std::string(kSource) + ":" + logical;
  e.source = std::string(kSource);
  auto keep = [&e](const char* key, std::string value) {
    if (!value.empty()) e.attributes.push_back(Attribute{key, std::move(value)});
  };
  keep("eu_reference_number", Attr(rec, "euReferenceNumber"));
  keep("un_reference_number", Attr(rec, "unitedNationId"));
  if (std::string details = Attr(rec, "designationDetails"); !details.empty())
    e.remarks.push_back(details);
  PartialDate listed;
  if (date_text::ParseIsoPrefix(Attr(rec, "designationDate"), &listed) && listed.day != 0)
    e.listed_on = FormatPartialDate(listed);

  bool have_primary = false;
  for (const Node& c : rec.children) {
    if (c.name == "nameAlias") {
      MapName(c, &have_primary, &e);
    } else if (c.name == "subjectType") {
      std::string code = Attr(c, "code");
      if (code == "person") e.schema = Schema::kPerson;
      if (code == "enterprise") e.schema = Schema::kOrganization;
    } else if (c.name == "regulation") {
      if (std::string p = Attr(c, "programme"); !p.empty()) AddUnique("EU-" + p, &e.programs);
      keep("regulation", Attr(c, "numberTitle"));
    } else if (c.name == "birthdate") {
      MapBirthDate(c, &e);
    } else if (c.name == "identification") {
      MapIdentification(c, &e);
    } else if (c.name == "citizenship") {
      Country country = MakeCountry(c);
      if (!country.code.empty() || !country.original.empty())
        e.citizenships.push_back(std::move(country));
    } else if (c.name == "address") {
      MapAddress(c, &e);
    } else if (c.name == "remark") {
      AddUnique(c.text, &e.remarks);
    } else {
      WarnOnce("3:" + c.name, Where(c.line) + ": unknown element <" + c.name +
                                  "> in <sanctionEntity>: kept as attribute " + c.name);
      keep(c.name.c_str(), c.text);
    }
  }
  if (e.names.empty())
    return Status::InvalidInput(Where(rec.line) + ": <sanctionEntity> " + logical +
                                " has no nameAlias with a name");
  if (e.names[0].kind != NameKind::kPrimary) e.names[0].kind = NameKind::kPrimary;
  return sink_(std::move(e));
}

}  // namespace

Status ParseEuFsfXml(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report) {
  ParseReport local;
  if (report == nullptr) report = &local;
  std::filesystem::path file;
  INTERDICT_RETURN_IF_ERROR(ResolveSingleInput(ListFormat::kEuFsfXml, paths, report, &file));
  EuParser parser(file.string(), options, sink, report);
  XmlRecordHandler read;
  read.root = "export";
  read.format_name = "an EU Financial Sanctions File (FSF 1.1)";
  read.bytes_read = options.bytes_read;
  // Every child of the root is a record.
  read.is_record = [](int depth, std::string_view, std::string_view) { return depth == 2; };
  read.on_root = [&](const Node& root) { return parser.OnRoot(root); };
  read.on_record = [&](XmlNode&& child) { return parser.OnChild(child); };
  return ReadXmlRecords(file.string(), read);
}

}  // namespace interdict

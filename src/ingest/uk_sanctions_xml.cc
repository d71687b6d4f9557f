// The UK Sanctions List (FCDO), XML (root <Designations>, one <Designation> per record), streamed
// with xml_records.h: one record is held at a time.
//
// Written from the FCDO's published description of the file, without a real sample to test on:
// tests/fixtures/uk-sanctions-written-from-schema/ holds files written from that description. The
// parser is self-contained so that a real file can be dropped in as a fixture and any difference
// fixed here alone. Unknown elements are never dropped silently: a leaf the mapping does not know
// is kept as attribute "<lower-case element name>" and reported once in the warnings.
//
// Mapping (element -> Entity field):
//   DateGenerated (child of the root)       published
//   UniqueID                                id "uk-sanctions:<UniqueID>" (required, unique)
//   OFSIGroupID, UNReferenceNumber          attributes ofsigroupid, unreferencenumber
//   Names/Name: Name1..Name6, NameType, AliasStrength
//                                           names; Name6 is the family name (or the whole name of
//                                           an entity or ship): full "NAME6, Name1 ... Name5",
//                                           natural "Name1 ... Name5 NAME6". NameType "Primary
//                                           Name" -> kPrimary; an alias of "Low quality" ->
//                                           kWeakAlias, else kStrongAlias
//   NonLatinNames/NonLatinName/NameNonLatinScript
//                                           kOriginalScript names (script detected)
//   RegimeName                              programs "UK-<regime>"
//   IndividualEntityShip                    Individual -> kPerson, Entity -> kOrganization,
//                                           Ship -> kVessel
//   DateDesignated                          listed_on
//   OtherInformation, UKStatementofReasons  remarks
//   DesignationSource, SanctionsImposed, LastUpdated
//                                           attributes designationsource, sanctionsimposed,
//                                           lastupdated (every attribute is the leaf's lower-case
//                                           element name)
//   Addresses/Address: AddressLine1..6, AddressPostalCode, AddressCountry
//                                           addresses
//   IndividualDetails/Individual: DOBs/DOB (dd/mm/yyyy, "00" for unknown day or month),
//     Nationalities/Nationality, PassportDetails/PassportDetail, NationalIdentifierDetails/
//     NationalIdentifier, Positions/Position, BirthDetails/Location, Genders/Gender
//                                           birth_dates, nationalities, identifiers, titles,
//                                           birth_places, gender
//   EntityDetails/Entity: BusinessRegistrationNumbers/BusinessRegistrationNumber
//                                           identifiers (kRegistration); other leaves attributes
//   ShipDetails/Ship: IMONumbers/IMONumber, CurrentBelievedFlagOfShip/Flag
//                                           identifiers (kImo), flag; other leaves attributes
//   PhoneNumbers, EmailAddresses, Websites  attributes named after their leaves
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

constexpr std::string_view kSource = "uk-sanctions";


using Node = XmlNode;

// "dd/mm/yyyy" with "00" for an unknown day or month, or "yyyy"; false on anything else.
bool ParseUkDate(std::string_view text, PartialDate* out) {
  std::vector<std::string_view> parts = SplitView(text, '/');
  std::string iso;
  if (parts.size() == 3 && parts[0].size() == 2 && parts[1].size() == 2 && parts[2].size() == 4) {
    iso = std::string(parts[2]);
    if (parts[1] != "00") {
      iso += "-" + std::string(parts[1]);
      if (parts[0] != "00") iso += "-" + std::string(parts[0]);
    } else if (parts[0] != "00") {
      return false;  // a day without a month
    }
  } else if (parts.size() == 1 && text.size() == 4) {
    iso = std::string(text);
  } else {
    return false;
  }
  return date_text::ParseIsoPrefix(iso, out) && out->year != 0;
}

// Each child of `group` with text becomes an identifier of `kind`.
void AddIdentifiers(const Node& group, IdKind kind, const char* label, Entity* e) {
  for (const Node& c : group.children) {
    Identifier id;
    id.kind = kind;
    id.label = label;
    id.value = c.text;
    if (!id.value.empty()) e->identifiers.push_back(std::move(id));
  }
}

class UkParser {
 public:
  UkParser(std::string path, const ParseOptions& options, const EntitySink& sink,
           ParseReport* report)
      : path_(std::move(path)), options_(options), sink_(sink), report_(report) {}

  Status OnChild(const Node& child);

 private:
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }
  void KeepUnknown(const Node& n, Entity* e);
  void KeepLeaves(const Node& n, Entity* e);
  void MapName(const Node& n, Entity* e);
  void MapAddress(const Node& n, Entity* e);
  void MapIndividual(const Node& n, Entity* e);
  void MapEntityDetails(const Node& n, Entity* e);
  void MapShip(const Node& n, Entity* e);

  const std::string path_;
  const ParseOptions& options_;
  const EntitySink& sink_;
  ParseReport* report_;
  std::unordered_map<std::string, int> ids_;
  std::set<std::string> warned_;
};

// Every leaf below `n` with text becomes an attribute named after it.
void UkParser::KeepLeaves(const Node& n, Entity* e) {
  if (n.children.empty()) {
    if (std::string text = n.text; !text.empty())
      e->attributes.push_back(Attribute{AsciiLower(n.name), std::move(text)});
    return;
  }
  for (const Node& c : n.children) KeepLeaves(c, e);
}

void UkParser::KeepUnknown(const Node& n, Entity* e) {
  if (warned_.insert(n.name).second)
    report_->warnings.push_back(Where(n.line) + ": unknown element <" + n.name +
                                ">: its text is kept as attributes");
  KeepLeaves(n, e);
}

void UkParser::MapName(const Node& n, Entity* e) {
  std::vector<std::string> given;
  for (const char* part : {"Name1", "Name2", "Name3", "Name4", "Name5"})
    given.push_back(n.ChildText(part));
  std::string family = n.ChildText("Name6");
  std::string first = JoinNonEmpty(given, " ");
  Name name;
  name.natural = JoinNonEmpty({first, family}, " ");
  if (name.natural.empty()) return;
  name.full = family.empty() || first.empty() ? name.natural : family + ", " + first;
  name.script = date_text::DominantScriptCode(name.natural);
  std::string type = AsciiLower(n.ChildText("NameType"));
  std::string strength = AsciiLower(n.ChildText("AliasStrength"));
  if (type == "primary name") {
    name.kind = NameKind::kPrimary;
  } else if (strength.find("low") != std::string::npos) {
    name.kind = NameKind::kWeakAlias;
  } else {
    name.kind = NameKind::kStrongAlias;
  }
  for (const Name& x : e->names)
    if (x.full == name.full) return;
  if (name.kind == NameKind::kPrimary) {
    for (Name& x : e->names)  // a second "Primary Name" reads as an alias
      if (x.kind == NameKind::kPrimary) name.kind = NameKind::kStrongAlias;
  }
  if (name.kind == NameKind::kPrimary) {
    e->names.insert(e->names.begin(), std::move(name));
  } else {
    e->names.push_back(std::move(name));
  }
}

void UkParser::MapAddress(const Node& n, Entity* e) {
  Address a;
  std::vector<std::string> lines;
  for (const char* l : {"AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4",
                        "AddressLine5", "AddressLine6"})
    lines.push_back(n.ChildText(l));
  a.street = JoinNonEmpty(lines, ", ");
  a.postal_code = n.ChildText("AddressPostalCode");
  std::string country = n.ChildText("AddressCountry");
  if (!country.empty()) a.country = options_.countries->Make(country);
  a.original = JoinNonEmpty({a.street, a.postal_code, country}, ", ");
  if (!a.original.empty()) e->addresses.push_back(std::move(a));
}

void UkParser::MapIndividual(const Node& ind, Entity* e) {
  for (const Node& g : ind.children) {
    if (g.name == "DOBs") {
      for (const Node& d : g.children) {
        std::string text = d.text;
        BirthDate b;
        b.original = text;
        if (ParseUkDate(text, &b.from)) {
          b.to = b.from;
          e->birth_dates.push_back(std::move(b));
        } else if (!text.empty()) {
          e->attributes.push_back(Attribute{"birth_date_text", text});
        }
      }
    } else if (g.name == "Nationalities") {
      for (const Node& c : g.children)
        if (std::string t = c.text; !t.empty())
          e->nationalities.push_back(options_.countries->Make(t));
    } else if (g.name == "PassportDetails" || g.name == "NationalIdentifierDetails") {
      const bool passport = g.name == "PassportDetails";
      for (const Node& d : g.children) {
        Identifier id;
        id.kind = passport ? IdKind::kPassport : IdKind::kNationalId;
        id.label = passport ? "Passport" : "National identifier";
        id.value = d.ChildText(passport ? "PassportNumber" : "NationalIdentifierNumber");
        id.note = d.ChildText(passport ? "PassportAdditionalInformation"
                                       : "NationalIdentifierAdditionalInformation");
        if (!id.value.empty()) e->identifiers.push_back(std::move(id));
      }
    } else if (g.name == "Positions") {
      for (const Node& c : g.children) AddUnique(c.text, &e->titles);
    } else if (g.name == "BirthDetails") {
      for (const Node& l : g.children)
        AddUnique(JoinNonEmpty({l.ChildText("TownOfBirth"), l.ChildText("CountryOfBirth")}, ", "),
                  &e->birth_places);
    } else if (g.name == "Genders") {
      for (const Node& c : g.children) {
        std::string t = AsciiLower(c.text);
        if (t == "male" || t == "female") e->gender = t;
      }
    } else {
      KeepUnknown(g, e);
    }
  }
}

void UkParser::MapEntityDetails(const Node& ent, Entity* e) {
  for (const Node& g : ent.children) {
    if (g.name == "BusinessRegistrationNumbers") {
      AddIdentifiers(g, IdKind::kRegistration, "Business registration number", e);
    } else {
      KeepLeaves(g, e);  // TypeOfEntities, ParentCompanies, Subsidiaries: descriptive
    }
  }
}

void UkParser::MapShip(const Node& ship, Entity* e) {
  for (const Node& g : ship.children) {
    if (g.name == "IMONumbers") {
      AddIdentifiers(g, IdKind::kImo, "IMO number", e);
    } else if (g.name == "CurrentBelievedFlagOfShip") {
      for (const Node& c : g.children)
        if (std::string t = c.text; !t.empty() && e->flag.original.empty())
          e->flag = options_.countries->Make(t);
    } else {
      KeepLeaves(g, e);  // type, tonnage, length, year built, owners...
    }
  }
}

Status UkParser::OnChild(const Node& rec) {
  if (rec.name == "DateGenerated") {
    report_->published = rec.text;
    return Status::Ok();
  }
  if (rec.name != "Designation") {
    if (warned_.insert("2:" + rec.name).second)
      report_->warnings.push_back(Where(rec.line) + ": unknown element <" + rec.name + "> skipped");
    return Status::Ok();
  }
  std::string uid = rec.ChildText("UniqueID");
  if (uid.empty())
    return Status::InvalidInput(Where(rec.line) + ": <Designation> without UniqueID");
  auto [it, inserted] = ids_.emplace(uid, rec.line);
  if (!inserted)
    return Status::InvalidInput(Where(rec.line) + ": duplicate UniqueID " + uid +
                                " (first at line " + std::to_string(it->second) + ")");
  Entity e;
  e.id = std::string(kSource) + ":" + uid;
  e.source = std::string(kSource);
  std::vector<Name> original;
  for (const Node& c : rec.children) {
    const std::string text = c.text;
    if (c.name == "UniqueID") {
    } else if (c.name == "Names") {
      for (const Node& n : c.children) MapName(n, &e);
    } else if (c.name == "NonLatinNames") {
      for (const Node& n : c.children) {
        Name name;
        name.full = name.natural = n.ChildText("NameNonLatinScript");
        name.kind = NameKind::kOriginalScript;
        name.script = date_text::DominantScriptCode(name.full);
        if (!name.full.empty()) original.push_back(std::move(name));
      }
    } else if (c.name == "IndividualEntityShip") {
      std::string t = AsciiLower(text);
      e.schema = t == "individual" ? Schema::kPerson
                 : t == "entity"   ? Schema::kOrganization
                 : t == "ship"     ? Schema::kVessel
                                   : Schema::kEntity;
    } else if (c.name == "RegimeName") {
      if (!text.empty()) AddUnique("UK-" + text, &e.programs);
    } else if (c.name == "DateDesignated") {
      PartialDate d;
      if (date_text::ParseIsoPrefix(text, &d) && d.day != 0) e.listed_on = FormatPartialDate(d);
    } else if (c.name == "OtherInformation" || c.name == "UKStatementofReasons") {
      if (!text.empty()) e.remarks.push_back(text);
    } else if (c.name == "Addresses") {
      for (const Node& a : c.children) MapAddress(a, &e);
    } else if (c.name == "IndividualDetails") {
      for (const Node& i : c.children) MapIndividual(i, &e);
    } else if (c.name == "EntityDetails") {
      for (const Node& i : c.children) MapEntityDetails(i, &e);
    } else if (c.name == "ShipDetails") {
      for (const Node& i : c.children) MapShip(i, &e);
    } else if (c.name == "OFSIGroupID" || c.name == "UNReferenceNumber" ||
               c.name == "DesignationSource" || c.name == "SanctionsImposed" ||
               c.name == "LastUpdated" || c.name == "PhoneNumbers" || c.name == "EmailAddresses" ||
               c.name == "Websites") {
      KeepLeaves(c, &e);
    } else {
      KeepUnknown(c, &e);
    }
  }
  if (e.names.empty() || e.names[0].kind != NameKind::kPrimary)
    return Status::InvalidInput(Where(rec.line) + ": <Designation> " + uid +
                                " has no Name of NameType \"Primary Name\"");
  for (Name& n : original) e.names.push_back(std::move(n));
  return sink_(std::move(e));
}

}  // namespace

Status ParseUkSanctionsXml(const std::vector<std::filesystem::path>& paths,
                           const ParseOptions& options, const EntitySink& sink,
                           ParseReport* report) {
  ParseReport local;
  if (report == nullptr) report = &local;
  std::filesystem::path file;
  INTERDICT_RETURN_IF_ERROR(ResolveSingleInput(ListFormat::kUkSanctionsXml, paths, report, &file));
  UkParser parser(file.string(), options, sink, report);
  XmlRecordHandler read;
  read.root = "Designations";
  read.format_name = "a UK Sanctions List XML file";
  read.bytes_read = options.bytes_read;
  // Every child of the root is a record.
  read.is_record = [](int depth, std::string_view, std::string_view) { return depth == 2; };
  read.on_record = [&](XmlNode&& child) { return parser.OnChild(child); };
  Status s = ReadXmlRecords(file.string(), read);
  if (s.ok() && report->published.empty())
    report->warnings.push_back(file.string() + ": no <DateGenerated>: publication date unknown");
  return s;
}

}  // namespace interdict

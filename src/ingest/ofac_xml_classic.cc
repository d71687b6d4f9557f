// ParseOfacClassicXml: OFAC's classic XML (sdn.xml, consolidated.xml; schema
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML), root sdnList,
// then publshInformation (sic: Publish_Date MM/DD/YYYY, Record_Count) and one sdnEntry per party.
//
// Mapping (element -> Entity field); facts go through the CSV's Remarks reader (AddOfacFact) so
// that both formats give the same fields:
//   uid                                   id "<source>:<uid>" (required, unique)
//   sdnType                               schema: Individual, Entity, Vessel, Aircraft
//   lastName, firstName                   primary name "LAST, First"
//   akaList/aka                           names: category "weak" -> kWeakAlias (OFAC's CSV has
//                                         them as "a.k.a. 'X'" in Remarks); else type a.k.a. and
//                                         n.k.a. -> kStrongAlias, f.k.a. -> kFormerName
//   programList/program, title            programs, titles
//   idList/id                             the fact "<idType> <idNumber> (<idCountry>)" plus
//                                         "issued <issueDate>" / "expires <expirationDate>"
//   dateOfBirthList, placeOfBirthList     the facts "DOB <date>", "POB <place>"
//   nationalityList, citizenshipList      the facts "nationality <country>", "citizen <country>"
//   addressList/address                   addresses: street "address1, address2, address3",
//                                         city "city, stateOrProvince postalCode" (as the CSV)
//   vesselInfo                            call sign identifier, flag, vessel attributes
//   remarks                               the CSV Remarks reader
// Record_Count must equal the number of sdnEntry read: a mismatch is an error.
#include <charconv>
#include <string>
#include <unordered_set>

#include "core/text.h"
#include "ingest/ofac_remarks.h"
#include "ingest/ofac_xml_common.h"
#include "ingest/parsers.h"
#include "ingest/xml_records.h"

namespace interdict {
namespace {

Status ClassicSchema(const std::string& text, Schema* out) {
  std::string t = AsciiLower(text);
  if (t == "individual") {
    *out = Schema::kPerson;
  } else if (t == "entity" || t.empty()) {
    *out = Schema::kEntity;
  } else if (t == "vessel") {
    *out = Schema::kVessel;
  } else if (t == "aircraft") {
    *out = Schema::kAircraft;
  } else {
    return Status::InvalidInput("unknown sdnType '" + text + "'");
  }
  return Status::Ok();
}

Status AliasKind(const XmlNode& aka, NameKind* out) {
  std::string category = AsciiLower(aka.ChildText("category"));
  std::string type = AsciiLower(aka.ChildText("type"));
  if (category == "weak") {
    *out = NameKind::kWeakAlias;
  } else if (type == "a.k.a." || type == "n.k.a.") {
    *out = NameKind::kStrongAlias;
  } else if (type == "f.k.a.") {
    *out = NameKind::kFormerName;
  } else {
    return Status::InvalidInput("unknown aka type '" + aka.ChildText("type") + "'");
  }
  return Status::Ok();
}

// "MM/DD/YYYY" -> "YYYY-MM-DD"; "" when it is not that form.
std::string UsDate(std::string_view t) {
  if (t.size() != 10 || t[2] != '/' || t[5] != '/') return "";
  return std::string(t.substr(6, 4)) + "-" + std::string(t.substr(0, 2)) + "-" +
         std::string(t.substr(3, 2));
}

void MapAddress(const XmlNode& a, const CountryTable& countries, Entity* e) {
  Address address = OfacAddress({{"ADDRESS1", a.ChildText("address1")},
                                 {"ADDRESS2", a.ChildText("address2")},
                                 {"ADDRESS3", a.ChildText("address3")},
                                 {"CITY", a.ChildText("city")},
                                 {"STATE/PROVINCE", a.ChildText("stateOrProvince")},
                                 {"POSTAL CODE", a.ChildText("postalCode")}});
  if (!a.ChildText("country").empty()) address.country = countries.Make(a.ChildText("country"));
  if (!address.street.empty() || !address.city.empty() || !address.country.original.empty())
    e->addresses.push_back(std::move(address));
}

void MapVessel(const XmlNode& v, const CountryTable& countries, Entity* e) {
  if (!v.ChildText("callSign").empty()) {
    Identifier call_sign;
    call_sign.kind = IdKind::kCallSign;
    call_sign.value = v.ChildText("callSign");
    call_sign.label = "Call Sign";
    e->identifiers.push_back(std::move(call_sign));
  }
  if (!v.ChildText("vesselFlag").empty()) e->flag = countries.Make(v.ChildText("vesselFlag"));
  for (auto [element, key] : {std::pair{"vesselType", "vessel_type"},
                              {"tonnage", "tonnage"},
                              {"grossRegisteredTonnage", "gross_registered_tonnage"},
                              {"vesselOwner", "vessel_owner"}}) {
    if (!v.ChildText(element).empty()) e->attributes.push_back({key, v.ChildText(element)});
  }
}

void MapFacts(const XmlNode& entry, const CountryTable& countries, Entity* e) {
  if (const XmlNode* ids = entry.Child("idList")) {
    for (const XmlNode* id : ids->Children("id")) {
      std::string value = id->ChildText("idNumber");
      if (!id->ChildText("issueDate").empty()) value += " issued " + id->ChildText("issueDate");
      if (!id->ChildText("expirationDate").empty())
        value += " expires " + id->ChildText("expirationDate");
      AddOfacFact(id->ChildText("idType"), value, id->ChildText("idCountry"), countries, e);
    }
  }
  struct ListFact {
    const char* list;
    const char* item;
    const char* value;
    const char* label;
  };
  for (const ListFact& f : {ListFact{"dateOfBirthList", "dateOfBirthItem", "dateOfBirth", "DOB"},
                            {"placeOfBirthList", "placeOfBirthItem", "placeOfBirth", "POB"},
                            {"nationalityList", "nationality", "country", "nationality"},
                            {"citizenshipList", "citizenship", "country", "citizen"}}) {
    if (const XmlNode* list = entry.Child(f.list))
      for (const XmlNode* item : list->Children(f.item))
        AddOfacFact(f.label, item->ChildText(f.value), "", countries, e);
  }
}

// The classic XML's remarks are the CSV's Remarks less what has its own element, except that it
// writes a link in parentheses, "(Linked To: HAMAS)", where the CSV has "Linked To: HAMAS.".
void MapRemarks(const std::string& remarks, const CountryTable& countries, Entity* e) {
  constexpr std::string_view kLink = "(Linked To: ";
  for (std::string_view fact : SplitOfacRemarks(remarks)) {
    if (StartsWith(fact, kLink) && EndsWith(fact, ")")) fact = fact.substr(1, fact.size() - 2);
    AddOfacFact("", fact, "", countries, e);
  }
}

class ClassicParser {
 public:
  explicit ClassicParser(const OfacXmlRun& run) : run_(run), countries_(*run.countries) {}

  Status Run() {
    INTERDICT_RETURN_IF_ERROR(run_.Read(
        "sdnList", [](int depth, std::string_view, std::string_view) { return depth == 2; },
        [this](XmlNode&& node) { return OnRecord(node); }));
    if (record_count_ >= 0 && record_count_ != read_)
      return Status::InvalidInput(run_.path + ": Record_Count says " +
                                  std::to_string(record_count_) + " entries, the file has " +
                                  std::to_string(read_));
    if (record_count_ < 0)
      run_.report->warnings.push_back(run_.path + ": no Record_Count: completeness not checked");
    return Status::Ok();
  }

 private:
  Status OnRecord(const XmlNode& node) {
    if (node.name == "publshInformation" || node.name == "publishInformation") {
      run_.report->published = UsDate(node.ChildText("Publish_Date"));
      const std::string& count = node.ChildText("Record_Count");
      auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), record_count_);
      if (ec != std::errc() || end != count.data() + count.size())
        return Error(node, "Record_Count '" + count + "' is not a number");
      return Status::Ok();
    }
    if (node.name != "sdnEntry") {
      run_.report->warnings.push_back(Where(node) + ": unknown element <" + node.name +
                                      "> skipped");
      return Status::Ok();
    }
    ++read_;
    Entity e;
    INTERDICT_RETURN_IF_ERROR(MapEntry(node, &e));
    return (*run_.sink)(std::move(e));
  }

  Status MapEntry(const XmlNode& entry, Entity* e) {
    const std::string& uid = entry.ChildText("uid");
    if (uid.empty() || uid.find_first_not_of("0123456789") != std::string::npos)
      return Error(entry, "sdnEntry uid '" + uid + "' is not a number");
    if (!uids_.insert(uid).second) return Error(entry, "duplicate uid " + uid);
    e->source = run_.source;
    e->id = run_.source + ":" + uid;
    if (Status s = ClassicSchema(entry.ChildText("sdnType"), &e->schema); !s.ok())
      return Error(entry, s.message());
    Name primary;
    primary.full = OfacFullName(entry.ChildText("lastName"), entry.ChildText("firstName"));
    if (primary.full.empty()) return Error(entry, "sdnEntry " + uid + " has no name");
    e->names.push_back(std::move(primary));
    if (const XmlNode* akas = entry.Child("akaList")) {
      for (const XmlNode* aka : akas->Children("aka")) {
        Name n;
        if (Status s = AliasKind(*aka, &n.kind); !s.ok()) return Error(*aka, s.message());
        n.full = OfacFullName(aka->ChildText("lastName"), aka->ChildText("firstName"));
        AddOfacName(std::move(n), e);
      }
    }
    if (const XmlNode* programs = entry.Child("programList"))
      for (const XmlNode* p : programs->Children("program"))
        if (!p->text.empty()) e->programs.push_back(p->text);
    if (!entry.ChildText("title").empty()) e->titles.push_back(entry.ChildText("title"));
    if (const XmlNode* vessel = entry.Child("vesselInfo")) MapVessel(*vessel, countries_, e);
    MapFacts(entry, countries_, e);
    if (const XmlNode* addresses = entry.Child("addressList"))
      for (const XmlNode* a : addresses->Children("address")) MapAddress(*a, countries_, e);
    MapRemarks(entry.ChildText("remarks"), countries_, e);
    FinishOfacNames(e);
    return Status::Ok();
  }

  std::string Where(const XmlNode& node) const {
    return run_.path + ":" + std::to_string(node.line);
  }
  Status Error(const XmlNode& node, const std::string& problem) const {
    return run_.Error(node, problem);
  }

  const OfacXmlRun& run_;
  const CountryTable& countries_;
  int64_t record_count_ = -1;
  int64_t read_ = 0;
  std::unordered_set<std::string> uids_;
};

}  // namespace

Status ParseOfacClassicXml(const std::vector<std::filesystem::path>& paths,
                           const ParseOptions& options, const EntitySink& sink,
                           ParseReport* report) {
  return RunOfacXml(ListFormat::kOfacClassicXml, paths, options, sink, report,
                    [](const OfacXmlRun& run) { return ClassicParser(run).Run(); });
}

}  // namespace interdict

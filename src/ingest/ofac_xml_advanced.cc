// ParseOfacAdvancedXml: OFAC's "advanced" XML (sdn_advanced.xml, cons_advanced.xml; schema
// sdn_advanced.xsd, namespace http://www.un.org/sanctions/1.0), root Sanctions.
//
// The file is normalised like a database: ReferenceValueSets (ids -> names), Locations,
// IDRegDocuments (keyed by identity), DistinctParties, ProfileRelationships and SanctionsEntries
// (programs, listing dates) come in that order, and a party's programs come after the party. So
// the reference values, locations and documents are held as they stream past, each party becomes
// an Entity that is held until the end, and the entities go to the sink once the file has been
// read in full. Memory is therefore about the size of the resulting records plus the locations and
// documents (a small multiple of the records; measured in docs/ingestion.md).
//
// Mapping; facts go through the CSV's Remarks reader (AddOfacFact) so that every OFAC format gives
// the same fields:
//   DistinctParty@FixedRef                id "<source>:<FixedRef>" (required, unique)
//   Profile@PartySubTypeID                schema by its name: Individual, Vessel, Aircraft, else
//                                         kEntity
//   Identity/Alias/DocumentedName         names: Primary="true" -> kPrimary, LowQuality="true" ->
//                                         kWeakAlias, AliasType A.K.A./N.K.A. -> kStrongAlias,
//                                         F.K.A. -> kFormerName; a name whose parts are in a
//                                         non-Latin script -> kOriginalScript. Parts of type Last
//                                         Name (or Entity/Vessel/Aircraft Name) make "LAST", the
//                                         others "First", as "LAST, First" in the CSV
//   Feature                               the fact "<feature type> <value>", value from its
//                                         DatePeriod (DOB "1967", "Jan 1960", "circa 1960",
//                                         "1955 to 1958"), TEXT or LOOKUP detail, or location;
//                                         feature type Location -> addresses
//   IDRegDocument                         the fact "<type> <IDRegistrationNo> (<country>)"
//   ProfileRelationship                   links: the related party's primary name
//   SanctionsEntry                        programs (measures of type Program), listed_on (the
//                                         earliest entry event)
//   DistinctParty/Comment                 the CSV Remarks reader
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "ingest/ofac_remarks.h"
#include "ingest/ofac_xml_common.h"
#include "ingest/parsers.h"
#include "ingest/xml_records.h"

namespace interdict {
namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Ymd {
  int year = 0, month = 0, day = 0;
};

Ymd ReadYmd(const XmlNode* node) {
  Ymd d;
  if (node == nullptr) return d;
  d.year = std::atoi(node->ChildText("Year").c_str());
  d.month = std::atoi(node->ChildText("Month").c_str());
  d.day = std::atoi(node->ChildText("Day").c_str());
  return d;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string MonthName(int month) {
  return month >= 1 && month <= 12 ? std::string(kMonths[month - 1]) : std::to_string(month);
}

// A DatePeriod as the CSV writes the date: a period from the first to the last day of a year is
// "1967", of a month "Jan 1967", of one day "05 Jan 1967"; a longer period is "<start> to <end>"
// at the precision both ends share; "circa " when the start is approximate.
std::string PeriodText(const XmlNode& period) {
  const XmlNode* start = period.Child("Start");
  const XmlNode* end = period.Child("End");
  if (start == nullptr) return "";
  Ymd from = ReadYmd(start->Child("From"));
  Ymd to = ReadYmd(end == nullptr ? start->Child("To") : end->Child("To"));
  if (from.year == 0) return "";
  if (to.year == 0) to = from;
  bool years = from.month == 1 && from.day == 1 && to.month == 12 && to.day == 31;
  bool months = from.day == 1 && to.day == DaysInMonth(to.year, to.month);
  auto format = [&](const Ymd& d) {
    if (years) return std::to_string(d.year);
    if (months) return MonthName(d.month) + " " + std::to_string(d.year);
    std::string day = (d.day < 10 ? "0" : "") + std::to_string(d.day);
    return day + " " + MonthName(d.month) + " " + std::to_string(d.year);
  };
  std::string text = format(from);
  std::string last = format(to);
  if (last != text) text += " to " + last;
  if (start->Attribute("Approximate") == "true") text = "circa " + text;
  return text;
}

class AdvancedParser {
 public:
  explicit AdvancedParser(const OfacXmlRun& run) : run_(run), countries_(*run.countries) {}

  Status Run() {
    INTERDICT_RETURN_IF_ERROR(run_.Read(
        "Sanctions",
        [](int depth, std::string_view, std::string_view name) {
          return (depth == 2 && name == "DateOfIssue") || depth == 3;
        },
        [this](XmlNode&& node) { return OnRecord(node); }));
    // Some parties are on both lists (9 of the 2020 Consolidated file's are also SDN): a file of
    // the other list shows as most parties lacking an entry on this one.
    if (on_list_.size() * 2 < parties_.size())
      return Status::InvalidInput(
          run_.path + ": " + std::to_string(parties_.size() - on_list_.size()) + " of " +
          std::to_string(parties_.size()) + " parties have no SanctionsEntry on the " +
          std::string(run_.ListName()) + " of --source " + run_.source +
          ": the file holds another list");
    for (Entity& e : parties_) {
      FinishOfacNames(&e);
      INTERDICT_RETURN_IF_ERROR((*run_.sink)(std::move(e)));
    }
    return Status::Ok();
  }

 private:
  struct Document {
    std::string type, number, country;
  };

  Status OnRecord(const XmlNode& node);
  void AddReferenceSet(const XmlNode& set);
  void AddLocation(const XmlNode& location);
  Status MapParty(const XmlNode& party);
  Status MapNames(const XmlNode& identity, Entity* e);
  void MapFeature(const XmlNode& feature, Entity* e);
  Status MapRelationship(const XmlNode& relationship);
  Status MapSanctionsEntry(const XmlNode& entry);

  // The name of reference value `id` in set `set` ("FeatureType", "Country"...); "" if unknown.
  const std::string& Ref(const std::string& set, const std::string& id) const;
  Entity* Party(const std::string& profile_id);

  Status Error(const XmlNode& node, const std::string& problem) const {
    return run_.Error(node, problem);
  }

  const OfacXmlRun& run_;
  const CountryTable& countries_;

  // set name (element name, e.g. "FeatureType") -> ID -> text
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> refs_;
  std::unordered_map<std::string, Address> locations_;                // by Location ID
  std::unordered_map<std::string, std::vector<Document>> documents_;  // by IdentityID
  std::vector<Entity> parties_;                                       // in file order
  std::unordered_map<std::string, size_t> party_index_;
  std::unordered_set<std::string>
      on_list_;  // ProfileIDs with an entry on the source's list               // FixedRef -> index
};

const std::string& AdvancedParser::Ref(const std::string& set, const std::string& id) const {
  static const std::string* const kEmpty = new std::string();
  auto s = refs_.find(set);
  if (s == refs_.end()) return *kEmpty;
  auto v = s->second.find(id);
  return v == s->second.end() ? *kEmpty : v->second;
}

Entity* AdvancedParser::Party(const std::string& profile_id) {
  auto it = party_index_.find(profile_id);
  return it == party_index_.end() ? nullptr : &parties_[it->second];
}

Status AdvancedParser::OnRecord(const XmlNode& node) {
  if (node.name == "DateOfIssue") {
    Ymd d = ReadYmd(&node);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    if (d.year > 0) run_.report->published = buf;
  } else if (EndsWith(node.name, "Values")) {
    AddReferenceSet(node);
  } else if (node.name == "Location") {
    AddLocation(node);
  } else if (node.name == "IDRegDocument") {
    const std::string& type = Ref("IDRegDocType", node.Attribute("IDRegDocTypeID"));
    if (type.empty()) return Error(node, "IDRegDocument with unknown IDRegDocTypeID");
    documents_[node.Attribute("IdentityID")].push_back(
        {type, node.ChildText("IDRegistrationNo"),
         Ref("Country", node.Attribute("IssuedBy-CountryID"))});
  } else if (node.name == "DistinctParty") {
    return MapParty(node);
  } else if (node.name == "ProfileRelationship") {
    return MapRelationship(node);
  } else if (node.name == "SanctionsEntry") {
    return MapSanctionsEntry(node);
  } else if (node.name != "SanctionsEntryLink") {
    run_.report->warnings.push_back(run_.path + ":" + std::to_string(node.line) +
                                    ": unknown element <" + node.name + "> skipped");
  }
  return Status::Ok();
}

void AdvancedParser::AddReferenceSet(const XmlNode& set) {
  for (const XmlNode& value : set.children) {
    refs_[value.name][value.Attribute("ID")] = value.text;
    // A sub-type "Unknown" says nothing; its party type says Individual or Entity.
    if (value.name == "PartySubType")
      refs_["PartySubType.PartyTypeID"][value.Attribute("ID")] = value.Attribute("PartyTypeID");
  }
}

void AdvancedParser::AddLocation(const XmlNode& location) {
  std::vector<std::pair<std::string, std::string>> parts;
  for (const XmlNode* part : location.Children("LocationPart")) {
    const std::string& type = Ref("LocPartType", part->Attribute("LocPartTypeID"));
    for (const XmlNode* value : part->Children("LocationPartValue"))
      if (value->Attribute("Primary") != "false")
        parts.emplace_back(type, value->ChildText("Value"));
  }
  Address a = OfacAddress(parts);
  if (const XmlNode* country = location.Child("LocationCountry")) {
    const std::string& name = Ref("Country", country->Attribute("CountryID"));
    if (!name.empty()) a.country = countries_.Make(name);
  }
  locations_[location.Attribute("ID")] = std::move(a);
}

Status AdvancedParser::MapParty(const XmlNode& party) {
  const std::string& ref = party.Attribute("FixedRef");
  if (ref.empty() || ref.find_first_not_of("0123456789") != std::string::npos)
    return Error(party, "DistinctParty FixedRef '" + ref + "' is not a number");
  if (!party_index_.emplace(ref, parties_.size()).second)
    return Error(party, "duplicate DistinctParty " + ref);
  Entity& e = parties_.emplace_back();
  e.source = run_.source;
  e.id = run_.source + ":" + ref;
  const XmlNode* profile = party.Child("Profile");
  if (profile == nullptr) return Error(party, "DistinctParty " + ref + " has no <Profile>");
  const std::string& sub_id = profile->Attribute("PartySubTypeID");
  const std::string& sub_type = Ref("PartySubType", sub_id);
  if (sub_type.empty()) return Error(*profile, "unknown PartySubTypeID '" + sub_id + "'");
  if (Ref("PartyType", Ref("PartySubType.PartyTypeID", sub_id)) == "Individual") {
    e.schema = Schema::kPerson;
  } else if (sub_type == "Vessel") {
    e.schema = Schema::kVessel;
  } else if (sub_type == "Aircraft") {
    e.schema = Schema::kAircraft;
  }
  for (const XmlNode* identity : profile->Children("Identity")) {
    INTERDICT_RETURN_IF_ERROR(MapNames(*identity, &e));
    auto docs = documents_.find(identity->Attribute("ID"));
    if (docs == documents_.end()) continue;
    for (const Document& d : docs->second) AddOfacFact(d.type, d.number, d.country, countries_, &e);
    documents_.erase(docs);
  }
  if (e.names.empty() || e.names[0].kind != NameKind::kPrimary)
    return Error(party, "DistinctParty " + ref + " has no primary name");
  for (const XmlNode* feature : profile->Children("Feature")) MapFeature(*feature, &e);
  AddOfacFact("", party.ChildText("Comment"), "", countries_, &e);
  return Status::Ok();
}

Status AdvancedParser::MapNames(const XmlNode& identity, Entity* e) {
  std::unordered_map<std::string, std::string> part_types;  // NamePartGroup ID -> type name
  if (const XmlNode* groups = identity.Child("NamePartGroups"))
    for (const XmlNode* master : groups->Children("MasterNamePartGroup"))
      for (const XmlNode* g : master->Children("NamePartGroup"))
        part_types[g->Attribute("ID")] = Ref("NamePartType", g->Attribute("NamePartTypeID"));
  for (const XmlNode* alias : identity.Children("Alias")) {
    NameKind kind;
    std::string type = AsciiLower(Ref("AliasType", alias->Attribute("AliasTypeID")));
    if (alias->Attribute("Primary") == "true") {
      kind = NameKind::kPrimary;
    } else if (alias->Attribute("LowQuality") == "true") {
      kind = NameKind::kWeakAlias;
    } else if (type == "a.k.a." || type == "n.k.a.") {
      kind = NameKind::kStrongAlias;
    } else if (type == "f.k.a.") {
      kind = NameKind::kFormerName;
    } else {
      return Error(*alias, "unknown AliasTypeID " + alias->Attribute("AliasTypeID"));
    }
    for (const XmlNode* documented : alias->Children("DocumentedName")) {
      std::string last, first;
      bool latin = true;
      for (const XmlNode* part : documented->Children("DocumentedNamePart")) {
        const XmlNode* value = part->Child("NamePartValue");
        if (value == nullptr || value->text.empty()) continue;
        if (Ref("Script", value->Attribute("ScriptID")) != "Latin") latin = false;
        const std::string& part_type = part_types[value->Attribute("NamePartGroupID")];
        // The CSV's "LAST, Given": every part but the given names is the family/entity name.
        bool is_last = part_type != "First Name" && part_type != "Middle Name" &&
                       part_type != "Patronymic" && part_type != "Matronymic";
        std::string& into = is_last ? last : first;
        into += (into.empty() ? "" : " ") + value->text;
      }
      Name n;
      n.kind = latin ? kind : NameKind::kOriginalScript;
      n.full = OfacFullName(last, first);
      AddOfacName(std::move(n), e);
    }
  }
  return Status::Ok();
}

void AdvancedParser::MapFeature(const XmlNode& feature, Entity* e) {
  const std::string& type = Ref("FeatureType", feature.Attribute("FeatureTypeID"));
  for (const XmlNode* version : feature.Children("FeatureVersion")) {
    std::string value;
    if (const XmlNode* period = version->Child("DatePeriod")) value = PeriodText(*period);
    for (const XmlNode* detail : version->Children("VersionDetail")) {
      std::string text = detail->text;
      if (text.empty()) text = Ref("DetailReference", detail->Attribute("DetailReferenceID"));
      if (!text.empty()) value += (value.empty() ? "" : " ") + text;
    }
    for (const XmlNode* at : version->Children("VersionLocation")) {
      auto loc = locations_.find(at->Attribute("LocationID"));
      if (loc == locations_.end()) continue;
      const Address& a = loc->second;
      if (type == "Location") {
        if (!a.street.empty() || !a.city.empty() || !a.country.original.empty())
          e->addresses.push_back(a);
        continue;
      }
      std::string text = a.street;
      if (!a.city.empty()) text += (text.empty() ? "" : ", ") + a.city;
      if (!a.country.original.empty()) text += (text.empty() ? "" : ", ") + a.country.original;
      if (!text.empty()) value += (value.empty() ? "" : " ") + text;
    }
    if (!value.empty()) AddOfacFact(OfacFactLabel(type), value, "", countries_, e);
  }
}

Status AdvancedParser::MapRelationship(const XmlNode& relationship) {
  Entity* from = Party(relationship.Attribute("From-ProfileID"));
  Entity* to = Party(relationship.Attribute("To-ProfileID"));
  if (from == nullptr) return Error(relationship, "relationship from an unknown profile");
  // The related party may be on another list (an SDN owner of a non-SDN company): say so by id.
  std::string link = to == nullptr ? run_.source + ":" + relationship.Attribute("To-ProfileID")
                                   : to->names[0].full;
  for (const std::string& l : from->links)
    if (l == link) return Status::Ok();
  from->links.push_back(std::move(link));
  return Status::Ok();
}

Status AdvancedParser::MapSanctionsEntry(const XmlNode& entry) {
  Entity* e = Party(entry.Attribute("ProfileID"));
  if (e == nullptr) return Error(entry, "SanctionsEntry for an unknown profile");
  if (Ref("List", entry.Attribute("ListID")) == run_.ListName())
    on_list_.insert(entry.Attribute("ProfileID"));
  for (const XmlNode* measure : entry.Children("SanctionsMeasure")) {
    if (Ref("SanctionsType", measure->Attribute("SanctionsTypeID")) != "Program") continue;
    const std::string& program = measure->ChildText("Comment");
    bool known = program.empty();
    for (const std::string& p : e->programs) known = known || p == program;
    if (!known) e->programs.push_back(program);
  }
  for (const XmlNode* event : entry.Children("EntryEvent")) {
    Ymd d = ReadYmd(event->Child("Date"));
    if (d.year == 0) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    if (e->listed_on.empty() || buf < e->listed_on) e->listed_on = buf;
  }
  return Status::Ok();
}

}  // namespace

Status ParseOfacAdvancedXml(const std::vector<std::filesystem::path>& paths,
                            const ParseOptions& options, const EntitySink& sink,
                            ParseReport* report) {
  return RunOfacXml(ListFormat::kOfacAdvancedXml, paths, options, sink, report,
                    [](const OfacXmlRun& run) { return AdvancedParser(run).Run(); });
}

}  // namespace interdict

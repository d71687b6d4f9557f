// ParseOfacEnhancedXml: OFAC's "enhanced" XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML; schema
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML.xsd),
// root sanctionsData: publicationInfo (dataAsOf), referenceValues, then entities/entity.
//
// Mapping (element -> Entity field); facts go through the CSV's Remarks reader (AddOfacFact) so
// that every OFAC format gives the same fields:
//   entity@id                             id "<source>:<id>" (required, unique)
//   generalInfo/entityType                schema: Individual, Entity, Vessel, Aircraft
//   generalInfo/remarks                   the CSV Remarks reader
//   names/name                            isPrimary -> kPrimary; isLowQuality -> kWeakAlias;
//                                         aliasType A.K.A./N.K.A. -> kStrongAlias, F.K.A. ->
//                                         kFormerName. Its primary translation gives the name
//                                         (formattedFullName, "LAST, First" as in the CSV); every
//                                         other translation in a non-Latin script (Cyrillic,
//                                         Chinese) is a kOriginalScript name
//   sanctionsPrograms/sanctionsProgram    programs
//   sanctionsLists/sanctionsList          listed_on: the earliest datePublished
//   addresses/address                     addresses from the primary translation's parts, as the
//                                         CSV composes them; other translations become attribute
//                                         address_<script> (lower case)
//   features/feature                      the fact "<type> <value>"; types Birthdate, Place of
//                                         Birth, Nationality Country and Citizenship Country are
//                                         the CSV's DOB, POB, nationality and citizen
//   identityDocuments/identityDocument    the fact "<type> <documentNumber> (<issuingCountry>)"
//   relationships/relationship            links: the related entity's name (the CSV's
//                                         "Linked To:")
#include <string>
#include <unordered_set>

#include "core/text.h"
#include "ingest/ofac_xml_common.h"
#include "ingest/parsers.h"
#include "ingest/xml_records.h"

namespace interdict {
namespace {

Status EnhancedSchema(const std::string& text, Schema* out) {
  std::string t = AsciiLower(text);
  if (t == "individual") {
    *out = Schema::kPerson;
  } else if (t == "entity") {
    *out = Schema::kEntity;
  } else if (t == "vessel") {
    *out = Schema::kVessel;
  } else if (t == "aircraft") {
    *out = Schema::kAircraft;
  } else {
    return Status::InvalidInput("unknown entityType '" + text + "'");
  }
  return Status::Ok();
}

Status NameKindOf(const XmlNode& name, NameKind* out) {
  std::string type = AsciiLower(name.ChildText("aliasType"));
  if (name.ChildText("isPrimary") == "true") {
    *out = NameKind::kPrimary;
  } else if (name.ChildText("isLowQuality") == "true") {
    *out = NameKind::kWeakAlias;
  } else if (type == "a.k.a." || type == "n.k.a.") {
    *out = NameKind::kStrongAlias;
  } else if (type == "f.k.a.") {
    *out = NameKind::kFormerName;
  } else {
    return Status::InvalidInput("unknown aliasType '" + name.ChildText("aliasType") + "'");
  }
  return Status::Ok();
}

// The address parts of one translation, typed as OfacAddress wants them.
Address ComposeAddress(const XmlNode& translation) {
  std::vector<std::pair<std::string, std::string>> parts;
  if (const XmlNode* list = translation.Child("addressParts"))
    for (const XmlNode* part : list->Children("addressPart"))
      parts.emplace_back(part->ChildText("type"), part->ChildText("value"));
  return OfacAddress(parts);
}

void MapAddresses(const XmlNode& entity, const CountryTable& countries, Entity* e) {
  const XmlNode* addresses = entity.Child("addresses");
  if (addresses == nullptr) return;
  for (const XmlNode* address : addresses->Children("address")) {
    const XmlNode* translations = address->Child("translations");
    if (translations == nullptr) continue;
    for (const XmlNode* t : translations->Children("translation")) {
      Address a = ComposeAddress(*t);
      if (t->ChildText("isPrimary") != "true") {
        std::string text = a.street;
        if (!a.city.empty()) text += (text.empty() ? "" : ", ") + a.city;
        if (!text.empty())
          e->attributes.push_back({"address_" + AsciiLower(t->ChildText("script")), text});
        continue;
      }
      if (!address->ChildText("country").empty())
        a.country = countries.Make(address->ChildText("country"));
      if (!a.street.empty() || !a.city.empty() || !a.country.original.empty())
        e->addresses.push_back(std::move(a));
    }
  }
}

void MapFacts(const XmlNode& entity, const CountryTable& countries, Entity* e) {
  if (const XmlNode* features = entity.Child("features"))
    for (const XmlNode* f : features->Children("feature"))
      AddOfacFact(OfacFactLabel(f->ChildText("type")), f->ChildText("value"), "", countries, e);
  if (const XmlNode* docs = entity.Child("identityDocuments"))
    for (const XmlNode* d : docs->Children("identityDocument"))
      AddOfacFact(d->ChildText("type"), d->ChildText("documentNumber"),
                  d->ChildText("issuingCountry"), countries, e);
  if (const XmlNode* relationships = entity.Child("relationships")) {
    for (const XmlNode* r : relationships->Children("relationship")) {
      const std::string& related = r->ChildText("relatedEntity");
      bool known = related.empty();
      for (const std::string& l : e->links) known = known || l == related;
      if (!known) e->links.push_back(related);
    }
  }
}

class EnhancedParser {
 public:
  explicit EnhancedParser(const OfacXmlRun& run) : run_(run), countries_(*run.countries) {}

  Status Run() {
    return run_.Read(
        "sanctionsData",
        [](int depth, std::string_view parent, std::string_view name) {
          return (depth == 2 && name == "publicationInfo") || (depth == 3 && parent == "entities");
        },
        [this](XmlNode&& node) { return OnRecord(node); });
  }

 private:
  Status OnRecord(const XmlNode& node) {
    if (node.name == "publicationInfo") {
      run_.report->published = node.ChildText("dataAsOf").substr(0, 10);
      return CheckList(node);
    }
    if (node.name != "entity") return Error(node, "unexpected <" + node.name + "> in <entities>");
    Entity e;
    INTERDICT_RETURN_IF_ERROR(MapEntity(node, &e));
    return (*run_.sink)(std::move(e));
  }

  // publicationInfo/filters/sanctionsLists names the lists the file holds, when it was filtered.
  Status CheckList(const XmlNode& info) const {
    const XmlNode* filters = info.Child("filters");
    const XmlNode* lists = filters == nullptr ? nullptr : filters->Child("sanctionsLists");
    if (lists == nullptr) return Status::Ok();
    std::string named;
    for (const XmlNode* l : lists->Children("sanctionsList")) {
      if (l->text == run_.ListName()) return Status::Ok();
      named += (named.empty() ? "" : ", ") + l->text;
    }
    return Error(*lists, "the file holds " + named + ", not the " + std::string(run_.ListName()) +
                             " of --source " + run_.source);
  }

  Status MapEntity(const XmlNode& entity, Entity* e) {
    const std::string& id = entity.Attribute("id");
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
      return Error(entity, "entity id '" + id + "' is not a number");
    if (!ids_.insert(id).second) return Error(entity, "duplicate entity id " + id);
    e->source = run_.source;
    e->id = run_.source + ":" + id;
    const XmlNode* info = entity.Child("generalInfo");
    if (info == nullptr) return Error(entity, "entity " + id + " has no <generalInfo>");
    if (Status s = EnhancedSchema(info->ChildText("entityType"), &e->schema); !s.ok())
      return Error(*info, s.message());
    INTERDICT_RETURN_IF_ERROR(MapNames(entity, e));
    if (e->names.empty() || e->names[0].kind != NameKind::kPrimary)
      return Error(entity, "entity " + id + " has no primary name");
    if (const XmlNode* programs = entity.Child("sanctionsPrograms"))
      for (const XmlNode* p : programs->Children("sanctionsProgram"))
        if (!p->text.empty()) e->programs.push_back(p->text);
    if (const XmlNode* lists = entity.Child("sanctionsLists")) {
      for (const XmlNode* l : lists->Children("sanctionsList")) {
        const std::string& date = l->Attribute("datePublished");
        if (date.size() == 10 && (e->listed_on.empty() || date < e->listed_on)) e->listed_on = date;
      }
    }
    MapFacts(entity, countries_, e);
    MapAddresses(entity, countries_, e);
    for (const XmlNode* remarks : info->Children("remarks"))
      AddOfacFact("", remarks->text, "", countries_, e);
    FinishOfacNames(e);
    return Status::Ok();
  }

  // The primary name first, then the aliases, then the translations of all of them.
  Status MapNames(const XmlNode& entity, Entity* e) {
    const XmlNode* names = entity.Child("names");
    if (names == nullptr) return Status::Ok();
    std::vector<Name> translated;
    for (int pass = 0; pass < 2; ++pass) {
      for (const XmlNode* name : names->Children("name")) {
        bool primary = name->ChildText("isPrimary") == "true";
        if (primary != (pass == 0)) continue;
        Name n;
        if (Status s = NameKindOf(*name, &n.kind); !s.ok()) return Error(*name, s.message());
        const XmlNode* translations = name->Child("translations");
        if (translations == nullptr) return Error(*name, "name without <translations>");
        for (const XmlNode* t : translations->Children("translation")) {
          Name copy = n;
          copy.full = t->ChildText("formattedFullName");
          if (copy.full.empty())
            copy.full =
                OfacFullName(t->ChildText("formattedLastName"), t->ChildText("formattedFirstName"));
          if (t->ChildText("isPrimary") == "true") {
            AddOfacName(std::move(copy), e);
          } else {
            // A translation into another script. One in Latin script is another spelling of the
            // same name: it keeps its kind, as an alias when it translates the primary name.
            if (t->ChildText("script") != "Latin") {
              copy.kind = NameKind::kOriginalScript;
            } else if (copy.kind == NameKind::kPrimary) {
              copy.kind = NameKind::kStrongAlias;
            }
            translated.push_back(std::move(copy));
          }
        }
      }
    }
    for (Name& n : translated) AddOfacName(std::move(n), e);
    return Status::Ok();
  }

  Status Error(const XmlNode& node, const std::string& problem) const {
    return run_.Error(node, problem);
  }

  const OfacXmlRun& run_;
  const CountryTable& countries_;
  std::unordered_set<std::string> ids_;
};

}  // namespace

Status ParseOfacEnhancedXml(const std::vector<std::filesystem::path>& paths,
                            const ParseOptions& options, const EntitySink& sink,
                            ParseReport* report) {
  return RunOfacXml(ListFormat::kOfacEnhancedXml, paths, options, sink, report,
                    [](const OfacXmlRun& run) { return EnhancedParser(run).Run(); });
}

}  // namespace interdict

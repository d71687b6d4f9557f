// The FtM form of records (yente.h): properties as FtM names them, and datasets named the
// OpenSanctions way.
#include <algorithm>

#include "core/ftm_schema.h"
#include "server/yente.h"

namespace interdict::server {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void Add(json& props, const char* key, const std::string& value) {
  if (value.empty()) return;
  json& a = props[key];
  if (!a.is_array()) a = json::array();
  for (const json& x : a)
    if (x == value) return;
  a.push_back(value);
}

std::string_view IdProperty(IdKind k, Schema schema) {
  switch (k) {
    case IdKind::kPassport:
      return "passportNumber";
    case IdKind::kTaxId:
      return "taxNumber";
    case IdKind::kRegistration:
      return "registrationNumber";
    case IdKind::kImo:
      return "imoNumber";
    case IdKind::kMmsi:
      return "mmsi";
    case IdKind::kCallSign:
      return "callSign";
    case IdKind::kAircraftSerial:
      return "serialNumber";
    case IdKind::kAircraftTail:
      return schema == Schema::kAircraft ? "registrationNumber" : "idNumber";
    case IdKind::kSwiftBic:
      return "swiftBic";
    case IdKind::kDigitalCurrency:
      return "";  // FtM keeps wallets as CryptoWallet entities of their own
    case IdKind::kNationalId:
    case IdKind::kOther:
      break;
  }
  return "idNumber";
}

std::string AddressText(const Address& a) {
  if (!a.original.empty()) return a.original;
  std::string s;
  for (const std::string* part :
       {&a.street, &a.city, &a.state, &a.postal_code, &a.country.original}) {
    if (part->empty()) continue;
    if (!s.empty()) s += ", ";
    s += *part;
  }
  return s;
}

const Name* Primary(const Entity& e) { return e.names.empty() ? nullptr : &e.primary_name(); }

}  // namespace

std::string Caption(const Entity& e) {
  const Name* n = Primary(e);
  if (n == nullptr) return e.id;
  return n->natural.empty() ? n->full : n->natural;
}

json FtmEntity(const Entity& e) {
  json props = json::object();
  for (const Name& n : e.names) {
    const std::string& text = n.natural.empty() ? n.full : n.natural;
    switch (n.kind) {
      case NameKind::kPrimary:
        Add(props, "name", text);
        break;
      case NameKind::kStrongAlias:
      case NameKind::kOriginalScript:
        Add(props, "alias", text);
        break;
      case NameKind::kWeakAlias:
        Add(props, "weakAlias", text);
        break;
      case NameKind::kFormerName:
        Add(props, "previousName", text);
        break;
    }
  }
  for (const BirthDate& b : e.birth_dates) {
    Add(props, "birthDate", FormatPartialDate(b.from));
    if (!(b.to == b.from)) Add(props, "birthDate", FormatPartialDate(b.to));
  }
  for (const std::string& p : e.birth_places) Add(props, "birthPlace", p);
  for (const Country& c : e.nationalities) Add(props, "nationality", Lower(c.code));
  for (const Country& c : e.citizenships) Add(props, "citizenship", Lower(c.code));
  for (const Address& a : e.addresses) {
    Add(props, "address", AddressText(a));
    Add(props, "country", Lower(a.country.code));
  }
  if (!e.flag.code.empty()) Add(props, "flag", Lower(e.flag.code));
  if (!e.gender.empty()) Add(props, "gender", e.gender);
  for (const std::string& t : e.titles)
    Add(props, e.schema == Schema::kPerson ? "position" : "notes", t);
  for (const std::string& p : e.programs) Add(props, "program", p);
  for (const std::string& r : e.remarks) Add(props, "notes", r);
  for (const Identifier& id : e.identifiers) {
    std::string_view prop = IdProperty(id.kind, e.schema);
    if (!prop.empty()) Add(props, std::string(prop).c_str(), id.value);
  }
  for (const Attribute& a : e.attributes) {
    if (a.key == "vessel_type") Add(props, "type", a.value);
    if (a.key == "tonnage") Add(props, "tonnage", a.value);
    if (a.key == "gross_registered_tonnage") Add(props, "grossRegisteredTonnage", a.value);
    if (a.key == "website") Add(props, "website", a.value);
    if (a.key == "email" || a.key == "email_address") Add(props, "email", a.value);
    if (a.key == "phone" || a.key == "phone_number") Add(props, "phone", a.value);
  }
  if (!e.listed_on.empty()) Add(props, "createdAt", e.listed_on);
  Add(props, "topics", "sanction");
  return json{{"id", e.id},
              {"caption", Caption(e)},
              {"schema", FtmSchemaName(e.schema)},
              {"properties", std::move(props)},
              {"datasets", json::array({DatasetName(e.source)})},
              {"referents", json::array()},
              {"target", true},
              {"first_seen", nullptr},
              {"last_seen", nullptr},
              {"last_change", nullptr}};
}

std::string DatasetName(std::string_view source) {
  // OpenSanctions' names for the lists Interdict reads from their publishers.
  if (source == "un-sc") return "un_sc_sanctions";
  std::string out;
  for (char c : source) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    out += keep ? c : '_';
  }
  return out;
}

bool ResolveDataset(const Snapshot& snapshot, std::string_view dataset, std::string* source) {
  source->clear();
  if (dataset == "default" || dataset == "sanctions") return true;
  for (const ListVersion& v : snapshot.versions()) {
    if (v.source == dataset || DatasetName(v.source) == dataset ||
        v.source == CanonicalSource(dataset)) {
      *source = v.source;
      return true;
    }
  }
  return false;
}

}  // namespace interdict::server

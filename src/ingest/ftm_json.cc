// FollowTheMoney entities, one JSON object per line (OpenSanctions' entities.ftm.json layout),
// parsed line by line with simdjson's DOM parser (one parser reused; each line is parsed in
// place from a padded buffer, no copy).
//
// Screenable parties become Entities:
//   what core/ftm_schema.h says each matchable schema screens as: Person -> kPerson;
//   Organization, Company, PublicBody -> kOrganization; Vessel -> kVessel;
//   Airplane -> kAircraft; LegalEntity -> kEntity (FtM uses it when the source does not say
//   whether the party is a person or an organisation, which is what kEntity means).
// Every other schema (Sanction, Address, Ownership, Directorship, Family, Identification,
// Passport, ...) is skipped and counted in one warning per file.
//
// Two of the skipped schemata carry facts about a party held by reference, so each file is read
// twice. The first pass parses only the lines that mention "Sanction" or "Address" and keeps:
//   Sanction (by its `entity`): programId (else program) -> programs, reason -> remarks,
//     authority -> attribute sanction_authority, the earliest listingDate (else startDate)
//     -> listed_on when the party states none itself;
//   Address (by id): the address, for the parties whose addressEntity names it.
// The second pass emits the parties, attaching the facts found under their id or one of their
// `referents`. What the first pass holds is bounded by kMaxSideFactBytes (64 MiB: some 300k
// sanctions of ~200 bytes); past it, further facts are not kept and a warning says so. The
// parties themselves are still streamed one at a time, as ParseList's contract asks. Holding
// the parties instead (Sanctions come after their party in OpenSanctions' exports) would grow
// with the file.
//
// Properties of a party:
//   name                   names: the entity's `caption` when it is one of them (the name
//                          OpenSanctions displays), else the first, is kPrimary; the rest
//                          kStrongAlias
//   alias / weakAlias, abbreviation / previousName, pastNames
//                          kStrongAlias / kWeakAlias / kFormerName
//                          (Person names written "SURNAME, Given" get natural "Given SURNAME")
//   firstName, middleName, lastName, fatherName, motherName, secondName, nameSuffix
//                          not kept: parts of the full names above
//   birthDate              birth_dates (ISO prefixes); birthPlace, birthCountry -> birth_places
//   nationality            nationalities; citizenship -> citizenships; jurisdiction,
//                          mainCountry -> nationalities; country -> nationalities for
//                          organisations, vessels and aircraft, but for a person (where FtM's
//                          country is any associated country, often residence) an Address
//                          holding only that country; flag -> flag (others: attribute flag)
//   gender                 gender ("male" / "female")
//   idNumber, passportNumber, taxNumber, innCode, vatCode, registrationNumber, ogrnCode,
//   okpoCode, leiCode, dunsCode, uniqueEntityId, swiftBic, imoNumber, mmsi, callSign,
//   serialNumber           identifiers, label = the property name (see IdKindFor)
//   address                addresses (as one string); addressEntity -> see above
//   position, title        titles
//   programId, program     programs
//   notes                  remarks
//   anything else          attributes, key = the property name in lower_snake_case
//                          (topics, created_at, incorporation_date, email, website, ...)
// Entity-level keys: `datasets` -> attributes dataset, `target` -> attribute target. first_seen,
// last_seen and last_change are not kept: they move with every export, and the store's change
// detection compares whole records. An FtM file states no publication date: `published` stays
// empty.
//
// Errors name the file and line: a line that is not JSON, not an object, or has no id or schema;
// properties that are not lists of strings; invalid UTF-8; a control character (a JSON "\u0000"
// included) in a property value or the caption; two parties with one id, in one file
// or across the files of one parse (see SeenIds for what that costs). Blank lines are skipped.
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/ftm_schema.h"
#include "core/text.h"
#include "ingest/control_char.h"
#include "ingest/date_text.h"
#include "ingest/parsers.h"

namespace interdict {
namespace {

namespace dom = simdjson::dom;

constexpr size_t kMaxSideFactBytes = 64u << 20;

// Facts the first pass found about one party.
struct SideFacts {
  std::vector<std::string> programs;
  std::vector<std::string> reasons;
  std::vector<std::string> authorities;
  std::string listed_on;  // earliest YYYY-MM-DD
  bool used = false;
};

void AddUnique(std::string_view s, std::vector<std::string>* v) {
  if (s.empty()) return;
  for (const std::string& x : *v)
    if (x == s) return;
  v->emplace_back(s);
}

// The values already on one party's lists, so that each new value is checked against them in
// constant time: a party may carry tens of thousands of names, and a scan of the list per value
// made such a record take minutes. A key is a one-letter tag for the list, then the value.
class SeenValues {
 public:
  // True the first time `key` is offered for list `tag`.
  bool First(char tag, std::string_view key) {
    std::string k(1, tag);
    k.append(key);
    return seen_.insert(std::move(k)).second;
  }
  // Appends `value` to `list` (tagged `tag`) unless it is empty or already there.
  void AddUnique(char tag, std::string_view value, std::vector<std::string>* list) {
    if (!value.empty() && First(tag, value)) list->emplace_back(value);
  }

 private:
  std::unordered_set<std::string> seen_;
};

// "registrationNumber" -> "registration_number".
std::string SnakeCase(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// FtM's matchable schemata are the parties Interdict screens; LegalEntity (a party whose kind the
// source does not say) screens as kEntity.
bool ScreenableSchema(std::string_view schema, Schema* out) {
  const FtmSchema* s = FindFtmSchema(schema);
  if (s == nullptr || !s->matchable) return false;
  *out = s->screens_as.value_or(Schema::kEntity);
  return true;
}

// The identifier kind of an FtM property, or false when the property is no identifier.
bool IdKindFor(std::string_view prop, Schema schema, IdKind* out) {
  if (prop == "passportNumber") {
    *out = IdKind::kPassport;
  } else if (prop == "idNumber") {
    *out = schema == Schema::kPerson ? IdKind::kNationalId : IdKind::kRegistration;
  } else if (prop == "taxNumber" || prop == "innCode" || prop == "vatCode") {
    *out = IdKind::kTaxId;
  } else if (prop == "registrationNumber") {
    *out = schema == Schema::kAircraft ? IdKind::kAircraftTail : IdKind::kRegistration;
  } else if (prop == "ogrnCode" || prop == "okpoCode" || prop == "leiCode" || prop == "dunsCode" ||
             prop == "uniqueEntityId") {
    *out = IdKind::kRegistration;
  } else if (prop == "swiftBic") {
    *out = IdKind::kSwiftBic;
  } else if (prop == "imoNumber") {
    *out = IdKind::kImo;
  } else if (prop == "mmsi") {
    *out = IdKind::kMmsi;
  } else if (prop == "callSign") {
    *out = IdKind::kCallSign;
  } else if (prop == "serialNumber" && schema == Schema::kAircraft) {
    *out = IdKind::kAircraftSerial;
  } else {
    return false;
  }
  return true;
}

bool IsNamePart(std::string_view prop) {
  return prop == "firstName" || prop == "middleName" || prop == "lastName" ||
         prop == "fatherName" || prop == "motherName" || prop == "secondName" ||
         prop == "nameSuffix";
}

// "SURNAME, Given Names" -> "Given Names SURNAME"; anything else unchanged.
std::string NaturalOrder(std::string_view full) {
  size_t comma = full.find(',');
  if (comma == std::string_view::npos || full.find(',', comma + 1) != std::string_view::npos)
    return std::string(full);
  std::string_view family = Trim(full.substr(0, comma));
  std::string_view given = Trim(full.substr(comma + 1));
  if (family.empty() || given.empty()) return std::string(full);
  return std::string(given) + " " + std::string(family);
}

// FtM writes countries as lower-case codes ("ru", and its own "suhh", "ge-ab"...); the table
// takes codes in upper case only.
Country FtmCountry(const CountryTable& table, std::string_view text) {
  Country c = table.Make(text);
  if (c.code.empty() && c.original.size() >= 2 && c.original.size() <= 3) {
    std::string upper;
    for (char ch : c.original)
      upper.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
    c.code = table.Resolve(upper);
  }
  return c;
}

// The parties emitted so far, over all files of one parse, to refuse a repeated id. Only a
// 64-bit hash of each id is kept (about 40 bytes a party instead of the id itself); a hit is
// confirmed by reading the files again, which happens only for a real duplicate or a collision.
struct SeenIds {
  std::unordered_set<uint64_t> hashes;
  std::vector<std::string> files;  // files finished before the current one
};

// One parsed line: its properties as views into the parser's document.
struct Props {
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> items;

  const std::vector<std::string_view>* Get(std::string_view key) const {
    for (const auto& [k, v] : items)
      if (k == key) return &v;
    return nullptr;
  }
};

class FtmFile {
 public:
  FtmFile(std::string path, const ParseOptions& options, const EntitySink& sink,
          ParseReport* report, SeenIds* seen)
      : path_(std::move(path)), options_(options), sink_(sink), report_(report), seen_(seen) {}

  Status Run();

 private:
  // Calls fn(line_number, padded line) for each line that is not blank.
  template <typename Fn>
  Status ForEachLine(Fn fn);
  Status ParseLine(std::string& line, int lineno, dom::object* obj, std::string_view* id,
                   std::string_view* schema, Props* props);
  Status CollectSideFacts(std::string& line, int lineno);
  Status EmitParty(std::string& line, int lineno);
  // The properties that name the party, date its birth or place it (false for any other).
  bool AddNameOrPlace(std::string_view prop, const std::vector<std::string_view>& values, Entity* e,
                      SeenValues* seen) const;
  void AddOtherProperty(std::string_view prop, const std::vector<std::string_view>& values,
                        Entity* e, SeenValues* seen, std::vector<std::string>* address_ids) const;
  // What other lines say of the party: its Address entities, Sanctions and referents' facts.
  void AttachLinked(dom::object& obj, std::string_view id,
                    const std::vector<std::string>& address_ids, Entity* e, SeenValues* seen);
  void AttachSideFacts(const std::string& key, Entity* e, SeenValues* seen);
  std::string FirstOccurrence(const std::string& id, int before_line);
  std::string Where(int lineno) const { return path_ + ":" + std::to_string(lineno); }
  void Charge(size_t bytes);

  const std::string path_;
  const ParseOptions& options_;
  const EntitySink& sink_;
  ParseReport* report_;
  SeenIds* seen_;

  dom::parser parser_;
  std::unordered_map<std::string, SideFacts> facts_;  // by party id
  std::vector<Address> addresses_;
  std::unordered_map<std::string, size_t> address_index_;  // Address id or referent -> index
  size_t side_bytes_ = 0;
  bool side_full_ = false;
  std::map<std::string, int> skipped_;  // schema -> count
  int unnamed_ = 0;
};

template <typename Fn>
Status FtmFile::ForEachLine(Fn fn) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Status::IoError(path_ + ": cannot open");
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);  // BOM
    if (Trim(line).empty()) continue;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; let it read our own capacity.
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    INTERDICT_RETURN_IF_ERROR(fn(line, lineno));
  }
  if (in.bad()) return Status::IoError(path_ + ": read error");
  return Status::Ok();
}

Status FtmFile::ParseLine(std::string& line, int lineno, dom::object* obj, std::string_view* id,
                          std::string_view* schema, Props* props) {
  dom::element doc;
  simdjson::error_code err = parser_.parse(line.data(), line.size(), false).get(doc);
  if (err == simdjson::UTF8_ERROR) return Status::InvalidInput(Where(lineno) + ": invalid UTF-8");
  if (err) {
    return Status::InvalidInput(Where(lineno) + ": not JSON (" +
                                std::string(simdjson::error_message(err)) + ")");
  }
  if (doc.get_object().get(*obj))
    return Status::InvalidInput(Where(lineno) + ": not a JSON object");
  err = (*obj)["id"].get_string().get(*id);
  if (err == simdjson::NO_SUCH_FIELD) return Status::InvalidInput(Where(lineno) + ": no \"id\"");
  if (err) return Status::InvalidInput(Where(lineno) + ": \"id\" is not a string");
  if (Trim(*id).empty()) return Status::InvalidInput(Where(lineno) + ": empty \"id\"");
  err = (*obj)["schema"].get_string().get(*schema);
  if (err == simdjson::NO_SUCH_FIELD)
    return Status::InvalidInput(Where(lineno) + ": no \"schema\" (id " + std::string(*id) + ")");
  if (err || schema->empty())
    return Status::InvalidInput(Where(lineno) + ": \"schema\" is not a schema name");

  props->items.clear();
  dom::element pe;
  err = (*obj)["properties"].get(pe);
  if (err == simdjson::NO_SUCH_FIELD) return Status::Ok();
  dom::object po;
  if (err || pe.get_object().get(po))
    return Status::InvalidInput(Where(lineno) + ": \"properties\" is not an object");
  for (dom::key_value_pair kv : po) {
    dom::array arr;
    if (kv.value.get_array().get(arr)) {
      return Status::InvalidInput(Where(lineno) + ": property \"" + std::string(kv.key) +
                                  "\" is not a list of strings");
    }
    std::vector<std::string_view> values;
    values.reserve(arr.size());
    for (dom::element v : arr) {
      std::string_view s;
      if (v.get_string().get(s)) {
        return Status::InvalidInput(Where(lineno) + ": property \"" + std::string(kv.key) +
                                    "\" is not a list of strings");
      }
      if (size_t c = FindControlChar(s); c != std::string_view::npos) {
        return Status::InvalidInput(Where(lineno) + ": property \"" + std::string(kv.key) +
                                    "\" holds the control character " + DescribeByte(s[c]) +
                                    " (list text cannot hold one)");
      }
      s = Trim(s);
      if (!s.empty()) values.push_back(s);
    }
    props->items.emplace_back(kv.key, std::move(values));
  }
  return Status::Ok();
}

void FtmFile::Charge(size_t bytes) {
  side_bytes_ += bytes;
  if (side_bytes_ > kMaxSideFactBytes && !side_full_) {
    side_full_ = true;
    report_->warnings.push_back(path_ + ": more than " + std::to_string(kMaxSideFactBytes >> 20) +
                                " MiB of Sanction/Address facts: the rest are not attached");
  }
}

Status FtmFile::CollectSideFacts(std::string& line, int lineno) {
  // Cheap filter: only lines naming one of the two schemata are parsed in this pass.
  std::string_view view(line);
  if (view.find("\"Sanction\"") == std::string_view::npos &&
      view.find("\"Address\"") == std::string_view::npos)
    return Status::Ok();
  dom::object obj;
  std::string_view id, schema;
  Props props;
  INTERDICT_RETURN_IF_ERROR(ParseLine(line, lineno, &obj, &id, &schema, &props));
  if (side_full_) return Status::Ok();
  auto values = [&props](std::string_view key) {
    const std::vector<std::string_view>* v = props.Get(key);
    return v == nullptr ? std::vector<std::string_view>() : *v;
  };
  if (schema == "Sanction") {
    std::vector<std::string_view> programs = values("programId");
    if (programs.empty()) programs = values("program");
    std::vector<std::string_view> dates = values("listingDate");
    if (dates.empty()) dates = values("startDate");
    std::string earliest;
    for (std::string_view d : dates) {
      PartialDate p;
      if (date_text::ParseIsoPrefix(d, &p) && p.day != 0) {
        std::string iso = FormatPartialDate(p);
        if (earliest.empty() || iso < earliest) earliest = iso;
      }
    }
    for (std::string_view target : values("entity")) {
      SideFacts& f = facts_[std::string(target)];
      size_t bytes = 96 + target.size();
      for (std::string_view p : programs) AddUnique(p, &f.programs), bytes += p.size() + 32;
      for (std::string_view r : values("reason")) AddUnique(r, &f.reasons), bytes += r.size() + 32;
      for (std::string_view a : values("authority"))
        AddUnique(a, &f.authorities), bytes += a.size() + 32;
      if (!earliest.empty() && (f.listed_on.empty() || earliest < f.listed_on))
        f.listed_on = earliest;
      Charge(bytes);
    }
  } else if (schema == "Address") {
    Address a;
    auto first = [&values](std::string_view key) {
      std::vector<std::string_view> v = values(key);
      return v.empty() ? std::string() : std::string(v.front());
    };
    a.original = first("full");
    a.street = first("street");
    a.city = first("city");
    a.state = first("region");
    a.postal_code = first("postalCode");
    std::string country = first("country");
    if (!country.empty()) a.country = FtmCountry(*options_.countries, country);
    if (a.original.empty() && a.street.empty() && a.city.empty() && a.state.empty() &&
        a.postal_code.empty() && country.empty())
      return Status::Ok();
    size_t bytes = 160 + a.original.size() + a.street.size() + a.city.size() + a.state.size() +
                   a.postal_code.size() + country.size();
    const size_t index = addresses_.size();
    addresses_.push_back(std::move(a));
    // Parties may name the address by its id or by one of its referents (the ids it had in the
    // source datasets before OpenSanctions merged them).
    address_index_[std::string(id)] = index;
    bytes += 48 + id.size();
    dom::array referents;
    if (!obj["referents"].get_array().get(referents)) {
      for (dom::element r : referents) {
        std::string_view s;
        if (r.get_string().get(s)) continue;
        address_index_.emplace(std::string(s), index);
        bytes += 48 + s.size();
      }
    }
    Charge(bytes);
  }
  return Status::Ok();
}

void FtmFile::AttachSideFacts(const std::string& key, Entity* e, SeenValues* seen) {
  auto it = facts_.find(key);
  if (it == facts_.end()) return;
  SideFacts& f = it->second;
  f.used = true;
  for (const std::string& p : f.programs) seen->AddUnique('g', p, &e->programs);
  for (const std::string& r : f.reasons) seen->AddUnique('r', r, &e->remarks);
  for (const std::string& a : f.authorities)
    if (seen->First('s', a)) e->attributes.push_back(Attribute{"sanction_authority", a});
  if (!f.listed_on.empty() && (e->listed_on.empty() || f.listed_on < e->listed_on))
    e->listed_on = f.listed_on;
}

// Adds `full` as a name of `e` (once: a name given again under another property keeps its first
// kind).
void AddName(std::string_view full, NameKind kind, Entity* e, SeenValues* seen) {
  if (!seen->First('n', full)) return;
  Name n;
  n.full = std::string(full);
  n.natural = e->schema == Schema::kPerson ? NaturalOrder(full) : n.full;
  n.kind = kind;
  n.script = date_text::DominantScriptCode(full);
  e->names.push_back(std::move(n));
}

Status FtmFile::EmitParty(std::string& line, int lineno) {
  dom::object obj;
  std::string_view id, schema_name;
  Props props;
  INTERDICT_RETURN_IF_ERROR(ParseLine(line, lineno, &obj, &id, &schema_name, &props));
  Schema schema;
  if (!ScreenableSchema(schema_name, &schema)) {
    ++skipped_[std::string(schema_name)];
    return Status::Ok();
  }

  Entity e;
  e.source = options_.ftm_source;
  e.id = options_.ftm_source + ":" + std::string(id);
  e.schema = schema;
  if (!seen_->hashes.insert(std::hash<std::string_view>()(id)).second) {
    std::string first = FirstOccurrence(std::string(id), lineno);
    if (!first.empty()) {
      return Status::InvalidInput(Where(lineno) + ": duplicate id " + std::string(id) +
                                  " (first at " + first + ")");
    }
  }

  // Names first: the primary one decides the order of the rest.
  std::string_view caption;
  if (obj["caption"].get_string().get(caption)) caption = {};
  if (size_t c = FindControlChar(caption); c != std::string_view::npos) {
    return Status::InvalidInput(Where(lineno) + ": \"caption\" holds the control character " +
                                DescribeByte(caption[c]) + " (list text cannot hold one)");
  }
  caption = Trim(caption);
  SeenValues seen;
  if (const auto* names = props.Get("name"); names != nullptr && !names->empty()) {
    std::string_view primary = names->front();
    if (!caption.empty() && std::find(names->begin(), names->end(), caption) != names->end())
      primary = caption;
    AddName(primary, NameKind::kPrimary, &e, &seen);
    for (std::string_view n : *names) AddName(n, NameKind::kStrongAlias, &e, &seen);
  } else if (!caption.empty()) {
    AddName(caption, NameKind::kPrimary, &e, &seen);
  }

  std::vector<std::string> address_ids;
  for (const auto& [prop, values] : props.items) {
    if (prop == "name" || IsNamePart(prop)) continue;
    if (!AddNameOrPlace(prop, values, &e, &seen))
      AddOtherProperty(prop, values, &e, &seen, &address_ids);
  }
  if (e.names.empty()) {
    ++unnamed_;
    return Status::Ok();
  }
  AttachLinked(obj, id, address_ids, &e, &seen);
  return sink_(std::move(e));
}

bool FtmFile::AddNameOrPlace(std::string_view prop, const std::vector<std::string_view>& values,
                             Entity* e, SeenValues* seen) const {
  if (prop == "alias") {
    for (std::string_view v : values) AddName(v, NameKind::kStrongAlias, e, seen);
  } else if (prop == "weakAlias" || prop == "abbreviation") {
    for (std::string_view v : values) AddName(v, NameKind::kWeakAlias, e, seen);
  } else if (prop == "previousName" || prop == "pastNames") {
    for (std::string_view v : values) AddName(v, NameKind::kFormerName, e, seen);
  } else if (prop == "birthDate") {
    for (std::string_view v : values) {
      BirthDate d;
      if (date_text::ParseIsoPrefix(v, &d.from)) {
        d.to = d.from;
        d.original = std::string(v);
        if (seen->First('b', FormatPartialDate(d.from))) e->birth_dates.push_back(std::move(d));
      } else {
        e->attributes.push_back(Attribute{"birth_date_text", std::string(v)});
      }
    }
  } else if (prop == "birthPlace") {
    for (std::string_view v : values) seen->AddUnique('p', v, &e->birth_places);
  } else if (prop == "birthCountry") {
    for (std::string_view v : values) {
      std::string name = options_.countries->NameOf(FtmCountry(*options_.countries, v).code);
      seen->AddUnique('p', name.empty() ? v : std::string_view(name), &e->birth_places);
    }
  } else if (prop == "nationality" || prop == "citizenship" || prop == "jurisdiction" ||
             prop == "mainCountry" || (prop == "country" && e->schema != Schema::kPerson)) {
    const bool citizenship = prop == "citizenship";
    std::vector<Country>* list = citizenship ? &e->citizenships : &e->nationalities;
    for (std::string_view v : values) {
      Country c = FtmCountry(*options_.countries, v);
      // Resolved countries are one by code, unresolved ones by their text.
      std::string key = c.code.empty() ? "?" + c.original : c.code;
      if (seen->First(citizenship ? 'C' : 'N', key)) list->push_back(std::move(c));
    }
  } else if (prop == "country") {  // a person's associated country
    for (std::string_view v : values) {
      Country c = FtmCountry(*options_.countries, v);
      if (!seen->First('c', c.code + '\0' + c.original)) continue;
      Address a;
      a.country = std::move(c);
      e->addresses.push_back(std::move(a));
    }
  } else {
    return false;
  }
  return true;
}

void FtmFile::AddOtherProperty(std::string_view prop, const std::vector<std::string_view>& values,
                               Entity* e, SeenValues* seen,
                               std::vector<std::string>* address_ids) const {
  IdKind id_kind;
  if (prop == "flag") {
    for (std::string_view v : values) {
      if (e->flag.original.empty()) {
        e->flag = FtmCountry(*options_.countries, v);
      } else {
        e->attributes.push_back(Attribute{"flag", std::string(v)});
      }
    }
  } else if (prop == "gender") {
    for (std::string_view v : values) {
      std::string g = AsciiLower(v);
      if ((g == "male" || g == "female") && e->gender.empty()) {
        e->gender = g;
      } else {
        e->attributes.push_back(Attribute{"gender", std::string(v)});
      }
    }
  } else if (IdKindFor(prop, e->schema, &id_kind)) {
    for (std::string_view v : values) {
      if (!seen->First('i', std::string(IdKindName(id_kind)) + '\0' + std::string(v))) continue;
      Identifier ident;
      ident.kind = id_kind;
      ident.value = std::string(v);
      ident.label = std::string(prop);
      e->identifiers.push_back(std::move(ident));
    }
  } else if (prop == "address") {
    for (std::string_view v : values) {
      if (!seen->First('a', v)) continue;
      Address a;
      a.original = std::string(v);
      e->addresses.push_back(std::move(a));
    }
  } else if (prop == "addressEntity") {
    for (std::string_view v : values) address_ids->emplace_back(v);
  } else if (prop == "position" || prop == "title") {
    for (std::string_view v : values) seen->AddUnique('t', v, &e->titles);
  } else if (prop == "programId" || prop == "program") {
    for (std::string_view v : values) seen->AddUnique('g', v, &e->programs);
  } else if (prop == "notes") {
    for (std::string_view v : values) seen->AddUnique('r', v, &e->remarks);
  } else {
    std::string key = SnakeCase(prop);
    for (std::string_view v : values) e->attributes.push_back(Attribute{key, std::string(v)});
  }
}

void FtmFile::AttachLinked(dom::object& obj, std::string_view id,
                           const std::vector<std::string>& address_ids, Entity* e,
                           SeenValues* seen) {
  for (const std::string& a : address_ids) {
    auto it = address_index_.find(a);
    if (it == address_index_.end()) continue;
    const Address& addr = addresses_[it->second];
    if (addr.original.empty() || seen->First('a', addr.original)) e->addresses.push_back(addr);
  }
  AttachSideFacts(std::string(id), e, seen);
  dom::array referents;
  if (!obj["referents"].get_array().get(referents)) {
    for (dom::element r : referents) {
      std::string_view s;
      if (!r.get_string().get(s)) AttachSideFacts(std::string(s), e, seen);
    }
  }
  dom::array datasets;
  if (!obj["datasets"].get_array().get(datasets)) {
    for (dom::element d : datasets) {
      std::string_view s;
      if (!d.get_string().get(s)) e->attributes.push_back(Attribute{"dataset", std::string(s)});
    }
  }
  bool target = false;
  if (!obj["target"].get_bool().get(target))
    e->attributes.push_back(Attribute{"target", target ? "true" : "false"});
}

std::string FtmFile::FirstOccurrence(const std::string& id, int before_line) {
  std::vector<std::string> files = seen_->files;
  files.push_back(path_);
  for (const std::string& f : files) {
    FtmFile scan(f, options_, sink_, report_, seen_);
    std::string found;
    // A non-ok status only stops the scan; the lines were all parsed once already.
    (void)scan.ForEachLine([&](std::string& line, int lineno) {
      if (f == path_ && lineno >= before_line) return Status::NotFound("");
      dom::object obj;
      std::string_view other, schema_name;
      Props props;
      Schema schema;
      if (scan.ParseLine(line, lineno, &obj, &other, &schema_name, &props).ok() && other == id &&
          ScreenableSchema(schema_name, &schema)) {
        found = scan.Where(lineno);
        return Status::NotFound("");
      }
      return Status::Ok();
    });
    if (!found.empty()) return found;
  }
  return "";
}

Status FtmFile::Run() {
  INTERDICT_RETURN_IF_ERROR(ForEachLine(
      [this](std::string& line, int lineno) { return CollectSideFacts(line, lineno); }));
  INTERDICT_RETURN_IF_ERROR(
      ForEachLine([this](std::string& line, int lineno) { return EmitParty(line, lineno); }));

  if (!skipped_.empty()) {
    int total = 0;
    std::string detail;
    for (const auto& [schema, n] : skipped_) {
      total += n;
      detail += (detail.empty() ? "" : ", ") + schema + " " + std::to_string(n);
    }
    report_->warnings.push_back(path_ + ": skipped " + std::to_string(total) +
                                " records that are not screenable parties (" + detail + ")");
  }
  int unattached = 0;
  for (const auto& [id, f] : facts_) unattached += f.used ? 0 : 1;
  if (unattached > 0) {
    report_->warnings.push_back(path_ + ": Sanction facts about " + std::to_string(unattached) +
                                " entities not in this file (or not screenable) were dropped");
  }
  if (unnamed_ > 0) {
    report_->warnings.push_back(path_ + ": skipped " + std::to_string(unnamed_) +
                                " parties without any name");
  }
  return Status::Ok();
}

}  // namespace

Status ParseFtmJson(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                    const EntitySink& sink, ParseReport* report) {
  if (options.countries == nullptr) return Status::Internal("ParseFtmJson: no country table");
  if (options.ftm_source.empty()) return Status::InvalidInput("ftm: empty source name");
  ParseReport local;
  if (report == nullptr) report = &local;
  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(ListFormat::kFtmJson, paths, &files));
  SeenIds seen;
  try {
    for (const auto& f : files) {
      report->files.push_back(f);
      FtmFile file(f.string(), options, sink, report, &seen);
      INTERDICT_RETURN_IF_ERROR(file.Run());
      seen.files.push_back(f.string());
    }
  } catch (const std::exception& ex) {
    return Status::Internal(std::string("ftm: ") + ex.what());
  } catch (...) {
    return Status::Internal("ftm: unknown exception");
  }
  return Status::Ok();
}

}  // namespace interdict

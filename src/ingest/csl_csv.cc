// The US Consolidated Screening List (trade.gov, CSV with a header row, one row per listing of
// one party on one of the export-screening lists it merges: SDN, Entity List, Denied Persons,
// Unverified, MEU, ITAR debarred...). Streamed row by row.
//
// Record ids cite the CSL source and its entity number: "us-csl:<list>-<entity_number>" where
// <list> is the abbreviation in the source's parentheses ("Specially Designated Nationals (SDN)
// - Treasury Department" -> SDN, "Non-SDN Menu-Based Sanctions List (NS-MBS List)" -> NS-MBS).
// Rows without an entity number (the Commerce and State lists) use the row's _id instead:
// "us-csl:DPL-deb7a1d5...". A party on several lists has one record per list, as the CSL has.
// A second row with an id already seen and the same name is dropped with a warning (the 2022-05
// file lists CAP 15268 twice); with another name it is an error.
//
// Mapping (column -> Entity field):
//   name; alt_names ("; "-separated)   primary name; strong aliases. Individuals' "SURNAME, Given"
//                                      get natural order
//   type                               Individual, Entity, Vessel, Aircraft; empty -> kEntity
//   programs ("; ")                    programs
//   title                              titles
//   addresses ("; ", each "street, city, ..., CC")
//                                      addresses (original text; a trailing two-letter code is
//                                      the country)
//   dates_of_birth ("; ")              birth_dates; places_of_birth ("; ") birth_places
//   nationalities, citizenships ("; ") nationalities, citizenships (ISO codes)
//   ids ("; ", each "[CC, ][dates, ]value, type")
//                                      identifiers; "Gender" items -> gender; "Website" ->
//                                      attribute website; items ending in ":" or "-" (sanctions
//                                      notes) -> remarks
//   call_sign                          identifier kCallSign; vessel_flag -> flag
//   start_date                         listed_on; remarks -> remarks
//   every other non-empty column       attribute named after the column
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "ingest/csv_table.h"
#include "ingest/date_text.h"
#include "ingest/ofac_remarks.h"
#include "ingest/parsers.h"

namespace interdict {
namespace {

constexpr std::string_view kSource = "us-csl";

const std::vector<std::string_view> kMapped = {
    "_id",       "source",       "entity_number",  "type",          "programs",        "name",
    "title",     "addresses",    "start_date",     "call_sign",     "vessel_flag",     "remarks",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth", "ids"};

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view piece : SplitView(s, ';'))
    if (std::string_view t = Trim(piece); !t.empty()) out.emplace_back(t);
  return out;
}

bool IsCountryCode(std::string_view s) { return s.size() == 2 && IsAsciiUpper(s); }

Country CodeCountry(std::string_view code, const CountryTable& countries) {
  if (!IsCountryCode(code)) return countries.Make(code);
  Country c;
  c.code = std::string(code);
  c.original = std::string(code);
  return c;
}

// "Specially Designated Nationals (SDN) - Treasury Department" -> "SDN".
std::string ListAbbreviation(std::string_view source) {
  size_t open = source.find('(');
  size_t close = source.find(')', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return "";
  std::string_view abbr = Trim(source.substr(open + 1, close - open - 1));
  if (EndsWith(abbr, " List")) abbr.remove_suffix(5);
  std::string out;
  for (char c : abbr) out.push_back(c == ' ' ? '-' : c);
  return out;
}

IdKind IdKindOf(std::string_view type) {
  std::string t = AsciiLower(type);
  auto has = [&t](std::string_view w) { return t.find(w) != std::string::npos; };
  if (has("passport")) return IdKind::kPassport;
  if (has("national id") || has("cedula") || has("identification number"))
    return IdKind::kNationalId;
  if (has("tax id") || has("nit #") || has("rfc")) return IdKind::kTaxId;
  if (has("registration")) return IdKind::kRegistration;
  if (has("swift")) return IdKind::kSwiftBic;
  if (has("imo")) return IdKind::kImo;
  if (has("mmsi")) return IdKind::kMmsi;
  if (has("digital currency")) return IdKind::kDigitalCurrency;
  if (has("aircraft") && has("serial")) return IdKind::kAircraftSerial;
  if (has("aircraft") && (has("tail") || has("registration"))) return IdKind::kAircraftTail;
  return IdKind::kOther;
}

void MapId(std::string_view item, const CountryTable& countries, Entity* e) {
  std::vector<std::string_view> parts;
  for (std::string_view p : SplitView(item, ',')) parts.push_back(Trim(p));
  std::string_view type = parts.back();
  if (parts.size() == 1 || EndsWith(type, ":") || EndsWith(type, "-")) {
    e->remarks.emplace_back(item);  // a sanctions note, not an identifier
    return;
  }
  if (type == "Gender") {
    std::string g = AsciiLower(parts[0]);
    if (g == "male" || g == "female") e->gender = g;
    return;
  }
  if (type == "Website" || type == "Email Address") {
    e->attributes.push_back(
        Attribute{type == "Website" ? "website" : "email", std::string(parts[0])});
    return;
  }
  Identifier id;
  id.label = std::string(type);
  id.kind = IdKindOf(type);
  size_t first = 0;
  if (parts.size() > 2 && IsCountryCode(parts[0])) {
    id.country = CodeCountry(parts[0], countries);
    first = 1;
  }
  // What lies between the country and the value are issue / expiry dates.
  std::vector<std::string_view> dates(parts.begin() + first, parts.end() - 2);
  id.value = std::string(parts[parts.size() - 2]);
  for (std::string_view d : dates) id.note += (id.note.empty() ? "" : "; ") + std::string(d);
  if (id.kind == IdKind::kDigitalCurrency) {
    size_t dash = type.rfind('-');
    if (dash != std::string_view::npos) id.currency = std::string(Trim(type.substr(dash + 1)));
  }
  if (!id.value.empty()) e->identifiers.push_back(std::move(id));
}

void MapAddress(std::string_view text, const CountryTable& countries, Entity* e) {
  Address a;
  a.original = std::string(text);
  size_t comma = text.rfind(',');
  std::string_view last = Trim(comma == std::string_view::npos ? text : text.substr(comma + 1));
  if (IsCountryCode(last)) {
    a.country = CodeCountry(last, countries);
    if (comma != std::string_view::npos) a.street = std::string(Trim(text.substr(0, comma)));
  } else {
    a.street = a.original;
  }
  e->addresses.push_back(std::move(a));
}

void MapBirthDate(const std::string& text, Entity* e) {
  BirthDate d;
  d.original = text;
  if (date_text::ParseIsoPrefix(text, &d.from)) {
    d.to = d.from;
  } else if (!date_text::ParseFreeText(text, &d)) {
    e->attributes.push_back(Attribute{"birth_date_text", text});
    return;
  }
  e->birth_dates.push_back(std::move(d));
}

Status MapRow(const CsvTable& t, const std::string& id, const CountryTable& countries, Entity* e) {
  e->id = id;
  e->source = std::string(kSource);
  std::string type = AsciiLower(t.Get("type"));
  if (type == "individual") e->schema = Schema::kPerson;
  if (type == "entity") e->schema = Schema::kOrganization;
  if (type == "vessel") e->schema = Schema::kVessel;
  if (type == "aircraft") e->schema = Schema::kAircraft;
  if (!type.empty() && e->schema == Schema::kEntity)
    return t.Error("unknown type '" + std::string(t.Get("type")) +
                   "' (expected Individual, Entity, Vessel or Aircraft)");
  auto add_name = [e](std::string full, NameKind kind) {
    for (const Name& n : e->names)
      if (n.full == full) return;
    Name n;
    n.natural = e->schema == Schema::kPerson ? OfacNaturalOrder(full) : full;
    n.script = date_text::DominantScriptCode(full);
    n.full = std::move(full);
    n.kind = kind;
    e->names.push_back(std::move(n));
  };
  add_name(std::string(t.Get("name")), NameKind::kPrimary);
  for (std::string& a : SplitList(t.Get("alt_names")))
    add_name(std::move(a), NameKind::kStrongAlias);
  e->programs = SplitList(t.Get("programs"));
  if (std::string_view title = t.Get("title"); !title.empty()) e->titles.emplace_back(title);
  for (const std::string& a : SplitList(t.Get("addresses"))) MapAddress(a, countries, e);
  for (const std::string& d : SplitList(t.Get("dates_of_birth"))) MapBirthDate(d, e);
  e->birth_places = SplitList(t.Get("places_of_birth"));
  for (const std::string& c : SplitList(t.Get("nationalities")))
    e->nationalities.push_back(CodeCountry(c, countries));
  for (const std::string& c : SplitList(t.Get("citizenships")))
    e->citizenships.push_back(CodeCountry(c, countries));
  for (const std::string& item : SplitList(t.Get("ids"))) MapId(item, countries, e);
  if (std::string_view cs = t.Get("call_sign"); !cs.empty())
    e->identifiers.push_back(
        Identifier{IdKind::kCallSign, std::string(cs), "Call Sign", "", {}, ""});
  if (std::string_view flag = t.Get("vessel_flag"); !flag.empty()) e->flag = countries.Make(flag);
  PartialDate start;
  if (date_text::ParseIsoPrefix(t.Get("start_date"), &start) && start.day != 0)
    e->listed_on = FormatPartialDate(start);
  if (std::string_view r = t.Get("remarks"); !r.empty()) e->remarks.emplace_back(r);
  e->attributes.push_back(Attribute{"csl_source", std::string(t.Get("source"))});
  if (std::string_view row_id = t.Get("_id"); !row_id.empty())
    e->attributes.push_back(Attribute{"csl_id", std::string(row_id)});
  for (auto& [k, v] : t.Others(kMapped)) e->attributes.push_back(Attribute{k, v});
  return Status::Ok();
}

}  // namespace

Status ParseUsCslCsv(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report) {
  ParseReport local;
  if (report == nullptr) report = &local;
  std::filesystem::path file;
  INTERDICT_RETURN_IF_ERROR(ResolveSingleInput(ListFormat::kUsCslCsv, paths, report, &file));
  std::unique_ptr<CsvTable> t;
  INTERDICT_RETURN_IF_ERROR(CsvTable::Open(file, ',', {"_id", "source", "entity_number", "name"},
                                           options.bytes_read, &t));
  struct Seen {
    int64_t line;
    std::string name;
  };
  std::unordered_map<std::string, Seen> seen;
  for (;;) {
    bool has_row = false;
    INTERDICT_RETURN_IF_ERROR(t->Next(&has_row));
    if (!has_row) break;
    std::string abbr = ListAbbreviation(t->Get("source"));
    if (abbr.empty())
      return t->Error("source '" + std::string(t->Get("source")) +
                      "' names no list abbreviation in parentheses");
    std::string_view number = t->Get("entity_number");
    if (number.empty()) number = t->Get("_id");
    if (number.empty()) return t->Error("neither entity_number nor _id");
    if (t->Get("name").empty()) return t->Error("empty name");
    std::string id = std::string(kSource) + ":" + abbr + "-" + std::string(number);
    auto [it, inserted] = seen.emplace(id, Seen{t->line(), std::string(t->Get("name"))});
    if (!inserted) {
      if (it->second.name != t->Get("name"))
        return t->Error("id " + id + " again (first at line " + std::to_string(it->second.line) +
                        ") with another name");
      report->warnings.push_back(t->name() + ":" + std::to_string(t->line()) + ": " + id +
                                 " listed again (first at line " + std::to_string(it->second.line) +
                                 "): second row skipped");
      continue;
    }
    Entity e;
    INTERDICT_RETURN_IF_ERROR(MapRow(*t, id, *options.countries, &e));
    INTERDICT_RETURN_IF_ERROR(sink(std::move(e)));
  }
  return Status::Ok();
}

}  // namespace interdict

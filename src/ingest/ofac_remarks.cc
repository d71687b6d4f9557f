#include "ingest/ofac_remarks.h"

#include <array>
#include <cstdint>
#include <map>

#include "core/text.h"

namespace interdict {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  return true;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && StartsWithNoCase(a, b);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!IsDigit(c)) return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "a.k.a. '", "f.k.a. '", "n.k.a. '": the start of a quoted alias.
bool StartsQuotedAlias(std::string_view s) {
  return s.size() >= 8 && (s[0] == 'a' || s[0] == 'f' || s[0] == 'n') &&
         s.substr(1, 7) == ".k.a. '";
}

// ---- Dates of birth ----

int MonthNumber(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (m.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    // "Jan" or "January"; OFAC writes the three-letter form.
    if (m.size() == 3 ? StartsWithNoCase(kMonths[i], m) : EqualsNoCase(kMonths[i], m))
      return static_cast<int>(i + 1);
  }
  return 0;
}

bool ValidYear(std::string_view y) { return y.size() == 4 && AllDigits(y) && ToInt(y) >= 1000; }

// "1960", "Jan 1960", "01 Jan 1960".
bool ParseOneDate(std::string_view text, PartialDate* out) {
  std::vector<std::string_view> parts;
  for (std::string_view p : SplitView(Trim(text), ' '))
    if (!p.empty()) parts.push_back(p);
  PartialDate d;
  if (parts.size() == 1) {
    if (!ValidYear(parts[0])) return false;
    d.year = ToInt(parts[0]);
  } else if (parts.size() == 2) {
    d.month = MonthNumber(parts[0]);
    if (d.month == 0 || !ValidYear(parts[1])) return false;
    d.year = ToInt(parts[1]);
  } else if (parts.size() == 3) {
    if (parts[0].size() > 2 || !AllDigits(parts[0])) return false;
    d.day = ToInt(parts[0]);
    d.month = MonthNumber(parts[1]);
    if (d.day < 1 || d.day > 31 || d.month == 0 || !ValidYear(parts[2])) return false;
    d.year = ToInt(parts[2]);
  } else {
    return false;
  }
  *out = d;
  return true;
}

bool Before(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// ---- Identifier and attribute labels ----

enum class Action {
  kId,                        // an identifier of kind `kind`
  kIdPersonalOrRegistration,  // kNationalId on a person, kRegistration on anything else
  kImo,        // IMO number: a ship's (kImo) on a vessel, a company's (kRegistration) elsewhere
  kVesselImo,  // IMO number that OFAC itself says is a vessel's
  kAttribute,  // an attribute with key `key`
  kTitle,      // one more of the party's titles or positions
};

struct Label {
  std::string_view text;  // as OFAC writes it
  Action action;
  IdKind kind = IdKind::kOther;
  std::string_view key = {};
};

// Every label that occurs on 5 or more facts in the 2021 and 2024 sdn.csv and the 2025
// cons_prim.csv, and a few rarer ones of the same families. Matched case-insensitively, longest
// first, and only on a word boundary.
constexpr Label kLabels[] = {
    // Identity documents.
    {"Passport", Action::kId, IdKind::kPassport},
    {"Diplomatic Passport", Action::kId, IdKind::kPassport},
    {"Travel Document Number", Action::kId, IdKind::kPassport},
    {"National ID No.", Action::kId, IdKind::kNationalId},
    {"National ID Number", Action::kId, IdKind::kNationalId},
    {"Personal ID Card", Action::kId, IdKind::kNationalId},
    {"Kenyan ID No.", Action::kId, IdKind::kNationalId},
    {"Tazkira National ID Card", Action::kId, IdKind::kNationalId},
    {"Turkish Identification Number", Action::kId, IdKind::kNationalId},
    {"Citizen's Card Number", Action::kId, IdKind::kNationalId},
    {"National Foreign ID Number", Action::kId, IdKind::kNationalId},
    {"Numero de Identidad", Action::kId, IdKind::kNationalId},
    {"Cedula No.", Action::kId, IdKind::kNationalId},
    {"D.N.I.", Action::kId, IdKind::kNationalId},
    {"C.U.R.P.", Action::kId, IdKind::kNationalId},
    {"CURP", Action::kId, IdKind::kNationalId},
    {"SSN", Action::kId, IdKind::kNationalId},
    {"I.F.E.", Action::kId, IdKind::kNationalId},
    {"Credencial electoral", Action::kId, IdKind::kNationalId},
    {"Electoral Registry No.", Action::kId, IdKind::kNationalId},
    {"LE Number", Action::kId, IdKind::kNationalId},
    {"C.U.I.", Action::kId, IdKind::kNationalId},
    {"Identification Number", Action::kIdPersonalOrRegistration},
    {"Birth Certificate Number", Action::kId, IdKind::kOther},
    {"Residency Number", Action::kId, IdKind::kOther},
    {"Driver's License No.", Action::kId, IdKind::kOther},
    {"Cartilla de Servicio Militar Nacional", Action::kId, IdKind::kOther},
    {"VisaNumberID", Action::kId, IdKind::kOther},
    {"SRE Permit No.", Action::kId, IdKind::kOther},
    {"Permit Number", Action::kId, IdKind::kOther},
    {"C.U.I.P.", Action::kId, IdKind::kOther},
    // Tax numbers.
    {"Tax ID No.", Action::kId, IdKind::kTaxId},
    {"RFC", Action::kId, IdKind::kTaxId},
    {"R.F.C.", Action::kId, IdKind::kTaxId},
    {"NIT", Action::kId, IdKind::kTaxId},
    {"RUC", Action::kId, IdKind::kTaxId},
    {"RIF", Action::kId, IdKind::kTaxId},
    {"RTN", Action::kId, IdKind::kTaxId},
    {"C.U.I.T.", Action::kId, IdKind::kTaxId},
    {"US FEIN", Action::kId, IdKind::kTaxId},
    {"V.A.T. Number", Action::kId, IdKind::kTaxId},
    {"Italian Fiscal Code", Action::kId, IdKind::kTaxId},
    // Company registrations.
    {"Registration Number", Action::kId, IdKind::kRegistration},
    {"Registration ID", Action::kId, IdKind::kRegistration},
    {"Business Registration Number", Action::kId, IdKind::kRegistration},
    {"Business Registration Document", Action::kId, IdKind::kRegistration},
    {"Business Number", Action::kId, IdKind::kRegistration},
    {"Company Number", Action::kId, IdKind::kRegistration},
    {"UK Company Number", Action::kId, IdKind::kRegistration},
    {"Commercial Registry Number", Action::kId, IdKind::kRegistration},
    {"Government Gazette Number", Action::kId, IdKind::kRegistration},
    {"Unified Social Credit Code (USCC)", Action::kId, IdKind::kRegistration},
    {"United Social Credit Code Certificate (USCCC)", Action::kId, IdKind::kRegistration},
    {"Legal Entity Number", Action::kId, IdKind::kRegistration},
    {"Folio Mercantil No.", Action::kId, IdKind::kRegistration},
    {"Matricula Mercantil No", Action::kId, IdKind::kRegistration},
    {"C.R. No.", Action::kId, IdKind::kRegistration},
    {"Trade License No.", Action::kId, IdKind::kRegistration},
    {"License", Action::kId, IdKind::kRegistration},
    {"Chamber of Commerce Number", Action::kId, IdKind::kRegistration},
    {"Istanbul Chamber of Comm. No.", Action::kId, IdKind::kRegistration},
    {"Dubai Chamber of Commerce Membership No.", Action::kId, IdKind::kRegistration},
    {"Economic Register Number (CBLS)", Action::kId, IdKind::kRegistration},
    {"Public Registration Number", Action::kId, IdKind::kRegistration},
    {"Central Registration System Number", Action::kId, IdKind::kRegistration},
    {"Enterprise Number", Action::kId, IdKind::kRegistration},
    {"Branch Unit Number", Action::kId, IdKind::kRegistration},
    {"Certificate of Incorporation Number", Action::kId, IdKind::kRegistration},
    {"Registered Charity No.", Action::kId, IdKind::kRegistration},
    {"D-U-N-S Number", Action::kId, IdKind::kRegistration},
    {"File Number", Action::kId, IdKind::kRegistration},
    // Finance.
    {"SWIFT/BIC", Action::kId, IdKind::kSwiftBic},
    {"BIK (RU)", Action::kId, IdKind::kOther},
    {"ISIN", Action::kId, IdKind::kOther},
    {"Equity Ticker", Action::kId, IdKind::kOther},
    // Vessels and aircraft.
    {"Vessel Registration Identification IMO", Action::kVesselImo},
    {"Vessel Registration Identification", Action::kId, IdKind::kRegistration},
    {"Identification Number IMO", Action::kImo},
    {"Company Number IMO", Action::kImo},
    {"MMSI", Action::kId, IdKind::kMmsi},
    {"Other Vessel Call Sign", Action::kId, IdKind::kCallSign},
    {"Aircraft Manufacturer's Serial Number (MSN)", Action::kId, IdKind::kAircraftSerial},
    {"Aircraft Serial Identification", Action::kId, IdKind::kAircraftSerial},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", Action::kId,
     IdKind::kAircraftSerial},
    {"Aircraft Tail Number", Action::kId, IdKind::kAircraftTail},
    {"Previous Aircraft Tail Number", Action::kId, IdKind::kAircraftTail},
    {"Aircraft Mode S Transponder Code", Action::kId, IdKind::kOther},
    {"UN/LOCODE", Action::kId, IdKind::kOther},
    // Attributes.
    {"Website", Action::kAttribute, {}, "website"},
    {"Email Address", Action::kAttribute, {}, "email"},
    {"Email", Action::kAttribute, {}, "email"},
    {"Phone Number", Action::kAttribute, {}, "phone"},
    {"Telephone", Action::kAttribute, {}, "phone"},
    {"Telephone No.", Action::kAttribute, {}, "phone"},
    {"Telephone Number", Action::kAttribute, {}, "phone"},
    {"PHONE", Action::kAttribute, {}, "phone"},
    {"Fax", Action::kAttribute, {}, "fax"},
    {"Fax No.", Action::kAttribute, {}, "fax"},
    {"Fax Number", Action::kAttribute, {}, "fax"},
    {"Organization Established Date", Action::kAttribute, {}, "organization_established_date"},
    {"Organization Type", Action::kAttribute, {}, "organization_type"},
    {"Target Type", Action::kAttribute, {}, "target_type"},
    {"Issuer Name", Action::kAttribute, {}, "issuer_name"},
    {"Chinese Commercial Code", Action::kAttribute, {}, "chinese_commercial_code"},
    {"Additional Sanctions Information",
     Action::kAttribute,
     {},
     "additional_sanctions_information"},
    {"Secondary sanctions risk", Action::kAttribute, {}, "secondary_sanctions_risk"},
    {"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions",
     Action::kAttribute,
     {},
     "transactions_prohibited"},
    {"Executive Order", Action::kAttribute, {}, "executive_order"},
    {"CAATSA Section 235 Information", Action::kAttribute, {}, "caatsa_section_235"},
    {"IFCA Determination", Action::kAttribute, {}, "ifca_determination"},
    {"Listing Date", Action::kAttribute, {}, "listing_date"},
    {"Effective Date", Action::kAttribute, {}, "effective_date"},
    {"Purchase/Sales For Divestment Date", Action::kAttribute, {}, "divestment_date"},
    {"Aircraft Model", Action::kAttribute, {}, "aircraft_model"},
    {"Aircraft Manufacture Date", Action::kAttribute, {}, "aircraft_manufacture_date"},
    {"Aircraft Operator", Action::kAttribute, {}, "aircraft_operator"},
    {"Vessel Year of Build", Action::kAttribute, {}, "vessel_year_of_build"},
    {"Former Vessel Flag", Action::kAttribute, {}, "former_vessel_flag"},
    {"Other Vessel Flag", Action::kAttribute, {}, "other_vessel_flag"},
    {"Other Vessel Type", Action::kAttribute, {}, "other_vessel_type"},
    // Titles beyond the Title column.
    {"Title", Action::kTitle},
    {"Alternate Title", Action::kTitle},
    {"Position:", Action::kTitle},
};

// The longest label `fact` starts with, followed by the end, a space, ':', ',' or '#'.
const Label* FindLabel(std::string_view fact) {
  const Label* best = nullptr;
  for (const Label& l : kLabels) {
    if (best != nullptr && l.text.size() <= best->text.size()) continue;
    if (!StartsWithNoCase(fact, l.text)) continue;
    if (fact.size() > l.text.size()) {
      char next = fact[l.text.size()];
      if (next != ' ' && next != ':' && next != ',' && next != '#') continue;
    }
    best = &l;
  }
  return best;
}

// The text after a label: without the ":", ",", "#" or "-" OFAC sometimes puts between label and
// value.
std::string_view ValueAfter(std::string_view fact, size_t label_size) {
  std::string_view v = fact.substr(label_size);
  while (!v.empty() && (v[0] == ' ' || v[0] == ':' || v[0] == ',' || v[0] == '#'))
    v.remove_prefix(1);
  if (StartsWith(v, "- ")) v.remove_prefix(2);
  return Trim(v);
}

// Splits "A123 (Iran) issued 01 Jan 2000 expires 2005" into the identifier's value, country and
// note. Parenthesised groups at the end of the value (each after a space) are candidates for the
// country: the first one the CountryTable knows is; the others go to the note with the
// "issued/expires" text.
void FillIdentifier(std::string_view text, const CountryTable& countries, Identifier* id) {
  std::string_view head = text;
  std::string_view tail;
  for (std::string_view word : {"issued", "expires", "expired"}) {
    for (size_t pos = head.find(word); pos != std::string_view::npos;
         pos = head.find(word, pos + 1)) {
      bool starts = pos == 0 || head[pos - 1] == ' ';
      bool ends = pos + word.size() == head.size() || head[pos + word.size()] == ' ';
      if (starts && ends) {
        tail = Trim(text.substr(pos));
        head = Trim(head.substr(0, pos));
        break;
      }
    }
  }
  std::vector<std::string_view> groups;  // right to left
  while (!head.empty() && head.back() == ')') {
    size_t open = head.rfind(" (");
    if (open == std::string_view::npos) break;
    std::string_view group = head.substr(open + 1);
    if (group.find(')') != group.size() - 1) break;  // "(a) b)" is not one group
    groups.push_back(group);
    head = Trim(head.substr(0, open));
  }
  id->value = std::string(head);
  std::string note;
  for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
    std::string_view inner = it->substr(1, it->size() - 2);
    if (id->country.original.empty()) {
      std::string code = countries.Resolve(inner);
      if (!code.empty()) {
        id->country = countries.Make(inner);
        continue;
      }
    }
    if (!note.empty()) note += ' ';
    note += *it;
  }
  if (!tail.empty()) {
    if (!note.empty()) note += ' ';
    note += tail;
  }
  id->note = std::move(note);
}

// A value that reads as a country name: no digits, no clause separators.
bool LooksLikeCountry(std::string_view v) {
  if (v.empty() || v.size() > 60) return false;
  for (char c : v)
    if (IsDigit(c) || c == ';') return false;
  return true;
}

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (IsDigit(c)) return true;
  return false;
}

// Document and registration numbers always have a digit; a value without one is prose that
// happens to start with the label ("passport place of issue: ..."), kept verbatim.
bool NeedsDigit(IdKind k) {
  return k == IdKind::kPassport || k == IdKind::kNationalId || k == IdKind::kTaxId ||
         k == IdKind::kRegistration || k == IdKind::kImo || k == IdKind::kMmsi;
}

void AddName(std::string_view text, Entity* e) {
  Name n;
  n.full = std::string(text);
  n.kind = NameKind::kWeakAlias;
  e->names.push_back(std::move(n));
}

// Applies one fact; false when it is not one of the forms recognised.
bool ApplyFact(std::string_view fact, const CountryTable& countries, Entity* e) {
  std::string_view body = fact;
  if (StartsWithNoCase(body, "alt. ")) body = Trim(body.substr(5));
  if (body.empty()) return false;

  if (StartsQuotedAlias(body)) {
    std::string_view quoted = Trim(body.substr(7));
    if (quoted.size() < 3 || quoted.back() != '\'') return false;  // unterminated: cut text
    std::string_view alias = Trim(quoted.substr(1, quoted.size() - 2));
    if (alias.empty()) return false;
    AddName(alias, e);
    return true;
  }
  if (StartsWith(body, "Linked To:")) {
    std::string_view target = Trim(body.substr(10));
    if (target.empty()) return false;
    e->links.emplace_back(target);
    return true;
  }
  if (StartsWith(body, "DOB ")) {
    BirthDate d;
    if (!ParseOfacBirthDate(body.substr(4), &d)) return false;
    e->birth_dates.push_back(std::move(d));
    return true;
  }
  if (StartsWith(body, "POB ")) {
    std::string_view place = Trim(body.substr(4));
    if (place.empty()) return false;
    e->birth_places.emplace_back(place);
    return true;
  }
  if (StartsWithNoCase(body, "Nationality of Registration ")) {
    std::string_view v = Trim(body.substr(28));
    if (!LooksLikeCountry(v)) return false;
    e->nationalities.push_back(countries.Make(v));
    return true;
  }
  if (StartsWithNoCase(body, "nationality ")) {
    std::string_view v = Trim(body.substr(12));
    if (!LooksLikeCountry(v)) return false;
    e->nationalities.push_back(countries.Make(v));
    return true;
  }
  if (StartsWithNoCase(body, "citizen ")) {
    std::string_view v = Trim(body.substr(8));
    if (!LooksLikeCountry(v)) return false;
    e->citizenships.push_back(countries.Make(v));
    return true;
  }
  if (StartsWith(body, "Gender ")) {
    std::string g = AsciiLower(Trim(body.substr(7)));
    if (g != "male" && g != "female") return false;
    e->gender = g;
    return true;
  }
  if (StartsWithNoCase(body, "Digital Currency Address - ")) {
    std::string_view rest = Trim(body.substr(27));
    size_t sp = rest.find(' ');
    if (sp == std::string_view::npos) return false;
    Identifier id;
    id.kind = IdKind::kDigitalCurrency;
    id.currency = std::string(rest.substr(0, sp));
    id.label = std::string(body.substr(0, 27 + sp));
    FillIdentifier(Trim(rest.substr(sp + 1)), countries, &id);
    if (id.value.empty()) return false;
    e->identifiers.push_back(std::move(id));
    return true;
  }

  const Label* label = FindLabel(body);
  if (label == nullptr) return false;
  std::string_view value = ValueAfter(body, label->text.size());
  if (value.empty()) return false;
  if (label->action == Action::kAttribute) {
    e->attributes.push_back({std::string(label->key), std::string(value)});
    return true;
  }
  if (label->action == Action::kTitle) {
    e->titles.emplace_back(value);
    return true;
  }
  Identifier id;
  id.label = std::string(body.substr(0, label->text.size()));
  switch (label->action) {
    case Action::kId:
      id.kind = label->kind;
      break;
    case Action::kIdPersonalOrRegistration:
      id.kind = e->schema == Schema::kPerson ? IdKind::kNationalId : IdKind::kRegistration;
      break;
    case Action::kImo:
      id.kind = e->schema == Schema::kVessel ? IdKind::kImo : IdKind::kRegistration;
      break;
    case Action::kVesselImo:
      id.kind = IdKind::kImo;
      break;
    case Action::kAttribute:
    case Action::kTitle:
      break;
  }
  FillIdentifier(value, countries, &id);
  if (id.value.empty() || (NeedsDigit(id.kind) && !HasDigit(id.value))) return false;
  e->identifiers.push_back(std::move(id));
  return true;
}

bool IsGenerationalSuffix(std::string_view s) {
  std::string l = AsciiLower(s);
  if (!l.empty() && l.back() == '.') l.pop_back();
  return l == "jr" || l == "sr" || l == "ii" || l == "iii" || l == "iv";
}

// Decodes the UTF-8 sequence at s[*i] (well-formed input assumed) and advances *i.
uint32_t DecodeUtf8(std::string_view s, size_t* i) {
  auto c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len && *i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

struct ScriptRange {
  uint32_t from, to;
  const char* script;
};

// Letter blocks of the scripts lists are written in. Digits, punctuation and spaces are in none.
constexpr ScriptRange kScriptRanges[] = {
    {'A', 'Z', "Latn"},       {'a', 'z', "Latn"},         {0x00C0, 0x00D6, "Latn"},
    {0x00D8, 0x00F6, "Latn"}, {0x00F8, 0x024F, "Latn"},   {0x1E00, 0x1EFF, "Latn"},
    {0x0370, 0x03FF, "Grek"}, {0x1F00, 0x1FFF, "Grek"},   {0x0400, 0x052F, "Cyrl"},
    {0x1C80, 0x1C8F, "Cyrl"}, {0x2DE0, 0x2DFF, "Cyrl"},   {0xA640, 0xA69F, "Cyrl"},
    {0x0531, 0x058F, "Armn"}, {0x05D0, 0x05FF, "Hebr"},   {0x0620, 0x064A, "Arab"},
    {0x066E, 0x06FF, "Arab"}, {0x0750, 0x077F, "Arab"},   {0x08A0, 0x08FF, "Arab"},
    {0xFB50, 0xFDFF, "Arab"}, {0xFE70, 0xFEFF, "Arab"},   {0x0700, 0x074F, "Syrc"},
    {0x0780, 0x07BF, "Thaa"}, {0x0900, 0x097F, "Deva"},   {0x0980, 0x09FF, "Beng"},
    {0x0E00, 0x0E7F, "Thai"}, {0x1000, 0x109F, "Mymr"},   {0x10A0, 0x10FF, "Geor"},
    {0x1100, 0x11FF, "Hang"}, {0x3130, 0x318F, "Hang"},   {0xAC00, 0xD7AF, "Hang"},
    {0x1200, 0x137F, "Ethi"}, {0x1780, 0x17FF, "Khmr"},   {0x3040, 0x309F, "Hira"},
    {0x30A0, 0x30FF, "Kana"}, {0x3400, 0x4DBF, "Hani"},   {0x4E00, 0x9FFF, "Hani"},
    {0xF900, 0xFAFF, "Hani"}, {0x20000, 0x2FFFF, "Hani"},
};

}  // namespace

std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks) {
  std::string_view s = Trim(remarks);
  if (!s.empty() && s.back() == '.') {
    // The final full stop closes the text, unless it closes an initialism ("... S.A.").
    size_t n = s.size();
    bool initialism = n >= 4 && s[n - 3] == '.' && IsAlpha(s[n - 2]);
    if (!initialism) s.remove_suffix(1);
  }
  std::vector<std::string_view> facts;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end, next;
    if (StartsQuotedAlias(s.substr(pos))) {
      // A quoted alias ends at the quote before "; ": apostrophes inside the name ("JA'FARI")
      // do not end it.
      size_t close = s.find("'; ", pos + 8);
      end = close == std::string_view::npos ? s.size() : close + 1;
      next = close == std::string_view::npos ? s.size() : close + 3;
    } else {
      size_t sep = s.find("; ", pos);
      end = sep == std::string_view::npos ? s.size() : sep;
      next = sep == std::string_view::npos ? s.size() : sep + 2;
    }
    std::string_view fact = Trim(s.substr(pos, end - pos));
    if (!fact.empty()) facts.push_back(fact);
    pos = next;
  }
  return facts;
}

void ParseOfacRemarks(std::string_view remarks, bool cut, const CountryTable& countries,
                      Entity* e) {
  std::vector<std::string_view> facts = SplitOfacRemarks(remarks);
  for (size_t i = 0; i < facts.size(); ++i) {
    bool incomplete = cut && i + 1 == facts.size();
    if (incomplete || !ApplyFact(facts[i], countries, e)) e->remarks.emplace_back(facts[i]);
  }
}

bool ParseOfacBirthDate(std::string_view text, BirthDate* out) {
  std::string_view t = Trim(text);
  BirthDate d;
  d.original = std::string(t);
  if (StartsWithNoCase(t, "circa ")) {
    d.circa = true;
    t = Trim(t.substr(6));
  }
  size_t to = t.find(" to ");
  if (to != std::string_view::npos) {
    if (!ParseOneDate(t.substr(0, to), &d.from) || !ParseOneDate(t.substr(to + 4), &d.to))
      return false;
    if (!Before(d.from, d.to)) return false;
  } else if (t.size() == 9 && t[4] == '-' && ValidYear(t.substr(0, 4)) && ValidYear(t.substr(5))) {
    // "circa 1979-1982"
    d.from.year = ToInt(t.substr(0, 4));
    d.to.year = ToInt(t.substr(5));
    if (d.from.year >= d.to.year) return false;
  } else {
    if (!ParseOneDate(t, &d.from)) return false;
    d.to = d.from;
  }
  *out = std::move(d);
  return true;
}

std::string OfacNaturalOrder(std::string_view name) {
  std::vector<std::string_view> pieces;
  for (std::string_view p : SplitView(name, ','))
    if (!Trim(p).empty()) pieces.push_back(Trim(p));
  if (pieces.size() < 2) return std::string(Trim(name));
  std::string given, suffix;
  for (size_t i = 1; i < pieces.size(); ++i) {
    std::string& to = IsGenerationalSuffix(pieces[i]) ? suffix : given;
    if (!to.empty()) to += ' ';
    to += pieces[i];
  }
  std::string out = given;
  if (!out.empty()) out += ' ';
  out += pieces[0];
  if (!suffix.empty()) out += ' ' + suffix;
  return out;
}

std::string GuessScript(std::string_view text) {
  std::map<std::string_view, int> counts;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = DecodeUtf8(text, &i);
    for (const ScriptRange& r : kScriptRanges) {
      if (cp >= r.from && cp <= r.to) {
        ++counts[r.script];
        break;
      }
    }
  }
  std::string_view best = "Zyyy";
  int best_count = 0;
  for (const auto& [script, count] : counts) {
    if (count > best_count) {
      best = script;
      best_count = count;
    }
  }
  return std::string(best);
}

}  // namespace interdict

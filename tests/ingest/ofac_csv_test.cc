// ParseOfacCsv on the real OFAC files (2021 SDN set, 2024 sdn.csv alone, 2025 consolidated
// non-SDN set) and on the handmade damaged files in tests/fixtures/ofac-malformed/.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "ingest/parsers.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const fs::path kSdn2021 = INTERDICT_FIXTURES "/ofac-sdn-2021";
const fs::path kSdn2024 = INTERDICT_DATA "/lists/us-ofac-sdn/sdn.csv";
const fs::path kCons2025 = INTERDICT_DATA "/lists/us-ofac-cons";
const fs::path kMalformed = INTERDICT_FIXTURES "/ofac-malformed";

// data/countries.tsv; a tiny stand-in when that file is not there (it is written separately).
const CountryTable& Countries() {
  static const CountryTable* table = [] {
    auto* t = new CountryTable;
    if (fs::exists(INTERDICT_DATA "/countries.tsv")) {
      Status st = CountryTable::LoadDefault(INTERDICT_DATA, t);
      EXPECT_TRUE(st.ok()) << st.message();
      return t;
    }
    fs::path dir = fs::temp_directory_path() / "ofac_csv_test_countries";
    fs::create_directories(dir);
    std::ofstream(dir / "countries.tsv")
        << "IR\tIran\nCO\tColombia\nMX\tMexico\nRU\tRussia\nEG\tEgypt\nTN\tTunisia\n"
           "GB\tUnited Kingdom\nPA\tPanama\nIT\tItaly\nPH\tPhilippines\nCU\tCuba\n";
    EXPECT_TRUE(CountryTable::LoadDefault(dir.string(), t).ok());
    return t;
  }();
  return *table;
}

struct Parsed {
  Status status;
  std::vector<Entity> entities;
  std::map<std::string, size_t> by_id;
  ParseReport report;

  const Entity& at(const std::string& id) const {
    auto it = by_id.find(id);
    if (it == by_id.end()) {
      ADD_FAILURE() << id << " not found";
      static const Entity kNone;
      return kNone;
    }
    return entities[it->second];
  }
};

Parsed Parse(ListFormat format, std::vector<fs::path> paths, bool allow_incomplete = false) {
  Parsed p;
  ParseOptions options;
  options.countries = &Countries();
  options.allow_incomplete = allow_incomplete;
  p.status = ParseOfacCsv(
      format, paths, options,
      [&p](Entity&& e) {
        p.by_id[e.id] = p.entities.size();
        p.entities.push_back(std::move(e));
        return Status::Ok();
      },
      &p.report);
  return p;
}

// The 2021 set is parsed once for all the tests that read it.
const Parsed& Sdn2021() {
  static const Parsed* p = new Parsed(Parse(ListFormat::kOfacSdnCsv, {kSdn2021}));
  return *p;
}

std::vector<std::string> Fulls(const Entity& e, NameKind kind) {
  std::vector<std::string> out;
  for (const Name& n : e.names)
    if (n.kind == kind) out.push_back(n.full);
  return out;
}

const Identifier* FindId(const Entity& e, IdKind kind, size_t nth = 0) {
  for (const Identifier& id : e.identifiers)
    if (id.kind == kind && nth-- == 0) return &id;
  return nullptr;
}

std::string Attr(const Entity& e, std::string_view key) {
  for (const Attribute& a : e.attributes)
    if (a.key == key) return a.value;
  return "";
}

// ---- The 2021 SDN set ----

TEST(OfacCsv2021Test, CountsPerSchemaAndPerNameKind) {
  const Parsed& p = Sdn2021();
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 8976u);
  EXPECT_EQ(p.by_id.size(), 8976u);  // ids are unique
  std::map<Schema, int> schemas;
  std::map<NameKind, int> kinds;
  size_t addresses = 0, links = 0, birth_dates = 0;
  for (const Entity& e : p.entities) {
    ++schemas[e.schema];
    for (const Name& n : e.names) {
      ++kinds[n.kind];
      // OFAC writes ASCII only; a name without a letter ("7-28", a vessel) has no script.
      bool letter = std::any_of(n.full.begin(), n.full.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      });
      EXPECT_EQ(n.script, letter ? "Latn" : "Zyyy") << e.id << " " << n.full;
    }
    ASSERT_FALSE(e.names.empty());
    EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
    EXPECT_EQ(e.source, "us-ofac-sdn");
    EXPECT_EQ(e.id.rfind("us-ofac-sdn:", 0), 0u);
    EXPECT_FALSE(e.programs.empty()) << e.id;
    addresses += e.addresses.size();
    links += e.links.size();
    birth_dates += e.birth_dates.size();
  }
  EXPECT_EQ(schemas[Schema::kPerson], 4620);
  EXPECT_EQ(schemas[Schema::kEntity], 3673);
  EXPECT_EQ(schemas[Schema::kVessel], 406);
  EXPECT_EQ(schemas[Schema::kAircraft], 277);
  EXPECT_EQ(schemas[Schema::kOrganization], 0);
  EXPECT_EQ(kinds[NameKind::kPrimary], 8976);
  EXPECT_EQ(kinds[NameKind::kStrongAlias], 11523 + 18);  // alt.csv aka + nka
  EXPECT_EQ(kinds[NameKind::kFormerName], 369);          // alt.csv fka
  // 2,439 quoted a.k.a./f.k.a. in sdn.csv plus 2 in the sdn_comments.csv continuations.
  EXPECT_EQ(kinds[NameKind::kWeakAlias], 2441);
  EXPECT_EQ(addresses, 11440u);  // add.csv rows that are not all "-0- "
  EXPECT_EQ(links, 3408u);
  EXPECT_EQ(birth_dates, 5125u);  // every "DOB" and "alt. DOB" fact is in a form we read
}

TEST(OfacCsv2021Test, ReportListsFilesAndHasNoWarnings) {
  const Parsed& p = Sdn2021();
  EXPECT_THAT(p.report.warnings, IsEmpty());
  std::vector<std::string> names;
  for (const fs::path& f : p.report.files) names.push_back(f.filename().string());
  EXPECT_THAT(names, ElementsAre("alt.csv", "add.csv", "sdn_comments.csv", "sdn.csv"));
  EXPECT_EQ(p.report.published, "");  // the legacy CSV files carry no date
}

TEST(OfacCsv2021Test, EvinPrison) {
  const Entity& e = Sdn2021().at("us-ofac-sdn:24586");
  EXPECT_EQ(e.source, "us-ofac-sdn");
  EXPECT_EQ(e.schema, Schema::kEntity);
  ASSERT_EQ(e.names.size(), 1u);
  EXPECT_EQ(e.names[0].full, "EVIN PRISON");
  EXPECT_EQ(e.names[0].natural, "EVIN PRISON");
  EXPECT_EQ(e.names[0].script, "Latn");
  EXPECT_THAT(e.programs, ElementsAre("IRAN-HR"));
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].street, "");
  EXPECT_EQ(e.addresses[0].city, "Tehran");
  EXPECT_EQ(e.addresses[0].country.code, "IR");
  EXPECT_EQ(e.addresses[0].country.original, "Iran");
  EXPECT_EQ(Attr(e, "additional_sanctions_information"), "Subject to Secondary Sanctions");
  EXPECT_THAT(e.remarks, IsEmpty());
  EXPECT_THAT(e.identifiers, IsEmpty());
}

TEST(OfacCsv2021Test, VesselWithImo) {
  // 15037,"ARK","vessel","IRAN",-0- ,"9HDQ9","Crude/Oil Products Tanker","99,030","56,068",
  // "Panama",-0- ,"Former Vessel Flag Malta; alt. Former Vessel Flag Tanzania; ..."
  const Entity& e = Sdn2021().at("us-ofac-sdn:15037");
  EXPECT_EQ(e.schema, Schema::kVessel);
  EXPECT_EQ(e.names[0].full, "ARK");
  EXPECT_THAT(Fulls(e, NameKind::kFormerName), ElementsAre("ABADEH", "CRYSTAL", "SUNDIAL"));
  EXPECT_THAT(e.programs, ElementsAre("IRAN"));
  const Identifier* cs = FindId(e, IdKind::kCallSign);
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(cs->value, "9HDQ9");
  const Identifier* imo = FindId(e, IdKind::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "9187655");
  EXPECT_EQ(imo->label, "Vessel Registration Identification IMO");
  const Identifier* mmsi = FindId(e, IdKind::kMmsi);
  ASSERT_NE(mmsi, nullptr);
  EXPECT_EQ(mmsi->value, "256842000");
  EXPECT_EQ(Attr(e, "vessel_type"), "Crude/Oil Products Tanker");
  EXPECT_EQ(Attr(e, "tonnage"), "99,030");
  EXPECT_EQ(Attr(e, "gross_registered_tonnage"), "56,068");
  EXPECT_EQ(Attr(e, "vessel_owner"), "");
  EXPECT_EQ(e.flag.code, "PA");
  EXPECT_EQ(e.flag.original, "Panama");
  EXPECT_THAT(e.links, ElementsAre("NATIONAL IRANIAN TANKER COMPANY"));
  EXPECT_THAT(e.addresses, IsEmpty());  // its add.csv row is all "-0- "
}

TEST(OfacCsv2021Test, AircraftUnderItsTailNumber) {
  const Entity& e = Sdn2021().at("us-ofac-sdn:15431");
  EXPECT_EQ(e.schema, Schema::kAircraft);
  EXPECT_EQ(e.names[0].full, "EP-GOM");
  const Identifier* msn = FindId(e, IdKind::kAircraftSerial, 1);
  ASSERT_NE(msn, nullptr);
  EXPECT_EQ(msn->label, "Aircraft Manufacturer's Serial Number (MSN)");
  EXPECT_EQ(msn->value, "1023409321");
  EXPECT_EQ(Attr(e, "aircraft_model"), "IL76-TD");
  EXPECT_EQ(Attr(e, "aircraft_operator"), "YAS AIR");
  EXPECT_EQ(Attr(e, "aircraft_manufacture_date"), "1992");
  EXPECT_THAT(e.links, ElementsAre("POUYA AIR"));
}

TEST(OfacCsv2021Test, IndividualWithDobPassportAndWeakAliases) {
  // 8096,"HAMRAOUI, Kamel Ben Mouldi Ben Hassan","individual","SDGT",...,"DOB 21 Oct 1977; POB
  // Beja, Tunisia; nationality Tunisia; Passport P229856 issued 01 Nov 2002 expires 31 Oct 2007;
  // arrested 1 Apr 2003; a.k.a. 'KAMEL'; a.k.a. 'KIMO'."
  const Entity& e = Sdn2021().at("us-ofac-sdn:8096");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.names[0].full, "HAMRAOUI, Kamel Ben Mouldi Ben Hassan");
  EXPECT_EQ(e.names[0].natural, "Kamel Ben Mouldi Ben Hassan HAMRAOUI");
  EXPECT_THAT(Fulls(e, NameKind::kWeakAlias), ElementsAre("KAMEL", "KIMO"));
  EXPECT_THAT(Fulls(e, NameKind::kStrongAlias), IsEmpty());
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1977, 10, 21}));
  EXPECT_EQ(e.birth_dates[0].original, "21 Oct 1977");
  EXPECT_THAT(e.birth_places, ElementsAre("Beja, Tunisia"));
  ASSERT_EQ(e.nationalities.size(), 1u);
  EXPECT_EQ(e.nationalities[0].code, "TN");
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "P229856");
  EXPECT_EQ(e.identifiers[0].note, "issued 01 Nov 2002 expires 31 Oct 2007");
  EXPECT_THAT(e.remarks, ElementsAre("arrested 1 Apr 2003"));
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].street, "Via Bertesi 27");
  EXPECT_EQ(e.addresses[0].city, "Cremona");
  EXPECT_EQ(e.addresses[0].country.code, "IT");

  // 4106: two dates of birth, a Cedula and a passport with its country.
  const Entity& h = Sdn2021().at("us-ofac-sdn:4106");
  ASSERT_EQ(h.birth_dates.size(), 2u);
  EXPECT_EQ(h.birth_dates[0].from, (PartialDate{1951, 8, 24}));
  EXPECT_EQ(h.birth_dates[1].from, (PartialDate{1951, 7, 5}));
  const Identifier* cedula = FindId(h, IdKind::kNationalId);
  ASSERT_NE(cedula, nullptr);
  EXPECT_EQ(cedula->label, "Cedula No.");
  EXPECT_EQ(cedula->value, "16247821");
  EXPECT_EQ(cedula->country.code, "CO");
  const Identifier* passport = FindId(h, IdKind::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "J287011");
  EXPECT_EQ(passport->country.code, "CO");
  EXPECT_EQ(passport->country.original, "Colombia");
  EXPECT_THAT(Fulls(h, NameKind::kWeakAlias), ElementsAre("PACHO", "H7"));
}

TEST(OfacCsv2021Test, LinkedToAndDigitalCurrency) {
  const Entity& e = Sdn2021().at("us-ofac-sdn:31164");
  EXPECT_EQ(e.names[0].full, "ASSOCIATION FOR FREE RESEARCH AND INTERNATIONAL COOPERATION");
  EXPECT_THAT(e.programs, ElementsAre("UKRAINE-EO13661", "CYBER2", "ELECTION-EO13848"));
  EXPECT_THAT(e.links, ElementsAre("PRIGOZHIN, Yevgeniy Viktorovich"));
  const Identifier* zec = FindId(e, IdKind::kDigitalCurrency, 0);
  const Identifier* dash = FindId(e, IdKind::kDigitalCurrency, 1);
  ASSERT_NE(zec, nullptr);
  ASSERT_NE(dash, nullptr);
  EXPECT_EQ(zec->currency, "ZEC");
  EXPECT_EQ(zec->value, "t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL");
  EXPECT_EQ(zec->label, "Digital Currency Address - ZEC");
  EXPECT_EQ(dash->currency, "DASH");
  EXPECT_EQ(dash->value, "XyARKoupuArYtToA2S6yMdnoquDCDaBsaT");
  EXPECT_EQ(Attr(e, "email"), "Africonline@protonmail.com");
  EXPECT_THAT(Fulls(e, NameKind::kWeakAlias), ElementsAre("AFRIC"));
  ASSERT_EQ(e.addresses.size(), 1u);  // country only
  EXPECT_EQ(e.addresses[0].country.code, "RU");
}

// sdn.csv cuts these five Remarks at 1,000 characters mid-word; sdn_comments.csv has the rest.
TEST(OfacCsv2021Test, CommentContinuationsAreJoinedWithoutSeparator) {
  const Parsed& p = Sdn2021();
  // "... Linked To: PROMO RAI" + "Z S.A.S.; Linked To: RED MUNDIAL ..."
  const Entity& a = p.at("us-ofac-sdn:12300");
  EXPECT_NE(std::find(a.links.begin(), a.links.end(), "PROMO RAIZ S.A.S."), a.links.end());
  EXPECT_NE(std::find(a.links.begin(), a.links.end(), "RED MUNDIAL INMOBILIARIA, S.A. DE C.V."),
            a.links.end());
  // "a.k.a. 'snowsjo" + "hn'; Linked To: LAZARUS GROUP."
  const Entity& b = p.at("us-ofac-sdn:28263");
  EXPECT_THAT(Fulls(b, NameKind::kWeakAlias), ElementsAre("tianyinyin0404", "snowsjohn"));
  EXPECT_THAT(b.links, ElementsAre("LAZARUS GROUP"));
  // "...; P" + "hone Number 8613314257947; ..."
  const Entity& c = p.at("us-ofac-sdn:28264");
  EXPECT_EQ(Attr(c, "phone"), "8613314257947");
  // "Digital Currency Addres" + "s - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; ..."
  const Entity& d = p.at("us-ofac-sdn:29703");
  bool eth = false;
  for (const Identifier& id : d.identifiers)
    eth |= id.currency == "ETH" && id.value == "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c";
  EXPECT_TRUE(eth);
  // "... XBT 1Gq" + "ChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr; ..."
  const Entity& e = p.at("us-ofac-sdn:30518");
  bool xbt = false;
  for (const Identifier& id : e.identifiers)
    xbt |= id.currency == "XBT" && id.value == "1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr";
  EXPECT_TRUE(xbt);
  for (const char* id : {"us-ofac-sdn:12300", "us-ofac-sdn:28263", "us-ofac-sdn:28264",
                         "us-ofac-sdn:29703", "us-ofac-sdn:30518"}) {
    for (const std::string& r : p.at(id).remarks)
      EXPECT_THAT(r, ::testing::Not(HasSubstr("Digital Currency"))) << id;
  }
}

TEST(OfacCsv2021Test, NaturalOrderWithSuffixAndWithoutComma) {
  const Entity& e = Sdn2021().at("us-ofac-sdn:10851");
  EXPECT_EQ(e.names[0].full, "DELOS REYES, Feliciano Semborio, Jr.");
  EXPECT_EQ(e.names[0].natural, "Feliciano Semborio DELOS REYES Jr.");
  const Entity& k = Sdn2021().at("us-ofac-sdn:7223");
  bool found = false;
  for (const Name& n : k.names) {
    if (n.full == "KNOWLES, JR., Samuel") {
      found = true;
      EXPECT_EQ(n.natural, "Samuel KNOWLES JR.");
      EXPECT_EQ(n.kind, NameKind::kStrongAlias);
    }
  }
  EXPECT_TRUE(found);
  const Entity& z = Sdn2021().at("us-ofac-sdn:6905");
  EXPECT_EQ(z.names[0].full, "ABU ZUBAYDAH");
  EXPECT_EQ(z.names[0].natural, "ABU ZUBAYDAH");
  EXPECT_EQ(z.names[1].full, "HUSAYN, Zayn al-Abidin Muhammad");
  EXPECT_EQ(z.names[1].natural, "Zayn al-Abidin Muhammad HUSAYN");
  // Organisations keep their commas where they are.
  const Entity& o = Sdn2021().at("us-ofac-sdn:173");
  EXPECT_EQ(o.names[0].natural, "ANGLO-CARIBBEAN CO., LTD.");
}

TEST(OfacCsv2021Test, StrongAliasesFromAltCsvAndWeakOnesFromRemarksStayApart) {
  const Entity& e = Sdn2021().at("us-ofac-sdn:10851");
  std::vector<NameKind> kinds;
  for (const Name& n : e.names) kinds.push_back(n.kind);
  std::vector<NameKind> want = {NameKind::kPrimary};
  want.insert(want.end(), 9, NameKind::kStrongAlias);
  want.push_back(NameKind::kWeakAlias);
  EXPECT_EQ(kinds, want);
  EXPECT_EQ(e.names[1].full, "DE LOS REYES, Feliciano");
  EXPECT_EQ(e.names[10].full, "ABDILLAH, Abdul");
  EXPECT_EQ(e.names[10].natural, "Abdul ABDILLAH");

  // alt.csv fka -> former name; nka -> strong alias.
  const Entity& f = Sdn2021().at("us-ofac-sdn:4307");
  EXPECT_THAT(Fulls(f, NameKind::kFormerName), ElementsAre("CORTEZ, Oliverio Abril"));
  EXPECT_THAT(Fulls(f, NameKind::kStrongAlias), ElementsAre("ABRIL CORTES, Oliverio"));
  const Entity& n = Sdn2021().at("us-ofac-sdn:8244");
  auto strong = Fulls(n, NameKind::kStrongAlias);
  EXPECT_NE(std::find(strong.begin(), strong.end(), "NUEVO CONTINENTE S.A."), strong.end());
}

TEST(OfacCsv2021Test, AddressesAndTitles) {
  // 173,129,"Ibex House, The Minories","London EC3N 1DY","United Kingdom",-0-
  const Entity& e = Sdn2021().at("us-ofac-sdn:173");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].street, "Ibex House, The Minories");
  EXPECT_EQ(e.addresses[0].city, "London EC3N 1DY");  // not split: see ofac_csv.cc
  EXPECT_EQ(e.addresses[0].postal_code, "");
  EXPECT_EQ(e.addresses[0].country.code, "GB");
  EXPECT_EQ(e.addresses[0].country.original, "United Kingdom");
  EXPECT_EQ(Sdn2021().at("us-ofac-sdn:306").addresses.size(), 4u);
  EXPECT_THAT(Sdn2021().at("us-ofac-sdn:9932").addresses, IsEmpty());  // all "-0- "

  const Entity& z = Sdn2021().at("us-ofac-sdn:7555");
  EXPECT_THAT(z.titles, ElementsAre("Zimbabwe Prisons Chief"));
  EXPECT_THAT(z.programs, ElementsAre("ZIMBABWE"));
}

// ---- The 2024 sdn.csv, alone ----

TEST(OfacCsv2024Test, SdnCsvWithoutCompanions) {
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {kSdn2024});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 14965u);
  std::map<Schema, int> schemas;
  size_t weak = 0;
  for (const Entity& e : p.entities) {
    ++schemas[e.schema];
    for (const Name& n : e.names) {
      EXPECT_NE(n.kind, NameKind::kStrongAlias);  // no alt.csv
      weak += n.kind == NameKind::kWeakAlias;
    }
    EXPECT_THAT(e.addresses, IsEmpty());
  }
  EXPECT_EQ(schemas[Schema::kPerson], 6854);
  EXPECT_EQ(schemas[Schema::kEntity], 6884);
  EXPECT_EQ(schemas[Schema::kVessel], 851);
  EXPECT_EQ(schemas[Schema::kAircraft], 376);
  // 3,666 quoted aliases, 3 of them cut at the 1,000-character limit.
  EXPECT_EQ(weak, 3663u);
  EXPECT_THAT(
      p.report.warnings,
      ElementsAre("alt.csv not found: aliases skipped", "add.csv not found: addresses skipped",
                  "sdn_comments.csv not found: Remarks cut at 1,000 characters stay cut",
                  "sdn.csv: 18 records have Remarks cut at 1,000 characters with no "
                  "continuation (first: ent_num 17018); the cut fact is kept as text"));

  const Entity& evin = p.at("us-ofac-sdn:24586");
  EXPECT_EQ(evin.names[0].full, "EVIN PRISON");
  EXPECT_THAT(evin.programs, ElementsAre("IRAN-HR"));
  for (const char* id : {"us-ofac-sdn:16418", "us-ofac-sdn:39258", "us-ofac-sdn:39637"})
    EXPECT_EQ(p.by_id.count(id), 1u) << id;
  const Entity& zarepour = p.at("us-ofac-sdn:39437");
  EXPECT_EQ(zarepour.names[0].full, "ZAREPOUR, Eisa");
  EXPECT_EQ(zarepour.names[0].natural, "Eisa ZAREPOUR");

  // Without sdn_comments.csv the cut alias is kept as text, not taken as a name.
  const Entity& tian = p.at("us-ofac-sdn:28263");
  EXPECT_THAT(Fulls(tian, NameKind::kWeakAlias), ElementsAre("tianyinyin0404"));
  EXPECT_EQ(tian.remarks.back(), "a.k.a. 'snowsjo");
}

// ---- The 2025 consolidated (non-SDN) set ----

TEST(OfacCsvConsTest, ConsolidatedSet) {
  Parsed p = Parse(ListFormat::kOfacConsCsv, {kCons2025});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 442u);
  EXPECT_THAT(p.report.warnings, IsEmpty());
  std::map<Schema, int> schemas;
  std::map<NameKind, int> kinds;
  size_t addresses = 0;
  for (const Entity& e : p.entities) {
    ++schemas[e.schema];
    EXPECT_EQ(e.source, "us-ofac-cons");
    EXPECT_EQ(e.id.rfind("us-ofac-cons:", 0), 0u);
    for (const Name& n : e.names) ++kinds[n.kind];
    addresses += e.addresses.size();
  }
  EXPECT_EQ(schemas[Schema::kEntity], 363);
  EXPECT_EQ(schemas[Schema::kPerson], 79);
  EXPECT_EQ(kinds[NameKind::kStrongAlias], 932);
  EXPECT_EQ(kinds[NameKind::kFormerName], 141);
  EXPECT_EQ(kinds[NameKind::kWeakAlias], 72);  // 68 in cons_prim.csv, 4 in cons_comments.csv
  EXPECT_EQ(addresses, 522u);

  // 9639,"HANIYA, Ismail Abdul Salah","individual","NS-PLC",...,"DOB 1962; POB Shati."
  const Entity& h = p.at("us-ofac-cons:9639");
  EXPECT_EQ(h.schema, Schema::kPerson);
  EXPECT_EQ(h.names[0].natural, "Ismail Abdul Salah HANIYA");
  EXPECT_THAT(Fulls(h, NameKind::kStrongAlias), ElementsAre("HANIYA, Ismail", "HANIYYA, Ismaeel"));
  EXPECT_EQ(h.names[1].natural, "Ismail HANIYA");
  EXPECT_THAT(h.programs, ElementsAre("NS-PLC"));
  ASSERT_EQ(h.birth_dates.size(), 1u);
  EXPECT_EQ(h.birth_dates[0].from, (PartialDate{1962, 0, 0}));
  EXPECT_THAT(h.birth_places, ElementsAre("Shati"));
  EXPECT_THAT(h.addresses, IsEmpty());

  // cons_comments.csv: "... (Russia); For more information ...; a.k.a. 'RUSAG'."
  EXPECT_THAT(Fulls(p.at("us-ofac-cons:17014"), NameKind::kWeakAlias),
              ::testing::Contains("RUSAG"));
}

// ---- Which files ----

TEST(OfacCsvPathsTest, FilesGivenOneByOne) {
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {kSdn2021 / "sdn.csv", kSdn2021 / "alt.csv"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 8976u);
  EXPECT_THAT(p.report.warnings,
              ElementsAre("add.csv not found: addresses skipped",
                          "sdn_comments.csv not found: Remarks cut at 1,000 characters stay cut",
                          "sdn.csv: 5 records have Remarks cut at 1,000 characters with no "
                          "continuation (first: ent_num 12300); the cut fact is kept as text"));
  EXPECT_EQ(p.at("us-ofac-sdn:10851").names.size(), 11u);
}

TEST(OfacCsvPathsTest, FolderFileNamesAreCaseInsensitive) {
  fs::path dir = fs::temp_directory_path() / "ofac_csv_test_case";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kMalformed / "companions" / "sdn.csv", dir / "SDN.CSV");
  fs::copy_file(kMalformed / "companions" / "alt.csv", dir / "Alt.Csv");
  std::ofstream(dir / "notes.txt") << "not part of the set\n";
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {dir});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 3u);
  EXPECT_THAT(Fulls(p.at("us-ofac-sdn:306"), NameKind::kStrongAlias),
              ElementsAre("NATIONAL BANK OF CUBA"));
  fs::remove_all(dir);
}

TEST(OfacCsvPathsTest, SingleFileOfAnotherNameIsThePrimary) {
  fs::path dir = fs::temp_directory_path() / "ofac_csv_test_rename";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kMalformed / "companions" / "sdn.csv", dir / "sdn-2021-07.csv");
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {dir / "sdn-2021-07.csv"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 3u);
  // With others, an unknown name is an error.
  p = Parse(ListFormat::kOfacSdnCsv,
            {dir / "sdn-2021-07.csv", kMalformed / "companions" / "alt.csv"});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(p.status.message(),
              HasSubstr("sdn-2021-07.csv: not a file of the us-ofac-sdn set (expected sdn.csv, "
                        "alt.csv, add.csv, sdn_comments.csv)"));
  fs::remove_all(dir);
}

TEST(OfacCsvPathsTest, MissingPrimaryOrPathIsNotFound) {
  Parsed p = Parse(ListFormat::kOfacConsCsv, {kSdn2021});
  EXPECT_EQ(p.status.code(), Status::Code::kNotFound);
  EXPECT_THAT(p.status.message(), HasSubstr("cons_prim.csv not found in "));
  EXPECT_TRUE(p.entities.empty());

  p = Parse(ListFormat::kOfacSdnCsv, {kSdn2021 / "nope.csv"});
  EXPECT_EQ(p.status.code(), Status::Code::kNotFound);
  EXPECT_THAT(p.status.message(), HasSubstr("nope.csv: no such file or folder"));

  p = Parse(ListFormat::kOfacSdnCsv, {kSdn2021 / "alt.csv"});
  EXPECT_EQ(p.status.code(), Status::Code::kNotFound);
  EXPECT_THAT(p.status.message(), HasSubstr("sdn.csv not found in "));

  p = Parse(ListFormat::kOfacSdnCsv, {});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
}

TEST(OfacCsvPathsTest, TwoPrimaryFilesAreAnError) {
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {kSdn2021, kMalformed / "companions"});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(p.status.message(), HasSubstr("companions/alt.csv: a second alt.csv (already have "));
}

// ---- Damaged input ----

Status ParseMalformed(const char* folder, size_t* records = nullptr) {
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {kMalformed / folder});
  if (records) *records = p.entities.size();
  return p.status;
}

TEST(OfacCsvMalformedTest, UnterminatedQuote) {
  Status st = ParseMalformed("unterminated-quote");
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("sdn.csv:3: unterminated quoted field 12"));
}

TEST(OfacCsvMalformedTest, WrongColumnCount) {
  size_t records = 0;
  Status st = ParseMalformed("wrong-columns", &records);
  EXPECT_EQ(st.message(), "sdn.csv:2: expected 12 fields, found 11");
  EXPECT_EQ(records, 1u);  // the caller discards what the sink got; the parser stops at once
}

TEST(OfacCsvMalformedTest, BadEntNum) {
  EXPECT_EQ(ParseMalformed("bad-ent-num").message(), "sdn.csv:2: ent_num '17x3' is not a number");
}

TEST(OfacCsvMalformedTest, Latin1Byte) {
  Status st = ParseMalformed("latin1");
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(st.message(), HasSubstr("sdn.csv:2: invalid UTF-8 in field 12 (byte 0xE9"));
}

TEST(OfacCsvMalformedTest, TruncatedLastLine) {
  EXPECT_EQ(ParseMalformed("truncated").message(),
            "sdn.csv:3: unquoted text '-0' in column Remarks (a damaged or cut line?)");
}

TEST(OfacCsvMalformedTest, DuplicateEntNum) {
  EXPECT_EQ(ParseMalformed("duplicate").message(),
            "sdn.csv:3: duplicate ent_num 36 (also on line 1)");
}

TEST(OfacCsvMalformedTest, MissingCompanionsAndOrphanRowsAreWarnings) {
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {kMalformed / "companions"});
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_EQ(p.entities.size(), 3u);
  EXPECT_THAT(p.report.warnings,
              ElementsAre("add.csv not found: addresses skipped",
                          "sdn_comments.csv not found: Remarks cut at 1,000 characters stay cut",
                          "alt.csv: 2 rows for 1 ent_num not in sdn.csv ignored (first: ent_num "
                          "99999 on line 3)"));
  const Entity& bnc = p.at("us-ofac-sdn:306");
  EXPECT_THAT(Fulls(bnc, NameKind::kStrongAlias), ElementsAre("NATIONAL BANK OF CUBA"));
  EXPECT_THAT(Fulls(bnc, NameKind::kWeakAlias), ElementsAre("BNC"));
}

TEST(OfacCsvMalformedTest, MalformedCompanionFails) {
  size_t records = 0;
  Status st = ParseMalformed("bad-companion", &records);
  EXPECT_EQ(st.message(), "alt.csv:2: unknown alt_type 'xyz' (expected aka, fka or nka)");
  EXPECT_EQ(records, 0u);  // companions are read before any record is handed over
}

// ---- Files cut at a line boundary ----

// A temporary copy of `files` from `from`, with `cut` holding only its first `lines` lines.
class CutSet {
 public:
  CutSet(const fs::path& from, std::vector<std::string> files, const std::string& cut, int lines)
      : dir_(fs::temp_directory_path() / ("ofac_csv_test_cut_" + cut)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const std::string& f : files) {
      if (f != cut) {
        fs::copy_file(from / f, dir_ / f);
        continue;
      }
      std::ifstream in(from / f, std::ios::binary);
      std::ofstream out(dir_ / f, std::ios::binary);
      std::string line;
      for (int i = 0; i < lines && std::getline(in, line); ++i) out << line << "\n";
    }
  }
  ~CutSet() { fs::remove_all(dir_); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

TEST(OfacCsvTruncationTest, PrimaryFileCutAtALineIsRefused) {
  // The 2024 sdn.csv (14,965 records) cut to its first 3,000 lines: every line is well-formed,
  // only the missing 0x1A byte shows the cut.
  CutSet cut(kSdn2024.parent_path(), {"sdn.csv"}, "sdn.csv", 3000);
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {cut.dir()});
  EXPECT_EQ(p.status.code(), Status::Code::kInvalidInput);
  EXPECT_THAT(p.status.message(),
              HasSubstr("sdn.csv: no end-of-file byte 0x1A after the last line (line 3000): "
                        "the file is cut short"));

  Parsed allowed = Parse(ListFormat::kOfacSdnCsv, {cut.dir()}, /*allow_incomplete=*/true);
  ASSERT_TRUE(allowed.status.ok()) << allowed.status.message();
  EXPECT_EQ(allowed.entities.size(), 3000u);
}

TEST(OfacCsvTruncationTest, CompanionFileCutAtALineIsRefused) {
  for (const char* companion : {"alt.csv", "add.csv"}) {
    CutSet cut(kSdn2021, {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}, companion, 100);
    Parsed p = Parse(ListFormat::kOfacSdnCsv, {cut.dir()});
    EXPECT_THAT(p.status.message(), HasSubstr(std::string(companion) +
                                              ": no end-of-file byte 0x1A after the last line"));
    EXPECT_THAT(p.entities, IsEmpty());  // companions are read before any record is handed over
  }
}

TEST(OfacCsvTruncationTest, CommentsFileNeedsNoEndOfFileByte) {
  // The real 2021 sdn_comments.csv has none (cons_comments.csv of 2025 has one): both parse.
  EXPECT_TRUE(Sdn2021().status.ok());
  Parsed cons = Parse(ListFormat::kOfacConsCsv, {kCons2025});
  EXPECT_TRUE(cons.status.ok()) << cons.status.message();
}

TEST(OfacCsvMalformedTest, NulByteInANameIsRefusedNamingFileLineAndField) {
  fs::path dir = fs::temp_directory_path() / "ofac_csv_test_nul";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "sdn.csv", std::ios::binary) << std::string(
      "36,\"AEROCARIBBEAN\0 AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",-0- ,-0- \r\n\x1a",
      83);
  Parsed p = Parse(ListFormat::kOfacSdnCsv, {dir / "sdn.csv"});
  fs::remove_all(dir);
  EXPECT_EQ(p.status.message(),
            "sdn.csv:1: control character 0x00 in field 2 (at byte 14 of the field; list text "
            "cannot hold one)");
  EXPECT_THAT(p.entities, IsEmpty());
}

TEST(OfacCsvTest, SinkErrorStopsTheParse) {
  ParseOptions options;
  options.countries = &Countries();
  int calls = 0;
  Status st = ParseOfacCsv(
      ListFormat::kOfacSdnCsv, {kSdn2021}, options,
      [&calls](Entity&&) { return ++calls == 3 ? Status::IoError("disk full") : Status::Ok(); },
      nullptr);
  EXPECT_EQ(st.message(), "disk full");
  EXPECT_EQ(calls, 3);
}

TEST(OfacCsvTest, RequiresACountryTable) {
  Status st = ParseOfacCsv(
      ListFormat::kOfacSdnCsv, {kSdn2021}, ParseOptions(), [](Entity&&) { return Status::Ok(); },
      nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInternal);
}

}  // namespace
}  // namespace interdict

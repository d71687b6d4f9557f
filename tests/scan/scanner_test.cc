// The scanner on a handful of records: spans and offsets, scripts, the precision policy.
#include "scan/scanner.h"

#include <gtest/gtest.h>

#include "scan_test_env.h"

namespace interdict {
namespace {

using scan_test::PartyIds;
using scan_test::PlaceIds;
using scan_test::Record;
using scan_test::World;

const World& Small() {
  static const World* w = [] {
    std::vector<Entity> e;
    e.push_back(Record("t:evin", Schema::kEntity, {"EVIN PRISON"}));
    e.push_back(Record("t:morality", Schema::kEntity, {"IRAN'S MORALITY POLICE"}));
    e.push_back(Record("t:alpha", Schema::kEntity, {"ALPHA"}));
    e.push_back(Record("t:unity", Schema::kEntity, {"UNITY"}));
    e.push_back(Record("t:al", Schema::kEntity, {"AL"}));
    e.push_back(Record("t:stephen", Schema::kPerson, {"LO, Stephen"}));
    e.push_back(Record("t:daniel", Schema::kVessel, {"DANIEL"}));
    e.push_back(Record("t:kim", Schema::kPerson, {"KIM, Jong Un", "김정은"}));
    e.push_back(Record("t:melli", Schema::kEntity, {"BANK MELLI IRAN"}));
    e.push_back(Record("t:golden", Schema::kEntity, {"GOLDEN STAR CO., LTD."}));
    e.push_back(Record("t:september", Schema::kEntity, {"LIMITED LIABILITY COMPANY SEPTEMBER"}));
    e.push_back(Record("t:yakunin", Schema::kPerson,
                       {"YAKUNIN, Vladimir Ivanovich", "Якунин Владимир Иванович"}));
    e.push_back(Record("t:zawahiri", Schema::kPerson, {"AL-ZAWAHIRI, Ayman", "أيمن الظواهري"}));
    e.push_back(Record("t:hizballah", Schema::kOrganization, {"HIZBALLAH"}));
    e.push_back(Record("t:reales", Schema::kPerson, {"REALES BRITTO, Juan Carlos"}));
    Entity z = Record("t:zarshenas", Schema::kEntity, {"ZARSHENAS INDUSTRIAL GROUP", "ZARSHENAS"},
                      NameKind::kWeakAlias);
    e.push_back(z);
    return new World(std::move(e));
  }();
  return *w;
}

const Hit* First(const std::vector<Hit>& hits, const std::string& id) {
  for (const Hit& h : hits)
    if ((h.entity != nullptr && h.entity->id == id) ||
        (h.jurisdiction != nullptr && h.jurisdiction->id == id))
      return &h;
  return nullptr;
}

TEST(ScannerTest, FindsAPartyAndAPlaceWithTheirSpans) {
  const std::string text = "After the fire at Evin Prison in Tehran, four people died.";
  std::vector<Hit> hits = Small().Scan(text);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].kind, HitKind::kParty);
  EXPECT_EQ(hits[0].entity->id, "t:evin");
  EXPECT_EQ(hits[0].text, "Evin Prison");
  EXPECT_EQ(hits[0].begin, 18u);
  EXPECT_EQ(hits[0].end, 29u);
  EXPECT_EQ(hits[0].char_begin, 18u);
  EXPECT_FLOAT_EQ(hits[0].score, 1.0f);
  EXPECT_EQ(hits[0].explanation.list_name, "EVIN PRISON");
  EXPECT_EQ(hits[1].kind, HitKind::kJurisdiction);
  EXPECT_EQ(hits[1].jurisdiction->id, "IR");
  EXPECT_EQ(hits[1].text, "Tehran");
  EXPECT_EQ(hits[1].how, "city");
  EXPECT_EQ(text.substr(hits[1].begin, hits[1].end - hits[1].begin), "Tehran");
}

TEST(ScannerTest, APassedDeadlineStopsTheScanWithAnErrorNotAnEmptyResult) {
  const World& w = Small();
  ScanOptions options;
  options.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  auto session = w.scanner->NewSession();
  std::vector<Hit> hits{Hit()};
  Status s =
      w.scanner->Scan("After the fire at Evin Prison in Tehran.", options, session.get(), &hits);
  EXPECT_EQ(s.code(), Status::Code::kDeadlineExceeded) << s.message();
  // The same text with time left finds the party.
  options.deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  ASSERT_TRUE(
      w.scanner->Scan("After the fire at Evin Prison in Tehran.", options, session.get(), &hits)
          .ok());
  EXPECT_NE(First(hits, "t:evin"), nullptr);
}

TEST(ScannerTest, CharacterOffsetsCountCodePoints) {
  // Cyrillic (2 bytes a letter) before and inside the span.
  const std::string text = "Председатель Владимир Якунин заявил.";
  std::vector<Hit> hits = Small().Scan(text);
  const Hit* h = First(hits, "t:yakunin");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->text, "Владимир Якунин");
  EXPECT_EQ(h->begin, std::string("Председатель ").size());
  EXPECT_EQ(h->end, h->begin + std::string("Владимир Якунин").size());
  EXPECT_EQ(h->char_begin, 13u);
  EXPECT_EQ(h->char_end, 28u);
  // Arabic: the original-script name of a Latin-listed person.
  const std::string ar = "قال أيمن الظواهري في بيان";
  hits = Small().Scan(ar);
  h = First(hits, "t:zawahiri");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->text, "أيمن الظواهري");
  EXPECT_EQ(h->char_begin, 4u);
  EXPECT_EQ(h->char_end, 17u);
  EXPECT_EQ(ar.substr(h->begin, h->end - h->begin), "أيمن الظواهري");
}

TEST(ScannerTest, AnyOrderHangulAndTypos) {
  EXPECT_EQ(PartyIds(Small().Scan("Reports said Jong Un Kim was absent.")),
            std::vector<std::string>{"t:kim"});
  EXPECT_EQ(PartyIds(Small().Scan("Kim Jong-un visited the port.")),
            std::vector<std::string>{"t:kim"});
  EXPECT_EQ(PartyIds(Small().Scan("김정은 위원장이 말했다")), std::vector<std::string>{"t:kim"})
      << scan_test::Describe(Small().Scan("김정은 위원장이 말했다"));
  // A misspelt part next to a distinctive part written as listed.
  std::vector<Hit> hits = Small().Scan("Detainees were moved to Evin Prisn last week.");
  const Hit* h = First(hits, "t:evin");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->text, "Evin Prisn");
  EXPECT_LT(h->score, 1.0f);
  ASSERT_EQ(h->explanation.pairs.size(), 2u);
  EXPECT_EQ(h->explanation.pairs[1].match.evidence, Evidence::kTypo);
}

TEST(ScannerTest, EverydayWordNamesNeedCompleteExactCapitalisedEvidence) {
  // IRAN'S MORALITY POLICE: everyday words, complete, capitalised, with Iran named nearby.
  std::vector<Hit> hits = Small().Scan("Iran sanctioned... the so-called Morality Police acted.");
  const Hit* h = First(hits, "t:morality");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->text, "Morality Police");
  ASSERT_EQ(h->notes.size(), 2u);
  EXPECT_NE(h->notes[1].find("(Iran) is left out"), std::string::npos);
  // Without Iran nearby, lower case, or incomplete: nothing.
  EXPECT_TRUE(PartyIds(Small().Scan("The so-called Morality Police acted.")).empty());
  EXPECT_TRUE(PartyIds(Small().Scan("In Iran, the so-called morality police acted.")).empty());
  EXPECT_TRUE(PartyIds(Small().Scan("Iran's Police acted.")).empty());
  std::string far = "Iran. " + std::string(2000, ' ') + "The Morality Police acted.";
  EXPECT_TRUE(PartyIds(Small().Scan(far)).empty());
  // With its country word it needs no context.
  EXPECT_EQ(PartyIds(Small().Scan("Iran's Morality Police acted.")),
            std::vector<std::string>{"t:morality"});
  // GOLDEN STAR CO., LTD.: the legal form is part of the evidence.
  EXPECT_TRUE(PartyIds(Small().Scan("We ate at the Golden Star yesterday.")).empty());
  EXPECT_EQ(PartyIds(Small().Scan("Invoice from Golden Star Co., Ltd. attached.")),
            std::vector<std::string>{"t:golden"});
}

TEST(ScannerTest, OneWordNamesAndGivenNamesDoNotFireOnEverydayText) {
  const char* everyday[] = {
      "The Alpha release ships next week, and unity is strength.",
      "Unity and Alpha are two of our product lines.",
      "Al said he would come by at noon.",
      "Stephen sent the minutes to Daniel on Monday.",
      "Juan Carlos booked the flight to Madrid.",
      "The September meeting moved to October.",
      "Bank of America and Melli? No, just Bank holidays.",
      "Kim will call you back.",
  };
  for (const char* s : everyday) EXPECT_TRUE(Small().Scan(s).empty()) << s;
  // A one-word name that is no English word fires when capitalised, not in lower case.
  EXPECT_EQ(PartyIds(Small().Scan("Funds went to Hizballah in 2020.")),
            std::vector<std::string>{"t:hizballah"});
  EXPECT_TRUE(Small().Scan("funds went to hizballah in 2020.").empty());
  // An English name as a one-word list name needs its legal form.
  EXPECT_EQ(PartyIds(Small().Scan("Paid to September LLC for rent.")),
            std::vector<std::string>{"t:september"});
  // Persons are found with a surname, not with given names alone.
  EXPECT_EQ(PartyIds(Small().Scan("Juan Carlos Reales Britto signed.")),
            std::vector<std::string>{"t:reales"});
}

TEST(ScannerTest, WeakAliasesNeverCountAlone) {
  EXPECT_TRUE(Small().Scan("A shipment from Zarshenas arrived.").empty());
  std::vector<Hit> hits =
      Small().Scan("Zarshenas Industrial Group shipped it. Zarshenas denied everything.");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].text, "Zarshenas Industrial Group");
  EXPECT_EQ(hits[1].text, "Zarshenas");
  EXPECT_EQ(hits[1].explanation.name_kind, NameKind::kWeakAlias);
  EXPECT_NE(hits[1].notes.back().find("weak alias"), std::string::npos);
}

TEST(ScannerTest, JurisdictionsInSeveralScripts) {
  struct Case {
    const char* text;
    const char* id;
    const char* span;
  } cases[] = {
      {"Груз прибыл в Тегеран вчера.", "IR", "Тегеран"},
      {"وصلت الشحنة إلى طهران أمس", "IR", "طهران"},
      {"代表团抵达平壤。", "KP", "平壤"},
      {"대표단이 평양에 도착했다", "KP", "평양"},
      {"Ship via Bandar-e Abbas.", "IR", "Bandar-e Abbas"},
      {"A North Korean vessel.", "KP", "North Korean"},
      {"The Donetsk People's Republic declared...", "UA-14", "Donetsk People's Republic"},
      {"Ferry from Kerch to Sevastopol.", "UA-43", "Kerch"},
      {"Zucker aus Kuba.", "CU", "Kuba"},
      {"Le port de Lattaquié.", "SY", "Lattaquié"},
  };
  for (const Case& c : cases) {
    std::vector<Hit> hits = Small().Scan(c.text);
    ASSERT_FALSE(hits.empty()) << c.text;
    EXPECT_EQ(hits[0].jurisdiction->id, c.id) << c.text;
    EXPECT_EQ(hits[0].text, c.span) << c.text;
  }
  // Ambiguous names need the jurisdiction named another way nearby.
  EXPECT_TRUE(Small().Scan("Wine from Sebastopol, California.").empty());
  EXPECT_EQ(PlaceIds(Small().Scan("In Crimea, the port of Sebastopol.")),
            (std::vector<std::string>{"UA-43", "UA-43"}));
  // An everyday word that is also a place needs its capital; and Korea alone is not the DPRK.
  EXPECT_TRUE(Small().Scan("South Korea and Korea-based firms.").empty())
      << scan_test::Describe(Small().Scan("South Korea and Korea-based firms."));
  // Sectoral programmes only on request.
  EXPECT_TRUE(Small().Scan("Delivered to Moscow and Minsk.").empty());
  ScanOptions sectoral;
  sectoral.sectoral = true;
  EXPECT_EQ(PlaceIds(Small().Scan("Delivered to Moscow and Minsk.", sectoral)),
            (std::vector<std::string>{"RU", "BY"}));
}

TEST(ScannerTest, OptionsAndErrors) {
  ScanOptions parties_only;
  parties_only.jurisdictions = false;
  EXPECT_EQ(PlaceIds(Small().Scan("Evin Prison, Tehran", parties_only)).size(), 0u);
  ScanOptions places_only;
  places_only.parties = false;
  EXPECT_TRUE(PartyIds(Small().Scan("Evin Prison, Tehran", places_only)).empty());
  ScanOptions strict;
  strict.threshold = 0.99f;
  EXPECT_TRUE(PartyIds(Small().Scan("Detainees at Evin Prisn.", strict)).empty());
  // Not UTF-8: an error naming the offset, never "no hit".
  auto session = Small().scanner->NewSession();
  std::vector<Hit> hits;
  Status s = Small().scanner->Scan("Evin Prison in Teh\xE9ran", {}, session.get(), &hits);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("not valid UTF-8 at byte offset 18"), std::string::npos)
      << s.message();
}

TEST(ScannerTest, LongTextsAreScannedWhole) {
  // Several 1 MiB chunks; a mention in each, and one across no boundary is lost.
  std::string filler;
  while (filler.size() < 300000) filler += "The quick brown fox jumps over the lazy dog.\n";
  std::string text;
  int planted = 0;
  for (int i = 0; i < 12; ++i) {
    text += filler;
    text += "Prisoners held at Evin Prison, said the report.\n";
    ++planted;
  }
  std::vector<Hit> hits = Small().Scan(text);
  ASSERT_EQ(static_cast<int>(hits.size()), planted);
  for (const Hit& h : hits) {
    EXPECT_EQ(text.substr(h.begin, h.end - h.begin), "Evin Prison");
    EXPECT_EQ(h.char_begin, h.begin);  // ASCII text
  }
  EXPECT_GT(text.size(), size_t{3} << 20);
}

TEST(ScannerTest, StatsDescribeTheBuild) {
  const Scanner::Stats& st = Small().scanner->stats();
  EXPECT_EQ(st.names, 20u);
  // ALPHA, UNITY, AL, the vessel DANIEL and the one-word weak alias... are never found alone.
  EXPECT_GE(st.names_never, 4u);
  EXPECT_GT(st.terms, 40000u);  // list tokens and the everyday words
  EXPECT_GT(st.phrases, 300u);
  EXPECT_GT(st.memory_bytes, 0u);
}

}  // namespace
}  // namespace interdict

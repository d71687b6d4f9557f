#include "normalize/normalizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace interdict {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status st = NameNormalizer::Load(INTERDICT_DATA, &normalizer_);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() { normalizer_.reset(); }

  static std::vector<std::string> Texts(std::string_view name, Schema s = Schema::kPerson) {
    std::vector<std::string> out;
    for (const NameToken& t : normalizer_->Normalize(name, s).tokens) out.push_back(t.text);
    return out;
  }
  static std::vector<std::string> Skeletons(std::string_view name, Schema s = Schema::kPerson) {
    std::vector<std::string> out;
    for (const NameToken& t : normalizer_->Normalize(name, s).tokens) out.push_back(t.skeleton);
    return out;
  }
  static std::vector<std::string> Variants(std::string_view name, Schema s = Schema::kPerson) {
    std::vector<std::string> out;
    for (const NameToken& t : normalizer_->Normalize(name, s).tokens) out.push_back(t.variant);
    return out;
  }

  static std::unique_ptr<NameNormalizer> normalizer_;
};

std::unique_ptr<NameNormalizer> NormalizerTest::normalizer_;

// ----- Latin fast path and punctuation ---------------------------------------------------------

TEST_F(NormalizerTest, LatinDiacriticsFold) {
  EXPECT_THAT(Texts("Müller"), ElementsAre("muller"));
  EXPECT_THAT(Texts("ÇAĞLAYAN İnşaat", Schema::kOrganization), ElementsAre("caglayan", "insaat"));
  EXPECT_THAT(Texts("Nguyễn Tấn Dũng"), ElementsAre("nguyen", "tan", "dung"));
  EXPECT_THAT(Texts("Straße Ørsted Æsir Łódź Đorđe"),
              ElementsAre("strasse", "orsted", "aesir", "lodz", "dorde"));
  // Decomposed input (e + U+0301) folds like the composed form.
  EXPECT_THAT(Texts("Jose\xCC\x81 Nu\xCC\x81n\xCC\x83"
                    "ez"),
              ElementsAre("jose", "nunez"));
}

TEST_F(NormalizerTest, ApostrophesJoinPunctuationSeparates) {
  EXPECT_THAT(Texts("Fu'ad SHUKR"), ElementsAre("fuad", "shukr"));
  EXPECT_THAT(Texts("Ja’far Ma`ruf Qa\xCA\xBF"
                    "id Mas\xCA\xBE"
                    "ud"),  // ’ ` ʿ ʾ
              ElementsAre("jafar", "maruf", "qaid", "masud"));
  EXPECT_THAT(Texts("AL-ZAWAHIRI, Ayman (Dr.)/\"Abu Muhammad\""),
              ElementsAre("al", "zawahiri", "ayman", "abu", "muhammad"));
  EXPECT_THAT(Texts("O.K.; Smith & Sons"), ElementsAre("o", "k", "smith", "sons"));
  // Soft hyphen (U+00AD) and ZWJ vanish inside a word; ZWNJ separates.
  EXPECT_THAT(Texts("Ka\xC2\xADrim"), ElementsAre("karim"));
  EXPECT_THAT(Texts("Ka\xE2\x80\x8Drim"), ElementsAre("karim"));
}

// An organisation's acronym spelt out is its solid spelling; a person's dotted initials stay
// initials.
TEST_F(NormalizerTest, DottedAcronymsOfOrganisationsAreOneWord) {
  const Schema o = Schema::kOrganization, e = Schema::kEntity;
  EXPECT_THAT(Texts("I.B.M.", o), ElementsAre("ibm"));
  EXPECT_THAT(Texts("I.B.M", o), ElementsAre("ibm"));
  EXPECT_THAT(Texts("A.D.C. GmbH", o), ElementsAre("adc", "gmbh"));
  EXPECT_THAT(Texts("K.N.S. Group", Schema::kVessel), ElementsAre("kns", "group"));
  // Of unstated type: three letters or more, or two with a legal form.
  EXPECT_THAT(Texts("A.D.C. GmbH", e), ElementsAre("adc", "gmbh"));
  EXPECT_THAT(Texts("I.B.M.", e), ElementsAre("ibm"));
  EXPECT_THAT(Texts("A.D. GmbH", e), ElementsAre("ad", "gmbh"));
  EXPECT_THAT(Texts("J.R. Smith", e), ElementsAre("j", "r", "smith"));
  EXPECT_THAT(Texts("J.R. Smith"), ElementsAre("j", "r", "smith"));
  EXPECT_THAT(Texts("T E G Limited", o), ElementsAre("teg", "ltd"));
  EXPECT_THAT(Texts("I. B. M.", o), ElementsAre("ibm"));
  // Other signs part letters; a dotted form stays a form; nor does a word join a run.
  EXPECT_THAT(Texts("S&C Trade", o), ElementsAre("s", "c", "trade"));
  EXPECT_THAT(Texts("Romashka J.S.C.", o), ElementsAre("romashka", "jsc"));
  EXPECT_THAT(Texts("A.B.Trading", o), ElementsAre("ab", "trading"));
}

TEST_F(NormalizerTest, EmptyAndSeparatorOnlyInput) {
  EXPECT_THAT(normalizer_->Normalize("", Schema::kPerson).tokens, IsEmpty());
  NormalizedName n = normalizer_->Normalize(" ,.-/ ", Schema::kPerson);
  EXPECT_THAT(n.tokens, IsEmpty());
  EXPECT_EQ(n.script, "Zyyy");
  EXPECT_EQ(normalizer_->ToLatin(""), "");
}

TEST_F(NormalizerTest, InvalidUtf8IsASeparator) {
  // A stray continuation byte, a truncated sequence, an overlong encoding of '/', a surrogate.
  EXPECT_THAT(Texts("Ali\x80Hasan"), ElementsAre("ali", "hasan"));
  EXPECT_THAT(Texts("Ali\xC3"), ElementsAre("ali"));
  EXPECT_THAT(Texts("A\xC0\xAF"
                    "B"),
              ElementsAre("a", "b"));
  EXPECT_THAT(Texts("x\xED\xA0\x80y"), ElementsAre("x", "y"));
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  NormalizedName n = normalizer_->Normalize(all_bytes, Schema::kEntity);  // must not crash
  for (const NameToken& t : n.tokens) {
    EXPECT_FALSE(t.text.empty());
    EXPECT_LE(t.end, all_bytes.size());
  }
}

TEST_F(NormalizerTest, OffsetsPointIntoTheInput) {
  const std::string name = "AL ZAWAHIRI, Dr. Ayman";
  NormalizedName n = normalizer_->Normalize(name, Schema::kPerson);
  ASSERT_EQ(n.tokens.size(), 3u);
  EXPECT_EQ(name.substr(n.tokens[1].begin, n.tokens[1].end - n.tokens[1].begin), "ZAWAHIRI");
  EXPECT_EQ(name.substr(n.tokens[2].begin, n.tokens[2].end - n.tokens[2].begin), "Ayman");
  // A transliterated token covers its source word.
  const std::string arabic = "محمد جواد ظريف";
  NormalizedName a = normalizer_->Normalize(arabic, Schema::kPerson);
  ASSERT_EQ(a.tokens.size(), 3u);
  EXPECT_EQ(arabic.substr(a.tokens[1].begin, a.tokens[1].end - a.tokens[1].begin), "جواد");
  EXPECT_TRUE(a.tokens[1].transliterated);
  EXPECT_FALSE(n.tokens[1].transliterated);
}

// ----- Scripts ----------------------------------------------------------------------------------

TEST_F(NormalizerTest, CyrillicRussianBgn) {
  NormalizedName n = normalizer_->Normalize("Владимир Владимирович Путин", Schema::kPerson);
  EXPECT_EQ(n.script, "Cyrl");
  EXPECT_THAT(Texts("Владимир Владимирович Путин"),
              ElementsAre("vladimir", "vladimirovich", "putin"));
  EXPECT_THAT(Texts("Сергей Шойгу"), ElementsAre("sergey", "shoygu"));
  EXPECT_THAT(Variants("Сергей Шойгу"), ElementsAre("sergey", "shoygu"));
}

TEST_F(NormalizerTest, CyrillicUkrainianLettersSelectUkrainianBgn) {
  // і/ї/є/ґ in any word make the whole name Ukrainian: г is h, и is y.
  EXPECT_THAT(Texts("Олександр Зінченко"), ElementsAre("oleksandr", "zinchenko"));
  EXPECT_THAT(Texts("Євген Сергій"), ElementsAre("yevhen", "serhiy"));
  EXPECT_THAT(Variants("Олександр Зінченко"), ElementsAre("aleksandr", "zinchenko"));
  EXPECT_THAT(Variants("Євген"), ElementsAre("evgeny"));
}

TEST_F(NormalizerTest, MixedScriptHomoglyphWordStaysOneToken) {
  EXPECT_THAT(Texts("P\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"), ElementsAre("putin"));  // Latin P + утин
}

TEST_F(NormalizerTest, Greek) {
  EXPECT_THAT(Texts("Κυριάκος Μητσοτάκης"), ElementsAre("kyriakos", "mitsotakis"));
  EXPECT_EQ(normalizer_->Normalize("Αλέξης Τσίπρας", Schema::kPerson).script, "Grek");
}

TEST_F(NormalizerTest, ArabicIsUnvowelledAndMeetsLatinOnTheSkeleton) {
  NormalizedName n = normalizer_->Normalize("محمد جواد ظريف", Schema::kPerson);
  EXPECT_EQ(n.script, "Arab");
  EXPECT_THAT(Texts("محمد جواد ظريف"), ElementsAre("mhmd", "jwad", "zryf"));
  EXPECT_THAT(Variants("محمد جواد ظريف"), ElementsAre("muhammad", "jawad", "zarif"));
  EXPECT_THAT(Skeletons("محمد جواد ظريف"), ElementsAre("mmt", "jt", "srf"));
  EXPECT_THAT(Skeletons("ZARIF, Mohammad Javad"), ElementsAre("srf", "mmt", "jt"));
  for (const NameToken& t : n.tokens) EXPECT_TRUE(t.transliterated);
}

TEST_F(NormalizerTest, ArabicArticleAndCompoundsSplitLikeLatin) {
  EXPECT_THAT(Texts("صدام حسين التكريتي"), ElementsAre("sdam", "hsyn", "al", "tkryty"));
  NormalizedName n = normalizer_->Normalize("صدام حسين التكريتي", Schema::kPerson);
  EXPECT_EQ(n.tokens[2].kind, TokenKind::kParticle);
  EXPECT_EQ(n.tokens[3].skeleton, NameNormalizer::Skeleton("tikriti"));
  // عبدال+X -> "abdal" + X; ابو+X -> "abu" + X; Allah is never split.
  EXPECT_THAT(Texts("عبدالحليم"), ElementsAre("bdal", "hlym"));
  EXPECT_THAT(Variants("عبدالحليم"), ElementsAre("abdul", "halim"));
  EXPECT_THAT(Texts("أبوغيث"), ElementsAre("abw", "ghyth"));
  EXPECT_THAT(Texts("عبدالله"), ElementsAre("bdallh"));
  EXPECT_THAT(Variants("عبدالله"), ElementsAre("abdullah"));
  EXPECT_THAT(Texts("الله"), ElementsAre("allh"));
}

TEST_F(NormalizerTest, ArabicDinCompoundJoinsItsArticle) {
  EXPECT_THAT(Texts("نور الدين"), ElementsAre("nwr", "aldyn"));
  // Other words keep the article apart, and so does a name that opens with الدين.
  std::vector<std::string> huda = Texts("نور الهدى");
  ASSERT_EQ(huda.size(), 3u);
  EXPECT_EQ(huda[1], "al");
  EXPECT_THAT(Texts("الدين"), ElementsAre("al", "dyn"));
  EXPECT_THAT(Texts("عبد القادر"), ElementsAre("bd", "al", "qadr"));
  // Latin words never join.
  EXPECT_THAT(Texts("Nur al Dyn"), ElementsAre("nur", "al", "dyn"));
  NormalizedName n = normalizer_->Normalize("نور الدين", Schema::kPerson);
  ASSERT_EQ(n.tokens.size(), 2u);
  EXPECT_EQ(n.tokens[1].begin, std::string("نور ").size());
  EXPECT_EQ(n.tokens[1].end, std::string("نور الدين").size());
}

TEST_F(NormalizerTest, AynInsideAWordIsAVowelSlot) {
  // The ayn between the m's of معمر is a vowel in every Latin spelling (Muammar): the skeleton
  // keeps both m's, as Muammar's does.
  EXPECT_THAT(Texts("معمر سعدي"), ElementsAre("mamr", "sady"));
  EXPECT_EQ(Skeletons("معمر")[0], NameNormalizer::Skeleton("muammar"));
  // At either end of a word it folds away, as BGN leaves it.
  EXPECT_THAT(Texts("عمر ربيع"), ElementsAre("mr", "rby"));
  NormalizedName n = normalizer_->Normalize("معمر Smith", Schema::kPerson);
  ASSERT_EQ(n.tokens.size(), 2u);
  EXPECT_TRUE(n.tokens[0].abjad);
  EXPECT_FALSE(n.tokens[1].abjad);
}

TEST_F(NormalizerTest, ArabicTokensAreNotTakenForLatinWords) {
  // عمر romanises to "mr" and آدم to "adm": neither is the honorific Mr or the rank Adm.
  EXPECT_THAT(Texts("عمر محمود عثمان"), ElementsAre("mr", "mhmwd", "thman"));
  EXPECT_THAT(Variants("عمر محمود عثمان"), ElementsAre("umar", "mahmud", "uthman"));
  EXPECT_THAT(Texts("آدم خان"), ElementsAre("adm", "khan"));
  // Arabic-script honorifics do apply.
  NormalizedName n = normalizer_->Normalize("شيخ عمر", Schema::kPerson);
  EXPECT_THAT(n.removed, ElementsAre("shykh"));
  ASSERT_EQ(n.tokens.size(), 1u);
  EXPECT_EQ(n.tokens[0].variant, "umar");
  // بن is a particle when it comes from Arabic script.
  n = normalizer_->Normalize("موسى بن عمر", Schema::kPerson);
  ASSERT_EQ(n.tokens.size(), 3u);
  EXPECT_EQ(n.tokens[1].kind, TokenKind::kParticle);
}

TEST_F(NormalizerTest, ArabicPresentationFormsAndTatweel) {
  // U+FExx presentation forms (from the UN list) and the kashida fold like plain letters.
  EXPECT_THAT(Texts("ﺻﺍﻠﺡ ﻤﺣﻤﺩ"), ElementsAre("salh", "mhmd"));
  EXPECT_THAT(Texts("شعبـان"), Texts("شعبان"));
  EXPECT_THAT(Texts("ﷲ"), ElementsAre("allh"));
}

TEST_F(NormalizerTest, PersianZwnjSplitsAndPersianTableIsUsed) {
  EXPECT_THAT(Texts("عيسى زارع‌پور"), ElementsAre("ysy", "zar", "pvr"));
  EXPECT_THAT(Variants("عيسى زارع‌پور"), ElementsAre("isa", "zar", "pur"));
  // A Persian-only letter anywhere makes و "v" in every word.
  EXPECT_THAT(Texts("علی خامنه‌ای"), ElementsAre("ly", "khamnh", "ay"));
  EXPECT_THAT(Texts("محمود احمدی‌نژاد"), ElementsAre("mhmvd", "ahmdy", "nzhad"));
  EXPECT_THAT(Variants("محمود احمدی‌نژاد"),
              ElementsAre("mahmud", "ahmdy", "nejad"));
}

TEST_F(NormalizerTest, UrduAndPashtoLetters) {
  // Urdu ہ ڑ and Pashto ځ, which the BGN tables leave unconverted or write "dz".
  EXPECT_THAT(Texts("عامر علی چوہدری"), ElementsAre("mr", "ly", "chvhdry"));
  EXPECT_THAT(Texts("محمد عمر ځدران"), ElementsAre("mhmd", "mr", "zdran"));
  EXPECT_THAT(Texts("طارق گیدڑ"), ElementsAre("tarq", "gydr"));
}

TEST_F(NormalizerTest, Hebrew) {
  NormalizedName n = normalizer_->Normalize("אברהם כהן", Schema::kPerson);
  EXPECT_EQ(n.script, "Hebr");
  EXPECT_THAT(Texts("אברהם כהן"), ElementsAre("vrhm", "khhn"));
  EXPECT_THAT(Skeletons("אברהם כהן"), ElementsAre("rm", "kn"));
  EXPECT_THAT(Skeletons("Avraham Cohen"), ElementsAre("rm", "kn"));
}

TEST_F(NormalizerTest, HanOneTokenPerCharacter) {
  const std::string name = "習近平";
  NormalizedName n = normalizer_->Normalize(name, Schema::kPerson);
  EXPECT_EQ(n.script, "Hani");
  ASSERT_EQ(n.tokens.size(), 3u);
  EXPECT_EQ(n.tokens[0].text, "xi");
  EXPECT_EQ(n.tokens[1].text, "jin");
  EXPECT_EQ(n.tokens[2].text, "ping");
  EXPECT_EQ(name.substr(n.tokens[1].begin, n.tokens[1].end - n.tokens[1].begin), "近");
  EXPECT_THAT(Texts("Jin Tiesan (金铁三)"), ElementsAre("jin", "tiesan", "jin", "tie", "san"));
}

TEST_F(NormalizerTest, HangulOneTokenPerSyllableDprkStyle) {
  EXPECT_EQ(normalizer_->Normalize("김정은", Schema::kPerson).script, "Hang");
  EXPECT_THAT(Texts("김정은"), ElementsAre("kim", "jong", "un"));
  EXPECT_THAT(Texts("리영호"), ElementsAre("ri", "yong", "ho"));
  EXPECT_THAT(Texts("최룡해"), ElementsAre("choe", "ryong", "hae"));
  EXPECT_THAT(Texts("박봉주"), ElementsAre("pak", "pong", "ju"));
  EXPECT_THAT(Texts("이"), ElementsAre("yi"));
  EXPECT_THAT(Variants("리"), ElementsAre("ri"));
  EXPECT_THAT(Variants("Lee Park Choi"), ElementsAre("ri", "pak", "choe"));
  EXPECT_THAT(Texts("Kim Jong-un"), Texts("김정은"));
}

// Tokens of Han, Hangul and the Brahmic scripts keep their letters as written, for comparing two
// names in that script (Han in its simplified form); Latin tokens and words of two scripts do not.
TEST_F(NormalizerTest, OwnScriptTokensKeepTheirLetters) {
  auto surfaces = [](std::string_view name) {
    std::vector<std::string> out;
    for (const NameToken& t : normalizer_->Normalize(name, Schema::kPerson).tokens)
      out.push_back(t.surface);
    return out;
  };
  EXPECT_THAT(surfaces("김정은"), ElementsAre("김", "정", "은"));
  EXPECT_THAT(surfaces("習近平"), ElementsAre("习", "近", "平"));
  EXPECT_THAT(surfaces("नरेन्द्र मोदी"), ElementsAre("नरेन्द्र", "मोदी"));
  EXPECT_THAT(surfaces("Kim Jong Un"), ElementsAre("", "", ""));
  EXPECT_THAT(surfaces("Владимир"), ElementsAre(""));
  EXPECT_THAT(surfaces("Xनरेन्द्र"), ElementsAre(""));
}

// A Korean name in Han (a Korean surname, then one to three characters) also carries each
// character's Sino-Korean reading, as its variant; its text stays the Mandarin reading. Names of
// any other shape keep the Mandarin reading alone.
TEST_F(NormalizerTest, KoreanNamesInHanCarryTheirKoreanReading) {
  EXPECT_THAT(Texts("金正恩"), ElementsAre("jin", "zheng", "en"));
  EXPECT_THAT(Variants("金正恩"), ElementsAre("kim", "jong", "un"));
  EXPECT_THAT(Variants("김정은"), ElementsAre("kim", "jong", "un"));
  EXPECT_THAT(Variants("朴槿惠"), Variants("박근혜"));
  EXPECT_THAT(Variants("崔龍海"), Variants("최룡해"));
  EXPECT_THAT(Variants("习近平"), ElementsAre("xi", "jin", "ping"));  // 习 is no Korean surname
  EXPECT_THAT(Variants("金"), Variants("Jin"));                       // a surname alone
}

TEST_F(NormalizerTest, Kana) {
  EXPECT_THAT(Texts("ウラジーミル・プーチン"), ElementsAre("urajimiru", "puchin"));
  EXPECT_THAT(Texts("たなか"), ElementsAre("tanaka"));
  EXPECT_EQ(normalizer_->Normalize("トヨタ", Schema::kPerson).script, "Kana");
}

TEST_F(NormalizerTest, GeorgianArmenianDevanagariThai) {
  EXPECT_THAT(Texts("მიხეილ სააკაშვილი"), ElementsAre("mikheil", "saakashvili"));
  EXPECT_THAT(Texts("Նիկոլ Փաշինյան"), ElementsAre("nikol", "pashinyan"));
  EXPECT_THAT(Texts("नरेन्द्र मोदी"), ElementsAre("narendra", "modi"));
  EXPECT_EQ(normalizer_->Normalize("नरेन्द्र मोदी", Schema::kPerson).script, "Deva");
  NormalizedName thai = normalizer_->Normalize("ทักษิณ ชินวัตร", Schema::kPerson);
  EXPECT_EQ(thai.script, "Thai");
  ASSERT_FALSE(thai.tokens.empty());
  EXPECT_EQ(thai.tokens[0].text, "thaksin");
}

// A name in every script gets Latin tokens, never none (none made `compare` and `screen` refuse
// it as "no letters"): ICU's own chains where ICU has one, else the letters' Unicode names.
TEST_F(NormalizerTest, EveryScriptGivesLatinTokens) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Khmr", "ហ៊ុន សែន"},
      {"Laoo", "ທອງລຸນ ສີສຸລິດ"},
      {"Tibt", "བསྟན་འཛིན་རྒྱ་མཚོ"},
      {"Ethi", "አቢይ አሕመድ"},
      {"Geor", "მიხეილ სააკაშვილი"},
      {"Armn", "Նիկոլ Փաշինյան"},
      {"Thai", "ทักษิณ ชินวัตร"},
      {"Mymr", "မင်းအောင်လှိုင်"},
      {"Sinh", "මහින්ද රාජපක්ෂ"},
      {"Deva", "नरेन्द्र मोदी"},
      {"Beng", "শেখ হাসিনা"},
      {"Taml", "வேலுப்பிள்ளை பிரபாகரன்"},
      {"Telu", "చంద్రబాబు నాయుడు"},
      {"Gujr", "નરેન્દ્ર મોદી"},
      {"Guru", "ਮਨਮੋਹਨ ਸਿੰਘ"},
      {"Knda", "ಸಿದ್ದರಾಮಯ್ಯ"},
      {"Mlym", "പിണറായി വിജയൻ"},
      {"Orya", "ନବୀନ ପଟ୍ଟନାୟକ"},
      {"Grek", "Αλέξης Τσίπρας"},
      {"Hebr", "בנימין נתניהו"},
      {"Cyrl", "Владимир Путин"},
      {"Mong", "ᠴᠠᠬᠢᠶᠠᠭᠢᠨ ᠡᠯᠪᠡᠭᠳᠣᠷᠵ"},
      {"Cher", "ᏍᏏᏉᏯ"},
      {"Cans", "ᓄᓇᕗᑦ"},
      {"Hira", "たなか"},
      {"Kana", "プーチン"},
      {"Hang", "김정은"},
      {"Hani", "习近平"},
      {"Thaa", "މުހައްމަދު ނަޝީދު"},
      {"Syrc", "ܐܦܪܝܡ"},
      {"Yiii", "ꆈꌠꁱꂷ"},
      {"Vaii", "ꕙꔤ"},
      {"Tfng", "ⵜⴰⵎⴰⵣⵉⵖⵜ"},
      {"Copt", "ⲡⲁⲩⲗⲟⲥ"},
      {"Java", "ꦱꦸꦏꦂꦤꦺꦴ"},
      {"Olck", "ᱥᱟᱱᱛᱟᱲᱤ"},
      {"Glag", "ⰃⰎⰀⰃⰑⰎ"},
  };
  for (const auto& [script, name] : names) {
    NormalizedName n = normalizer_->Normalize(name, Schema::kPerson);
    EXPECT_EQ(n.script, script) << name;
    ASSERT_FALSE(n.tokens.empty()) << script << " " << name;
    for (const NameToken& t : n.tokens) {
      EXPECT_FALSE(t.text.empty()) << script;
      EXPECT_EQ(t.text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789"), std::string::npos)
          << script << " " << t.text;
    }
  }
}

// Where ICU has no chain, a letter reads as its Unicode name says, and an abugida's vowel sign
// replaces the consonant's inherent vowel ("HA" + "VOWEL SIGN U" is "hu", not "hau").
TEST_F(NormalizerTest, LettersWithoutAnIcuChainReadByTheirNames) {
  EXPECT_THAT(Texts("ហ៊ុន សែន"), ElementsAre("huno", "saeno"));  // Hun Sen
  // Left over by the Latin and Cyrillic chains, rare letters whose names are no sound: dropped.
  EXPECT_THAT(Texts("Maʃa Ѩkov"), ElementsAre("maa", "kov"));
  EXPECT_THAT(Texts("ᏍᏏᏉᏯ"), ElementsAre("ssiquoya"));  // Sequoyah: S, SI, QUO, YA
  EXPECT_THAT(Texts("ᓄᓇᕗᑦ"), ElementsAre("nonafot"));  // ICU reads ᓄ ᓇ ᑦ (Cree), the name ᕗ
}

// ICU has chains for these that Any-Latin does not pick: Sinhala (si-si_Latn) and Thaana
// (Maldivian-Latin/BGN, whose "ee" is how Maldivian names are spelt in Latin: Nasheed).
TEST_F(NormalizerTest, SinhalaAndThaanaUseTheirOwnChains) {
  EXPECT_THAT(Texts("මහින්ද රාජපක්ෂ"), ElementsAre("mahinda", "rajapaksa"));
  EXPECT_THAT(Texts("މުހައްމަދު ނަޝީދު"), ElementsAre("muhammadhu", "nasheedhu"));
}

TEST_F(NormalizerTest, NonAsciiDigits) {
  EXPECT_THAT(Texts("Unit ٣٢ / ३४"), ElementsAre("unit", "32", "34"));
  NormalizedName n = normalizer_->Normalize("Vessel 1998", Schema::kVessel);
  ASSERT_EQ(n.tokens.size(), 2u);
  EXPECT_EQ(n.tokens[1].kind, TokenKind::kNumber);
}

TEST_F(NormalizerTest, ToLatinJoinsTokensWithSpaces) {
  EXPECT_EQ(normalizer_->ToLatin("Müller-Lüdenscheidt, Dr."), "muller ludenscheidt dr");
  EXPECT_EQ(normalizer_->ToLatin("Сергей  Шойгу"), "sergey shoygu");
}

// ----- Affixes ----------------------------------------------------------------------------------

TEST_F(NormalizerTest, HonorificsDroppedFromPersonsKeptAsParticlesElsewhere) {
  NormalizedName p = normalizer_->Normalize("AL ZAWAHIRI, Dr. Ayman", Schema::kPerson);
  EXPECT_THAT(p.removed, ElementsAre("dr"));
  EXPECT_EQ(p.tokens.size(), 3u);
  // Any other name keeps them, at a particle's weight: "Bandar Imam Petrochemical" is a company
  // whether a list says so (organization) or not (entity).
  for (Schema s : {Schema::kEntity, Schema::kOrganization}) {
    NormalizedName e = normalizer_->Normalize("Sheikh Haji Khairullah", s);
    EXPECT_THAT(e.removed, IsEmpty());
    ASSERT_EQ(e.tokens.size(), 3u);
    EXPECT_EQ(e.tokens[0].kind, TokenKind::kParticle);
    EXPECT_EQ(e.tokens[1].kind, TokenKind::kParticle);
    EXPECT_EQ(e.tokens[2].kind, TokenKind::kWord);
  }
  // Never the whole name.
  NormalizedName alone = normalizer_->Normalize("Sheikh", Schema::kPerson);
  EXPECT_THAT(alone.removed, IsEmpty());
  EXPECT_THAT(Texts("Sheikh"), ElementsAre("sheikh"));
  // Multi-word titles.
  EXPECT_THAT(normalizer_->Normalize("Hojjat ol-Eslam Ali Akbar", Schema::kPerson).removed,
              ElementsAre("hojjat ol eslam"));
}

TEST_F(NormalizerTest, OrganisationUnitsAndTheirPlacesAreParticles) {
  auto kinds = [](const NormalizedName& n) {
    std::vector<TokenKind> out;
    for (const NameToken& t : n.tokens) out.push_back(t.kind);
    return out;
  };
  const TokenKind w = TokenKind::kWord, p = TokenKind::kParticle;
  for (Schema s : {Schema::kEntity, Schema::kOrganization}) {
    EXPECT_THAT(kinds(normalizer_->Normalize("Bank Melli Iran Head Office", s)),
                ElementsAre(w, w, w, p, p));
    EXPECT_THAT(kinds(normalizer_->Normalize("Branch of Dalir", s)), ElementsAre(p, p, w));
    // A place is a unit's only when a unit follows it.
    EXPECT_THAT(kinds(normalizer_->Normalize("Technopole Dubai Branch", s)), ElementsAre(w, p, p));
    EXPECT_THAT(kinds(normalizer_->Normalize("Dubai Technopole", s)), ElementsAre(w, w));
  }
  // Persons keep them as words, and a name of unit words alone stays as it is.
  EXPECT_THAT(kinds(normalizer_->Normalize("Navy Branch Office", Schema::kPerson)),
              ElementsAre(w, w, w));
  EXPECT_THAT(kinds(normalizer_->Normalize("Head Office", Schema::kOrganization)),
              ElementsAre(w, w));
}

TEST_F(NormalizerTest, LegalFormClasses) {
  const Schema o = Schema::kOrganization;
  for (const char* form : {"OAO", "JSC", "AO", "OJSC", "J.S.C.", "Open Joint Stock Company",
                           "Open J.S.C.", "Aktsionernoe Obshchestvo"})
    EXPECT_THAT(Texts(std::string(form) + " Kronshtadt", o), ElementsAre("jsc", "kronshtadt"))
        << form;
  for (const char* form : {"ZAO", "CJSC", "Closed AO", "Closed Joint Stock Company"})
    EXPECT_THAT(Texts(std::string(form) + " Kronshtadt", o), ElementsAre("cjsc", "kronshtadt"))
        << form;
  for (const char* form : {"PAO", "PJSC", "Public J.S.C.", "Public Joint Stock Company"})
    EXPECT_THAT(Texts(std::string(form) + " Kronshtadt", o), ElementsAre("pjsc", "kronshtadt"))
        << form;
  EXPECT_THAT(Texts("Obshchestvo s Ogranichennoi Otvetstvennostyu Alyans", o),
              ElementsAre("llc", "alyans"));
  EXPECT_THAT(Texts("Crowlands SA de C.V.", o), ElementsAre("crowlands", "sadecv"));
}

TEST_F(NormalizerTest, LegalFormWrittenBeforeAQuotedName) {
  const Schema o = Schema::kOrganization;
  auto first_kind = [](const NormalizedName& n) { return n.tokens.at(0).kind; };
  EXPECT_THAT(Texts("OOO \"Romashka\"", o), ElementsAre("llc", "romashka"));
  // "CO", "S.A." and "F.Z.E." are forms only at the end of a name, unless a quote follows them.
  EXPECT_THAT(Texts("CO \"TURIRA\"", o), ElementsAre("co", "turira"));
  EXPECT_EQ(first_kind(normalizer_->Normalize("CO \"TURIRA\"", o)), TokenKind::kLegalForm);
  EXPECT_EQ(first_kind(normalizer_->Normalize("CO TURIRA", o)), TokenKind::kWord);
  EXPECT_THAT(Texts("Co., Ltd. \u201cHaraz Shipping\u201d", o),
              ElementsAre("co", "ltd", "haraz", "shipping"));
  EXPECT_THAT(Texts("\u0410\u041e \u00ab\u0413\u0440\u0430\u043d\u0438\u0442\u00bb", o),
              ElementsAre("jsc", "granit"));
  // Words before the quote that are not all forms stay words.
  EXPECT_EQ(first_kind(normalizer_->Normalize("SA Trading \"Turira\"", o)), TokenKind::kWord);
  // A form alone before an empty quote is a name.
  EXPECT_THAT(Texts("CO \"\"", o), ElementsAre("co"));
}

TEST_F(NormalizerTest, LegalFormsAreRecognisedThroughOneTypo) {
  EXPECT_THAT(Texts("Saman Shipping Comoany Limitpd", Schema::kOrganization),
              ElementsAre("saman", "shipping", "co", "ltd"));
  EXPECT_THAT(Texts("Kumsan Trading Corporaption", Schema::kEntity),
              ElementsAre("kumsan", "trading", "corp"));
  // A letter dropped, and two letters swapped.
  EXPECT_THAT(Texts("Saman Shipping Compnay Limted", Schema::kOrganization),
              ElementsAre("saman", "shipping", "co", "ltd"));
  // A corrected word that is not part of a legal form keeps its own spelling.
  EXPECT_THAT(Texts("Gesellshaft Berlin", Schema::kOrganization),
              ElementsAre("gesellshaft", "berlin"));
  // Short words are not corrected (too many names are one letter from "ltd" or "sa").
  EXPECT_THAT(Texts("Reynolds Lttd", Schema::kOrganization), ElementsAre("reynolds", "lttd"));
  // Persons have no legal forms.
  EXPECT_THAT(Texts("Comoany Ali", Schema::kPerson), ElementsAre("comoany", "ali"));
}

TEST_F(NormalizerTest, RanksOnlyFromPersons) {
  EXPECT_THAT(normalizer_->Normalize("General Qasem Soleimani", Schema::kPerson).removed,
              ElementsAre("general"));
  EXPECT_THAT(Texts("General Trading Company", Schema::kEntity),
              ElementsAre("general", "trading", "co"));
  EXPECT_THAT(normalizer_->Normalize("Lt. Col. Ri Yong Ho", Schema::kPerson).removed,
              ElementsAre("lt col"));
}

TEST_F(NormalizerTest, SayyidIsKeptAsAName) {
  EXPECT_THAT(Texts("Sayed Ahmad"), ElementsAre("sayed", "ahmad"));
  EXPECT_THAT(Variants("Syed Seyed"), ElementsAre("sayyid", "sayyid"));
}

TEST_F(NormalizerTest, VesselPrefixesOnlyFromVesselsAndOnlyAtTheStart) {
  NormalizedName v = normalizer_->Normalize("M/V Ocean Star", Schema::kVessel);
  EXPECT_THAT(v.removed, ElementsAre("m v"));
  EXPECT_THAT(Texts("M/V Ocean Star", Schema::kVessel), ElementsAre("ocean", "star"));
  EXPECT_THAT(Texts("MT. Adrian Darya 1", Schema::kVessel), ElementsAre("adrian", "darya", "1"));
  EXPECT_THAT(Texts("Ocean MV", Schema::kVessel), ElementsAre("ocean", "mv"));
  EXPECT_THAT(Texts("MV Ocean", Schema::kPerson), ElementsAre("mv", "ocean"));
  EXPECT_THAT(Texts("MV", Schema::kVessel), ElementsAre("mv"));
}

TEST_F(NormalizerTest, Particles) {
  NormalizedName n =
      normalizer_->Normalize("Abu Bakr al-Baghdadi bin Ladin van der Berg y", Schema::kPerson);
  std::vector<TokenKind> kinds;
  for (const NameToken& t : n.tokens) kinds.push_back(t.kind);
  EXPECT_THAT(
      kinds, ElementsAre(TokenKind::kWord, TokenKind::kWord, TokenKind::kParticle, TokenKind::kWord,
                         TokenKind::kParticle, TokenKind::kWord, TokenKind::kParticle,
                         TokenKind::kParticle, TokenKind::kWord, TokenKind::kParticle));
  EXPECT_EQ(n.tokens[0].variant, "abu");
}

// ----- Legal forms ------------------------------------------------------------------------------

TEST_F(NormalizerTest, LegalFormsCanonicalAnywhere) {
  EXPECT_THAT(Texts("OOO Romashka", Schema::kOrganization), ElementsAre("llc", "romashka"));
  EXPECT_THAT(Texts("Romashka LLC", Schema::kOrganization), ElementsAre("romashka", "llc"));
  EXPECT_THAT(Texts("Romashka Limited Liability Company", Schema::kEntity),
              ElementsAre("romashka", "llc"));
  EXPECT_THAT(Texts("Общество с ограниченной ответственностью Ромашка", Schema::kOrganization),
              ElementsAre("llc", "romashka"));
  EXPECT_THAT(Texts("Publichnoe Aktsionernoe Obshchestvo Sberbank", Schema::kOrganization),
              ElementsAre("pjsc", "sberbank"));
  EXPECT_THAT(Texts("Grupo Bimbo, S.A. de C.V.", Schema::kOrganization),
              ElementsAre("grupo", "bimbo", "sadecv"));
  EXPECT_THAT(Texts("Foo Sp. z o.o.", Schema::kOrganization), ElementsAre("foo", "spzoo"));
  NormalizedName n = normalizer_->Normalize("Romashka LLC", Schema::kOrganization);
  EXPECT_EQ(n.tokens[1].kind, TokenKind::kLegalForm);
  EXPECT_EQ(n.tokens[1].variant, "llc");
}

TEST_F(NormalizerTest, CoLtdIsTwoForms) {
  const std::string name = "Anglo-Caribbean Co., Ltd.";
  NormalizedName n = normalizer_->Normalize(name, Schema::kEntity);
  EXPECT_THAT(Texts(name, Schema::kEntity), ElementsAre("anglo", "caribbean", "co", "ltd"));
  ASSERT_EQ(n.tokens.size(), 4u);
  EXPECT_EQ(n.tokens[2].kind, TokenKind::kLegalForm);
  EXPECT_EQ(n.tokens[3].kind, TokenKind::kLegalForm);
  EXPECT_EQ(name.substr(n.tokens[3].begin, n.tokens[3].end - n.tokens[3].begin), "Ltd");
}

TEST_F(NormalizerTest, ShortAmbiguousFormsOnlyAtTheEnd) {
  EXPECT_THAT(Texts("Statoil AS", Schema::kOrganization), ElementsAre("statoil", "as"));
  EXPECT_EQ(normalizer_->Normalize("Statoil AS", Schema::kOrganization).tokens[1].kind,
            TokenKind::kLegalForm);
  // "as" elsewhere is the Arabic article, a particle.
  NormalizedName n = normalizer_->Normalize("As Sahab Media", Schema::kOrganization);
  EXPECT_EQ(n.tokens[0].kind, TokenKind::kParticle);
  // "Ag" mid-name is Tuareg "son of"; alone a short form is a name.
  EXPECT_THAT(Texts("Iyad Ag Ghali", Schema::kEntity), ElementsAre("iyad", "ag", "ghali"));
  EXPECT_EQ(normalizer_->Normalize("SA", Schema::kOrganization).tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(normalizer_->Normalize("Nestle S.A.", Schema::kOrganization).tokens[1].text, "sa");
  // Start-anchored: PT Bank Mandiri; but "pt" at the end is not a form.
  EXPECT_THAT(Texts("PT Bank Mandiri", Schema::kOrganization),
              ElementsAre("pt", "bank", "mandiri"));
  EXPECT_EQ(normalizer_->Normalize("PT Bank Mandiri", Schema::kOrganization).tokens[0].kind,
            TokenKind::kLegalForm);
  EXPECT_EQ(normalizer_->Normalize("Bank PT", Schema::kOrganization).tokens[1].kind,
            TokenKind::kWord);
}

TEST_F(NormalizerTest, NoLegalFormsInPersonNames) {
  NormalizedName n = normalizer_->Normalize("Hans Limited", Schema::kPerson);
  EXPECT_EQ(n.tokens[1].kind, TokenKind::kWord);
  EXPECT_EQ(n.tokens[1].text, "limited");
}

// ----- Keys -------------------------------------------------------------------------------------

TEST_F(NormalizerTest, VariantGroups) {
  EXPECT_EQ(normalizer_->VariantOf("mohammed"), "muhammad");
  EXPECT_EQ(normalizer_->VariantOf("mohamad"), "muhammad");
  EXPECT_EQ(normalizer_->VariantOf("hossein"), "husayn");
  EXPECT_EQ(normalizer_->VariantOf("hasan"), "hasan");
  EXPECT_NE(normalizer_->VariantOf("hasan"), normalizer_->VariantOf("husayn"));
  EXPECT_EQ(normalizer_->VariantOf("abdal"), "abdul");
  EXPECT_EQ(normalizer_->VariantOf("alexander"), "aleksandr");
  EXPECT_EQ(normalizer_->VariantOf("iurii"), "yuri");
  EXPECT_EQ(normalizer_->VariantOf("qasem"), "qasim");
  EXPECT_EQ(normalizer_->VariantOf("jafar"), "jafar");  // "ja'far" in the file folds to it
  EXPECT_EQ(normalizer_->VariantOf("unknownname"), "unknownname");
  // Arabic-script entries are for transliterated tokens only: "ly" (علي) is not Ali in Latin.
  EXPECT_EQ(normalizer_->VariantOf("ly"), "ly");
  EXPECT_THAT(Variants("علي"), ElementsAre("ali"));
}

TEST_F(NormalizerTest, PhoneticRules) {
  EXPECT_EQ(normalizer_->PhoneticKey("khaled"), "haled");
  EXPECT_EQ(normalizer_->PhoneticKey("yuriy"), normalizer_->PhoneticKey("iurii"));
  EXPECT_EQ(normalizer_->PhoneticKey("yevgeniy"), normalizer_->PhoneticKey("evgeny"));
  EXPECT_EQ(normalizer_->PhoneticKey("sergey"), normalizer_->PhoneticKey("serguei"));
  EXPECT_EQ(normalizer_->PhoneticKey("schtschegolew"), normalizer_->PhoneticKey("shchegolev"));
  EXPECT_EQ(normalizer_->PhoneticKey("djamel"), "jamel");
  EXPECT_EQ(normalizer_->PhoneticKey("hassan"), "hasan");
  EXPECT_EQ(normalizer_->PhoneticKey("chataev"), normalizer_->PhoneticKey("chatayev"));
  EXPECT_EQ(normalizer_->PhoneticKey("carlos"), "karlos");
  EXPECT_EQ(normalizer_->PhoneticKey("cesar"), "sesar");
  EXPECT_EQ(normalizer_->PhoneticKey("youssef"), "yusef");
  EXPECT_NE(normalizer_->PhoneticKey("hasan"), normalizer_->PhoneticKey("husayn"));
}

TEST_F(NormalizerTest, Skeleton) {
  EXPECT_EQ(NameNormalizer::Skeleton("muhammad"), "mmt");
  EXPECT_EQ(NameNormalizer::Skeleton("mohamed"), "mmt");
  EXPECT_EQ(NameNormalizer::Skeleton("mhmd"), "mmt");
  EXPECT_EQ(NameNormalizer::Skeleton("qasim"), NameNormalizer::Skeleton("ghasem"));
  EXPECT_EQ(NameNormalizer::Skeleton("djamel"), NameNormalizer::Skeleton("jmal"));
  EXPECT_EQ(NameNormalizer::Skeleton("akkacha"), NameNormalizer::Skeleton("akashah"));
  EXPECT_EQ(NameNormalizer::Skeleton("belgacem"), NameNormalizer::Skeleton("blqasm"));
  EXPECT_EQ(NameNormalizer::Skeleton("noorzai"), NameNormalizer::Skeleton("nvrzy"));
  EXPECT_EQ(NameNormalizer::Skeleton("a"), "a");
  EXPECT_EQ(NameNormalizer::Skeleton(""), "");
  EXPECT_NE(NameNormalizer::Skeleton("ali"), NameNormalizer::Skeleton("ari"));
  EXPECT_NE(NameNormalizer::Skeleton("sami"), NameNormalizer::Skeleton("shami"));
}

TEST_F(NormalizerTest, DominantScript) {
  EXPECT_EQ(DominantScript("Ali علي علي"), "Arab");
  EXPECT_EQ(DominantScript("Ahmad علي"), "Latn");
  EXPECT_EQ(DominantScript("123 - ."), "Zyyy");
}

// ----- Concurrency ------------------------------------------------------------------------------

TEST_F(NormalizerTest, ConcurrentNonLatinNormalizationIsConsistent) {
  const std::vector<std::string> names = {"محمد جواد ظريف",
                                          "Владимир Путин",
                                          "金正恩",
                                          "김정은",
                                          "אברהם כהן",
                                          "Κυριάκος Μητσοτάκης",
                                          "ウラジーミル・プーチン",
                                          "علی خامنه‌ای",
                                          "Олександр Зінченко",
                                          "नरेन्द्र मोदी"};
  std::vector<std::string> expected;
  for (const std::string& n : names) expected.push_back(normalizer_->ToLatin(n));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        size_t k = static_cast<size_t>(t + i) % names.size();
        if (normalizer_->ToLatin(names[k]) != expected[k]) ++mismatches;
        if (normalizer_->Normalize(names[k], Schema::kPerson).tokens.empty()) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace interdict

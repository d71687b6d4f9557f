// Reverse screening (a list record against the customer book) must find exactly the pairs, with
// the scores and explanations, that forward screening of every customer against the lists finds.
#include "monitor/reverse_screen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <set>

#include "ingest/source.h"
#include "match/name_scorer.h"

namespace interdict {
namespace {

struct World {
  std::unique_ptr<NameNormalizer> normalizer;
  TokenStats stats;
  CountryTable countries;
  std::vector<Entity> records;  // the UN list
  std::unique_ptr<Matcher> lists;
  ScreeningDeps deps() const { return {normalizer.get(), &stats, &countries}; }
};

const World& TheWorld() {
  static const std::unique_ptr<World> w = [] {
    auto w = std::make_unique<World>();
    Status st = NameNormalizer::Load(INTERDICT_DATA, &w->normalizer);
    if (st.ok()) st = TokenStats::Load(std::string(INTERDICT_DATA) + "/token_stats.tsv", &w->stats);
    if (st.ok()) st = CountryTable::LoadDefault(INTERDICT_DATA, &w->countries);
    ParseOptions options;
    options.countries = &w->countries;
    ParseReport report;
    if (st.ok())
      st = ParseList(
          ListFormat::kUnXml, {std::string(INTERDICT_DATA) + "/lists/un-sc"}, options,
          [&](Entity&& e) {
            w->records.push_back(std::move(e));
            return Status::Ok();
          },
          &report);
    EXPECT_TRUE(st.ok()) << st.message();
    ListVersion v;
    v.id = 7;
    v.source = "un-sc";
    w->lists = std::make_unique<Matcher>(
        Snapshot::Build(w->records, {v}, *w->normalizer, w->stats, TokenSimilarityOf),
        *w->normalizer, w->stats, w->countries);
    return w;
  }();
  return *w;
}

// An innocent-looking book of `n` customers from common names, with variants of listed persons
// planted in it: the exact name, a typo, the tokens reversed, an alias, the original script.
std::vector<Customer> MakeBook(size_t n, const std::vector<Entity>& records, size_t* planted) {
  static const char* kGiven[] = {
      "James", "Maria", "Ahmed",    "Olga",  "Wei",   "Fatima", "John", "Elena",  "Omar",   "Anna",
      "Ivan",  "Sara",  "Mohammed", "Peter", "Aisha", "Carlos", "Yuki", "Hassan", "Ingrid", "Kofi"};
  static const char* kFamily[] = {"Smith",  "Garcia",  "Khan",   "Ivanova", "Chen",
                                  "Ali",    "Brown",   "Petrov", "Haddad",  "Mueller",
                                  "Kim",    "Nguyen",  "Rossi",  "Okafor",  "Silva",
                                  "Tanaka", "Hussein", "Jensen", "Lopez",   "Mensah"};
  std::mt19937 rng(13);
  std::vector<Customer> book;
  auto add = [&](std::string name, std::optional<Schema> type) {
    Customer c;
    c.id = "C-" + std::to_string(book.size() + 1);
    c.name = std::move(name);
    c.type = type;
    book.push_back(std::move(c));
  };
  *planted = 0;
  size_t variant = 0;
  for (size_t i = 0; i < records.size() && *planted < 60; i += 7) {
    const Entity& r = records[i];
    const std::string& name = r.primary_name().natural;
    std::string v = name;
    switch (variant++ % 5) {
      case 0:
        break;
      case 1: {  // a typo: two letters swapped in the longest token
        size_t pos = v.find(' ');
        const auto ascii = [&](size_t k) { return static_cast<unsigned char>(v[k]) < 0x80; };
        if (pos != std::string::npos && pos > 4 && ascii(pos - 2) && ascii(pos - 3))
          std::swap(v[pos - 2], v[pos - 3]);
        break;
      }
      case 2: {  // tokens reversed
        std::vector<std::string> tokens;
        for (size_t s = 0, e; s < name.size(); s = e + 1) {
          e = name.find(' ', s);
          if (e == std::string::npos) e = name.size();
          tokens.push_back(name.substr(s, e - s));
        }
        v.clear();
        for (auto it = tokens.rbegin(); it != tokens.rend(); ++it)
          v += (v.empty() ? "" : " ") + *it;
        break;
      }
      case 3:  // an alias of the record
        if (r.names.size() > 1) v = r.names[1].full;
        break;
      case 4:  // the original script, when the record has it
        for (const Name& nm : r.names)
          if (nm.kind == NameKind::kOriginalScript) v = nm.full;
        break;
    }
    add(v, r.schema == Schema::kPerson ? std::optional<Schema>(Schema::kPerson) : std::nullopt);
    ++*planted;
  }
  while (book.size() < n)
    add(std::string(kGiven[rng() % 20]) + " " + kFamily[rng() % 20] + " " + kFamily[rng() % 20],
        Schema::kPerson);
  return book;
}

std::string Key(const PairHit& h) {
  return h.customer_id + " | " + h.entity_id + " | " + std::to_string(h.score) + " | " +
         h.explanation;
}

TEST(ReverseScreenTest, MatchesForwardOracle) {
  const World& w = TheWorld();
  ASSERT_GT(w.records.size(), 500u);
  size_t planted = 0;
  std::vector<Customer> book = MakeBook(3000, w.records, &planted);
  ScreenPassOptions options;
  options.threads = 2;
  std::vector<const Customer*> all;
  for (const Customer& c : book) all.push_back(&c);
  // The delta: every third record, screened against the whole book; the oracle screens every
  // customer against all the records and keeps the pairs on the delta.
  std::vector<Entity> delta;
  std::set<std::string> delta_ids;
  for (size_t i = 0; i < w.records.size(); i += 3) {
    delta.push_back(w.records[i]);
    delta_ids.insert(w.records[i].id);
  }
  std::vector<PairHit> reverse, forward, all_forward;
  ASSERT_TRUE(ReverseScreen(all, delta, {{"un-sc", 7}}, w.deps(), options, &reverse).ok());
  ASSERT_TRUE(ForwardScreen(*w.lists, all, options, &all_forward).ok());
  for (const PairHit& h : all_forward)
    if (delta_ids.count(h.entity_id)) forward.push_back(h);

  // The planted variants are found (most of them: some typos fall below the threshold).
  std::set<std::string> planted_hit;
  for (const PairHit& h : all_forward)
    if (std::stoi(h.customer_id.substr(2)) <= static_cast<int>(planted))
      planted_hit.insert(h.customer_id);
  EXPECT_GE(planted_hit.size(), planted * 3 / 4) << "of " << planted;

  std::vector<std::string> r, f;
  for (const PairHit& h : reverse) r.push_back(Key(h));
  for (const PairHit& h : forward) f.push_back(Key(h));
  std::vector<std::string> missed, extra;
  std::set_difference(f.begin(), f.end(), r.begin(), r.end(), std::back_inserter(missed));
  std::set_difference(r.begin(), r.end(), f.begin(), f.end(), std::back_inserter(extra));
  EXPECT_TRUE(missed.empty()) << missed.size() << " pairs missed, e.g. " << missed[0];
  EXPECT_TRUE(extra.empty()) << extra.size() << " pairs too many, e.g. " << extra[0];
  EXPECT_EQ(r.size(), f.size());
  for (const PairHit& h : reverse) {
    EXPECT_EQ(h.list_version, 7);
    EXPECT_EQ(h.source, "un-sc");
    EXPECT_EQ(h.customer_fp.size(), 64u);
    EXPECT_EQ(h.entity_fp.size(), 64u);
  }
}

}  // namespace
}  // namespace interdict

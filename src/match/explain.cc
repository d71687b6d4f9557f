#include "match/explain.h"

#include <cmath>
#include <cstdio>

namespace interdict {
namespace {

std::string Slice(const std::string& text, const PreparedToken& t) {
  if (t.end > t.begin && t.end <= text.size()) return text.substr(t.begin, t.end - t.begin);
  return t.text;
}

std::string Span(const std::string& text, const PreparedName& name, const int idx[2]) {
  const PreparedToken& a = name.tokens[idx[0]];
  if (idx[1] < 0) return Slice(text, a);
  const PreparedToken& b = name.tokens[idx[1]];
  if (a.end > a.begin && b.end > a.begin && b.end <= text.size())
    return text.substr(a.begin, b.end - a.begin);
  return a.text + " " + b.text;
}

std::string EvidencePhrase(const TokenMatch& m) {
  std::string s;
  switch (m.evidence) {
    case Evidence::kExact:
      s = "same";
      break;
    case Evidence::kVariant:
      s = "romanisation variant";
      break;
    case Evidence::kSpelling:
      s = "spelling variant";
      break;
    case Evidence::kTransliteration:
      s = "transliteration";
      break;
    case Evidence::kPhonetic:
      s = "sounds alike";
      break;
    case Evidence::kTypo:
      s = "typo, " + std::to_string(m.edits) + (m.edits == 1 ? " edit" : " edits");
      break;
    case Evidence::kInitial:
      s = "initial";
      break;
    case Evidence::kNone:
      s = "no match";
      break;
  }
  if (m.joined) s += ", written " + std::string("joined/split");
  return s;
}

std::string Fixed(float v, int digits = 2) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, static_cast<double>(v));
  return buf;
}

std::string Signed(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f", static_cast<double>(v));
  return buf;
}

std::string KindPhrase(NameKind k) {
  switch (k) {
    case NameKind::kPrimary:
      return "name";
    case NameKind::kStrongAlias:
      return "alias";
    case NameKind::kWeakAlias:
      return "weak alias";
    case NameKind::kFormerName:
      return "former name";
    case NameKind::kOriginalScript:
      return "original-script name";
  }
  return "name";
}

std::string PairsPhrase(const Explanation& e) {
  std::string s;
  for (const TokenPairExplanation& p : e.pairs) {
    if (!s.empty()) s += ", ";
    s += "'" + p.query + "' ~ '" + p.list + "' (" + EvidencePhrase(p.match) + ")";
  }
  if (!e.unmatched_query.empty()) {
    s += s.empty() ? "" : "; ";
    s += "not on the list name:";
    for (const std::string& t : e.unmatched_query) s += " '" + t + "'";
  }
  if (!e.unmatched_list.empty()) {
    s += s.empty() ? "" : "; ";
    s += "not in the query:";
    for (const std::string& t : e.unmatched_list) s += " '" + t + "'";
  }
  return s;
}

}  // namespace

Explanation Explain(const std::string& query_text, const PreparedName& query, const Name& listed,
                    const PreparedName& list, const NameAlignment& alignment, float name_score) {
  Explanation e;
  e.list_name = listed.full;
  e.name_kind = listed.kind;
  e.name_score = name_score;
  for (const AlignedPair& p : alignment.pairs)
    e.pairs.push_back({Span(query_text, query, p.query), Span(listed.full, list, p.list), p.match});
  for (int i : alignment.unmatched_query)
    e.unmatched_query.push_back(Slice(query_text, query.tokens[i]));
  for (int j : alignment.unmatched_list)
    e.unmatched_list.push_back(Slice(listed.full, list.tokens[j]));
  return e;
}

std::string Sentence(const Entity& entity, const Explanation& e, float score) {
  std::string s = "Matched the " + KindPhrase(e.name_kind) + " '" + e.list_name + "' of " +
                  entity.id + " (score " + Fixed(score) + ")";
  std::string pairs = PairsPhrase(e);
  if (!pairs.empty()) s += ": " + pairs;
  for (const AttributeTerm& t : e.terms) s += "; " + t.detail + " (" + Signed(t.effect) + ")";
  return s + ".";
}

std::string PairSentence(const Explanation& e) {
  std::string s = "Name score " + Fixed(e.name_score);
  std::string pairs = PairsPhrase(e);
  if (!pairs.empty()) s += ": " + pairs;
  return s + ".";
}

double Round3(float v) { return std::round(static_cast<double>(v) * 1000) / 1000; }

void WriteExplanation(const Explanation& e, JsonSink* w) {
  // Keys in alphabetical order, as nlohmann::json writes its objects: the same text either way.
  w->BeginObject();
  w->Key("attributes");
  w->BeginArray();
  for (const AttributeTerm& t : e.terms) {
    w->BeginObject();
    w->Key("attribute");
    w->String(t.attribute);
    w->Key("detail");
    w->String(t.detail);
    w->Key("effect");
    w->Number(Round3(t.effect));
    w->EndObject();
  }
  w->EndArray();
  w->Key("list_only");
  w->Strings(e.unmatched_list);
  w->Key("matched_name");
  w->String(e.list_name);
  w->Key("name_kind");
  w->String(NameKindName(e.name_kind));
  w->Key("name_score");
  w->Number(Round3(e.name_score));
  w->Key("query_only");
  w->Strings(e.unmatched_query);
  w->Key("sentence");
  w->String(e.sentence);
  w->Key("tokens");
  w->BeginArray();
  for (const TokenPairExplanation& p : e.pairs) {
    w->BeginObject();
    if (p.match.evidence == Evidence::kTypo) {
      w->Key("edits");
      w->Integer(p.match.edits);
    }
    w->Key("evidence");
    w->String(EvidenceName(p.match.evidence));
    if (p.match.joined) {
      w->Key("joined");
      w->Bool(true);
    }
    w->Key("list");
    w->String(p.list);
    w->Key("query");
    w->String(p.query);
    w->Key("similarity");
    w->Number(Round3(p.match.similarity));
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

nlohmann::json ExplanationToJson(const Explanation& e) {
  JsonBuilder b;
  WriteExplanation(e, &b);
  return b.Take();
}

}  // namespace interdict

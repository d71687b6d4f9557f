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

void AppendEvidence(const TokenMatch& m, std::string* s) {
  switch (m.evidence) {
    case Evidence::kExact:
      *s += "same";
      break;
    case Evidence::kVariant:
      *s += "romanisation variant";
      break;
    case Evidence::kSpelling:
      *s += "spelling variant";
      break;
    case Evidence::kTransliteration:
      *s += "transliteration";
      break;
    case Evidence::kPhonetic:
      *s += "sounds alike";
      break;
    case Evidence::kTypo:
      *s += "typo, ";
      *s += std::to_string(m.edits);
      *s += m.edits == 1 ? " edit" : " edits";
      break;
    case Evidence::kInitial:
      *s += "initial";
      break;
    case Evidence::kNone:
      *s += "no match";
      break;
  }
  if (m.joined) *s += ", written joined/split";
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

// Appends the token pairs and the unpaired tokens, after `lead` when there are any.
void AppendPairs(const Explanation& e, const char* lead, std::string* s) {
  const size_t start = s->size();
  auto separate = [&](const char* between) { *s += s->size() == start ? lead : between; };
  for (const TokenPairExplanation& p : e.pairs) {
    separate(", ");
    *s += '\'';
    *s += p.query;
    *s += "' ~ '";
    *s += p.list;
    *s += "' (";
    AppendEvidence(p.match, s);
    *s += ')';
  }
  auto unpaired = [&](const std::vector<std::string>& tokens, const char* where) {
    if (tokens.empty()) return;
    separate("; ");
    *s += where;
    for (const std::string& t : tokens) {
      *s += " '";
      *s += t;
      *s += '\'';
    }
  };
  unpaired(e.unmatched_query, "not on the list name:");
  unpaired(e.unmatched_list, "not in the query:");
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
  for (int j : alignment.unmatched_list) {
    e.unmatched_list.push_back(Slice(listed.full, list.tokens[j]));
    e.unmatched_list_kinds.push_back(list.tokens[j].kind);
  }
  return e;
}

std::string Sentence(const Entity& entity, const Explanation& e, float score) {
  std::string s = "Matched the ";
  s.reserve(256);
  s += KindPhrase(e.name_kind);
  s += " '";
  s += e.list_name;
  s += "' of ";
  s += entity.id;
  s += " (score ";
  s += Fixed(score);
  s += ')';
  AppendPairs(e, ": ", &s);
  for (const AttributeTerm& t : e.terms) {
    s += "; ";
    s += t.detail;
    s += " (";
    s += Signed(t.effect);
    s += ')';
  }
  s += '.';
  return s;
}

std::string PairSentence(const Explanation& e) {
  std::string s = "Name score " + Fixed(e.name_score);
  AppendPairs(e, ": ", &s);
  s += '.';
  return s;
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

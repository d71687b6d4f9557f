#include "scan/message_screener.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/text.h"
#include "match/explain.h"
#include "scan/bank_codes.h"

namespace interdict {
namespace {

void SetField(const MessageValue& v, std::vector<Mention>* mentions) {
  for (Mention& m : *mentions) {
    m.hit.field = v.field;
    m.hit.line = v.line;
  }
}

bool KindsCompatible(const MessageParty::Id& id, IdKind listed) {
  return !id.has_kind || id.kind == listed || listed == IdKind::kOther;
}

// A listed identifier found in field value `v`.
Mention IdentifierMention(const MessageValue& v, const Entity& e, const Identifier& listed,
                          std::string_view what) {
  Mention m;
  m.hit.kind = HitKind::kIdentifier;
  m.hit.field = v.field;
  m.hit.line = v.line;
  m.hit.end = m.hit.char_end = static_cast<uint32_t>(v.text.size());
  m.hit.text = v.text;
  m.hit.score = 1.0f;
  m.hit.entity = &e;
  m.hit.identifier = listed.value;
  m.hit.sentence = "The " + std::string(what) + " " + v.text + " is listed as the " + listed.label +
                   " " + listed.value + " of " + e.id + " (" + e.primary_name().full + ").";
  return m;
}

// "KKBC" in "KOREA KWANGSON BANKING CORPORATION (KKBC)", "IRISL" in "ISLAMIC REPUBLIC OF IRAN
// SHIPPING LINES (IRISL)": a word of three letters or more whose letters are, in order, initials
// of the name's words (particles may be skipped), starting with a word's initial.
bool IsAcronymOf(std::string_view word, std::string_view name) {
  std::string initials;
  bool start = true;
  for (char c : name) {
    const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (letter && start) initials.push_back(static_cast<char>(std::tolower(c)));
    start = !letter;
  }
  std::string w;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c)))
      w.push_back(static_cast<char>(std::tolower(c)));
  if (w.size() < 3) return false;
  for (size_t from = initials.find(w[0]); from != std::string::npos;
       from = initials.find(w[0], from + 1)) {
    size_t k = 0;
    for (size_t i = from; i < initials.size() && k < w.size(); ++i) k += initials[i] == w[k];
    if (k == w.size()) return true;
  }
  return false;
}

// The list name's words that the field does not give, legal forms aside ("CLOSED JOINT-STOCK
// COMPANY" is the same organisation's form more often than another organisation) and so are
// the name's own acronyms.
std::vector<std::string> MissingWords(const Explanation& e) {
  std::vector<std::string> out;
  for (size_t i = 0; i < e.unmatched_list.size(); ++i)
    if (e.unmatched_list_kinds[i] != TokenKind::kLegalForm &&
        !IsAcronymOf(e.unmatched_list[i], e.list_name))
      out.push_back(e.unmatched_list[i]);
  return out;
}

// A party name that names one listed organisation completely ("ISLAMIC REPUBLIC OF IRAN SHIPPING
// LINES") does not name the longer listed names that hold its words and more (IRISL INVESTMENT,
// IRISL - CHINA SHIPPING LINES, IRGC AIR FORCE for IRGC), although the matcher scores them >= the
// threshold too: their distinguishing words are not in the message. They are left out, named in
// a note of the complete hit so that an analyst still sees them. Persons are never left out (a
// payment often drops a middle name), nor anything when no organisation is named completely.
void DropLongerNames(std::vector<Mention>* mentions) {
  auto organisation = [](const Mention& m) { return m.hit.entity->schema != Schema::kPerson; };
  float complete = -1;  // the best score of a complete organisation name, if any
  for (const Mention& m : *mentions)
    if (organisation(m) && MissingWords(m.hit.explanation).empty())
      complete = std::max(complete, m.hit.score);
  std::string left_out;
  std::vector<Mention> kept;
  for (Mention& m : *mentions) {
    const std::vector<std::string> missing = MissingWords(m.hit.explanation);
    if (complete < 0 || !organisation(m) || missing.empty() || m.hit.score > complete) {
      kept.push_back(std::move(m));
      continue;
    }
    left_out += " " + m.hit.entity->id + " (" + m.hit.explanation.list_name + ":";
    for (const std::string& w : missing) left_out += " '" + w + "'";
    left_out += " not in the field)";
  }
  *mentions = std::move(kept);
  if (left_out.empty()) return;
  for (Mention& m : *mentions)
    if (organisation(m) && MissingWords(m.hit.explanation).empty())
      m.hit.notes.push_back("longer listed names that the field does not name, left out:" +
                            left_out);
}

// Another reading of a free-format field (a later line, two lines joined) that is one word
// ("LINES", "DUBAI", "CIMEX") names a party only as a one-word organisation's whole name, matched
// all but for a legal form at >= kOneWordReadingScore: the matcher would take "LINES" for the
// person Lounici (0.82). (Screening such a reading at that threshold also costs less.)
constexpr float kOneWordReadingScore = 0.9f;

bool TakeFromOtherReading(std::string_view reading, const MatchResult& r) {
  if (reading.find(' ') == std::string_view::npos)
    return r.entity->schema != Schema::kPerson && r.score >= kOneWordReadingScore &&
           MissingWords(r.explanation).empty();
  return true;
}

}  // namespace

void MessageScreener::BicHits(const MessageValue& v, const std::set<const Entity*>& named,
                              ScanContext* context) const {
  std::set<const Entity*> seen = named;
  std::vector<Mention> mentions;
  for (const ListedBics::Listed& listed : scanner_.listed_bics().Of(v.text)) {
    if (!seen.insert(listed.entity).second) continue;
    Mention m = IdentifierMention(v, *listed.entity, *listed.id, "BIC");
    if (listed.bic != v.text && !(listed.bic.size() == 8 && EndsWith(v.text, "XXX")) &&
        !(v.text.size() == 8 && EndsWith(listed.bic, "XXX")))
      m.hit.notes.push_back("same institution (" + std::string(BicInstitution(v.text)) +
                            "), another branch: a branch is not a legal entity of its own");
    mentions.push_back(std::move(m));
  }
  context->Add(std::move(mentions));
}

Status MessageScreener::NameHits(const MessageParty& p, const std::vector<std::string>& codes,
                                 const ScanOptions& options, Matcher::Session* match_session,
                                 std::vector<Mention>* out) const {
  ScreeningQuery q;
  if (p.institution) q.schema = Schema::kOrganization;
  q.countries = codes;
  q.birth_dates = p.birth_dates;
  for (const MessageParty::Id& id : p.identifiers) {
    QueryIdentifier qi{id.value.text, std::nullopt};
    if (id.has_kind) qi.kind = id.kind;
    q.identifiers.push_back(std::move(qi));
  }
  if (!p.bic.empty()) q.identifiers.push_back({p.bic.text, IdKind::kSwiftBic});
  ScreenOptions so;
  so.threshold = options.threshold;
  so.limit = 10;
  so.deadline = options.deadline;
  std::vector<Mention>& mentions = *out;
  std::vector<const MessageValue*> readings{&p.name};
  for (const MessageValue& v : p.name_variants) readings.push_back(&v);
  for (const MessageValue* reading : readings) {
    q.name = reading->text;
    ScreenResult result;
    ScreenOptions reading_options = so;
    if (reading != &p.name && reading->text.find(' ') == std::string::npos)
      reading_options.threshold = std::max(so.threshold, kOneWordReadingScore);
    Status s = matcher_.Screen(q, reading_options, match_session, &result);
    if (!s.ok())
      return s.WithContext("line " + std::to_string(reading->line) + ": field " + reading->field +
                           " ('" + reading->text + "')");
    for (const MatchResult& r : result.matches) {
      if (reading != &p.name && !TakeFromOtherReading(reading->text, r)) continue;
      auto same = std::find_if(mentions.begin(), mentions.end(),
                               [&](const Mention& m) { return m.hit.entity == r.entity; });
      if (same != mentions.end() && same->hit.score >= r.score) continue;
      Mention m;
      m.hit.kind = HitKind::kParty;
      m.hit.field = reading->field;
      m.hit.line = reading->line;
      m.hit.end = static_cast<uint32_t>(reading->text.size());
      m.hit.text = reading->text;
      m.hit.score = r.score;
      m.hit.entity = r.entity;
      m.hit.explanation = r.explanation;
      m.hit.sentence = "The " + p.role + " (" + p.field + "): " + r.explanation.sentence;
      for (const std::string& w : result.warnings) m.hit.notes.push_back(w);
      if (reading != &p.name)
        m.hit.notes.push_back("read from the field's name and address lines: '" + reading->text +
                              "'");
      if (same != mentions.end()) {
        *same = std::move(m);
      } else {
        mentions.push_back(std::move(m));
      }
    }
  }
  DropLongerNames(&mentions);
  for (Mention& m : mentions) {
    std::vector<Hit*> one{&m.hit};
    FillCharOffsets(m.hit.text, &one);
  }
  return Status::Ok();
}

Status MessageScreener::Screen(const PaymentMessage& message, const ScanOptions& options,
                               Scanner::Session* scan_session, Matcher::Session* match_session,
                               std::vector<Hit>* out) const {
  ScanContext context;
  ScanOptions places_only = options;
  places_only.parties = false;
  const Snapshot& snapshot = scanner_.snapshot();
  auto scan_places = [&](const MessageValue& v) -> Status {
    if (!options.jurisdictions || Trim(v.text).empty()) return Status::Ok();
    std::vector<Mention> mentions;
    INTERDICT_RETURN_IF_ERROR(
        scanner_.ScanPart(v.text, places_only, scan_session, &mentions).WithContext(v.field));
    SetField(v, &mentions);
    context.Add(std::move(mentions));
    return Status::Ok();
  };
  auto code_mention = [&](const MessageValue& v, std::string_view code, std::string_view how,
                          uint32_t begin) {
    Mention m;
    if (!options.jurisdictions || !scanner_.CountryCodeMention(code, how, options, &m)) return;
    m.hit.field = v.field;
    m.hit.line = v.line;
    m.hit.begin = m.hit.char_begin = begin;
    m.hit.end = m.hit.char_end = begin + static_cast<uint32_t>(code.size());
    std::vector<Mention> one;
    one.push_back(std::move(m));
    context.Add(std::move(one));
  };
  // Listed identifiers of a compatible kind holding this value.
  auto identifier_hits = [&](const MessageParty::Id& id, const std::set<const Entity*>& already) {
    const std::string c = CanonicalIdentifier(id.value.text);
    if (c.size() < 4) return;
    std::set<const Entity*> seen = already;
    std::vector<Mention> mentions;
    for (uint32_t ent : snapshot.EntitiesWithIdentifier(c)) {
      const Entity& e = snapshot.entities()[ent];
      const Identifier* found = nullptr;
      for (const Identifier& listed : e.identifiers)
        if (CanonicalIdentifier(listed.value) == c && KindsCompatible(id, listed.kind))
          found = &listed;
      if (found == nullptr || !seen.insert(&e).second) continue;
      mentions.push_back(IdentifierMention(id.value, e, *found, "identifier"));
    }
    context.Add(std::move(mentions));
  };

  for (const MessageParty& p : message.parties) {
    std::set<const Entity*> named;
    std::vector<std::string> codes;
    for (const MessageValue& c : p.countries) {
      context.AddCountry(c.text);
      if (!countries_.NameOf(c.text).empty()) codes.push_back(c.text);
    }
    if (!p.name.empty() && options.parties) {
      std::vector<Mention> mentions;
      INTERDICT_RETURN_IF_ERROR(NameHits(p, codes, options, match_session, &mentions));
      for (const Mention& m : mentions) named.insert(m.hit.entity);
      context.Add(std::move(mentions));
    }
    if (!p.name.empty()) INTERDICT_RETURN_IF_ERROR(scan_places(p.name));
    for (const MessageValue& a : p.address) INTERDICT_RETURN_IF_ERROR(scan_places(a));
    // A country code counts once per party (50F may give it in its identifier, 3/, 5/, 6/, 7/).
    std::set<std::string> codes_seen;
    for (const MessageValue& c : p.countries)
      if (codes_seen.insert(c.text).second) code_mention(c, c.text, "country code", 0);
    for (const MessageValue& c : p.inferred_countries) {
      const size_t at = c.text.size() >= 2 ? c.text.size() - 2 : 0;
      code_mention(c, std::string_view(c.text).substr(at), "country code ending the address", 0);
    }
    if (!p.bic.empty()) {
      BicHits(p.bic, named, &context);
      code_mention(p.bic, BicCountry(p.bic.text), "BIC country", 4);
    }
    for (const MessageValue& iban : p.ibans)
      code_mention(iban, IbanCountry(iban.text), "IBAN country", 0);
    for (const MessageParty::Id& id : p.identifiers) identifier_hits(id, named);
  }
  for (const MessageValue& t : message.texts) {
    std::vector<Mention> mentions;
    INTERDICT_RETURN_IF_ERROR(
        scanner_.ScanPart(t.text, options, scan_session, &mentions).WithContext(t.field));
    SetField(t, &mentions);
    context.Add(std::move(mentions));
  }
  *out = context.Resolve();
  // In message order.
  std::stable_sort(out->begin(), out->end(),
                   [](const Hit& a, const Hit& b) { return a.line < b.line; });
  return Status::Ok();
}

}  // namespace interdict

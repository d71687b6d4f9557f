// The UN Security Council consolidated list (CONSOLIDATED_LIST -> INDIVIDUALS/INDIVIDUAL,
// ENTITIES/ENTITY), streamed with libxml2's SAX2 push parser: memory stays constant whatever the
// file size (one record is held at a time, plus the set of REFERENCE_NUMBERs seen).
//
// Security: no DTD is accepted at all (a DOCTYPE ends the parse with an error), so no entity is
// ever declared, expanded or fetched; XML_PARSE_NONET forbids network access on top of that.
//
// Mapping (element -> Entity field). Every element with content lands somewhere; an element this
// parser does not know is kept as an attribute "<element>" or "<group>_<element>" (lower case)
// and reported once in the warnings.
//   REFERENCE_NUMBER               id "un-sc:<ref>" (required, unique)
//   FIRST..FOURTH_NAME             primary name: the parts joined in that order (the UN writes
//                                  names in natural order)
//   NAME_ORIGINAL_SCRIPT           kOriginalScript name, script detected from the text; a
//                                  Cyrillic "Family Given Patronymic" gets natural order
//   *_ALIAS QUALITY/ALIAS_NAME     Good, a.k.a., n.k.a. -> kStrongAlias; Low -> kWeakAlias;
//                                  f.k.a. -> kFormerName; "a; b; c" -> three aliases
//   *_ALIAS DATE_OF_BIRTH, CITY_OF_BIRTH, COUNTRY_OF_BIRTH
//                                  birth_dates / birth_places (the person's, under that alias)
//   *_ALIAS NOTE                   attribute alias_note "<alias>: <note>"
//   INDIVIDUAL_DATE_OF_BIRTH       birth_dates: EXACT DATE|YEAR, APPROXIMATELY (circa), BETWEEN
//                                  FROM_YEAR/TO_YEAR; a NOTE holding a date ("Nov. 1973") is
//                                  parsed, one that does not ("24/06/1402 (Hijri Calendar)")
//                                  becomes attribute birth_date_text
//   INDIVIDUAL_PLACE_OF_BIRTH      birth_places "STREET, CITY, STATE_PROVINCE, COUNTRY (NOTE)"
//   NATIONALITY/VALUE              nationalities (CountryTable, original text kept)
//   *_ADDRESS                      addresses; NOTE -> attribute address_note "<address>: <note>"
//   INDIVIDUAL_DOCUMENT            identifiers (see DocumentKind); one without NUMBER becomes
//                                  attribute document (an identifier without a value would match
//                                  nothing and mislead)
//   GENDER                         gender "male" / "female"
//   TITLE/VALUE, DESIGNATION/VALUE titles
//   UN_LIST_TYPE                   programs "UN-<list>"
//   LISTED_ON                      listed_on
//   COMMENTS1                      remarks
//   DATAID, VERSIONNUM, LIST_TYPE/VALUE, LAST_DAY_UPDATED/VALUE, SORT_KEY*
//                                  attributes dataid, versionnum, list_type, last_day_updated,
//                                  sort_key, sort_key_last_mod
#include <libxml/SAX2.h>
#include <libxml/parser.h>

#include <array>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "ingest/control_char.h"
#include "ingest/date_text.h"
#include "ingest/parsers.h"
#include "ingest/xml_push.h"

namespace interdict {
namespace {

constexpr std::string_view kSource = "un-sc";

std::string_view AsView(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Runs of XML white space become one space; no space at either end. The UN wraps long values
// over several lines ("National Identification\n      Number").
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsXmlSpace(c)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string Lower(std::string_view s) { return AsciiLower(s); }

// Non-empty pieces joined with `sep`.
std::string Join(std::initializer_list<std::string_view> parts, std::string_view sep) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out.append(sep);
    out.append(p);
  }
  return out;
}

// The children of one group element (NATIONALITY, INDIVIDUAL_ALIAS, ...) in document order,
// with a mark for each child a mapping consumed; the rest is kept as attributes.
class Group {
 public:
  void Add(std::string name, std::string text) {
    fields_.push_back({std::move(name), std::move(text), false});
  }
  bool empty() const { return fields_.empty(); }
  void clear() { fields_.clear(); }

  // The first not yet consumed child `name` (now consumed), or "".
  std::string Take(std::string_view name) {
    for (Field& f : fields_) {
      if (!f.used && f.name == name) {
        f.used = true;
        return f.text;
      }
    }
    return "";
  }
  // Every child `name` with text, all consumed.
  std::vector<std::string> TakeAll(std::string_view name) {
    std::vector<std::string> out;
    for (Field& f : fields_) {
      if (f.name != name) continue;
      f.used = true;
      if (!f.text.empty()) out.push_back(f.text);
    }
    return out;
  }
  // Children nobody consumed that have text.
  template <typename Fn>
  void ForLeftovers(Fn fn) const {
    for (const Field& f : fields_)
      if (!f.used && !f.text.empty()) fn(f.name, f.text);
  }

 private:
  struct Field {
    std::string name;
    std::string text;
    bool used;
  };
  std::vector<Field> fields_;
};

bool SameDate(const BirthDate& a, const BirthDate& b) {
  return a.from == b.from && a.to == b.to && a.circa == b.circa;
}

void AddBirthDate(BirthDate d, Entity* e) {
  for (const BirthDate& x : e->birth_dates)
    if (SameDate(x, d)) return;
  e->birth_dates.push_back(std::move(d));
}

void AddUnique(std::string s, std::vector<std::string>* v) {
  if (s.empty()) return;
  for (const std::string& x : *v)
    if (x == s) return;
  v->push_back(std::move(s));
}

// Russian-style original-script names are often written family name first, patronymic last
// ("Умаров Доку Хаматович"); their natural order puts the family name last. Other names are
// returned unchanged.
std::string CyrillicNaturalOrder(const std::string& full) {
  std::vector<std::string_view> parts = SplitView(full, ' ');
  if (parts.size() != 3) return full;
  std::string_view last = parts[2];
  for (std::string_view suffix : {"ич", "вна", "чна", "ИЧ", "ВНА", "ЧНА"}) {
    if (EndsWith(last, suffix) && last.size() > suffix.size())
      return Join({parts[1], parts[2], parts[0]}, " ");
  }
  return full;
}

// TYPE_OF_DOCUMENT is "Passport" or "National Identification Number" (and, in 6 records, the
// French and Spanish for passport); TYPE_OF_DOCUMENT2 refines it in free text.
IdKind DocumentKind(std::string_view type, std::string_view type2) {
  std::string t = Lower(type), t2 = Lower(type2);
  auto has = [](const std::string& s, std::string_view w) {
    return s.find(w) != std::string::npos;
  };
  if (has(t2, "fiscal") || has(t2, "tax")) return IdKind::kTaxId;
  if (has(t2, "passport") || has(t, "passport") || has(t, "passeport") || has(t, "pasaporte"))
    return IdKind::kPassport;
  if (has(t2, "birth certificate") || has(t2, "ration card") || has(t2, "driver") ||
      has(t2, "voter") || has(t2, "student") || has(t2, "other id"))
    return IdKind::kOther;
  if (has(t, "identification") || has(t, "identity")) return IdKind::kNationalId;
  return IdKind::kOther;
}

// What the parser is inside of. Levels: 1 root, 2 INDIVIDUALS/ENTITIES, 3 a record, 4 a field of
// the record, 5 a child of a group field, 6+ anything deeper (flattened into its level-5 parent).
class UnParser {
 public:
  UnParser(std::string path, const ParseOptions& options, const EntitySink& sink,
           ParseReport* report)
      : path_(std::move(path)), options_(options), sink_(sink), report_(report) {}

  Status Run();

 private:
  friend xmlSAXHandler ListSaxHandler<UnParser>();

  struct Record {
    int line = 0;
    bool individual = false;
    std::string ref;
    std::array<std::string, 4> name_parts;
    std::string original_script;
    std::vector<Name> aliases;
    std::string loose_text;
    Entity e;
  };

  // libxml2 callbacks. They never let an exception through libxml2's C frames.
  static void StartElement(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                           const xmlChar* uri, int nb_namespaces, const xmlChar** namespaces,
                           int nb_attributes, int nb_defaulted, const xmlChar** attributes);
  static void EndElement(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                         const xmlChar* uri);
  static void Characters(void* ctx, const xmlChar* ch, int len);
  static void InternalSubset(void* ctx, const xmlChar* name, const xmlChar* external_id,
                             const xmlChar* system_id);
  static void OnXmlError(void* ctx, xmlErrorPtr error);
  void ReportXmlError(const xmlError& error);
  template <typename Fn>
  static void Guard(void* ctx, Fn fn);

  void OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes);
  void OnEnd(std::string_view name);
  void OnText(std::string_view text);

  void EndField(const std::string& name);
  void EndRecord();
  void MapAlias(Record* r);
  void MapAddress(Record* r);
  void MapBirthDate(Record* r);
  void MapPlaceOfBirth(Record* r);
  void MapDocument(Record* r);
  void KeepLeftovers(const std::string& group, Record* r);
  void Keep(const std::string& key, std::string value, Record* r);

  int Line() const { return push_.Line(); }
  std::string Where(int line) const { return path_ + ":" + std::to_string(line); }
  void Fail(Status s);
  void Warn(std::string w);
  void WarnOnce(const std::string& key, std::string w);

  const std::string path_;
  const ParseOptions& options_;
  const EntitySink& sink_;
  ParseReport* report_;

  XmlPush push_;
  Status status_;
  bool failed_ = false;

  int level_ = 0;
  std::vector<std::string> open_;  // names of the open elements, root first (see OnStart)
  int skip_from_ = 0;              // > 0: inside an element being skipped that opened at this level
  bool root_seen_ = false;
  bool root_closed_ = false;
  bool in_record_ = false;
  Record rec_;
  std::string field_;       // the level-4 element
  std::string field_text_;  // its own text
  std::string sub_;         // the level-5 element
  std::string sub_text_;
  Group group_;
  bool field_has_children_ = false;

  std::unordered_map<std::string, int> refs_;  // REFERENCE_NUMBER -> line of its record
  std::set<std::string> warned_;
};

template <typename Fn>
void UnParser::Guard(void* ctx, Fn fn) {
  auto* self = static_cast<UnParser*>(ctx);
  if (self->failed_) return;
  try {
    fn(self);
  } catch (const std::exception& ex) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": " + ex.what()));
  } catch (...) {
    self->Fail(Status::Internal(self->Where(self->Line()) + ": unknown exception"));
  }
}

void UnParser::StartElement(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*,
                            int, const xmlChar**, int nb_attributes, int,
                            const xmlChar** attributes) {
  Guard(ctx, [&](UnParser* p) { p->OnStart(AsView(localname), nb_attributes, attributes); });
}

void UnParser::EndElement(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*) {
  Guard(ctx, [&](UnParser* p) { p->OnEnd(AsView(localname)); });
}

void UnParser::Characters(void* ctx, const xmlChar* ch, int len) {
  Guard(ctx, [&](UnParser* p) {
    p->OnText(std::string_view(reinterpret_cast<const char*>(ch), static_cast<size_t>(len)));
  });
}

void UnParser::InternalSubset(void* ctx, const xmlChar* name, const xmlChar*, const xmlChar*) {
  Guard(ctx, [&](UnParser* p) {
    p->Fail(Status::InvalidInput(p->Where(p->Line()) + ": DOCTYPE " + std::string(AsView(name)) +
                                 " not accepted (the UN list has no DTD; entities are never "
                                 "loaded or expanded)"));
  });
}

void UnParser::OnXmlError(void* ctx, xmlErrorPtr error) {
  auto* self = static_cast<UnParser*>(ctx);
  if (error == nullptr || self->failed_) return;
  try {
    self->ReportXmlError(*error);
  } catch (...) {
    self->Fail(Status::Internal(self->path_ + ": out of memory while reporting an XML error"));
  }
}

void UnParser::ReportXmlError(const xmlError& error) {
  std::string msg = Collapse(error.message == nullptr ? "XML error" : error.message);
  std::string where = Where(error.line);
  if (error.level == XML_ERR_WARNING) {
    Warn(where + ": " + msg);
  } else if (push_.terminating && level_ > 0) {
    // libxml2 words a cut-off file in several ways ("Extra content at the end of the document",
    // "Premature end of data"); say what happened.
    std::string path;
    for (int i = 0; i < level_; ++i) path += "<" + open_[i] + ">";
    Fail(Status::InvalidInput(where + ": truncated file: it ends inside " + path + " (" + msg +
                              ")"));
  } else if (push_.terminating && !root_seen_) {
    Fail(Status::InvalidInput(where + ": no root element, not an XML document (" + msg + ")"));
  } else {
    Fail(Status::InvalidInput(where + ": " + msg));
  }
}

void UnParser::Fail(Status s) {
  if (failed_) return;
  failed_ = true;
  status_ = std::move(s);
  if (push_.ctxt != nullptr) xmlStopParser(push_.ctxt);
}

void UnParser::Warn(std::string w) { report_->warnings.push_back(std::move(w)); }

void UnParser::WarnOnce(const std::string& key, std::string w) {
  if (warned_.insert(key).second) Warn(std::move(w));
}

void UnParser::OnStart(std::string_view name, int nb_attributes, const xmlChar** attributes) {
  ++level_;
  // open_[0, level_) are the open elements; the slots are reused so that this allocates nothing
  // once the deepest level has been seen.
  if (open_.size() < static_cast<size_t>(level_)) open_.resize(level_);
  open_[level_ - 1].assign(name);
  if (skip_from_ > 0) return;
  switch (level_) {
    case 1:
      if (name != "CONSOLIDATED_LIST") {
        Fail(Status::InvalidInput(Where(Line()) + ": root element is <" + std::string(name) +
                                  ">, expected <CONSOLIDATED_LIST> (not a UN consolidated list)"));
        return;
      }
      root_seen_ = true;
      // Attributes come as (localname, prefix, URI, value begin, value end) tuples.
      for (int i = 0; i < nb_attributes; ++i) {
        const xmlChar** a = attributes + 5 * i;
        if (AsView(a[0]) == "dateGenerated") {
          report_->published = Collapse(std::string_view(reinterpret_cast<const char*>(a[3]),
                                                         static_cast<size_t>(a[4] - a[3])));
        }
      }
      if (report_->published.empty())
        Warn(path_ + ": no dateGenerated on <CONSOLIDATED_LIST>: publication date unknown");
      return;
    case 2:
      if (name != "INDIVIDUALS" && name != "ENTITIES") {
        WarnOnce("2:" + std::string(name),
                 Where(Line()) + ": unknown section <" + std::string(name) + "> skipped");
        skip_from_ = level_;
      }
      return;
    case 3:
      if (name != "INDIVIDUAL" && name != "ENTITY") {
        WarnOnce("3:" + std::string(name),
                 Where(Line()) + ": unknown record type <" + std::string(name) + "> skipped");
        skip_from_ = level_;
        return;
      }
      in_record_ = true;
      rec_ = Record();
      rec_.line = Line();
      rec_.individual = name == "INDIVIDUAL";
      return;
    case 4:
      field_.assign(name);
      field_text_.clear();
      group_.clear();
      field_has_children_ = false;
      return;
    case 5:
      field_has_children_ = true;
      sub_.assign(name);
      sub_text_.clear();
      return;
    default:
      WarnOnce("6:" + field_ + "/" + sub_ + "/" + std::string(name),
               Where(Line()) + ": unexpected <" + std::string(name) + "> inside <" + field_ + "><" +
                   sub_ + ">: its text is kept with <" + sub_ + ">");
      return;
  }
}

void UnParser::OnText(std::string_view text) {
  if (skip_from_ > 0) return;
  // XML 1.0 admits DEL (0x7F), and XML 1.1 other controls by reference: list text never holds one.
  if (size_t at = FindControlChar(text); at != std::string_view::npos) {
    const std::string in = level_ >= 5   ? "<" + sub_ + ">"
                           : level_ == 4 ? "<" + field_ + ">"
                                         : std::string("the text between elements");
    Fail(Status::InvalidInput(Where(Line()) + ": control character " + DescribeByte(text[at]) +
                              " in " + in + " (list text cannot hold one)"));
    return;
  }
  if (level_ == 4) {
    field_text_.append(text);
  } else if (level_ >= 5) {
    sub_text_.append(text);
  } else if (level_ == 3 && in_record_) {
    rec_.loose_text.append(text);  // text beside the record's elements: kept, see EndRecord
  } else if (!Trim(text).empty()) {
    WarnOnce("text", Where(Line()) + ": text outside any record ignored");
  }
}

void UnParser::OnEnd(std::string_view name) {
  const int level = level_--;
  if (skip_from_ > 0) {
    if (level == skip_from_) skip_from_ = 0;
    return;
  }
  switch (level) {
    case 1:
      root_closed_ = true;
      return;
    case 3:
      if (in_record_) EndRecord();
      in_record_ = false;
      return;
    case 4:
      EndField(field_);
      return;
    case 5:
      group_.Add(std::string(name), Collapse(sub_text_));
      return;
    default:
      // Level 6+: text already went to the level-5 buffer; separate it from what follows.
      if (level > 5) sub_text_.push_back(' ');
      return;
  }
}

void UnParser::Keep(const std::string& key, std::string value, Record* r) {
  if (value.empty()) return;
  r->e.attributes.push_back(Attribute{key, std::move(value)});
}

void UnParser::KeepLeftovers(const std::string& group, Record* r) {
  group_.ForLeftovers([&](const std::string& child, const std::string& text) {
    std::string key = Lower(group + "_" + child);
    WarnOnce("5:" + key, Where(Line()) + ": unknown element <" + group + "><" + child +
                             ">: kept as attribute " + key);
    Keep(key, text, r);
  });
}

void UnParser::EndField(const std::string& name) {
  Record* r = &rec_;
  Entity& e = r->e;
  // COMMENTS1 keeps its line breaks (they are the publisher's); everything else is collapsed.
  std::string text = name == "COMMENTS1" ? std::string(Trim(field_text_)) : Collapse(field_text_);

  if (!field_has_children_) {
    static constexpr std::array<std::string_view, 4> kNameParts = {"FIRST_NAME", "SECOND_NAME",
                                                                   "THIRD_NAME", "FOURTH_NAME"};
    for (size_t i = 0; i < kNameParts.size(); ++i) {
      if (name == kNameParts[i]) {
        r->name_parts[i] = Join({r->name_parts[i], text}, " ");
        return;
      }
    }
    if (name == "REFERENCE_NUMBER") {
      r->ref = text;
    } else if (name == "NAME_ORIGINAL_SCRIPT") {
      r->original_script = text;
    } else if (name == "UN_LIST_TYPE") {
      if (!text.empty()) AddUnique("UN-" + text, &e.programs);
    } else if (name == "LISTED_ON") {
      PartialDate d;
      if (text.empty()) {
      } else if (date_text::ParseIsoPrefix(text, &d) && d.day != 0) {
        // Ten records carry a time zone: "2015-04-07-04:00".
        e.listed_on = FormatPartialDate(d);
      } else {
        WarnOnce("listed_on", Where(Line()) + ": LISTED_ON '" + text +
                                  "' is not a YYYY-MM-DD date: kept as attribute listed_on_text");
        Keep("listed_on_text", text, r);
      }
    } else if (name == "GENDER") {
      std::string g = Lower(text);
      if (g == "male" || g == "female") {
        e.gender = g;
      } else {
        Keep("gender", text, r);
      }
    } else if (name == "COMMENTS1") {
      if (!text.empty()) e.remarks.push_back(text);
    } else if (name == "DATAID" || name == "VERSIONNUM" || name == "SORT_KEY" ||
               name == "SORT_KEY_LAST_MOD") {
      Keep(Lower(name), text, r);
    } else if (name == "NATIONALITY" || name == "TITLE" || name == "DESIGNATION" ||
               name == "LIST_TYPE" || name == "LAST_DAY_UPDATED" || name == "INDIVIDUAL_ALIAS" ||
               name == "ENTITY_ALIAS" || name == "INDIVIDUAL_ADDRESS" || name == "ENTITY_ADDRESS" ||
               name == "INDIVIDUAL_DATE_OF_BIRTH" || name == "INDIVIDUAL_PLACE_OF_BIRTH" ||
               name == "INDIVIDUAL_DOCUMENT") {
      // An empty group (<INDIVIDUAL_DOCUMENT/>): nothing said.
      if (!text.empty()) Keep(Lower(name), text, r);
    } else if (!text.empty()) {
      std::string key = Lower(name);
      WarnOnce("4:" + key,
               Where(Line()) + ": unknown element <" + name + ">: kept as attribute " + key);
      Keep(key, text, r);
    }
    return;
  }

  if (!text.empty()) Keep(Lower(name), text, r);  // mixed content: text beside child elements
  if (name == "NATIONALITY") {
    for (std::string& v : group_.TakeAll("VALUE"))
      e.nationalities.push_back(options_.countries->Make(v));
  } else if (name == "TITLE" || name == "DESIGNATION") {
    for (std::string& v : group_.TakeAll("VALUE")) AddUnique(std::move(v), &e.titles);
  } else if (name == "LIST_TYPE" || name == "LAST_DAY_UPDATED") {
    for (std::string& v : group_.TakeAll("VALUE")) Keep(Lower(name), std::move(v), r);
  } else if (name == "INDIVIDUAL_ALIAS" || name == "ENTITY_ALIAS") {
    MapAlias(r);
  } else if (name == "INDIVIDUAL_ADDRESS" || name == "ENTITY_ADDRESS") {
    MapAddress(r);
  } else if (name == "INDIVIDUAL_DATE_OF_BIRTH") {
    MapBirthDate(r);
  } else if (name == "INDIVIDUAL_PLACE_OF_BIRTH") {
    MapPlaceOfBirth(r);
  } else if (name == "INDIVIDUAL_DOCUMENT") {
    MapDocument(r);
  }
  KeepLeftovers(name, r);
}

void UnParser::MapAlias(Record* r) {
  std::string quality = group_.Take("QUALITY");
  std::string names = group_.Take("ALIAS_NAME");
  std::string note = group_.Take("NOTE");
  std::string dob = group_.Take("DATE_OF_BIRTH");
  std::string city = group_.Take("CITY_OF_BIRTH");
  std::string country = group_.Take("COUNTRY_OF_BIRTH");

  NameKind kind = NameKind::kStrongAlias;
  std::string q = Lower(quality);
  if (q == "low") {
    kind = NameKind::kWeakAlias;
  } else if (q == "f.k.a.") {
    kind = NameKind::kFormerName;
  } else if (q != "good" && q != "a.k.a." && q != "n.k.a." && !names.empty()) {
    WarnOnce("quality:" + q,
             Where(Line()) + ": unknown alias QUALITY '" + quality + "': read as a strong alias");
  }
  // One ALIAS_NAME may hold several names: "Halen Bakhtiar; Haleh Bakhtiari; Haleh Bakhtiyar".
  for (std::string_view piece : SplitView(names, ';')) {
    std::string full = Collapse(piece);
    if (full.empty()) continue;
    Name n;
    n.natural = full;
    n.full = std::move(full);
    n.kind = kind;
    n.script = date_text::DominantScriptCode(n.full);
    r->aliases.push_back(std::move(n));
  }
  if (!note.empty()) Keep("alias_note", names.empty() ? note : names + ": " + note, r);
  if (!dob.empty()) {
    BirthDate d;
    d.original = dob;
    if (date_text::ParseFreeText(dob, &d)) {
      AddBirthDate(std::move(d), &r->e);
    } else {
      Keep("birth_date_text", dob, r);
    }
  }
  AddUnique(Join({city, country}, ", "), &r->e.birth_places);
}

void UnParser::MapAddress(Record* r) {
  Address a;
  a.street = group_.Take("STREET");
  a.city = group_.Take("CITY");
  a.state = group_.Take("STATE_PROVINCE");
  a.postal_code = group_.Take("ZIP_CODE");
  std::string country = group_.Take("COUNTRY");
  std::string note = group_.Take("NOTE");
  if (!country.empty()) a.country = options_.countries->Make(country);
  std::string whole = Join({a.street, a.city, a.state, a.postal_code, country}, ", ");
  if (!whole.empty()) r->e.addresses.push_back(std::move(a));
  if (!note.empty()) Keep("address_note", whole.empty() ? note : whole + ": " + note, r);
}

void UnParser::MapBirthDate(Record* r) {
  std::string type = group_.Take("TYPE_OF_DATE");
  std::string date = group_.Take("DATE");
  std::string year = group_.Take("YEAR");
  std::string from = group_.Take("FROM_YEAR");
  std::string to = group_.Take("TO_YEAR");
  std::string note = group_.Take("NOTE");
  std::string t = Lower(type);
  if (date.empty() && year.empty() && from.empty() && to.empty() && note.empty()) return;

  BirthDate d;
  bool ok = false;
  const bool approximately = t == "approximately" || Lower(note) == "approximately";
  if (t == "between" || !from.empty() || !to.empty()) {
    PartialDate a, b;
    ok = date_text::ParseIsoPrefix(from, &a) && date_text::ParseIsoPrefix(to, &b) && a.month == 0 &&
         b.month == 0;
    if (ok && a.year > b.year) std::swap(a, b);
    d.from = a;
    d.to = b;
    d.original = "between " + from + " and " + to;
  } else if (!date.empty() || !year.empty()) {
    std::string_view value = !date.empty() ? std::string_view(date) : std::string_view(year);
    ok = date_text::ParseIsoPrefix(value, &d.from);
    d.to = d.from;
    d.original = std::string(value);
    // EXACT YEAR with NOTE "Sep." means September of that year.
    BirthDate refined;
    if (ok && date.empty() && !note.empty() && !approximately &&
        date_text::ParseFreeText(note + " " + year, &refined) && refined.from == refined.to &&
        refined.from.year == d.from.year) {
      d.from = d.to = refined.from;
      d.original = note + " " + year;
      note.clear();
    }
  } else {
    // Only a NOTE: "Nov. 1973", "Between Aug. and Sep. 1977", "30-35 years old".
    ok = date_text::ParseFreeText(note, &d);
    d.original = note;
    note.clear();
  }
  if (t != "exact" && t != "approximately" && t != "between" && !t.empty())
    WarnOnce("type_of_date:" + t,
             Where(Line()) + ": unknown TYPE_OF_DATE '" + type + "': read from its values");
  if (approximately) {
    d.circa = true;
    d.original = "approximately " + d.original;
    if (Lower(note) == "approximately") note.clear();
  }
  if (!note.empty()) d.original += " (" + note + ")";
  if (ok && d.from.year != 0) {
    AddBirthDate(std::move(d), &r->e);
  } else {
    Keep("birth_date_text", d.original, r);
  }
}

void UnParser::MapPlaceOfBirth(Record* r) {
  std::string street = group_.Take("STREET");
  std::string city = group_.Take("CITY");
  std::string state = group_.Take("STATE_PROVINCE");
  std::string country = group_.Take("COUNTRY");
  std::string note = group_.Take("NOTE");
  std::string place = Join({street, city, state, country}, ", ");
  if (!note.empty()) {
    std::string_view n = note;
    if (n.size() >= 2 && n.front() == '(' && n.back() == ')') n = n.substr(1, n.size() - 2);
    place = place.empty() ? std::string(n) : place + " (" + std::string(n) + ")";
  }
  AddUnique(std::move(place), &r->e.birth_places);
}

void UnParser::MapDocument(Record* r) {
  std::string type = group_.Take("TYPE_OF_DOCUMENT");
  std::string type2 = group_.Take("TYPE_OF_DOCUMENT2");
  std::string number = group_.Take("NUMBER");
  std::string issuing = group_.Take("ISSUING_COUNTRY");
  std::string country_of_issue = group_.Take("COUNTRY_OF_ISSUE");
  std::string date = group_.Take("DATE_OF_ISSUE");
  std::string city = group_.Take("CITY_OF_ISSUE");
  std::string note = group_.Take("NOTE");
  if (type.empty() && type2.empty() && number.empty() && issuing.empty() &&
      country_of_issue.empty() && date.empty() && city.empty() && note.empty())
    return;

  Identifier id;
  id.kind = DocumentKind(type, type2);
  id.value = number;
  // TYPE_OF_DOCUMENT2 is often the same word again ("Passport") or a dangling "number:".
  std::string extra(Trim(type2));
  while (!extra.empty() && (extra.back() == ':' || extra.back() == ' ')) extra.pop_back();
  id.label = type;
  if (!extra.empty() && Lower(extra) != Lower(type))
    id.label = type.empty() ? extra : type + " (" + extra + ")";
  std::string country = !issuing.empty() ? issuing : country_of_issue;
  if (!country.empty()) id.country = options_.countries->Make(country);
  std::string other_country;
  if (!issuing.empty() && !country_of_issue.empty() &&
      options_.countries->Resolve(issuing) != options_.countries->Resolve(country_of_issue))
    other_country = "country of issue " + country_of_issue;
  id.note = Join(
      {date.empty() ? "" : "issued " + date, city.empty() ? "" : "in " + city, other_country, note},
      "; ");
  if (id.value.empty()) {
    Keep("document", Join({id.label, country, id.note}, "; "), r);
    return;
  }
  r->e.identifiers.push_back(std::move(id));
}

void UnParser::EndRecord() {
  Record& r = rec_;
  const char* what = r.individual ? "INDIVIDUAL" : "ENTITY";
  if (r.ref.empty()) {
    Fail(Status::InvalidInput(Where(r.line) + ": " + what + " without REFERENCE_NUMBER"));
    return;
  }
  auto [it, inserted] = refs_.emplace(r.ref, r.line);
  if (!inserted) {
    Fail(Status::InvalidInput(Where(r.line) + ": duplicate REFERENCE_NUMBER " + r.ref +
                              " (first at line " + std::to_string(it->second) + ")"));
    return;
  }
  Entity& e = r.e;
  if (std::string text = Collapse(r.loose_text); !text.empty()) {
    WarnOnce("loose",
             Where(r.line) + ": text directly inside <" + what + ">: kept as attribute text");
    e.attributes.push_back(Attribute{"text", std::move(text)});
  }
  e.id = std::string(kSource) + ":" + r.ref;
  e.source = std::string(kSource);
  e.schema = r.individual ? Schema::kPerson : Schema::kOrganization;

  std::string primary =
      Join({r.name_parts[0], r.name_parts[1], r.name_parts[2], r.name_parts[3]}, " ");
  if (primary.empty()) {
    Fail(Status::InvalidInput(Where(r.line) + ": " + what + " " + r.ref + " has no name"));
    return;
  }
  std::vector<Name> names;
  auto add = [&names, &r](std::string full, NameKind kind) {
    for (const Name& n : names)
      if (n.full == full) return;  // the UN repeats aliases ("Dokka Umarov" twice on QDi.290)
    Name n;
    n.script = date_text::DominantScriptCode(full);
    n.natural = kind == NameKind::kOriginalScript && r.individual && n.script == "Cyrl"
                    ? CyrillicNaturalOrder(full)
                    : full;
    n.full = std::move(full);
    n.kind = kind;
    names.push_back(std::move(n));
  };
  add(primary, NameKind::kPrimary);
  if (!r.original_script.empty()) add(r.original_script, NameKind::kOriginalScript);
  for (Name& n : r.aliases) add(std::move(n.full), n.kind);
  e.names = std::move(names);

  Status s = sink_(std::move(e));
  if (!s.ok()) Fail(std::move(s));
}

Status UnParser::Run() {
  xmlSAXHandler sax = ListSaxHandler<UnParser>();
  int rc = 0;
  INTERDICT_RETURN_IF_ERROR(PushXmlFile(
      path_, &sax, this, [this] { return failed_; }, &push_, &rc));
  if (failed_) return status_;
  if (rc != 0)
    return Status::InvalidInput(Where(Line()) + ": XML parse error " + std::to_string(rc));
  if (!root_seen_ || !root_closed_)
    return Status::InvalidInput(Where(Line()) + ": truncated file: <CONSOLIDATED_LIST> not closed");
  return Status::Ok();
}

}  // namespace

Status ParseUnXml(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                  const EntitySink& sink, ParseReport* report) {
  if (options.countries == nullptr) return Status::Internal("ParseUnXml: no country table");
  ParseReport local;
  if (report == nullptr) report = &local;
  std::vector<std::filesystem::path> files;
  INTERDICT_RETURN_IF_ERROR(ResolveInputFiles(ListFormat::kUnXml, paths, &files));
  if (files.size() != 1) {
    return Status::InvalidInput("un-sc: expected one XML file, got " +
                                std::to_string(files.size()));
  }
  report->files.push_back(files[0]);
  try {
    UnParser parser(files[0].string(), options, sink, report);
    return parser.Run();
  } catch (const std::exception& ex) {
    return Status::Internal(files[0].string() + ": " + ex.what());
  } catch (...) {
    return Status::Internal(files[0].string() + ": unknown exception");
  }
}

}  // namespace interdict

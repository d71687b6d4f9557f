#include "scan/pacs008.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/text.h"
#include "scan/bank_codes.h"

namespace interdict {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

bool Is(const xmlNode* n, const char* name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

const xmlNode* Child(const xmlNode* n, const char* name) {
  if (n == nullptr) return nullptr;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next)
    if (Is(c, name)) return c;
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  if (n == nullptr) return out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next)
    if (Is(c, name)) out.push_back(c);
  return out;
}

// Every element called `name`, in document order (not looking inside one found).
void FindAll(const xmlNode* n, const char* name, std::vector<const xmlNode*>* out) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (Is(c, name)) {
      out->push_back(c);
    } else {
      FindAll(c->children, name, out);
    }
  }
}

std::string Text(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c != nullptr ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return std::string(Trim(s));
}

int LineOf(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(n)); }

// The path of `n` below `top`, as fields are named: "GrpHdr/SttlmInf/InstgRmbrsmntAgt",
// "CdtTrfTxInf[2]/ChrgsInf[1]/Agt". A transaction is always numbered, another element only when
// it repeats.
std::string PathFrom(const xmlNode* top, const xmlNode* n) {
  std::vector<std::string> parts;
  for (; n != nullptr && n != top; n = n->parent) {
    std::string part = reinterpret_cast<const char*>(n->name);
    size_t index = 0, same = 0;
    for (const xmlNode* c = n->parent != nullptr ? n->parent->children : nullptr; c != nullptr;
         c = c->next) {
      if (!Is(c, part.c_str())) continue;
      ++same;
      if (c == n) index = same;
    }
    if (same > 1 || part == "CdtTrfTxInf") part += "[" + std::to_string(index) + "]";
    parts.push_back(std::move(part));
  }
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += (out.empty() ? "" : "/") + *it;
  return out;
}

// The business application header that travels with message `m`: an AppHdr beside the
// Document (or an element enclosing it) in the envelope, or nullptr.
const xmlNode* AppHdrOf(const xmlNode* m) {
  for (const xmlNode* n = m; n != nullptr && n->parent != nullptr; n = n->parent)
    if (const xmlNode* h = Child(n->parent, "AppHdr")) return h;
  return nullptr;
}

class Reader {
 public:
  explicit Reader(PaymentMessage* msg) : msg_(msg) {}

  Status Bad(const xmlNode* n, const std::string& path, const std::string& why) const {
    return Status::InvalidInput("line " + std::to_string(LineOf(n)) + ": " + path + ": " + why);
  }

  MessageValue Value(const xmlNode* n, const std::string& path) const {
    return MessageValue{path, Text(n), LineOf(n)};
  }

  Status Country(const xmlNode* n, const std::string& path, MessageParty* p) const {
    MessageValue v = Value(n, path);
    if (v.text.size() != 2 || !IsAsciiUpper(v.text))
      return Bad(n, path, "'" + v.text + "' is not an ISO 3166 country code (two capitals)");
    p->countries.push_back(std::move(v));
    return Status::Ok();
  }

  Status Bic(const xmlNode* n, const std::string& path, MessageParty* p) {
    MessageValue v = Value(n, path);
    if (!IsBic(v.text)) return Bad(n, path, "'" + v.text + "' is not a BIC");
    p->bic = std::move(v);
    bics_read_.insert(n);
    return Status::Ok();
  }

  // Every BICFI and AnyBIC under `top` that no party or agent above read (the settlement
  // information's reimbursement agents, ChrgsInf/Agt, the agents of a newer version...), as a
  // party with only a BIC, named by its path from the message.
  Status OtherBics(const xmlNode* top) {
    std::vector<const xmlNode*> found;
    FindAll(top->children, "BICFI", &found);
    FindAll(top->children, "AnyBIC", &found);
    for (const xmlNode* b : found) {
      if (bics_read_.count(b)) continue;
      MessageParty p;
      p.field = PathFrom(top, b->parent);
      p.role = "other institution";
      p.institution = true;
      INTERDICT_RETURN_IF_ERROR(Bic(b, PathFrom(top, b), &p));
      msg_->parties.push_back(std::move(p));
    }
    return Status::Ok();
  }

  Status Address(const xmlNode* adr, const std::string& path, MessageParty* p) const {
    if (adr == nullptr) return Status::Ok();
    for (const char* tag : {"StrtNm", "BldgNm", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn"}) {
      if (const xmlNode* c = Child(adr, tag)) p->address.push_back(Value(c, path + "/" + tag));
    }
    std::vector<const xmlNode*> lines = Children(adr, "AdrLine");
    for (size_t i = 0; i < lines.size(); ++i)
      p->address.push_back(Value(lines[i], path + "/AdrLine[" + std::to_string(i + 1) + "]"));
    if (const xmlNode* c = Child(adr, "Ctry"))
      INTERDICT_RETURN_IF_ERROR(Country(c, path + "/Ctry", p));
    return Status::Ok();
  }

  void Identifier(const xmlNode* n, const std::string& path, const char* scheme,
                  MessageParty* p) const {
    MessageParty::Id id;
    id.value = Value(n, path);
    if (scheme != nullptr) {
      const std::string s = scheme;
      if (s == "CCPT") {
        id.has_kind = true;
        id.kind = IdKind::kPassport;
      } else if (s == "NIDN") {
        id.has_kind = true;
        id.kind = IdKind::kNationalId;
      } else if (s == "TXID") {
        id.has_kind = true;
        id.kind = IdKind::kTaxId;
      }
    }
    if (!id.value.text.empty()) p->identifiers.push_back(std::move(id));
  }

  // PartyIdentification: Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty.
  Status Party(const xmlNode* n, const std::string& path, const std::string& role) {
    MessageParty p;
    p.field = path;
    p.role = role;
    if (const xmlNode* nm = Child(n, "Nm")) p.name = Value(nm, path + "/Nm");
    INTERDICT_RETURN_IF_ERROR(Address(Child(n, "PstlAdr"), path + "/PstlAdr", &p));
    // Residence before birth: the screener reports a country code once per party, and the
    // country a party lives in is the stronger signal.
    if (const xmlNode* c = Child(n, "CtryOfRes"))
      INTERDICT_RETURN_IF_ERROR(Country(c, path + "/CtryOfRes", &p));
    const xmlNode* id = Child(n, "Id");
    if (const xmlNode* org = Child(id, "OrgId")) {
      if (const xmlNode* b = Child(org, "AnyBIC"))
        INTERDICT_RETURN_IF_ERROR(Bic(b, path + "/Id/OrgId/AnyBIC", &p));
      if (const xmlNode* l = Child(org, "LEI")) Identifier(l, path + "/Id/OrgId/LEI", nullptr, &p);
      for (const xmlNode* o : Children(org, "Othr"))
        if (const xmlNode* v = Child(o, "Id"))
          Identifier(v, path + "/Id/OrgId/Othr/Id", nullptr, &p);
    }
    if (const xmlNode* prv = Child(id, "PrvtId")) {
      if (const xmlNode* dp = Child(prv, "DtAndPlcOfBirth")) {
        if (const xmlNode* bd = Child(dp, "BirthDt")) {
          const std::string d = Text(bd);
          PartialDate date;
          if (d.size() != 10 || !ParsePartialDate(d, &date) || date.day == 0)
            return Bad(bd, path + "/Id/PrvtId/DtAndPlcOfBirth/BirthDt",
                       "'" + d + "' is not a date YYYY-MM-DD");
          p.birth_dates.push_back(date);
        }
        const std::string dpp = path + "/Id/PrvtId/DtAndPlcOfBirth";
        for (const char* tag : {"CityOfBirth", "PrvcOfBirth"})
          if (const xmlNode* c = Child(dp, tag)) p.address.push_back(Value(c, dpp + "/" + tag));
        if (const xmlNode* c = Child(dp, "CtryOfBirth"))
          INTERDICT_RETURN_IF_ERROR(Country(c, dpp + "/CtryOfBirth", &p));
      }
      for (const xmlNode* o : Children(prv, "Othr")) {
        const xmlNode* v = Child(o, "Id");
        const xmlNode* cd = Child(Child(o, "SchmeNm"), "Cd");
        std::string scheme = cd != nullptr ? Text(cd) : "";
        if (v != nullptr)
          Identifier(v, path + "/Id/PrvtId/Othr/Id", scheme.empty() ? nullptr : scheme.c_str(), &p);
      }
    }
    if (p.name.text.empty() && p.bic.empty() && p.identifiers.empty())
      return Bad(n, path, "neither Nm nor an identifier: the party cannot be screened");
    msg_->parties.push_back(std::move(p));
    return Status::Ok();
  }

  // BranchAndFinancialInstitutionIdentification: the agents.
  Status Agent(const xmlNode* n, const std::string& path, const std::string& role) {
    MessageParty p;
    p.field = path;
    p.role = role;
    p.institution = true;
    const xmlNode* fi = Child(n, "FinInstnId");
    if (fi == nullptr) return Bad(n, path, "FinInstnId is missing");
    const std::string fp = path + "/FinInstnId";
    if (const xmlNode* b = Child(fi, "BICFI")) INTERDICT_RETURN_IF_ERROR(Bic(b, fp + "/BICFI", &p));
    if (const xmlNode* nm = Child(fi, "Nm")) p.name = Value(nm, fp + "/Nm");
    if (const xmlNode* l = Child(fi, "LEI")) Identifier(l, fp + "/LEI", nullptr, &p);
    INTERDICT_RETURN_IF_ERROR(Address(Child(fi, "PstlAdr"), fp + "/PstlAdr", &p));
    if (p.bic.empty() && p.name.text.empty())
      return Bad(fi, fp, "neither BICFI nor Nm: the agent cannot be screened");
    msg_->parties.push_back(std::move(p));
    return Status::Ok();
  }

  // CashAccount: Id/IBAN must be a valid IBAN (the message says it is one); an Id/Othr/Id is
  // kept only when it is one too.
  Status Account(const xmlNode* acct, const std::string& path, MessageParty* p) const {
    const xmlNode* id = Child(acct, "Id");
    if (const xmlNode* iban = Child(id, "IBAN")) {
      MessageValue v = Value(iban, path + "/Id/IBAN");
      std::string_view why;
      if (!IsIban(v.text, &why)) return Bad(iban, v.field, "'" + v.text + "': " + std::string(why));
      p->ibans.push_back(std::move(v));
    }
    if (const xmlNode* other = Child(Child(id, "Othr"), "Id")) {
      MessageValue v = Value(other, path + "/Id/Othr/Id");
      if (IsIban(v.text)) p->ibans.push_back(std::move(v));
    }
    return Status::Ok();
  }

  // The party or agent just read, with its account (Dbtr with DbtrAcct, IntrmyAgt1 with
  // IntrmyAgt1Acct...).
  Status AccountOf(const xmlNode* tx, const std::string& path, const char* tag) {
    const std::string acct = std::string(tag) + "Acct";
    if (const xmlNode* a = Child(tx, acct.c_str()))
      return Account(a, path + "/" + acct, &msg_->parties.back());
    return Status::Ok();
  }

  // The business application header's sender and receiver (Fr, To: FIId/FinInstnId/BICFI).
  Status AppHdr(const xmlNode* hdr) {
    for (const char* tag : {"Fr", "To"}) {
      const xmlNode* fi = Child(Child(Child(hdr, tag), "FIId"), "FinInstnId");
      if (fi == nullptr) continue;
      const std::string path = std::string("AppHdr/") + tag;
      const xmlNode* b = Child(fi, "BICFI");
      if (b == nullptr) continue;
      MessageParty p;
      p.field = path;
      p.role = std::strcmp(tag, "Fr") == 0 ? "sender" : "receiver";
      p.institution = true;
      INTERDICT_RETURN_IF_ERROR(Bic(b, path + "/FIId/FinInstnId/BICFI", &p));
      msg_->parties.push_back(std::move(p));
    }
    return Status::Ok();
  }

  void TextValue(const xmlNode* n, const std::string& path) {
    MessageValue v = Value(n, path);
    if (!v.text.empty()) msg_->texts.push_back(std::move(v));
  }

  Status Transaction(const xmlNode* tx, const std::string& path) {
    static const std::pair<const char*, const char*> kAgentsBefore[] = {
        {"PrvsInstgAgt1", "previous instructing agent 1"},
        {"PrvsInstgAgt2", "previous instructing agent 2"},
        {"PrvsInstgAgt3", "previous instructing agent 3"},
        {"InstgAgt", "instructing agent"},
        {"InstdAgt", "instructed agent"},
        {"IntrmyAgt1", "intermediary agent 1"},
        {"IntrmyAgt2", "intermediary agent 2"},
        {"IntrmyAgt3", "intermediary agent 3"}};
    for (auto [tag, role] : kAgentsBefore) {
      if (const xmlNode* a = Child(tx, tag)) {
        INTERDICT_RETURN_IF_ERROR(Agent(a, path + "/" + tag, role));
        INTERDICT_RETURN_IF_ERROR(AccountOf(tx, path, tag));
      }
    }
    static const std::pair<const char*, const char*> kParties[] = {
        {"UltmtDbtr", "ultimate debtor"},
        {"InitgPty", "initiating party"},
        {"Dbtr", "debtor"},
        {"Cdtr", "creditor"},
        {"UltmtCdtr", "ultimate creditor"}};
    for (auto [tag, role] : kParties) {
      const xmlNode* p = Child(tx, tag);
      if (p == nullptr) {
        if (std::strcmp(tag, "Dbtr") == 0 || std::strcmp(tag, "Cdtr") == 0)
          return Bad(tx, path, std::string(tag) + " is missing (mandatory)");
        continue;
      }
      INTERDICT_RETURN_IF_ERROR(Party(p, path + "/" + tag, role));
      INTERDICT_RETURN_IF_ERROR(AccountOf(tx, path, tag));
    }
    for (auto [tag, role] : {std::pair<const char*, const char*>{"DbtrAgt", "debtor agent"},
                             {"CdtrAgt", "creditor agent"}}) {
      const xmlNode* a = Child(tx, tag);
      if (a == nullptr) return Bad(tx, path, std::string(tag) + " is missing (mandatory)");
      INTERDICT_RETURN_IF_ERROR(Agent(a, path + "/" + tag, role));
      INTERDICT_RETURN_IF_ERROR(AccountOf(tx, path, tag));
    }
    for (const char* tag : {"InstrForCdtrAgt", "InstrForNxtAgt"}) {
      std::vector<const xmlNode*> all = Children(tx, tag);
      for (size_t i = 0; i < all.size(); ++i)
        if (const xmlNode* inf = Child(all[i], "InstrInf"))
          TextValue(inf, path + "/" + tag + "[" + std::to_string(i + 1) + "]/InstrInf");
    }
    if (const xmlNode* prtry = Child(Child(tx, "Purp"), "Prtry"))
      TextValue(prtry, path + "/Purp/Prtry");
    if (const xmlNode* rmt = Child(tx, "RmtInf")) {
      std::vector<const xmlNode*> ustrd = Children(rmt, "Ustrd");
      for (size_t i = 0; i < ustrd.size(); ++i)
        TextValue(ustrd[i], path + "/RmtInf/Ustrd[" + std::to_string(i + 1) + "]");
      std::vector<const xmlNode*> strd = Children(rmt, "Strd");
      for (size_t i = 0; i < strd.size(); ++i)
        for (const xmlNode* a : Children(strd[i], "AddtlRmtInf"))
          TextValue(a, path + "/RmtInf/Strd[" + std::to_string(i + 1) + "]/AddtlRmtInf");
    }
    return Status::Ok();
  }

 private:
  PaymentMessage* msg_;
  std::set<const xmlNode*> bics_read_;  // BICFI and AnyBIC elements read as a party's BIC
};

}  // namespace

Status ParsePacs008(std::string_view input, std::vector<PaymentMessage>* out) {
  out->clear();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return Status::Internal("libxml2: cannot create a parser");
  // No network, no external entities or DTDs (XXE), errors returned rather than printed.
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), input.data(), static_cast<int>(input.size()), "message.xml",
                        nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string msg = e != nullptr && e->message != nullptr ? e->message : "unreadable";
    return Status::InvalidInput("line " + std::to_string(e != nullptr ? e->line : 0) +
                                ": not well-formed XML: " + std::string(Trim(msg)));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  std::vector<const xmlNode*> all;
  FindAll(root, "FIToFICstmrCdtTrf", &all);
  if (all.empty()) {
    return Status::InvalidInput(
        "line " + std::to_string(root != nullptr ? LineOf(root) : 0) +
        ": not a pacs.008 message: no FIToFICstmrCdtTrf element (root is '" +
        (root != nullptr ? reinterpret_cast<const char*>(root->name) : "") + "')");
  }
  for (const xmlNode* m : all) {
    PaymentMessage msg;
    msg.line = LineOf(m);
    std::string ns = m->ns != nullptr && m->ns->href != nullptr
                         ? reinterpret_cast<const char*>(m->ns->href)
                         : "";
    const std::string prefix = "urn:iso:std:iso:20022:tech:xsd:";
    if (!ns.empty()) {
      if (!StartsWith(ns, prefix + "pacs.008."))
        return Status::InvalidInput("line " + std::to_string(LineOf(m)) + ": namespace '" + ns +
                                    "' is not that of pacs.008");
      msg.type = ns.substr(prefix.size());
    } else {
      msg.type = "pacs.008";
    }
    Reader r(&msg);
    INTERDICT_RETURN_IF_ERROR(r.AppHdr(AppHdrOf(m)));
    const xmlNode* hdr = Child(m, "GrpHdr");
    if (hdr == nullptr) return r.Bad(m, "FIToFICstmrCdtTrf", "GrpHdr is missing (mandatory)");
    if (const xmlNode* id = Child(hdr, "MsgId")) msg.reference = Text(id);
    if (msg.reference.empty()) return r.Bad(hdr, "GrpHdr", "MsgId is missing (mandatory)");
    for (auto [tag, role] : {std::pair<const char*, const char*>{"InstgAgt", "instructing agent"},
                             {"InstdAgt", "instructed agent"}})
      if (const xmlNode* a = Child(hdr, tag))
        INTERDICT_RETURN_IF_ERROR(r.Agent(a, std::string("GrpHdr/") + tag, role));
    std::vector<const xmlNode*> txs = Children(m, "CdtTrfTxInf");
    if (txs.empty()) return r.Bad(m, "FIToFICstmrCdtTrf", "no CdtTrfTxInf (transaction)");
    for (size_t i = 0; i < txs.size(); ++i)
      INTERDICT_RETURN_IF_ERROR(
          r.Transaction(txs[i], "CdtTrfTxInf[" + std::to_string(i + 1) + "]"));
    INTERDICT_RETURN_IF_ERROR(r.OtherBics(m));
    out->push_back(std::move(msg));
  }
  return Status::Ok();
}

}  // namespace interdict

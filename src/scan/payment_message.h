// PaymentMessage: what screening needs of a payment message, whatever its format (SWIFT MT,
// ISO 20022): its parties, each with its name separated from its address, and its free text.
// Every value remembers the field it came from, so that each hit can name it.
#pragma once

#include <string>
#include <vector>

#include "core/entity.h"

namespace interdict {

struct MessageValue {
  // MT: the tag with its option ("50K", "57A"), "B/" before a field of an MT202COV's sequence B
  // ("B/59F"), and "/n" for a numbered line of an F option ("50F/3"). ISO 20022: the element
  // path from the transaction ("CdtTrfTxInf[1]/Cdtr/PstlAdr/TwnNm").
  std::string field;
  std::string text;  // the value as written; a multi-line MT value keeps its '\n's
  int line = 0;      // 1-based line of the input where the value starts
  bool empty() const { return text.empty(); }
};

struct MessageParty {
  std::string field;         // the party as a whole: "50K", "B/59", "CdtTrfTxInf[1]/Dbtr"
  std::string role;          // "ordering customer", "beneficiary customer", "debtor agent"...
  bool institution = false;  // a bank (an agent, 52a-58a) rather than a customer
  MessageValue name;         // empty when the field gives none (option A, C)
  // Other readings of a free-format name: the first line joined with the next when that one could
  // continue it ("KOREA MINING DEVELOPMENT TRADING" / "CORPORATION"). Screened too.
  std::vector<MessageValue> name_variants;
  std::vector<MessageValue> address;    // address lines, towns, regions: scanned for places
  std::vector<MessageValue> countries;  // ISO 3166-1 alpha-2 codes, upper case
  // Two capitals ending the last free address line ("TEHRAN IR"): probably a country code, but
  // possibly an abbreviation ("MAIN ST"), so checked against the jurisdictions only.
  std::vector<MessageValue> inferred_countries;
  MessageValue bic;  // a BIC (8 or 11 characters), when given
  // Account numbers that are IBANs (bank_codes.h: IsIban); other account numbers are not kept.
  std::vector<MessageValue> ibans;
  // Other identifiers (passport, national id, LEI, customer number), with their kind if known.
  struct Id {
    MessageValue value;
    bool has_kind = false;
    IdKind kind = IdKind::kOther;
  };
  std::vector<Id> identifiers;
  std::vector<PartialDate> birth_dates;
};

struct PaymentMessage {
  std::string type;       // "MT103", "MT202", "MT202COV", "pacs.008.001.08"
  std::string reference;  // MT :20:; ISO 20022 GrpHdr/MsgId
  int line = 0;           // where the message starts in the input
  std::vector<MessageParty> parties;
  std::vector<MessageValue> texts;  // free text: 70, 72, RmtInf/Ustrd, InstrInf...
};

}  // namespace interdict

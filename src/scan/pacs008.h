// ISO 20022 pacs.008 (FI to FI customer credit transfer) read into PaymentMessage for
// screening, with libxml2.
//
// Accepts a pacs.008 Document (any version of urn:iso:std:iso:20022:tech:xsd:pacs.008.*), alone
// or inside an envelope with a business application header. Each FIToFICstmrCdtTrf is one
// message; fields are named by their path from it: "GrpHdr/InstgAgt", "CdtTrfTxInf[2]/Cdtr/Nm".
//
// Screened: the parties Dbtr, Cdtr, UltmtDbtr, UltmtCdtr, InitgPty (Nm; PstlAdr: StrtNm, BldgNm,
// TwnNm, TwnLctnNm, DstrctNm, CtrySubDvsn, AdrLine, Ctry; Id: AnyBIC, LEI, Othr, birth date and
// place; CtryOfRes), the agents DbtrAgt, CdtrAgt, IntrmyAgt1-3, PrvsInstgAgt1-3, InstgAgt,
// InstdAgt (FinInstnId: BICFI, Nm, PstlAdr, LEI), the accounts of each (DbtrAcct, CdtrAcct,
// DbtrAgtAcct, IntrmyAgt1Acct...: Id/IBAN, or an Id/Othr/Id that is a valid IBAN), the
// business application header's AppHdr/Fr and AppHdr/To BICFI, every other BICFI or AnyBIC
// (GrpHdr/SttlmInf reimbursement agents, ChrgsInf/Agt...: a party with only a BIC, named by
// its path, "CdtTrfTxInf[1]/ChrgsInf[2]/Agt/FinInstnId"), and the free text of RmtInf/Ustrd,
// RmtInf/Strd/AddtlRmtInf, InstrForCdtrAgt/InstrInf, InstrForNxtAgt/InstrInf and Purp/Prtry.
//
// Fails closed: XML that is not well-formed, a document of another message type, a transaction
// without Dbtr, Cdtr, DbtrAgt or CdtrAgt, a party or agent that gives nothing to screen (no
// name, no BIC, no identifier), or an invalid BIC, IBAN, country code or date is an error naming
// the line and the element.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "scan/payment_message.h"

namespace interdict {

Status ParsePacs008(std::string_view input, std::vector<PaymentMessage>* out);

}  // namespace interdict

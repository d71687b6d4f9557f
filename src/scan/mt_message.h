// SWIFT MT (FIN) customer and cover payments: MT103 (also STP/REMIT), MT202 and MT202COV, read
// into PaymentMessage for screening.
//
// Input: one message or several one after another (optionally separated by '$', as RJE files
// do), each made of blocks: {1:...}{2:...}{3:...} headers, block 4 (the text, ":tag:" fields,
// closed by "-}") and optional trailers. Block 2 gives the type; {119:COV} in block 3 makes an
// MT202 an MT202COV, whose sequence B (the underlying customer credit transfer) begins at its
// first 50a field.
//
// Screened: the BICs of the headers, as parties named "block 1 sender" / "block 2 receiver"
// (input message) or "block 1 receiver" / "block 2 sender" (output message); the party fields
// 50a, 51A, 52a-59a (option A: party identifier and BIC; B: location; C: account only; D, K and
// 59: name and address lines; F: numbered lines 1/ name, 2/ address, 3/ country and town,
// 4/ birth date, 5/ birthplace, 6/ customer and 7/ national identity numbers, 8/ details); the
// free text of 70, 72 and 77B, and the BIC of a 72 line "/INS/BIC" (the instructing
// institution). A party identifier line ("/account", "/C/account", "/D/account") whose account
// is a valid IBAN gives the party's IBAN.
//
// Fails closed: a message without block 4, a block 1 or 2 without a logical terminal address
// (BIC8, terminal code, branch) where one belongs, of another type, with a field its type does
// not allow, without a mandatory field, or with a field whose syntax does not fit its option (an
// invalid BIC, an unnumbered line in option F, a line over 35 characters...) is an error naming
// the line and the field, never a message screened in part.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "scan/payment_message.h"

namespace interdict {

Status ParseMtMessages(std::string_view input, std::vector<PaymentMessage>* out);

}  // namespace interdict

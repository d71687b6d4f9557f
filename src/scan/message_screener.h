// MessageScreener: screens a PaymentMessage. Party names (and their other readings: a name cut
// over two lines, later lines of a free-format field) go through the matcher as structured
// parties (name, with the party's countries, birth dates and identifiers as evidence), so a
// listed name with unit words around it ("<bank> HEAD OFFICE") is the listed party; when a name
// names a listed organisation completely, the longer listed names it lacks words of are left
// out (named in a note). Every BIC
// (headers, option A fields, BICFI, AnyBIC) is looked up among the listed BICs of its
// institution (listed_bics.h) and other identifiers among the listed identifiers; countries,
// towns and address lines are checked against the jurisdictions, and so are the country of
// each BIC (characters 5-6: "BIC country") and of each IBAN (its first two letters, an IBAN
// whose check digits verify: "IBAN country"); free-text fields are scanned as text. Every hit
// names its field. The whole message is one context for the scanner's policy (an ambiguous
// town counts when another field names its country).
//
// Immutable; safe for concurrent use with one pair of sessions per thread.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/country.h"
#include "match/matcher.h"
#include "scan/payment_message.h"
#include "scan/scanner.h"

namespace interdict {

struct MessageResult {
  const PaymentMessage* message = nullptr;
  std::string type;
  std::string reference;
  int line = 0;
  std::vector<Hit> hits;
};

class MessageScreener {
 public:
  // All must outlive the screener.
  MessageScreener(const Scanner& scanner, const Matcher& matcher, const CountryTable& countries)
      : scanner_(scanner), matcher_(matcher), countries_(countries) {}

  // The hits, field by field in message order. A party name the matcher cannot read (no
  // letters or digits) is an error naming the field.
  Status Screen(const PaymentMessage& message, const ScanOptions& options,
                Scanner::Session* scan_session, Matcher::Session* match_session,
                std::vector<Hit>* out) const;

 private:
  // Party hits for the party's name and its other readings (name_variants), screened by the
  // matcher with the party's countries `codes` and identifiers: the best reading per record;
  // longer listed names that the field does not name are left out (see the .cc). A name the
  // matcher cannot read is an error naming the field.
  Status NameHits(const MessageParty& p, const std::vector<std::string>& codes,
                  const ScanOptions& options, Matcher::Session* match_session,
                  std::vector<Mention>* out) const;

  // Identifier hits for a message BIC: the listed BICs of its institution (any branch).
  void BicHits(const MessageValue& v, const std::set<const Entity*>& named,
               ScanContext* context) const;

  const Scanner& scanner_;
  const Matcher& matcher_;
  const CountryTable& countries_;
};

}  // namespace interdict

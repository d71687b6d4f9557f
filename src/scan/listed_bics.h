// ListedBics: the BICs of listed records, by institution (a BIC's first 8 characters), so that a
// BIC in a payment message finds the listing of any BIC of its institution: a listed
// "HAVIGB2L" is found by HAVIGB2LXXX and by HAVIGB2L123, a listed branch "SOMRRUM1KST" by
// SOMRRUM1, SOMRRUM1XXX and SOMRRUM1ABC. A branch is not a legal entity of its own: a listing
// names the institution, whichever of its BICs the list happens to give.
//
// Built once per snapshot (the Scanner holds one); immutable, safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/snapshot.h"

namespace interdict {

class ListedBics {
 public:
  // The identifiers of kind SWIFT/BIC (or labelled "BIC") of every record that are valid BICs.
  explicit ListedBics(const Snapshot& snapshot);

  struct Listed {
    const Entity* entity;  // owned by the snapshot
    const Identifier* id;  // the listed identifier, as the list gives it
    std::string bic;       // its canonical form
  };
  // The listed BICs of the institution of `bic` (a valid BIC), in snapshot order; empty if none.
  const std::vector<Listed>& Of(std::string_view bic) const;

 private:
  std::unordered_map<std::string, std::vector<Listed>> by_institution_;
};

}  // namespace interdict

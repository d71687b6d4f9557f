// CustomerIndex: the customer book indexed like a list, so that a list record can be screened
// against the customers (reverse screening, reverse_screen.h).
//
// It is a Snapshot (index/snapshot.h) over CustomerToEntity of every customer in the book, and a
// Matcher over it: the same name index and scorer as forward screening, not a second matcher.
// Immutable once built; share it as std::shared_ptr<const CustomerIndex>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/country.h"
#include "core/status.h"
#include "index/token_stats.h"
#include "match/matcher.h"
#include "monitor/customer.h"
#include "normalize/normalizer.h"
#include "store/store.h"

namespace interdict {

// What screening reads besides the lists; all must outlive whatever is built with them.
struct ScreeningDeps {
  const NameNormalizer* normalizer = nullptr;
  const TokenStats* stats = nullptr;
  const CountryTable* countries = nullptr;
};

class CustomerIndex {
 public:
  // Indexes `customers` (unique ids), which describe book revision `book_rev`.
  static std::shared_ptr<const CustomerIndex> Build(std::vector<Customer> customers,
                                                    int64_t book_rev, const ScreeningDeps& deps);
  // Indexes the customers in the book now (not the deleted ones).
  static Status Load(Store& store, const ScreeningDeps& deps,
                     std::shared_ptr<const CustomerIndex>* out);

  // Screens a party against the customers; a match's entity is CustomerToEntity's.
  const Matcher& matcher() const { return *matcher_; }
  // The customer with this id, or nullptr.
  const Customer* Find(const std::string& customer_id) const;
  const std::vector<Customer>& customers() const { return customers_; }
  int64_t book_rev() const { return book_rev_; }
  size_t size() const { return customers_.size(); }

 private:
  CustomerIndex() = default;
  std::vector<Customer> customers_;
  std::unordered_map<std::string, size_t> by_id_;
  int64_t book_rev_ = 0;
  std::unique_ptr<Matcher> matcher_;
};

}  // namespace interdict

// The customer book in the store (tables customer, customer_history, customer_book: migration 4).
//
// The book has a revision (customer_book.rev) that grows by one with every import that changes
// something; each customer row carries the revision of its last change, so monitoring finds new,
// changed and deleted customers by revision (ChangedCustomers). The history keeps every version of
// every customer (append-only: triggers refuse UPDATE and DELETE). A deleted customer keeps its
// row, marked deleted_at, so its history and alerts keep their subject.
//
// Thread-safety: as Store.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/status.h"
#include "monitor/customer.h"
#include "store/store.h"

namespace interdict {

struct CustomerMeta {
  int64_t rev = 0;
  std::string fingerprint;  // CustomerFingerprint
  std::string created_at, updated_at;
  std::string deleted_at;  // "" while in the book
};

struct CustomerChange {
  int64_t rev = 0;
  std::string change;  // "added", "updated" or "deleted"
  std::string at, who;
  std::string body;  // the customer as CustomerToJson wrote it, after the change
};

enum class BookMode {
  kFull,     // the file is the whole book: customers absent from it are deleted
  kPartial,  // the file adds and updates only
};

struct BookImportSummary {
  int64_t added = 0, updated = 0, deleted = 0, unchanged = 0;
  int64_t rev = 0;  // the book revision after the import (unchanged when nothing changed)
};

// Stores `customers` (unique ids) in one write transaction, all or nothing. A customer whose
// stored text is equal is unchanged; when nothing changes the book keeps its revision and nothing
// is written. Otherwise the book's revision grows by one, every change gets a history row, and a
// "customers.import" audit event (counts, revision, mode) by `who` ends the transaction.
Status ImportCustomers(Store& store, const std::vector<Customer>& customers, BookMode mode,
                       const std::string& who, BookImportSummary* summary);

// One customer (deleted ones too), its meta and (when `history` is not null) its history, oldest
// first. NotFound when the book never had the id.
Status GetCustomer(Store& store, const CountryTable& countries, const std::string& id,
                   Customer* out, CustomerMeta* meta, std::vector<CustomerChange>* history);

// Every customer in id order (deleted ones only when `include_deleted`), read in pages so that a
// large book is never in memory twice. Stops at the first error `fn` returns.
Status ForEachCustomer(Store& store, const CountryTable& countries, bool include_deleted,
                       const std::function<Status(Customer&&, const CustomerMeta&)>& fn);

// Customers whose last change has a revision in (after_rev, up_to_rev]: those still in the book
// go to *changed, the deleted ones' ids to *deleted. Both in id order.
Status ChangedCustomers(Store& store, const CountryTable& countries, int64_t after_rev,
                        int64_t up_to_rev, std::vector<Customer>* changed,
                        std::vector<std::string>* deleted);

// The customer as the book held it at revision `rev` (its last change at or before it). *found is
// false when it was not in the book then (never added yet, or deleted).
Status CustomerAsOf(Store& store, const CountryTable& countries, const std::string& id, int64_t rev,
                    Customer* out, bool* found);

// The book's current revision (0: never imported).
Status BookRev(Store& store, int64_t* rev);

}  // namespace interdict

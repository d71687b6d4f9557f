#include "monitor/customer_index.h"

#include "match/name_scorer.h"
#include "monitor/customer_store.h"
#include "store/db.h"

namespace interdict {

std::shared_ptr<const CustomerIndex> CustomerIndex::Build(std::vector<Customer> customers,
                                                          int64_t book_rev,
                                                          const ScreeningDeps& deps) {
  std::shared_ptr<CustomerIndex> index(new CustomerIndex());
  std::vector<Entity> entities;
  entities.reserve(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) {
    entities.push_back(CustomerToEntity(customers[i], *deps.countries));
    index->by_id_.emplace(customers[i].id, i);
  }
  ListVersion book;
  book.id = book_rev;
  book.source = kCustomerSource;
  book.record_count = static_cast<int64_t>(customers.size());
  auto snapshot = Snapshot::Build(std::move(entities), {book}, *deps.normalizer, *deps.stats,
                                  TokenSimilarityOf);
  index->matcher_ = std::make_unique<Matcher>(std::move(snapshot), *deps.normalizer, *deps.stats,
                                              *deps.countries);
  index->customers_ = std::move(customers);
  index->book_rev_ = book_rev;
  return index;
}

Status CustomerIndex::Load(Store& store, const ScreeningDeps& deps,
                           std::shared_ptr<const CustomerIndex>* out) {
  int64_t rev = 0;
  std::vector<Customer> customers;
  Transaction txn(store.db(),
                  Transaction::Mode::kRead);  // the revision and the customers of one book state
  INTERDICT_RETURN_IF_ERROR(txn.status());
  INTERDICT_RETURN_IF_ERROR(BookRev(store, &rev));
  INTERDICT_RETURN_IF_ERROR(
      ForEachCustomer(store, *deps.countries, false, [&](Customer&& c, const CustomerMeta&) {
        customers.push_back(std::move(c));
        return Status::Ok();
      }));
  *out = Build(std::move(customers), rev, deps);
  return Status::Ok();
}

const Customer* CustomerIndex::Find(const std::string& customer_id) const {
  auto it = by_id_.find(customer_id);
  return it == by_id_.end() ? nullptr : &customers_[it->second];
}

}  // namespace interdict

// Screening passes of monitoring: list records against the customer book (reverse) and customers
// against the lists (forward), both ending in PairHits whose scores and explanations are those of
// `interdict screen` of the customer against the list record.
//
// Reverse screening (a list version changed) screens every customer forward against a Snapshot of
// the changed records only. A small snapshot makes each customer cheap (bench/monitor_bench.cc:
// 50 records against 100,000 customers in 3.1 s, against 18.5 s for the whole book against the
// whole SDN list), and it is forward screening, so it finds exactly the pairs `screen` finds.
// Candidates from a name index over the customers (the book as a Snapshot, screened with the
// record's names) were tried first and rejected: the scorer weighs a token only the query has far
// more than one only the list name has, so a customer named by part of a listed name scores far
// lower in reverse; even with candidates taken 0.40 below the threshold that lost 196 of 400
// pairs on the benchmark's book. Silently missed alerts are the worst failure, so the pass that
// cannot miss is the one used.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/entity.h"
#include "core/status.h"
#include "match/matcher.h"
#include "monitor/alert_sink.h"
#include "monitor/customer.h"
#include "monitor/screening_deps.h"

namespace interdict {

struct ScreenPassOptions {
  float threshold = kDefaultThreshold;
  int threads = 1;  // 0: all cores
};

// The pairs (customer, record) at or above the threshold, for `records` (each from version
// version_of_source[record.source]) against `customers`. Sorted by (customer, entity). Fails on
// the first screening error: a pass that could not screen a customer never reports "no match".
Status ReverseScreen(const std::vector<const Customer*>& customers,
                     const std::vector<Entity>& records,
                     const std::map<std::string, int64_t>& version_of_source,
                     const ScreeningDeps& deps, const ScreenPassOptions& options,
                     std::vector<PairHit>* out);

// The pairs for each of `customers` against the records of `lists` (every name and alias of the
// customer screened; a record's best score over them counts). The list version of a pair is its
// source's version in lists.snapshot(). Sorted by (customer, entity).
Status ForwardScreen(const Matcher& lists, const std::vector<const Customer*>& customers,
                     const ScreenPassOptions& options, std::vector<PairHit>* out);

// The fingerprint of a list record's content: SHA-256 of its JSON form (entity_json.h), the
// store's record digest.
std::string EntityFingerprint(const Entity& record);

}  // namespace interdict

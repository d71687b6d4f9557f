// Screening passes of monitoring: list records against the customer book (reverse) and customers
// against the lists (forward), both ending in PairHits whose scores and explanations are those of
// `interdict screen` of the customer against the list record.
//
// Reverse screening (a list version changed): each name of a list record R, with R's evidence,
// is screened against the customer index at `threshold - margin`, which gives candidate
// customers; each candidate is then screened forward, as `interdict screen` would, against a
// Snapshot of the records being screened, restricted to R. So the index of the customers only
// chooses whom to look at; the forward screening decides and explains. The margin covers the
// scorer's asymmetry (a name's score against another is not the reverse's score); the test
// ReverseScreenTest.MatchesForwardOracle checks the pairs against forward screening of every
// customer.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/entity.h"
#include "core/status.h"
#include "match/matcher.h"
#include "monitor/alert_sink.h"
#include "monitor/customer.h"
#include "monitor/customer_index.h"

namespace interdict {

struct ScreenPassOptions {
  float threshold = kDefaultThreshold;
  // Reverse candidates are taken from threshold - margin. The scorer weighs a token only the
  // query has more than one only the list name has, so a customer named by part of a listed name
  // scores far lower in reverse ("QUSAY SADDAM HUSSEIN AL-TIKRITI" against a customer "SADDAM
  // HUSSEIN AL-TIKRITI"): 0.10 missed 7 of 74 forward pairs in MatchesForwardOracle, 0.30 one
  // (a long Arabic-script name), 0.40 none.
  float margin = 0.40f;
  int threads = 1;  // 0: all cores
};

// The queries that find candidate customers for a list record: one per name of the record (weak
// aliases too), each with the record's type, birth dates, countries and identifiers.
std::vector<ScreeningQuery> RecordQueries(const Entity& record);

// The pairs (customer, record) at or above the threshold, for `records` (each from version
// version_of_source[record.source]) against the customers of `index`. Sorted by (customer,
// entity). Fails on the first screening error: a pass that could not screen a record never
// reports it as "no match".
Status ReverseScreen(const CustomerIndex& index, const std::vector<Entity>& records,
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

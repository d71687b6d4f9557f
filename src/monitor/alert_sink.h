// AlertSink: where monitoring (monitor.h) sends what it concluded about (customer, list record)
// pairs. The alerts module turns the conclusions into alert rows and their history; tests record
// them. Monitoring decides *what* matches; the sink decides what that means for an alert (raise,
// reopen, rescore, leave alone, suppress by a good-guy rule).
//
// Every call runs inside a write transaction the caller (the monitoring run) holds on the same
// Store, and must not begin or end a transaction itself: the alerts of a batch commit or roll
// back together with the run's progress, so a crashed run re-done from its cursor raises nothing
// twice.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace interdict {

// A customer that scores at or above the monitoring threshold against a list record.
struct PairHit {
  std::string customer_id;
  std::string entity_id;     // the list record's id, as `interdict screen` prints it
  std::string source;        // the record's list (source name)
  int64_t list_version = 0;  // the version of that source the record was screened from
  double score = 0;
  std::string explanation;  // JSON object: the match as `interdict screen --json` explains it
  std::string customer_fp;  // fingerprint of the customer's screening data (hex)
  std::string entity_fp;    // fingerprint of the list record's content (hex)
};

// What the sink did with a hit.
enum class RaiseOutcome {
  kRaised,      // a new alert
  kReopened,    // a closed or delisted alert opened again: the evidence changed
  kRescored,    // an existing alert updated with the new score / version / evidence
  kUnchanged,   // an existing alert at the same evidence: nothing written
  kSuppressed,  // an active good-guy rule covers the pair at this evidence: no alert
};

class AlertSink {
 public:
  virtual ~AlertSink() = default;

  virtual Status Hit(const PairHit& hit, RaiseOutcome* outcome) = 0;

  // `entity_id` is absent from version `list_version` of its source: its alerts become delisted.
  // *closed (may be null) receives how many alerts changed.
  virtual Status Delisted(const std::string& entity_id, int64_t list_version, int64_t* closed) = 0;

  // The pair was screened again (the record or the customer changed) and no longer reaches the
  // threshold: its open alert, if any, records that.
  virtual Status NoLongerMatches(const std::string& customer_id, const std::string& entity_id,
                                 int64_t list_version) = 0;

  // The customer left the book: its open alerts record that.
  virtual Status CustomerDeleted(const std::string& customer_id) = 0;
};

}  // namespace interdict

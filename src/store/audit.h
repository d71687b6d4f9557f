// The screening audit: one record per screening request the server answered (who asked, when,
// what, against which list versions, and what it found).
//
// Each record is an event of kind "screening" in the audit chain (store/audit_chain.h), so a
// screening is tamper-evident like every other change, and "what was screened against which list
// version" is provable from the chain alone (the list versions are "list.import" events in the
// same chain). Records are written by the server's audit writer (src/server/audit_writer.h) in
// batches, one transaction per batch; readers (tests, reports) use ReadAudit.
//
// Stores created before schema 7 keep their earlier records in the table audit_log, unchained and
// read by nothing here; the schema still refuses changes to them.
//
// Thread-safety: as Store (one thread at a time per Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace interdict {

struct AuditRecord {
  int64_t id = 0;             // the chain event's seq, assigned by AppendAudit; ignored on input
  std::string at;             // UTC, ISO 8601 with milliseconds: "2026-03-01T12:00:00.123Z"
  std::string who;            // API key id, or "anonymous" when the server runs without keys
  std::string request_id;     // the X-Request-Id the response carried
  std::string endpoint;       // route: "POST /v1/screen", "POST /match/{dataset}", ...
  int status = 0;             // HTTP status of the response
  std::string query;          // the request as JSON (body, or the query parameters of a GET)
  std::string list_versions;  // JSON array: [{"source": "...", "version": 3}, ...]
  int64_t result_count = 0;   // matches returned, over all queries of the request
  std::optional<double> max_score;
  std::string results;  // JSON: per query, the returned [entity id, score] pairs
};

// Appends `records` as "screening" events in one transaction: all are written or none. Every
// JSON field must be valid JSON (InvalidInput naming the request otherwise). Fills in each
// record's id. On failure Store::LastErrorBusy() tells whether another connection held the
// store's write lock for longer than the busy timeout.
Status AppendAudit(Store& store, std::vector<AuditRecord>* records);

// Up to `limit` records with id > `after_id`, oldest first.
Status ReadAudit(Store& store, int64_t after_id, size_t limit, std::vector<AuditRecord>* out);

// Number of records in the log.
Status CountAudit(Store& store, int64_t* out);

}  // namespace interdict

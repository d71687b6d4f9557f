// The audit chain: an append-only, tamper-evident log of everything that changes what Interdict
// concludes or what an analyst decided: list imports, customer-book imports, monitoring runs,
// alert changes, decisions, good-guy rules, users and settings.
//
// Each event carries `hash` = SHA-256 over its own fields and the previous event's hash, so
// editing, deleting or reordering a stored event breaks the chain from that event on. Events are
// numbered without gaps (seq 1, 2, ...); only PruneAuditEvents removes events, the oldest ones,
// leaving an anchor that VerifyChain starts from. docs/audit.md describes the whole log.
//
// Thread-safety: as Store (one thread at a time per Store).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace interdict {

struct AuditEvent {
  int64_t seq = 0;                   // assigned by AppendAuditEvent
  std::string at;                    // UTC, ISO 8601 with milliseconds; filled in when empty
  std::string who;                   // user name, API key id, or "system:<part>"
  std::string kind;                  // dotted: "list.import", "alert.decision", "rule.create", ...
  std::string subject;               // what it is about: "alert:12", "customer:C-1", "us_ofac_sdn"
  std::string detail = "{}";         // JSON object
  std::string list_versions = "[]";  // JSON array: [{"source": "...", "version": 3}, ...]
  std::string settings = "{}";       // JSON object: the settings that shaped the outcome
  std::string engine_version;        // filled in with EngineVersion() when empty
  std::string prev_hash;             // assigned
  std::string hash;                  // assigned: lower-case hex SHA-256
};

// The hash of `event` over seq, at, who, kind, subject, detail, list_versions, settings,
// engine_version and prev_hash, as stored (text), joined with the unit separator 0x1F.
std::string AuditEventHash(const AuditEvent& event);

// Appends `event` to the chain, assigning seq, prev_hash and hash (and at and engine_version when
// empty). Must run inside a write transaction the caller holds on `store` (BEGIN IMMEDIATE), as
// the last write of that transaction: the event commits or rolls back with the change it records.
Status AppendAuditEvent(Store& store, AuditEvent* event);

// As AppendAuditEvent for each of `events` in order (one read of the chain's head for all).
Status AppendAuditEvents(Store& store, std::vector<AuditEvent>* events);

// Which events ReadAuditEvents returns; empty strings select everything.
struct AuditQuery {
  int64_t after_seq = 0;    // only events with a higher seq
  std::string kind_prefix;  // "alert" selects "alert", "alert.decision", "alert.transition"
  std::string from;         // at >= from (an ISO 8601 date or time: "2026-01-01")
  std::string to;           // at < to
  size_t limit = 0;         // 0: no limit
};

// Calls `sink` for each event `query` selects, in seq order. Reads in pages, so memory does not
// grow with the log; an error from `sink` stops the walk and is returned.
Status ReadAuditEvents(Store& store, const AuditQuery& query,
                       const std::function<Status(const AuditEvent&)>& sink);

// One event; NotFound when there is no event `seq` (never written, or pruned).
Status GetAuditEvent(Store& store, int64_t seq, AuditEvent* out);

// The result of VerifyChain. `problem` is empty when the chain is intact.
struct ChainReport {
  int64_t checked = 0;    // events whose hash and link were checked
  int64_t first_seq = 0;  // where verification started: 1, or the first event kept by a prune
  std::string head_hash;  // the newest event's hash ("" for an empty chain)
  int64_t first_bad_seq = 0;
  std::string problem;  // "hash mismatch", "gap after 41: events 42..43 missing", ...
};

// Recomputes every event's hash in seq order and checks that each event's prev_hash is the
// previous event's hash and that no seq is missing. Stops at the first bad event and describes it
// in *report (the Status is for failures to read, not for a broken chain). Memory is constant.
//
// A chain whose oldest events were removed by PruneAuditEvents starts at the first kept event:
// the newest "audit.pruned" event names it and the hash it must link to. Events removed from the
// end of the chain leave no trace in it: compare head_hash with a copy kept elsewhere.
Status VerifyChain(Store& store, ChainReport* report);

// Removes the events recorded before `before` (an ISO 8601 date or time) from the start of the
// chain and appends an "audit.pruned" event by `who` that anchors the rest, in one transaction.
// Refused (InvalidInput, nothing removed) when `before` is within the retention period
// (store_setting audit.retention_years, whole years back from now). Events are removed up to the
// first one recorded at or after `before`, so a later event with an earlier time stays.
// *pruned (may be null) is the number removed; nothing to remove appends nothing.
Status PruneAuditEvents(Store& store, const std::string& before, const std::string& who,
                        int64_t* pruned);

// The CSV export's header line (with "\n") and one event as a CSV line: RFC 4180 quoting, and a
// cell that a spreadsheet would run as a formula (first character = + - @, tab or CR) gets a
// leading apostrophe.
extern const char kAuditCsvHeader[];
void AppendAuditEventCsv(const AuditEvent& event, std::string* out);
// One event as one line of JSON (with "\n"); detail, list_versions and settings nested as JSON.
void AppendAuditEventJsonl(const AuditEvent& event, std::string* out);

}  // namespace interdict

// The audit chain: an append-only, tamper-evident log of everything that changes what Interdict
// concludes or what an analyst decided: list imports, customer-book imports, monitoring runs,
// alert changes, decisions, good-guy rules, users and settings.
//
// Each event carries `hash` = SHA-256 over its own fields and the previous event's hash, so
// editing, deleting or reordering a stored event breaks the chain from that event on. Events are
// numbered without gaps (seq 1, 2, ...).
//
// Thread-safety: as Store (one thread at a time per Store).
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace interdict

#include "store/audit_chain.h"

#include <openssl/evp.h>
#include <sys/time.h>

#include <cstdio>
#include <ctime>

#include "core/engine_version.h"
#include "store/sqlite_util.h"

namespace interdict {
namespace {

std::string UtcNowMillis() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm tm{};
  gmtime_r(&tv.tv_sec, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(tv.tv_usec / 1000));
  return buf;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < len; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace

std::string AuditEventHash(const AuditEvent& e) {
  const char sep = '\x1f';
  std::string text = std::to_string(e.seq);
  for (const std::string* field : {&e.at, &e.who, &e.kind, &e.subject, &e.detail, &e.list_versions,
                                   &e.settings, &e.engine_version, &e.prev_hash}) {
    text += sep;
    text += *field;
  }
  return Sha256Hex(text);
}

Status AppendAuditEvent(Store& store, AuditEvent* event) {
  sqlite3* db = store.handle();
  if (sqlite3_get_autocommit(db) != 0)
    return Status::Internal("AppendAuditEvent outside a transaction");
  Stmt head;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", &head));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(head.Step(&row));
  event->seq = row ? head.ColumnInt(0) + 1 : 1;
  event->prev_hash = row ? head.ColumnText(1) : "";
  if (event->at.empty()) event->at = UtcNowMillis();
  if (event->engine_version.empty()) event->engine_version = EngineVersion();
  event->hash = AuditEventHash(*event);
  if (event->hash.empty()) return Status::Internal("SHA-256 failed");
  Stmt insert;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "INSERT INTO audit_event(seq, at, who, kind, subject, detail, list_versions, settings, "
      "engine_version, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      &insert));
  insert.Bind(1, event->seq).Bind(2, event->at).Bind(3, event->who).Bind(4, event->kind);
  insert.Bind(5, event->subject).Bind(6, event->detail).Bind(7, event->list_versions);
  insert.Bind(8, event->settings).Bind(9, event->engine_version).Bind(10, event->prev_hash);
  insert.Bind(11, event->hash);
  return insert.Step().WithContext("appending audit event '" + event->kind + "'");
}

}  // namespace interdict

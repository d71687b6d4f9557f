#include "store/fetch_state.h"

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace interdict {
namespace {

using json = nlohmann::json;

constexpr const char* kColumns =
    "source, validators, content_sha256, last_attempt, last_success, last_error";

Status ReadRow(const Stmt& stmt, SourceFetchState* out) {
  out->source = stmt.ColumnText(0);
  out->content_sha256 = stmt.ColumnText(2);
  out->last_attempt = stmt.ColumnText(3);
  out->last_success = stmt.ColumnText(4);
  out->last_error = stmt.ColumnText(5);
  out->validators.clear();
  json v = json::parse(stmt.ColumnText(1), nullptr, /*allow_exceptions=*/false);
  const std::string where = "fetch state of " + out->source;
  if (!v.is_array()) return Status::InvalidInput(where + ": validators is not an array");
  for (const json& e : v) {
    if (!e.is_object() || !e.value("url", json()).is_string() ||
        !e.value("etag", json()).is_string() || !e.value("last_modified", json()).is_string())
      return Status::InvalidInput(where + ": malformed validator " + e.dump());
    out->validators.push_back({e["url"].get<std::string>(), e["etag"].get<std::string>(),
                               e["last_modified"].get<std::string>()});
  }
  return Status::Ok();
}

}  // namespace

Status ReadFetchState(Store& store, const std::string& source, bool* found, SourceFetchState* out) {
  *out = SourceFetchState();
  out->source = source;
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(), std::string("SELECT ") + kColumns + " FROM source_fetch WHERE source = ?",
      &stmt));
  stmt.Bind(1, source);
  INTERDICT_RETURN_IF_ERROR(stmt.Step(found).WithContext("fetch state of " + source));
  return *found ? ReadRow(stmt, out) : Status::Ok();
}

Status ReadFetchStates(Store& store, std::vector<SourceFetchState>* out) {
  out->clear();
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(), std::string("SELECT ") + kColumns + " FROM source_fetch ORDER BY source", &stmt));
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row).WithContext("fetch state"));
    if (!row) return Status::Ok();
    out->emplace_back();
    INTERDICT_RETURN_IF_ERROR(ReadRow(stmt, &out->back()));
  }
}

Status WriteFetchState(Store& store, const SourceFetchState& state) {
  json validators = json::array();
  for (const FetchValidator& v : state.validators)
    validators.push_back({{"url", v.url}, {"etag", v.etag}, {"last_modified", v.last_modified}});
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(store.db(),
                                          std::string("INSERT INTO source_fetch(") + kColumns +
                                              ") VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT (source) "
                                              "DO UPDATE SET validators = excluded.validators, "
                                              "content_sha256 = excluded.content_sha256, "
                                              "last_attempt = excluded.last_attempt, "
                                              "last_success = excluded.last_success, "
                                              "last_error = excluded.last_error",
                                          &stmt));
  stmt.Bind(1, state.source).Bind(2, validators.dump()).Bind(3, state.content_sha256);
  stmt.Bind(4, state.last_attempt).Bind(5, state.last_success).Bind(6, state.last_error);
  return stmt.Step().WithContext("writing the fetch state of " + state.source);
}

}  // namespace interdict

#include "monitor/settings.h"

#include <cstdlib>

#include "monitor/case_util.h"
#include "monitor/users.h"
#include "store/db.h"

namespace interdict {
namespace {

Status CheckValue(const std::string& key, const std::string& value) {
  if (key == "four_eyes") {
    if (value == "on" || value == "off") return Status::Ok();
    return Status::InvalidInput("four_eyes takes 'on' or 'off', not '" + value + "'");
  }
  if (key == "audit.retention_years") {
    char* end = nullptr;
    long years = std::strtol(value.c_str(), &end, 10);
    if (!value.empty() && *end == '\0' && years >= 1 && years <= 100) return Status::Ok();
    return Status::InvalidInput(
        "audit.retention_years takes a whole number of years from 1 to "
        "100, not '" +
        value + "'");
  }
  return Status::InvalidInput("unknown setting '" + key + "' (four_eyes, audit.retention_years)");
}

}  // namespace

Status GetSetting(Db* db, const std::string& key, std::string* value) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, "SELECT value FROM store_setting WHERE key = ?", &stmt));
  stmt.Bind(1, key);
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  if (!row) return Status::NotFound("setting '" + key + "' is not set");
  *value = stmt.ColumnText(0);
  return Status::Ok();
}

Status SetSetting(Store& store, const std::string& key, const std::string& value,
                  const std::string& by) {
  INTERDICT_RETURN_IF_ERROR(CheckValue(key, value));
  Transaction txn(store.db(), Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  User actor;
  INTERDICT_RETURN_IF_ERROR(Authorize(store.db(), by, Permission::kSettings, &actor));
  std::string old;
  Status s = GetSetting(store.db(), key, &old);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(store.db(),
                                          "INSERT INTO store_setting(key, value) VALUES (?, ?) "
                                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                          &stmt));
  stmt.Bind(1, key).Bind(2, value);
  INTERDICT_RETURN_IF_ERROR(stmt.Step().WithContext("setting " + key));
  nlohmann::json detail = {{"key", key}, {"value", value}};
  detail["previous"] = s.ok() ? nlohmann::json(old) : nlohmann::json();
  INTERDICT_RETURN_IF_ERROR(
      case_util::AppendAudit(store, by, "setting.set", "setting:" + key, detail));
  return txn.Commit();
}

Status FourEyesOn(Db* db, bool* on) {
  std::string value;
  Status s = GetSetting(db, "four_eyes", &value);
  if (!s.ok() && s.code() != Status::Code::kNotFound) return s;
  *on = !s.ok() || value != "off";  // unset: on (the stricter way)
  return Status::Ok();
}

Status FourEyesOn(Store& store, bool* on) { return FourEyesOn(store.db(), on); }

}  // namespace interdict

#include "monitor/users.h"

#include <array>
#include <utility>

#include "core/utc_now.h"
#include "monitor/case_util.h"
#include "store/db.h"

namespace interdict {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 3> kRoleNames = {{
    {Role::kAnalyst, "analyst"},
    {Role::kSupervisor, "supervisor"},
    {Role::kAdmin, "admin"},
}};

Status CheckName(const std::string& name) {
  if (name.empty() || name.size() > 64)
    return Status::InvalidInput("a user name has 1 to 64 characters");
  if (name.rfind("system:", 0) == 0)
    return Status::InvalidInput("user names starting with 'system:' are the system's");
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok)
      return Status::InvalidInput("user name '" + name +
                                  "': only letters, digits and . _ @ - are allowed");
  }
  return Status::Ok();
}

Status FindUser(Db* db, const std::string& name, bool* found, User* out) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      db,
      "SELECT name, role, created_at, created_by, COALESCE(disabled_at, '') FROM app_user "
      "WHERE name = ?",
      &stmt));
  stmt.Bind(1, name);
  INTERDICT_RETURN_IF_ERROR(stmt.Step(found));
  if (!*found) return Status::Ok();
  out->name = stmt.ColumnText(0);
  if (!ParseRole(stmt.ColumnText(1), &out->role))
    return Status::Internal("user " + name + " has an unknown role");
  out->created_at = stmt.ColumnText(2);
  out->created_by = stmt.ColumnText(3);
  out->disabled_at = stmt.ColumnText(4);
  return Status::Ok();
}

Status CountUsers(Db* db, const char* where, int64_t* n) {
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(db, std::string("SELECT COUNT(*) FROM app_user WHERE ") + where, &stmt));
  bool row = false;
  INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
  *n = stmt.ColumnInt(0);
  return Status::Ok();
}

// Who may do what `permission` allows, for refusals.
std::string PermissionText(Permission permission) {
  switch (permission) {
    case Permission::kWork:
      return "a user may work alerts";
    case Permission::kDecide:
      return "a user may decide alerts";
    case Permission::kDecideEscalated:
      return "a supervisor or admin may decide or move an escalated alert";
    case Permission::kApprove:
      return "a supervisor or admin may approve or reject a pending decision";
    case Permission::kReopen:
      return "a supervisor or admin may reopen a decided alert";
    case Permission::kRules:
      return "a supervisor or admin may manage good-guy rules";
    case Permission::kUsers:
      return "an admin may manage users";
    case Permission::kSettings:
      return "an admin may change settings";
  }
  return "";
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames)
    if (r == role) return name;
  return "unknown";
}

bool ParseRole(std::string_view text, Role* out) {
  for (const auto& [r, name] : kRoleNames) {
    if (name == text) {
      *out = r;
      return true;
    }
  }
  return false;
}

bool Allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kWork:
    case Permission::kDecide:
      return true;
    case Permission::kDecideEscalated:
    case Permission::kApprove:
    case Permission::kReopen:
    case Permission::kRules:
      return role == Role::kSupervisor || role == Role::kAdmin;
    case Permission::kUsers:
    case Permission::kSettings:
      return role == Role::kAdmin;
  }
  return false;
}

Status ActingUser(Db* db, const std::string& name, User* out) {
  if (name.empty())
    return Status::PermissionDenied(
        "no acting user: give --user NAME (or set INTERDICT_USER) for case work");
  bool found = false;
  INTERDICT_RETURN_IF_ERROR(FindUser(db, name, &found, out));
  if (!found)
    return Status::PermissionDenied("unknown user '" + name +
                                    "' (an admin adds users with `interdict users add`)");
  if (!out->disabled_at.empty())
    return Status::PermissionDenied("user '" + name + "' is disabled since " + out->disabled_at);
  return Status::Ok();
}

Status CheckAllowed(const User& user, Permission permission) {
  if (Allows(user.role, permission)) return Status::Ok();
  return Status::PermissionDenied("user '" + user.name + "' is " +
                                  std::string(RoleName(user.role)) + ": only " +
                                  PermissionText(permission));
}

Status Authorize(Db* db, const std::string& name, Permission permission, User* out) {
  INTERDICT_RETURN_IF_ERROR(ActingUser(db, name, out));
  return CheckAllowed(*out, permission);
}

Status AddUser(Store& store, const std::string& name, Role role, const std::string& by) {
  INTERDICT_RETURN_IF_ERROR(CheckName(name));
  Transaction txn(store.db(), Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  int64_t users = 0;
  INTERDICT_RETURN_IF_ERROR(CountUsers(store.db(), "1 = 1", &users));
  std::string who = by;
  if (users == 0 && by.empty()) {
    if (role != Role::kAdmin)
      return Status::InvalidInput("the first user must be an admin (--role admin)");
    who = "bootstrap";
  } else {
    User actor;
    INTERDICT_RETURN_IF_ERROR(Authorize(store.db(), by, Permission::kUsers, &actor));
  }
  bool taken = false;
  User existing;
  INTERDICT_RETURN_IF_ERROR(FindUser(store.db(), name, &taken, &existing));
  if (taken) return Status::InvalidInput("user '" + name + "' exists already");
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(Stmt::Prepare(
      store.db(), "INSERT INTO app_user(name, role, created_at, created_by) VALUES (?, ?, ?, ?)",
      &stmt));
  stmt.Bind(1, name).Bind(2, RoleName(role)).Bind(3, UtcNowMillis()).Bind(4, who);
  INTERDICT_RETURN_IF_ERROR(stmt.Step().WithContext("adding user " + name));
  INTERDICT_RETURN_IF_ERROR(case_util::AppendAudit(store, who, "user.add", "user:" + name,
                                                   {{"name", name}, {"role", RoleName(role)}}));
  return txn.Commit();
}

Status DisableUser(Store& store, const std::string& name, const std::string& by) {
  Transaction txn(store.db(), Transaction::Mode::kWrite);
  INTERDICT_RETURN_IF_ERROR(txn.status());
  User actor;
  INTERDICT_RETURN_IF_ERROR(Authorize(store.db(), by, Permission::kUsers, &actor));
  bool found = false;
  User user;
  INTERDICT_RETURN_IF_ERROR(FindUser(store.db(), name, &found, &user));
  if (!found) return Status::NotFound("no user '" + name + "'");
  if (!user.disabled_at.empty()) return Status::InvalidInput("user '" + name + "' is disabled");
  if (user.role == Role::kAdmin) {
    int64_t admins = 0;
    INTERDICT_RETURN_IF_ERROR(
        CountUsers(store.db(), "role = 'admin' AND disabled_at IS NULL", &admins));
    if (admins <= 1)
      return Status::InvalidInput("'" + name + "' is the last enabled admin: add another first");
  }
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(store.db(), "UPDATE app_user SET disabled_at = ? WHERE name = ?", &stmt));
  stmt.Bind(1, UtcNowMillis()).Bind(2, name);
  INTERDICT_RETURN_IF_ERROR(stmt.Step().WithContext("disabling user " + name));
  INTERDICT_RETURN_IF_ERROR(
      case_util::AppendAudit(store, by, "user.disable", "user:" + name, {{"name", name}}));
  return txn.Commit();
}

Status ListUsers(Store& store, std::vector<User>* out) {
  out->clear();
  Stmt stmt;
  INTERDICT_RETURN_IF_ERROR(
      Stmt::Prepare(store.db(), "SELECT name FROM app_user ORDER BY name", &stmt));
  for (;;) {
    bool row = false;
    INTERDICT_RETURN_IF_ERROR(stmt.Step(&row));
    if (!row) return Status::Ok();
    bool found = false;
    INTERDICT_RETURN_IF_ERROR(
        FindUser(store.db(), stmt.ColumnText(0), &found, &out->emplace_back()));
  }
}

nlohmann::json UserToJson(const User& u) {
  return {
      {"name", u.name},
      {"role", RoleName(u.role)},
      {"created_at", u.created_at},
      {"created_by", u.created_by},
      {"disabled_at", u.disabled_at.empty() ? nlohmann::json() : nlohmann::json(u.disabled_at)}};
}

}  // namespace interdict

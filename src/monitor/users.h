// The people who work on alerts (app_user) and what their role lets them do.
//
// Roles: an analyst works alerts (review, escalate, assign) and decides those that are not
// escalated; a supervisor also decides escalated alerts, approves or rejects a colleague's
// false-positive decision (four-eyes), reopens closed alerts and manages good-guy rules; an
// admin also manages users and settings. A disabled user can do nothing; users are never
// deleted, since the history names them.
//
// Every change appends an audit-chain event ("user.add", "user.disable") in its transaction.
//
// Thread-safety: as Store.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

enum class Role { kAnalyst, kSupervisor, kAdmin };

std::string_view RoleName(Role role);  // "analyst", "supervisor", "admin"
bool ParseRole(std::string_view text, Role* out);

enum class Permission {
  kWork,             // move an alert between open / in_review / escalated, assign it
  kDecide,           // confirm or call false positive an alert that is not escalated
  kDecideEscalated,  // decide an escalated alert, or move it back
  kApprove,          // approve or reject a colleague's pending false positive (four-eyes)
  kReopen,           // reopen a confirmed or false-positive alert
  kRules,            // create and revoke good-guy rules
  kUsers,            // add and disable users
  kSettings,         // change store settings (four_eyes, ...)
};

bool Allows(Role role, Permission permission);

struct User {
  std::string name;
  Role role = Role::kAnalyst;
  std::string created_at;
  std::string created_by;
  std::string disabled_at;  // "" while enabled
};

// The enabled user `name`, inside the caller's transaction. PermissionDenied, with a message
// saying how to fix it, when `name` is empty (no --user), unknown or disabled, or when
// `permission` is given and the role lacks it.
Status ActingUser(Db* db, const std::string& name, User* out);
// PermissionDenied, naming who may, unless `user`'s role allows `permission`.
Status CheckAllowed(const User& user, Permission permission);
Status Authorize(Db* db, const std::string& name, Permission permission, User* out);

// Adds user `name` (letters, digits and . _ @ -, at most 64 bytes; "system:" names are the
// system's). `by` is the acting user, who must be an admin; on a store without users `by` may be
// empty and the first user must be an admin (the bootstrap). InvalidInput when the name is taken.
Status AddUser(Store& store, const std::string& name, Role role, const std::string& by);

// Disables `name` (an admin's act). The last enabled admin cannot be disabled.
Status DisableUser(Store& store, const std::string& name, const std::string& by);

// Every user, by name.
Status ListUsers(Store& store, std::vector<User>* out);

// {"name", "role", "created_at", "created_by", "disabled_at" (null while enabled)}.
nlohmann::json UserToJson(const User& user);

}  // namespace interdict

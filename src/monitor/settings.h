// Store settings that shape case work (store_setting): "four_eyes" ("on": a false-positive
// decision waits for a second person's approval; "off": it closes the alert at once) and
// "audit.retention_years" (a whole number, 1 to 100). Changing one is an admin's act and appends a
// "setting.set" audit-chain event.
//
// Thread-safety: as Store.
#pragma once

#include <string>

#include "core/status.h"
#include "store/db.h"
#include "store/store.h"

namespace interdict {

// The value of `key`; NotFound when it is not set.
Status GetSetting(Db* db, const std::string& key, std::string* value);

// InvalidInput for an unknown key or a value the key does not take.
Status SetSetting(Store& store, const std::string& key, const std::string& value,
                  const std::string& by);

// Whether four-eyes approval is on (it is unless the setting says "off").
Status FourEyesOn(Db* db, bool* on);
// The same on `store`'s connection, outside any transaction (the server's /v1/me).
Status FourEyesOn(Store& store, bool* on);

}  // namespace interdict

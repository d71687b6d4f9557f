// The JSON form of an Entity: what the store keeps, what `show --json` prints and what the API
// returns. Field names are stable (they are part of the stored format and of the API).
//
// Empty fields are omitted, so two entities are equal iff their JSON is equal; the store's change
// detection (lists diff) relies on that.
#pragma once

#include <nlohmann/json.hpp>

#include "core/entity.h"
#include "core/status.h"

namespace interdict {

nlohmann::json EntityToJson(const Entity& e);

// Reads what EntityToJson writes. Unknown keys are ignored; a wrong type is an error.
Status EntityFromJson(const nlohmann::json& j, Entity* out);

}  // namespace interdict

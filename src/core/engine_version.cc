#include "core/engine_version.h"

namespace interdict {

const char* EngineVersion() { return INTERDICT_ENGINE_VERSION; }

}  // namespace interdict

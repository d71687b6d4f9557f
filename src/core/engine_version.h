// The engine's version, as the audit log and the API record it: the project version CMake knows.
#pragma once

namespace interdict {

// "0.1.0"-style: the version in CMakeLists.txt's project() line.
const char* EngineVersion();

}  // namespace interdict

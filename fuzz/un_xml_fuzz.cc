// libFuzzer target for the UN Security Council XML parser (ParseUnXml through ParseList), with
// the contract checks of list_fuzz.h. The input is the XML file. Build and run: fuzz/run.sh.
#include <cstdint>

#include "list_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interdict;
  static fuzz::ListFuzzer* fuzzer = new fuzz::ListFuzzer();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  fuzzer->Run(ListFormat::kUnXml, "un-sc", {{"consolidated.xml", input}});
  return 0;
}

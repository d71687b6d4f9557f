// libFuzzer target for the three OFAC XML parsers (classic, advanced, enhanced) through ParseList,
// with the contract checks of list_fuzz.h. The first byte picks the publication, the rest is the
// XML file. Build and run: fuzz/run.sh.
#include <cstdint>

#include "list_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interdict;
  static fuzz::ListFuzzer* fuzzer = new fuzz::ListFuzzer();
  if (size == 0) return 0;
  static constexpr ListFormat kFormats[] = {
      ListFormat::kOfacClassicXml, ListFormat::kOfacAdvancedXml, ListFormat::kOfacEnhancedXml};
  ListFormat format = kFormats[data[0] % 3];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzzer->Run(format, "us-ofac-cons", {{"list.xml", input}});  // the seeds are Consolidated
  return 0;
}

// libFuzzer target for the CSL, DPL, EU FSF and UK Sanctions List parsers (through ParseList),
// with the contract checks of list_fuzz.h. The first byte picks the format (modulo 4), the rest
// is the file. Build and run: fuzz/run.sh.
#include <cstdint>

#include "list_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interdict;
  static fuzz::ListFuzzer* fuzzer = new fuzz::ListFuzzer();
  if (size == 0) return 0;
  struct Target {
    ListFormat format;
    const char* source;
    const char* file;
  };
  static constexpr Target kTargets[] = {
      {ListFormat::kUsCslCsv, "us-csl", "consolidated.csv"},
      {ListFormat::kUsBisDpl, "us-bis-dpl", "dpl.txt"},
      {ListFormat::kEuFsfXml, "eu-fsf", "export.xml"},
      {ListFormat::kUkSanctionsXml, "uk-sanctions", "designations.xml"},
  };
  const Target& t = kTargets[data[0] % 4];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzzer->Run(t.format, t.source, {{t.file, input}});
  return 0;
}

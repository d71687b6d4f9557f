// libFuzzer target for the OFAC legacy CSV parser (ParseOfacCsv through ParseList), with the
// contract checks of list_fuzz.h. The input holds the set's files separated by a line "@@":
// sdn.csv, then alt.csv, add.csv and sdn_comments.csv; files the input does not reach are absent,
// as a companion file may be. Build and run: fuzz/run.sh.
#include <cstdint>

#include "list_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace interdict;
  static fuzz::ListFuzzer* fuzzer = new fuzz::ListFuzzer();
  static const char* const kNames[] = {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
  constexpr std::string_view kSeparator = "\n@@\n";
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const char* name : kNames) {
    size_t end = input.find(kSeparator);
    files.emplace_back(name, input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + kSeparator.size());
  }
  fuzzer->Run(ListFormat::kOfacSdnCsv, "us-ofac-sdn", files);
  return 0;
}

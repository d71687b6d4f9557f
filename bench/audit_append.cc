// Times AppendAudit, the audit writer's per-batch call: 100,000 screening records of a typical
// size, in batches of 1,000 (the writer's max_batch), into a new store.
// Usage: build/audit_append NEW_STORE_FILE (an existing file is refused).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "store/audit.h"

int main(int argc, char** argv) {
  using interdict::AuditRecord;
  if (argc != 2 || std::filesystem::exists(argv[1])) {
    std::fprintf(stderr, "usage: audit_append NEW_STORE_FILE\n");
    return 2;
  }
  std::unique_ptr<interdict::Store> store;
  if (!interdict::Store::Open(argv[1], &store).ok()) return 1;
  AuditRecord r;
  r.at = "2026-03-01T12:00:00.123Z";
  r.who = "bank-a";
  r.endpoint = "POST /v1/screen";
  r.status = 200;
  r.query = R"({"country":"Iran","name":"Evin Prison","type":"organization"})";
  r.list_versions = R"([{"source":"un-sc","version":2},{"source":"us-ofac-sdn","version":1}])";
  r.result_count = 3;
  r.max_score = 1.0;
  r.results = R"([[["us-ofac-sdn:24586",1.0],["us-ofac-sdn:1234",0.85],["un-sc:IRe.1",0.81]]])";
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu = std::clock();
  for (int b = 0; b < 100; ++b) {
    std::vector<AuditRecord> batch(1000, r);
    for (int i = 0; i < 1000; ++i) batch[i].request_id = "req-" + std::to_string(b * 1000 + i);
    if (interdict::Status s = interdict::AppendAudit(*store, &batch); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu_s = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  std::printf("100,000 records, batches of 1,000: %.2f s wall (%.1f us/record), %.2f s CPU\n", wall,
              wall * 10, cpu_s);
  return 0;
}

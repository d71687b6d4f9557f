#include "cli/ordered_lines.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace interdict::cli {
namespace {

// Items in flight per thread: enough that threads rarely wait for each other at the end of a
// chunk, few enough that memory stays small.
constexpr size_t kItemsPerThread = 256;

}  // namespace

bool ProcessLinesInOrder(
    std::istream& in, std::ostream& out, int threads,
    const std::function<void(const std::string&, int, std::string*)>& process) {
  if (threads < 1) threads = 1;

  if (threads == 1) {
    // A tied output stream (std::cin's is std::cout) would be flushed before every line read: a
    // write per line. Output is flushed instead when the input has nothing buffered, that is
    // before reading could wait, so that a caller feeding lines one at a time gets each answer.
    // Results are gathered and written by the 64 KiB.
    std::ostream* tied = in.tie(nullptr);
    std::string line, result, pending;
    auto write = [&] {
      out.write(pending.data(), static_cast<std::streamsize>(pending.size()));
      out.flush();
      pending.clear();
    };
    for (;;) {
      if (!pending.empty() && in.rdbuf()->in_avail() <= 0) write();
      if (!out || !std::getline(in, line)) break;
      result.clear();
      process(line, 0, &result);
      pending += result;
      pending += '\n';
      if (pending.size() >= 64 * 1024) write();
    }
    write();
    in.tie(tied);
    return static_cast<bool>(out);
  }

  std::vector<std::string> lines(static_cast<size_t>(threads) * kItemsPerThread);
  return ProcessInOrder(
      [&](size_t slot) { return static_cast<bool>(std::getline(in, lines[slot])); }, out, threads,
      [&](size_t slot, int worker, std::string* result) {
        process(lines[slot], worker, result);
        result->push_back('\n');
      });
}

bool ProcessInOrder(const std::function<bool(size_t)>& read, std::ostream& out, int threads,
                    const std::function<void(size_t, int, std::string*)>& process,
                    const std::function<void(size_t)>& written) {
  if (threads < 1) threads = 1;
  const size_t chunk = static_cast<size_t>(threads) * kItemsPerThread;
  std::vector<std::string> results;
  size_t items = 0;  // in the current chunk
  size_t total = 0;
  // Workers wait for a chunk, take items by an atomic cursor, and report when the chunk is done.
  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  uint64_t generation = 0;
  int busy = 0;
  bool stop = false;
  std::atomic<size_t> cursor{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < threads; ++w) {
    pool.emplace_back([&, w] {
      uint64_t seen = 0;
      for (;;) {
        {
          std::unique_lock<std::mutex> lock(mu);
          work_cv.wait(lock, [&] { return stop || generation != seen; });
          if (stop) return;
          seen = generation;
        }
        for (size_t i; (i = cursor.fetch_add(1)) < items;) process(i, w, &results[i]);
        std::lock_guard<std::mutex> lock(mu);
        if (--busy == 0) done_cv.notify_one();
      }
    });
  }
  bool ok = true;
  for (bool more = true; more && ok;) {
    items = 0;
    while (items < chunk && (more = read(items))) ++items;
    if (items == 0) break;
    results.assign(items, std::string());
    {
      std::lock_guard<std::mutex> lock(mu);
      cursor = 0;
      busy = threads;
      ++generation;
    }
    work_cv.notify_all();
    {
      std::unique_lock<std::mutex> lock(mu);
      done_cv.wait(lock, [&] { return busy == 0; });
    }
    for (const std::string& r : results) out << r;
    out.flush();
    ok = static_cast<bool>(out);
    total += items;
    if (ok && written) written(total);
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  work_cv.notify_all();
  for (std::thread& t : pool) t.join();
  return ok;
}

}  // namespace interdict::cli

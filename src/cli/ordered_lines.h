// Runs a function over the lines of a stream on several threads and writes the results in input
// order: the engine of every --jsonl mode. Memory stays bounded: lines are processed in chunks.
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>

namespace interdict::cli {

// The engine under it, for items other than lines (the rows of --csv): `read(slot)` reads the
// next item into the caller's storage for `slot` (0 .. threads × 256 − 1, reused chunk after
// chunk) on the calling thread, false at the end; `process(slot, worker, &out)` runs on worker
// `worker` as above and writes the item's whole output (its line ends included); the outputs
// are written in input order, a chunk at a time, and `written(items)` (when given) is called on
// the calling thread after each chunk with the number of items written so far. Returns false if
// writing failed.
bool ProcessInOrder(const std::function<bool(size_t)>& read, std::ostream& out, int threads,
                    const std::function<void(size_t, int, std::string*)>& process,
                    const std::function<void(size_t)>& written = {});

// `process(line, worker, &out_line)` runs on worker `worker` (0..threads-1; each worker's calls are
// sequential, so per-worker state needs no lock). Empty input lines are passed on too. Every
// output line is followed by '\n'. With one thread, output is written whenever no more input is
// waiting, so a caller may feed a line and wait for its answer; with several, by chunk. Returns
// false if writing failed.
bool ProcessLinesInOrder(std::istream& in, std::ostream& out, int threads,
                         const std::function<void(const std::string&, int, std::string*)>& process);

}  // namespace interdict::cli

// The shrink guard: a new version of a list that is much smaller than the one before, or lacks a
// file the one before was read from, is far more often a cut or partial download than a real
// change of the list (a 3,000-line prefix of OFAC's sdn.csv is a valid, smaller list). Importing
// it would make every party it lost screen as "no match", so the import is refused unless the
// operator says the shrink is real.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "store/list_version.h"

namespace interdict {

struct ShrinkLimit {
  // The largest share of the previous version's records a new version may lose, in [0, 1].
  // 10%: real lists lose far less from one publication to the next (see docs/ingestion.md).
  double max_loss = 0.10;
  // Accept any shrink (the operator checked that the list really is smaller).
  bool allow = false;
};

// Ok when `next` may follow `previous` (the newest committed version of the same source):
// `next` loses at most limit.max_loss of previous.record_count and has every input file name
// previous.files has (compared case-insensitively) or at least as many files (a renamed file is
// not a lost one), or limit.allow is set. Otherwise InvalidInput, saying both counts, the share
// lost, the limit or the missing files, and how to override.
Status CheckShrink(const ListVersion& previous, const ListVersion& next, const ShrinkLimit& limit);

}  // namespace interdict

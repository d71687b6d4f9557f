#include "store/shrink_guard.h"

#include <cstdio>
#include <set>
#include <string>

#include "core/text.h"

namespace interdict {
namespace {

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

}  // namespace

Status CheckShrink(const ListVersion& previous, const ListVersion& next, const ShrinkLimit& limit) {
  if (limit.allow) return Status::Ok();
  const std::string head = "refusing the new version of " + next.source + ": ";
  const std::string how = "; if the list really is smaller, import it with --allow-shrink";
  if (next.files.size() < previous.files.size()) {
    std::set<std::string> now;
    for (const std::string& f : next.files) now.insert(AsciiLower(f));
    std::string missing;
    for (const std::string& f : previous.files)
      if (now.count(AsciiLower(f)) == 0) missing += (missing.empty() ? "" : ", ") + f;
    return Status::InvalidInput(head + "it is read from " + std::to_string(next.files.size()) +
                                " file(s) where version " + std::to_string(previous.id) +
                                " was read from " + std::to_string(previous.files.size()) +
                                " (missing: " + missing + ")" + how);
  }
  if (previous.record_count <= 0 || next.record_count >= previous.record_count) return Status::Ok();
  const int64_t lost = previous.record_count - next.record_count;
  const double share = static_cast<double>(lost) / static_cast<double>(previous.record_count);
  if (share <= limit.max_loss) return Status::Ok();
  return Status::InvalidInput(
      head + "it has " + std::to_string(next.record_count) + " records where version " +
      std::to_string(previous.id) + " has " + std::to_string(previous.record_count) + ": " +
      std::to_string(lost) + " fewer (" + Percent(share) + "), more than the " +
      Percent(limit.max_loss) +
      " --max-shrink allows. A list cut short (a partial download) reads as a smaller list and "
      "its missing parties would screen as no match" +
      how);
}

}  // namespace interdict

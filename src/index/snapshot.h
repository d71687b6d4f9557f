// Snapshot: everything screening reads, frozen: the records of one list version per source,
// their name index and identifier index.
//
// A snapshot is immutable once built and shared (std::shared_ptr<const Snapshot>) by every thread
// and request that screens against it. A new list version produces a new snapshot; the old one
// lives until its last user lets go. So a request always sees one consistent set of lists, never a
// half-loaded one.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/entity.h"
#include "core/status.h"
#include "index/name_index.h"
#include "store/store.h"

namespace interdict {

class Snapshot {
 public:
  // Asked between records while reading and between names while indexing whether the build may
  // go on: a non-ok Status abandons the build, and Load/Build return it. A server uses it to stop
  // a rebuild that is over its time budget or outlives a shutdown; a build stuck inside one name
  // is only noticed when that name is done.
  using Check = std::function<Status()>;

  // Builds from the newest version of every source in the store (or of `sources`, when given).
  // Fails when the store holds no version (screening against nothing would report "no match").
  // `sim` is the scorer's token similarity, which the name index bounds scores with. `check`
  // may be empty (never stop).
  static Status Load(Store& store, const std::vector<std::string>& sources,
                     const NameNormalizer& normalizer, const TokenStats& stats,
                     const NameIndex::TokenSimilarity& sim, std::shared_ptr<const Snapshot>* out,
                     const Check& check = {});

  // Builds from records already in memory (tests, benchmarks); `versions` describes them.
  static std::shared_ptr<const Snapshot> Build(std::vector<Entity> entities,
                                               std::vector<ListVersion> versions,
                                               const NameNormalizer& normalizer,
                                               const TokenStats& stats,
                                               const NameIndex::TokenSimilarity& sim);
  // The same, abandoned (returning check's Status) when `check` says stop.
  static Status Build(std::vector<Entity> entities, std::vector<ListVersion> versions,
                      const NameNormalizer& normalizer, const TokenStats& stats,
                      const NameIndex::TokenSimilarity& sim, const Check& check,
                      std::shared_ptr<const Snapshot>* out);

  const std::vector<Entity>& entities() const { return entities_; }
  const std::vector<ListVersion>& versions() const { return versions_; }
  const NameIndex& index() const { return *index_; }
  // Entities holding an identifier whose canonical form (CanonicalIdentifier) is `canonical`.
  std::vector<uint32_t> EntitiesWithIdentifier(const std::string& canonical) const;
  // The entity with this id, or nullptr.
  const Entity* Find(const std::string& entity_id) const;

 private:
  Snapshot() = default;
  std::vector<Entity> entities_;
  std::vector<ListVersion> versions_;
  std::unique_ptr<NameIndex> index_;
  std::unordered_multimap<std::string, uint32_t> by_identifier_;
  std::unordered_map<std::string, uint32_t> by_id_;
};

}  // namespace interdict

#include "index/snapshot.h"

#include "core/text.h"

namespace interdict {
std::shared_ptr<const Snapshot> Snapshot::Build(std::vector<Entity> entities,
                                                std::vector<ListVersion> versions,
                                                const NameNormalizer& normalizer,
                                                const TokenStats& stats,
                                                const NameIndex::TokenSimilarity& sim) {
  std::shared_ptr<const Snapshot> out;
  // Without a check nothing can stop the build.
  Build(std::move(entities), std::move(versions), normalizer, stats, sim, Check(), &out);
  return out;
}

Status Snapshot::Build(std::vector<Entity> entities, std::vector<ListVersion> versions,
                       const NameNormalizer& normalizer, const TokenStats& stats,
                       const NameIndex::TokenSimilarity& sim, const Check& check,
                       std::shared_ptr<const Snapshot>* out) {
  // The first refusal is kept: the index stops at it, and this returns it.
  Status stopped;
  NameIndex::KeepGoing keep_going;
  if (check) {
    keep_going = [&] {
      if (stopped.ok()) stopped = check();
      return stopped.ok();
    };
  }
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->entities_ = std::move(entities);
  s->versions_ = std::move(versions);
  s->index_ = std::make_unique<NameIndex>(s->entities_, normalizer, stats, sim, keep_going);
  if (keep_going && !keep_going()) return stopped;
  for (uint32_t i = 0; i < s->entities_.size(); ++i) {
    s->by_id_.emplace(s->entities_[i].id, i);
    for (const Identifier& id : s->entities_[i].identifiers) {
      std::string c = CanonicalIdentifier(id.value);
      if (c.size() >= 4) s->by_identifier_.emplace(std::move(c), i);
    }
  }
  *out = std::move(s);
  return Status::Ok();
}

Status Snapshot::Load(Store& store, const std::vector<std::string>& sources,
                      const NameNormalizer& normalizer, const TokenStats& stats,
                      const NameIndex::TokenSimilarity& sim, std::shared_ptr<const Snapshot>* out,
                      const Check& check) {
  std::vector<ListVersion> latest;
  INTERDICT_RETURN_IF_ERROR(store.LatestVersions(&latest));
  std::vector<ListVersion> chosen;
  for (const ListVersion& v : latest) {
    bool wanted = sources.empty();
    for (const std::string& s : sources) wanted = wanted || s == v.source;
    if (wanted) chosen.push_back(v);
  }
  for (const std::string& s : sources) {
    bool found = false;
    for (const ListVersion& v : chosen) found = found || v.source == s;
    if (!found) return Status::NotFound("no list version of source '" + s + "' in the store");
  }
  if (chosen.empty())
    return Status::NotFound("the store holds no list version: import a list first");
  std::vector<Entity> entities;
  for (const ListVersion& v : chosen) {
    INTERDICT_RETURN_IF_ERROR(store.ReadRecords(v.id, [&](Entity&& e) {
      entities.push_back(std::move(e));
      return check ? check() : Status::Ok();
    }));
  }
  return Build(std::move(entities), std::move(chosen), normalizer, stats, sim, check, out);
}

std::vector<uint32_t> Snapshot::EntitiesWithIdentifier(const std::string& canonical) const {
  std::vector<uint32_t> out;
  auto [b, e] = by_identifier_.equal_range(canonical);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

const Entity* Snapshot::Find(const std::string& entity_id) const {
  auto it = by_id_.find(entity_id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

}  // namespace interdict

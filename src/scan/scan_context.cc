#include "scan/scan_context.h"

#include <algorithm>
#include <map>
#include <set>

namespace interdict {

void ScanContext::Add(std::vector<Mention> mentions) {
  for (Mention& m : mentions) mentions_.push_back(std::move(m));
}

namespace {

// Where a jurisdiction or country is named unambiguously, for the mentions that need it named
// nearby: in the same field within kContextBytes, in another field of the same message, or in a
// structured country field.
class ContextIndex {
 public:
  static constexpr uint32_t kContextBytes = 1500;

  void AddGlobal(const std::string& key) { global_.insert(key); }
  void Add(const std::string& key, const std::string& field, uint32_t at) {
    points_[key].emplace_back(field, at);
  }
  void Finish() {
    for (auto& [key, v] : points_) std::sort(v.begin(), v.end());
  }
  bool Near(const std::string& key, const std::string& field, uint32_t at) const {
    if (global_.count(key)) return true;
    auto it = points_.find(key);
    if (it == points_.end()) return false;
    const auto& v = it->second;
    if (v.front().first != field || v.back().first != field) return true;  // another field
    const uint32_t from = at > kContextBytes ? at - kContextBytes : 0;
    auto p = std::lower_bound(v.begin(), v.end(), std::make_pair(field, from));
    return p != v.end() && p->first == field && p->second <= at + kContextBytes;
  }

 private:
  std::set<std::string> global_;
  std::map<std::string, std::vector<std::pair<std::string, uint32_t>>> points_;
};

}  // namespace

std::vector<bool> ScanContext::AdmittedByContext() const {
  ContextIndex places;     // jurisdiction ids named unambiguously
  ContextIndex countries;  // ISO alpha-2 codes named
  for (const std::string& c : countries_) {
    places.AddGlobal(c);
    countries.AddGlobal(c);
  }
  for (const Mention& m : mentions_) {
    if (m.hit.kind != HitKind::kJurisdiction || m.ambiguous) continue;
    places.Add(m.hit.jurisdiction->id, m.hit.field, m.hit.begin);
    countries.Add(m.hit.jurisdiction->country(), m.hit.field, m.hit.begin);
  }
  places.Finish();
  countries.Finish();
  std::vector<bool> keep(mentions_.size(), false);
  std::set<const Entity*> strong;  // entities with a reported non-weak hit
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind == HitKind::kJurisdiction) {
      keep[i] = !m.ambiguous || places.Near(m.hit.jurisdiction->id, m.hit.field, m.hit.begin);
    } else if (!m.weak_alias) {
      keep[i] = std::all_of(
          m.needs_countries.begin(), m.needs_countries.end(),
          [&](const std::string& c) { return countries.Near(c, m.hit.field, m.hit.begin); });
      if (keep[i]) strong.insert(m.hit.entity);
    }
  }
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind != HitKind::kJurisdiction && m.weak_alias)
      keep[i] = strong.count(m.hit.entity) > 0;
  }
  return keep;
}

std::vector<size_t> ScanContext::KeptParties(const std::vector<bool>& keep) const {
  std::vector<size_t> parties;
  for (size_t i = 0; i < mentions_.size(); ++i)
    if (keep[i] && mentions_[i].hit.kind == HitKind::kParty) parties.push_back(i);
  return parties;
}

void ScanContext::KeepBestPerRecordSpan(std::vector<bool>* keep) const {
  // One hit per entity and span: of overlapping party hits of one record (its primary name and
  // an alias) in one field, the best stays.
  std::vector<size_t> parties = KeptParties(*keep);
  std::sort(parties.begin(), parties.end(), [&](size_t a, size_t b) {
    const Hit& x = mentions_[a].hit;
    const Hit& y = mentions_[b].hit;
    if (x.entity != y.entity) return x.entity < y.entity;
    if (x.field != y.field) return x.field < y.field;
    if (x.begin != y.begin) return x.begin < y.begin;
    return a < b;
  });
  for (size_t k = 0; k < parties.size();) {
    // A run of overlapping spans of one record in one field.
    const Hit& first = mentions_[parties[k]].hit;
    size_t e = k + 1;
    uint32_t reach = first.end;
    while (e < parties.size() && mentions_[parties[e]].hit.entity == first.entity &&
           mentions_[parties[e]].hit.field == first.field &&
           mentions_[parties[e]].hit.begin < reach) {
      reach = std::max(reach, mentions_[parties[e]].hit.end);
      ++e;
    }
    size_t best = parties[k];
    for (size_t q = k + 1; q < e; ++q) {
      const size_t c = parties[q];
      if (mentions_[c].hit.score > mentions_[best].hit.score ||
          (mentions_[c].hit.score == mentions_[best].hit.score && c < best))
        best = c;
    }
    for (size_t q = k; q < e; ++q) (*keep)[parties[q]] = parties[q] == best;
    k = e;
  }
}

void ScanContext::DropNestedSpans(std::vector<bool>* keep) const {
  // A party span inside a longer one of another record is part of that record's name
  // ("Al-Qaida" inside "Al-Qaida in the Arabian Peninsula", "SERVICIOS ADMINISTRATIVOS" inside
  // "ASESORIA Y SERVICIOS ADMINISTRATIVOS, TECNICOS Y OPERATIVOS DUREL"): the text names the
  // longer one, whatever the scores. The shorter name is reported where the text names it on
  // its own.
  std::vector<size_t> parties = KeptParties(*keep);
  std::sort(parties.begin(), parties.end(), [&](size_t a, size_t b) {
    const Hit& x = mentions_[a].hit;
    const Hit& y = mentions_[b].hit;
    if (x.field != y.field) return x.field < y.field;
    if (x.begin != y.begin) return x.begin < y.begin;
    return x.end > y.end;
  });
  for (size_t k = 0; k < parties.size(); ++k) {
    const Hit& outer = mentions_[parties[k]].hit;
    for (size_t q = k + 1; q < parties.size(); ++q) {
      const Hit& inner = mentions_[parties[q]].hit;
      if (inner.field != outer.field || inner.begin >= outer.end) break;
      const bool nested =
          inner.end <= outer.end && inner.end - inner.begin < outer.end - outer.begin;
      if (nested && inner.entity != outer.entity) (*keep)[parties[q]] = false;
    }
  }
}

std::vector<Hit> ScanContext::Resolve() const {
  std::vector<bool> keep = AdmittedByContext();
  KeepBestPerRecordSpan(&keep);
  DropNestedSpans(&keep);
  std::vector<Hit> out;
  for (size_t i = 0; i < mentions_.size(); ++i)
    if (keep[i] && mentions_[i].reported) out.push_back(mentions_[i].hit);
  return out;
}

}  // namespace interdict

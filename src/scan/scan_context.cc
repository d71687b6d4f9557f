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
  ContextIndex named;              // where those are named (entity ids)
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind == HitKind::kJurisdiction) {
      keep[i] = !m.ambiguous || places.Near(m.hit.jurisdiction->id, m.hit.field, m.hit.begin);
    } else if (!m.weak_alias && !m.needs_corroboration) {
      keep[i] = std::all_of(
          m.needs_countries.begin(), m.needs_countries.end(),
          [&](const std::string& c) { return countries.Near(c, m.hit.field, m.hit.begin); });
      if (keep[i] && m.hit.entity != nullptr) {
        strong.insert(m.hit.entity);
        named.Add(m.hit.entity->id, m.hit.field, m.hit.begin);
      }
    }
  }
  named.Finish();
  for (size_t i = 0; i < mentions_.size(); ++i) {
    const Mention& m = mentions_[i];
    if (m.hit.kind == HitKind::kJurisdiction) continue;
    if (m.weak_alias) {
      keep[i] = strong.count(m.hit.entity) > 0;
    } else if (m.needs_corroboration) {
      keep[i] = named.Near(m.hit.entity->id, m.hit.field, m.hit.begin);
    }
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
    // The best score; at equal scores the longer span (the whole name rather than an alias
    // inside it, so that a longer name of another record does not swallow it), then the first.
    auto better = [&](size_t c, size_t b) {
      const Hit& x = mentions_[c].hit;
      const Hit& y = mentions_[b].hit;
      if (x.score != y.score) return x.score > y.score;
      if (x.end - x.begin != y.end - y.begin) return x.end - x.begin > y.end - y.begin;
      return c < b;
    };
    size_t best = parties[k];
    for (size_t q = k + 1; q < e; ++q)
      if (better(parties[q], best)) best = parties[q];
    for (size_t q = k; q < e; ++q) (*keep)[parties[q]] = parties[q] == best;
    k = e;
  }
}

void ScanContext::DropNestedSpans(std::vector<bool>* keep) const {
  // A party span inside a longer one of another record that matched its whole name is part of
  // that name ("Al-Qaida" inside "Al-Qaida in the Arabian Peninsula", "SERVICIOS
  // ADMINISTRATIVOS" inside "ASESORIA Y SERVICIOS ADMINISTRATIVOS, TECNICOS Y OPERATIVOS
  // DUREL"): the text names the longer one, unless the shorter matched better (the same party
  // listed twice, one list's name misspelt); the shorter name is reported where the text names
  // it on its own. A longer span that lacks parts of its name gives way to
  // a whole name inside it: "Islamic Revolutionary Guard Corps (IRGC)" is not "... CORPS
  // (IRGC)-QODS FORCE" without "Qods Force".
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
    for (size_t q = k + 1; q < parties.size() && (*keep)[parties[k]]; ++q) {
      const Hit& inner = mentions_[parties[q]].hit;
      if (inner.field != outer.field || inner.begin >= outer.end) break;
      if (!(*keep)[parties[q]]) continue;
      if (inner.end > outer.end || inner.entity == outer.entity) continue;
      const bool shorter = inner.end - inner.begin < outer.end - outer.begin;
      const int outer_missing = mentions_[parties[k]].missing_parts;
      const int inner_missing = mentions_[parties[q]].missing_parts;
      if (outer_missing > 0 && inner_missing == 0) {
        (*keep)[parties[k]] = false;  // the longer name lacks its distinguishing part
      } else if ((shorter &&
                  (outer_missing == 0 ? inner.score <= outer.score : inner.score < outer.score)) ||
                 (!shorter && outer_missing == 0 && inner_missing > 0)) {
        (*keep)[parties[q]] = false;
      }
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

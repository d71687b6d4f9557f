#include "match/matcher.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"
#include "match/explain.h"
#include "match/kth_best.h"
#include "normalize/name_limits.h"

namespace interdict {
namespace {

constexpr float kWeakAliasMinimum = 0.95f;
constexpr float kWeakAliasFactor = 0.9f;
constexpr uint32_t kNoName = UINT32_MAX;
// The thresholds at which a top-k search is made first, highest first (ScreenOptions): only
// where the index's recall is checked.
constexpr float kTopKLevels[] = {kDefaultThreshold};
// Candidates scored between two looks at the clock: a few microseconds of work, so a deadline is
// kept to well under a millisecond while the clock costs nothing measurable.
constexpr size_t kCandidatesPerClockCheck = 32;

Status DeadlineError(const std::string& stage) {
  return Status::DeadlineExceeded("screening did not finish in time (stopped " + stage + ")");
}

bool PastDeadline(Deadline deadline) {
  return deadline != kNoDeadline && std::chrono::steady_clock::now() > deadline;
}

// A record's best-scoring name. Its alignment is made again when the record is explained: only
// `limit` records are, and keeping every candidate's alignment cost more than aligning.
struct Best {
  uint32_t name_id;  // an index name id; for records found by identifier, the entity's name
  float name_score;
};

// A record found by identifier: its best name, prepared outside the index, and its alignment.
struct OwnName {
  PreparedName name;
  NameAlignment alignment;
};

// The best of the entity's names against the query, prepared outside the index (into *own).
Best BestOwnName(const Entity& e, const PreparedName& q, const NameNormalizer& normalizer,
                 const TokenStats& stats, OwnName* own) {
  Best b{kNoName, 0.0f};
  for (size_t n = 0; n < e.names.size(); ++n) {
    PreparedName p = Prepare(normalizer.Normalize(e.names[n].full, e.schema), stats, normalizer);
    NameAlignment a = AlignNames(q, p, AlignOptionsFor(e.schema));
    float s = ApplyNameKind(e.names[n].kind, a.score);
    if (b.name_id == kNoName || s > b.name_score) {
      b = Best{static_cast<uint32_t>(n), s};
      *own = OwnName{std::move(p), std::move(a)};
    }
  }
  return b;
}

// The score of a record whose best name scores `name_score`: that plus the attribute terms,
// which go to *terms, clipped to [0, 1].
float ScoreRecord(const ScreeningQuery& query, const std::vector<std::string>& codes,
                  const Entity& e, float name_score, std::vector<AttributeTerm>* terms) {
  if (auto t = SchemaTerm(query.schema, e.schema)) terms->push_back(*t);
  if (auto t = BirthDateTerm(query.birth_dates, e.birth_dates)) terms->push_back(*t);
  if (auto t = CountryTerm(codes, e)) terms->push_back(*t);
  if (auto t = IdentifierTerm(query.identifiers, e)) terms->push_back(*t);
  float score = name_score;
  for (const AttributeTerm& t : *terms) score += t.effect;
  return std::clamp(score, 0.0f, 1.0f);
}

// The query as every pass of Screen() reads it.
struct QueryState {
  const Snapshot* snapshot;
  const NameNormalizer* normalizer;
  const TokenStats* stats;
  const ScreeningQuery* query;
  PreparedName prepared;
  std::vector<std::string> codes;  // the query's countries Interdict knows
  float index_lift = 0;            // what birth date and country can add to a name's score at most
  float max_lift = 0;              // and with the identifiers
};

// A record scored, not yet explained.
struct Scored {
  uint32_t ent;
  float score;
  std::vector<AttributeTerm> terms;
};

// The searches of one query: at a top-k level, then (when that is not enough) at the threshold.
// The records found at a level are found again at the threshold (its candidates include the
// level's), so they are kept, and so is the rising bound they set.
struct Pass {
  explicit Pass(size_t limit) : kth(limit) {}
  std::unordered_map<uint32_t, Best> best;
  std::unordered_map<uint32_t, OwnName> id_only_names;  // records found by identifier
  std::vector<Scored> scored;                           // of the last search, best first
  KthBest kth;  // of the records at or above the threshold that pass options.keep
};

// Aligns the query with each candidate name and keeps, per record, its best name if the
// attributes (worth qs.max_lift at most) can still take it to the threshold and to the rising
// bound (a record below the k-th best score so far is not among the k best); on a tie, the
// record's earlier name (primary first). A record seen for the first time sets the bound.
Status KeepBestNames(const QueryState& qs, const std::vector<uint32_t>& candidates, float threshold,
                     const ScreenOptions& options, NameAligner* aligner, Pass* pass) {
  const Snapshot& snapshot = *qs.snapshot;
  const NameIndex& index = snapshot.index();
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (c % kCandidatesPerClockCheck == kCandidatesPerClockCheck - 1 &&
        PastDeadline(options.deadline))
      return DeadlineError("scoring candidates");
    const uint32_t name_id = candidates[c];
    const NameIndex::NameRef& ref = index.ref(name_id);
    const Entity& e = snapshot.entities()[ref.entity];
    const NameAlignment& a = aligner->Align(index.name(name_id), AlignOptionsFor(e.schema));
    float s = ApplyNameKind(ref.kind, a.score);
    if (s <= 0 || s + qs.max_lift < threshold || s + qs.max_lift < pass->kth.Bound()) continue;
    auto [it, added] = pass->best.try_emplace(ref.entity, Best{name_id, s});
    if (added) {
      if (options.keep && !options.keep(e)) continue;
      std::vector<AttributeTerm> terms;
      float score = ScoreRecord(*qs.query, qs.codes, e, s, &terms);
      if (score >= threshold) pass->kth.Offer(score);
    } else if (s > it->second.name_score ||
               (s == it->second.name_score && name_id < it->second.name_id)) {
      it->second = Best{name_id, s};
    }
  }
  return Status::Ok();
}

// Fills pass->scored with the records at or above `threshold`, best first.
Status ScorePass(const QueryState& qs, float threshold, const ScreenOptions& options,
                 Matcher::Session* session, Pass* pass) {
  const Snapshot& snapshot = *qs.snapshot;
  const ScreeningQuery& query = *qs.query;
  pass->scored.clear();
  if (PastDeadline(options.deadline)) return DeadlineError("before the search");
  const NameIndex& index = snapshot.index();
  session->candidates.clear();
  if (options.exhaustive) {
    for (uint32_t n = 0; n < index.name_count(); ++n) session->candidates.push_back(n);
  } else {
    // A name further below the threshold than the query's birth date and country can make up
    // for cannot reach it. (Records carrying a query identifier are found through the
    // identifier index instead.) A top-k level looks that far below for identifiers too, so
    // that a record's best name is found at every level, as at the lowest.
    // A person's name of three words or more may carry parts the list does not record (a
    // father's name, a second surname), which cost less than other unpaired words, so the index
    // looks lower for it (IndexBoundFor). Shorter queries keep the plain bound: it is their
    // screening time (lowering it for every query cost about 40% of it; docs/performance.md).
    const float lift = threshold > options.threshold ? qs.max_lift : qs.index_lift;
    const float bound = qs.prepared.tokens.size() >= 3
                            ? IndexBoundFor(threshold - lift, qs.prepared.schema)
                            : threshold - lift;
    index.Candidates(qs.prepared, bound, session->scratch.get(), &session->candidates);
  }
  INTERDICT_RETURN_IF_ERROR(
      KeepBestNames(qs, session->candidates, threshold, options, &session->aligner, pass));
  // Records carrying one of the query's identifiers are candidates whatever their names: their
  // best name is scored here, outside the index, and the identifier term decides.
  for (const QueryIdentifier& qi : query.identifiers) {
    for (uint32_t ent : snapshot.EntitiesWithIdentifier(CanonicalIdentifier(qi.value))) {
      if (pass->best.count(ent)) continue;
      if (PastDeadline(options.deadline))
        return DeadlineError("scoring records with the query's identifiers");
      pass->best[ent] = BestOwnName(snapshot.entities()[ent], qs.prepared, *qs.normalizer,
                                    *qs.stats, &pass->id_only_names[ent]);
    }
  }
  // Scored first and explained after the cut: at a low threshold most candidates pass, and only
  // `limit` of them are returned.
  for (auto& [ent, b] : pass->best) {
    if (b.name_score + qs.max_lift < threshold || b.name_score + qs.max_lift < pass->kth.Bound())
      continue;
    if (options.keep && !options.keep(snapshot.entities()[ent])) continue;
    std::vector<AttributeTerm> terms;
    float score = ScoreRecord(query, qs.codes, snapshot.entities()[ent], b.name_score, &terms);
    if (score >= threshold) pass->scored.push_back({ent, score, std::move(terms)});
  }
  const std::vector<Entity>& entities = snapshot.entities();
  std::sort(pass->scored.begin(), pass->scored.end(), [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return entities[a.ent].id < entities[b.ent].id;
  });
  return Status::Ok();
}

// Explains the records of pass->scored into *out, in order.
Status ExplainPass(const QueryState& qs, Deadline deadline, NameAligner* aligner, Pass* pass,
                   std::vector<MatchResult>* out) {
  const Snapshot& snapshot = *qs.snapshot;
  const NameIndex& index = snapshot.index();
  const std::vector<Entity>& entities = snapshot.entities();
  for (Scored& sc : pass->scored) {
    if (out->size() % kCandidatesPerClockCheck == kCandidatesPerClockCheck - 1 &&
        PastDeadline(deadline)) {
      out->clear();
      return DeadlineError("explaining matches");
    }
    const Entity& e = entities[sc.ent];
    const Best& b = pass->best.at(sc.ent);
    MatchResult r;
    r.entity = &e;
    r.score = sc.score;
    const std::string& name = qs.query->name;
    auto found = pass->id_only_names.find(sc.ent);
    if (found != pass->id_only_names.end()) {
      r.explanation = Explain(name, qs.prepared, e.names[b.name_id], found->second.name,
                              found->second.alignment, b.name_score);
    } else {
      const NameIndex::NameRef& ref = index.ref(b.name_id);
      const PreparedName& listed = index.name(b.name_id);
      r.explanation = Explain(name, qs.prepared, e.names[ref.name], listed,
                              aligner->Align(listed, AlignOptionsFor(e.schema)), b.name_score);
    }
    r.explanation.terms = std::move(sc.terms);
    r.explanation.sentence = Sentence(e, r.explanation, sc.score);
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

float ApplyNameKind(NameKind kind, float name_score) {
  if (kind != NameKind::kWeakAlias) return name_score;
  return name_score >= kWeakAliasMinimum ? name_score * kWeakAliasFactor : 0.0f;
}

Matcher::Matcher(std::shared_ptr<const Snapshot> snapshot, const NameNormalizer& normalizer,
                 const TokenStats& stats, const CountryTable& countries)
    : snapshot_(std::move(snapshot)),
      normalizer_(normalizer),
      stats_(stats),
      countries_(countries) {}

Matcher::~Matcher() = default;

std::unique_ptr<Matcher::Session> Matcher::NewSession() const {
  return std::make_unique<Session>(snapshot_->index());
}

Status Matcher::Screen(const ScreeningQuery& query, const ScreenOptions& options, Session* session,
                       ScreenResult* result) const {
  result->matches.clear();
  result->warnings = query.warnings;
  if (Trim(query.name).empty()) return Status::InvalidInput("name is empty");
  INTERDICT_RETURN_IF_ERROR(CheckNameLength(query.name));
  Schema schema = query.schema.value_or(Schema::kEntity);
  QueryState qs{snapshot_.get(), &normalizer_, &stats_, &query};
  qs.prepared = Prepare(normalizer_.Normalize(query.name, schema), stats_, normalizer_);
  if (qs.prepared.tokens.empty())
    return Status::InvalidInput("name has no letters or digits to compare");
  INTERDICT_RETURN_IF_ERROR(CheckNameTokens(qs.prepared.tokens.size()));
  for (const std::string& c : query.countries) {
    std::string code = countries_.Resolve(c);
    if (code.empty()) {
      result->warnings.push_back("country '" + c +
                                 "' is not one Interdict knows; screened without it");
    } else {
      qs.codes.push_back(code);
    }
  }
  qs.index_lift = (query.birth_dates.empty() ? 0.0f : kMaxBirthDateEffect) +
                  (qs.codes.empty() ? 0.0f : kMaxCountryEffect);
  qs.max_lift = qs.index_lift + (query.identifiers.empty() ? 0.0f : kMaxIdentifierEffect);
  session->aligner.Reset(qs.prepared);

  // A top-k search below the first level is made at each level first (see ScreenOptions): once
  // a level holds `limit` records, the k-th best is at or above it, and every record that could
  // outrank it was a candidate there.
  Pass pass(options.limit);
  bool done = false;
  if (options.top_k_levels && options.limit > 0 && !options.exhaustive) {
    for (float level : kTopKLevels) {
      if (level <= options.threshold) break;
      INTERDICT_RETURN_IF_ERROR(ScorePass(qs, level, options, session, &pass));
      if (pass.scored.size() >= options.limit) {
        done = true;
        break;
      }
    }
  }
  if (!done) INTERDICT_RETURN_IF_ERROR(ScorePass(qs, options.threshold, options, session, &pass));
  if (options.limit > 0 && pass.scored.size() > options.limit) pass.scored.resize(options.limit);
  return ExplainPass(qs, options.deadline, &session->aligner, &pass, &result->matches);
}

Status CompareNames(const std::string& name1, const std::string& name2,
                    std::optional<Schema> schema, const NameNormalizer& normalizer,
                    const TokenStats& stats, Comparison* out) {
  if (Trim(name1).empty() || Trim(name2).empty()) return Status::InvalidInput("name is empty");
  // Both names are the caller's: both within the query limits, each named in the error.
  INTERDICT_RETURN_IF_ERROR(CheckNameLength(name1).WithContext("name1"));
  INTERDICT_RETURN_IF_ERROR(CheckNameLength(name2).WithContext("name2"));
  Schema s = schema.value_or(Schema::kEntity);
  PreparedName a = Prepare(normalizer.Normalize(name1, s), stats, normalizer);
  PreparedName b = Prepare(normalizer.Normalize(name2, s), stats, normalizer);
  if (a.tokens.empty() || b.tokens.empty())
    return Status::InvalidInput("name has no letters or digits to compare");
  INTERDICT_RETURN_IF_ERROR(CheckNameTokens(a.tokens.size()).WithContext("name1"));
  INTERDICT_RETURN_IF_ERROR(CheckNameTokens(b.tokens.size()).WithContext("name2"));
  NameAlignment al = AlignNames(a, b, AlignOptionsFor(s));
  Name listed;
  listed.full = name2;
  listed.natural = name2;
  out->score = al.score;
  out->explanation = Explain(name1, a, listed, b, al, al.score);
  out->explanation.sentence = PairSentence(out->explanation);
  return Status::Ok();
}

}  // namespace interdict

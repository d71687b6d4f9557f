#include "index/prepared_name.h"

#include "core/text.h"

namespace interdict {

namespace {
constexpr float kParticleWeight = 0.1f;
constexpr float kLegalFormWeight = 0.15f;
constexpr float kInitialWeight = 0.25f;
}  // namespace

PreparedName Prepare(NormalizedName name, const TokenStats& stats,
                     const NameNormalizer& normalizer) {
  PreparedName out;
  out.script = std::move(name.script);
  out.schema = name.schema;
  out.tokens.reserve(name.tokens.size());
  out.joins.reserve(name.tokens.size());
  for (NameToken& t : name.tokens) {
    PreparedToken p;
    p.variant = t.variant.empty() ? t.text : std::move(t.variant);
    p.text = std::move(t.text);
    p.phonetic = std::move(t.phonetic);
    p.skeleton = std::move(t.skeleton);
    p.surface = std::move(t.surface);
    p.kind = t.kind;
    p.transliterated = t.transliterated;
    p.abjad = t.abjad;
    p.begin = t.begin;
    p.end = t.end;
    p.initial = p.text.size() == 1 && t.kind == TokenKind::kWord;
    switch (t.kind) {
      case TokenKind::kParticle:
        p.weight = kParticleWeight;
        break;
      case TokenKind::kLegalForm:
        p.weight = kLegalFormWeight;
        break;
      case TokenKind::kNumber:
        p.weight = 1.0f;
        break;
      case TokenKind::kWord:
        p.weight = p.initial ? kInitialWeight : stats.Weight(p.variant);
        break;
    }
    p.text_set = ByteSet(p.text);
    p.phonetic_set = ByteSet(p.phonetic);
    out.total_weight += p.weight;
    out.tokens.push_back(std::move(p));
  }
  for (size_t i = 0; i + 1 < out.tokens.size(); ++i) {
    const PreparedToken& a = out.tokens[i];
    const PreparedToken& b = out.tokens[i + 1];
    PreparedToken j;
    j.text = a.text + b.text;
    j.variant = normalizer.VariantOf(j.text);
    j.phonetic = normalizer.PhoneticKey(j.text);
    j.skeleton = NameNormalizer::Skeleton(j.text);
    j.transliterated = a.transliterated || b.transliterated;
    // The article romanised bare ("al") is no abjad token of its own; joined with one it is.
    j.abjad = (a.abjad || b.abjad) && a.transliterated && b.transliterated;
    j.weight = a.weight + b.weight;
    j.text_set = a.text_set | b.text_set;
    j.phonetic_set = ByteSet(j.phonetic);
    j.begin = a.begin;
    j.end = b.end;
    out.joins.push_back(std::move(j));
  }
  return out;
}

}  // namespace interdict

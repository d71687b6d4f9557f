// Same-script comparison: two tokens written in one of the scripts that names are compared in
// (Han, Hangul, the Brahmic scripts; see NameToken::surface) are told apart by their letters in
// that script, which their romanisations may merge: 종 and 정 are both "jong", 张 and 章 both
// "zhang", दीपक and दिपक both "dipak". Tokens of different scripts (金 and 김, 김 and Kim) are
// compared through their romanisations alone.
#pragma once

#include <cstddef>

#include "index/prepared_name.h"

namespace interdict {

struct ScriptDistance {
  int edits = 0;      // letters changed, inserted, deleted or swapped
  size_t length = 0;  // letters of the longer token
};

// True when `q` and `l` both carry their letters in one script that names are compared in; then
// `*d` is their distance there, counted in Hangul jamo (a syllable is three letters), in Han
// characters (two different characters are one letter apart), or in code points.
bool OwnScriptDistance(const PreparedToken& q, const PreparedToken& l, ScriptDistance* d);

}  // namespace interdict

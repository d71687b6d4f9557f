// CommonWords: English words (data/common_words.txt, derived from SCOWL as Debian's wamerican
// packages ship it), in two grades:
//   - everyday words (SCOWL size 35, lower case): "alpha", "unity", "police";
//   - known words and proper nouns (the rest of SCOWL size 50): "stephen", "daniel", "september".
// A list-name token that is an everyday word says little in prose, and a one-word list name that
// is any known English word or name ("Daniel") even less, so the scanner asks for more evidence
// before it reports such names (docs/scanning.md).
//
// Immutable after Load; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "core/status.h"

namespace interdict {

class CommonWords {
 public:
  // One word a line, lower-case a-z, then optionally a tab and "k" for a known (not everyday)
  // word; '#' lines and blank lines are skipped. A line with anything else is an error naming
  // file and line: the list is folded text, compared byte for byte.
  static Status Load(const std::string& path, CommonWords* out);
  // <data_dir>/common_words.txt
  static Status LoadDefault(const std::string& data_dir, CommonWords* out);

  // `folded` is a token as the normalizer folds it (lower-case a-z0-9).
  bool Contains(std::string_view folded) const { return words_.count(std::string(folded)) > 0; }
  // An everyday word, or a known word or proper noun.
  bool IsKnown(std::string_view folded) const {
    return Contains(folded) || known_.count(std::string(folded)) > 0;
  }
  // A connective or article of an organisation's name ("of", "and", "the", "de", "y"): a closed
  // class of words that prose writes in lower case inside a name ("Islamic State of Iraq and the
  // Levant"), so their case and presence carry no evidence.
  static bool IsConnective(std::string_view folded);

  size_t size() const { return words_.size(); }
  size_t known_size() const { return known_.size(); }
  const std::unordered_set<std::string>& words() const { return words_; }

  // For tests: a table from words already in memory.
  static CommonWords FromWords(std::initializer_list<std::string_view> everyday,
                               std::initializer_list<std::string_view> known = {});

 private:
  std::unordered_set<std::string> words_;  // everyday
  std::unordered_set<std::string> known_;
};

}  // namespace interdict

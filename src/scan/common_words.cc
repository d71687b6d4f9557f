#include "scan/common_words.h"

#include <fstream>

#include "core/text.h"

namespace interdict {

Status CommonWords::Load(const std::string& path, CommonWords* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open");
  CommonWords words;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view word = Trim(line);
    if (word.empty() || word[0] == '#') continue;
    bool known = false;
    if (size_t tab = word.find('\t'); tab != std::string_view::npos) {
      if (Trim(word.substr(tab + 1)) != "k") {
        return Status::InvalidInput(path + ":" + std::to_string(number) +
                                    ": the second field is 'k' (a known word) or nothing");
      }
      known = true;
      word = word.substr(0, tab);
    }
    for (char c : word) {
      if (c < 'a' || c > 'z') {
        return Status::InvalidInput(path + ":" + std::to_string(number) + ": '" +
                                    std::string(word) + "' is not a lower-case a-z word");
      }
    }
    (known ? words.known_ : words.words_).emplace(word);
  }
  if (in.bad()) return Status::IoError(path + ": read failed");
  if (words.words_.empty()) return Status::InvalidInput(path + ": no words");
  *out = std::move(words);
  return Status::Ok();
}

Status CommonWords::LoadDefault(const std::string& data_dir, CommonWords* out) {
  const std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  return Load(dir + "common_words.txt", out);
}

bool CommonWords::IsConnective(std::string_view folded) {
  // English, then the Romance and German ones that list names keep untranslated.
  static constexpr std::string_view kConnectives[] = {
      "a",   "an", "and",  "at",  "by",  "for", "from", "in",  "of", "on", "or",
      "the", "to", "with", "de",  "del", "des", "di",   "du",  "e",  "el", "et",
      "la",  "le", "les",  "los", "y",   "und", "der",  "die", "das"};
  for (std::string_view c : kConnectives)
    if (c == folded) return true;
  return false;
}

CommonWords CommonWords::FromWords(std::initializer_list<std::string_view> everyday,
                                   std::initializer_list<std::string_view> known) {
  CommonWords c;
  for (std::string_view w : everyday) c.words_.emplace(w);
  for (std::string_view w : known) c.known_.emplace(w);
  return c;
}

}  // namespace interdict

// CountryTable: resolves the ways lists and users write a country to ISO 3166-1 alpha-2.
//
// Loaded once from data/countries.tsv (plain text people edit: one country a line, its code, its
// English short name and every other spelling seen on lists: "Korea, North", "Democratic People's
// Republic of Korea", "DPRK", "Iran (Islamic Republic of)", demonyms such as "Iranian"...).
// Immutable after Load; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/entity.h"
#include "core/status.h"

namespace interdict {

class CountryTable {
 public:
  // Reads the table; an unreadable file or a malformed line is an error naming file and line.
  static Status Load(const std::string& path, CountryTable* out);
  // The table in <data_dir>/countries.tsv.
  static Status LoadDefault(const std::string& data_dir, CountryTable* out);

  // The alpha-2 code for `text` (case, accents, punctuation and surrounding space ignored), or ""
  // when the text names no known country. Alpha-2 and alpha-3 codes are accepted in upper case
  // only ("IR", "IRN"; "na" is "not available" on the UN list, not Namibia).
  std::string Resolve(std::string_view text) const;

  // A Country with `original` = text and `code` = Resolve(text).
  Country Make(std::string_view text) const;

  // English short name for a code ("IR" -> "Iran"); "" when unknown.
  std::string NameOf(std::string_view code) const;

  size_t size() const { return names_.size(); }

 private:
  std::unordered_map<std::string, std::string> by_key_;  // folded spelling -> code
  std::unordered_map<std::string, std::string> codes_;   // "IR", "IRN" -> "IR"
  std::unordered_map<std::string, std::string> names_;   // code -> English short name
};

}  // namespace interdict

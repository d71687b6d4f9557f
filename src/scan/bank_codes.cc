#include "scan/bank_codes.h"

#include <cstdint>
#include <iterator>

namespace interdict {

bool IsBic(std::string_view s) {
  if (s.size() != 8 && s.size() != 11) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool digit = c >= '0' && c <= '9';
    if (i < 6 ? !upper : !(upper || digit)) return false;
  }
  return true;
}

namespace {

// IBAN lengths by country: the 87 countries of the SWIFT IBAN Registry (2024), plus Iran (IR, 26),
// whose IBANs the Central Bank of Iran issues outside the registry. Sorted by country.
struct IbanLength {
  char country[3];
  int length;
};
constexpr IbanLength kIbanLengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IR", 26}, {"IS", 26},
    {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20},
    {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20},
    {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25},
    {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}};

// The registry length for `country`, or 0 when the table does not know the country.
int RegistryLength(std::string_view country) {
  for (const IbanLength& l : kIbanLengths)
    if (country == l.country) return l.length;
  return 0;
}

bool Alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

bool IsIban(std::string_view s, std::string_view* why) {
  auto no = [why](std::string_view reason) {
    if (why != nullptr) *why = reason;
    return false;
  };
  if (s.size() < 15 || s.size() > 34) return no("an IBAN has 15 to 34 characters");
  if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'))
    return no("an IBAN starts with a country code of two capitals");
  if (!(s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9'))
    return no("an IBAN's check digits (characters 3-4) are digits");
  for (char c : s)
    if (!Alnum(c)) return no("an IBAN has only capitals and digits");
  const int length = RegistryLength(s.substr(0, 2));
  if (length != 0 && static_cast<int>(s.size()) != length)
    return no("wrong length for the IBAN's country");
  // MOD 97-10 over BBAN + country + check digits, a digit (or a letter's two digits) at a time.
  uint32_t rest = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    const char c = s[(k + 4) % s.size()];
    if (c >= 'A') {
      rest = (rest * 100 + static_cast<uint32_t>(c - 'A' + 10)) % 97;
    } else {
      rest = (rest * 10 + static_cast<uint32_t>(c - '0')) % 97;
    }
  }
  if (rest != 1) return no("the IBAN's check digits do not verify (MOD 97-10)");
  return true;
}

}  // namespace interdict

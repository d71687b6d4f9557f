#include "core/entity.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace interdict {
namespace {

template <typename E, size_t N>
bool ParseEnum(std::string_view text, const std::array<std::string_view, N>& names, E* out) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      *out = static_cast<E>(i);
      return true;
    }
  }
  return false;
}

// Indexed by the enum's value; keep in declaration order.
constexpr std::array<std::string_view, 5> kSchemaNames = {"entity", "person", "organization",
                                                          "vessel", "aircraft"};
constexpr std::array<std::string_view, 5> kNameKindNames = {"primary", "alias", "weak_alias",
                                                            "former_name", "original_script"};
constexpr std::array<std::string_view, 12> kIdKindNames = {
    "passport",      "national_id", "tax_id",           "registration",
    "imo",           "mmsi",        "call_sign",        "aircraft_serial",
    "aircraft_tail", "swift_bic",   "digital_currency", "other"};

bool ParseInt(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

const Name& Entity::primary_name() const {
  for (const Name& n : names)
    if (n.kind == NameKind::kPrimary) return n;
  return names.front();
}

std::string_view SchemaName(Schema s) { return kSchemaNames[static_cast<size_t>(s)]; }
bool ParseSchema(std::string_view text, Schema* out) { return ParseEnum(text, kSchemaNames, out); }
std::string_view NameKindName(NameKind k) { return kNameKindNames[static_cast<size_t>(k)]; }
bool ParseNameKind(std::string_view text, NameKind* out) {
  return ParseEnum(text, kNameKindNames, out);
}
std::string_view IdKindName(IdKind k) { return kIdKindNames[static_cast<size_t>(k)]; }
bool ParseIdKind(std::string_view text, IdKind* out) { return ParseEnum(text, kIdKindNames, out); }

std::string FormatPartialDate(const PartialDate& d) {
  if (d.year == 0) return "";
  char buf[16];
  if (d.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d.year);
  } else if (d.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

bool ParsePartialDate(std::string_view text, PartialDate* out) {
  PartialDate d;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!ParseInt(text.substr(0, 4), &d.year) || d.year < 1000) return false;
  if (text.size() >= 7) {
    if (text[4] != '-' || !ParseInt(text.substr(5, 2), &d.month) || d.month < 1 || d.month > 12)
      return false;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !ParseInt(text.substr(8, 2), &d.day) || d.day < 1 || d.day > 31)
      return false;
  }
  *out = d;
  return true;
}

}  // namespace interdict

// The BIS Denied Persons List, dpl.txt: tab-separated, every field in double quotes, a header row
// (Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
// Standard_Order, Last_Update, Action, FR_Citation). Streamed row by row.
//
// BIS lists a party once per address, and each alias as a row of its own; the file has no id
// column. A record is therefore one row, with id "us-bis-dpl:<16 hex>", the start of the SHA-256
// of its name, address and effective date: the same row gets the same id in every edition, and a
// changed address is a new record, as BIS publishes it. Rows of one denial order share
// FR_Citation (kept as an attribute). A second row with the same name, address and date is
// dropped with a warning that says whether it repeats the first exactly (the 2022-09 file
// repeats two rows) or differs in other columns (the first row is kept).
//
// Mapping: Name -> primary name (kEntity: the list does not say person or company);
// Street_Address, City, State, Postal_Code, Country -> an address; Effective_Date -> listed_on;
// Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation -> attributes
// (lower-case column names). Dates are MM/DD/YYYY or YYYY-MM-DD.
#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "ingest/csv_table.h"
#include "ingest/date_text.h"
#include "ingest/parsers.h"

namespace interdict {
namespace {

constexpr std::string_view kSource = "us-bis-dpl";

const std::vector<std::string_view> kAddressColumns = {"Street_Address", "City", "State",
                                                       "Postal_Code", "Country"};

std::string Sha256Prefix(std::string_view text, size_t hex_digits) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), digest, &len, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len && out.size() < hex_digits; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

// MM/DD/YYYY or an ISO date -> "YYYY-MM-DD"; "" when it is neither.
std::string UsDate(std::string_view text) {
  PartialDate d;
  std::vector<std::string_view> p = SplitView(text, '/');
  if (p.size() == 3 && p[0].size() == 2 && p[1].size() == 2 && p[2].size() == 4) {
    std::string iso = std::string(p[2]) + "-" + std::string(p[0]) + "-" + std::string(p[1]);
    return date_text::ParseIsoPrefix(iso, &d) && d.day != 0 ? FormatPartialDate(d) : "";
  }
  return date_text::ParseIsoPrefix(text, &d) && d.day != 0 ? FormatPartialDate(d) : "";
}

std::string Today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

Status ParseUsBisDpl(const std::vector<std::filesystem::path>& paths, const ParseOptions& options,
                     const EntitySink& sink, ParseReport* report) {
  ParseReport local;
  if (report == nullptr) report = &local;
  std::filesystem::path file;
  INTERDICT_RETURN_IF_ERROR(ResolveSingleInput(ListFormat::kUsBisDpl, paths, report, &file));
  std::unique_ptr<CsvTable> t;
  INTERDICT_RETURN_IF_ERROR(
      CsvTable::Open(file, '\t', {"Name", "Effective_Date"}, options.bytes_read, &t));
  struct Seen {
    int64_t line;
    std::string row;
  };
  std::unordered_map<std::string, Seen> seen;
  std::string newest;
  // A Last_Update after today is a typo (the 2022-09 file has "3017-08-22"), not a date.
  const std::string today = Today();
  for (;;) {
    bool has_row = false;
    INTERDICT_RETURN_IF_ERROR(t->Next(&has_row));
    if (!has_row) break;
    Entity e;
    e.source = std::string(kSource);
    Name name;
    name.full = name.natural = std::string(t->Get("Name"));
    if (name.full.empty()) return t->Error("empty Name");
    name.script = date_text::DominantScriptCode(name.full);
    e.names.push_back(std::move(name));
    std::string key = e.names[0].full;
    for (std::string_view c : kAddressColumns) key += "\x1f" + std::string(t->Get(c));
    key += "\x1f" + std::string(t->Get("Effective_Date"));
    e.id = std::string(kSource) + ":" + Sha256Prefix(key, 16);
    std::string row = key;
    for (auto& [k, v] : t->Others({})) row += "\x1f" + k + "=" + v;
    auto [it, inserted] = seen.emplace(e.id, Seen{t->line(), row});
    if (!inserted) {
      report->warnings.push_back(
          t->name() + ":" + std::to_string(t->line()) + ": the name, address and date of line " +
          std::to_string(it->second.line) +
          (it->second.row == row ? " again (an identical row): skipped"
                                 : " again, other columns differ: skipped, line " +
                                       std::to_string(it->second.line) + " kept"));
      continue;
    }
    Address a;
    a.street = std::string(t->Get("Street_Address"));
    a.city = std::string(t->Get("City"));
    a.state = std::string(t->Get("State"));
    a.postal_code = std::string(t->Get("Postal_Code"));
    if (std::string_view c = t->Get("Country"); !c.empty()) a.country = options.countries->Make(c);
    if (!(a.street + a.city + a.state + a.postal_code + a.country.original).empty())
      e.addresses.push_back(std::move(a));
    e.listed_on = UsDate(t->Get("Effective_Date"));
    if (e.listed_on.empty() && !t->Get("Effective_Date").empty())
      return t->Error("Effective_Date '" + std::string(t->Get("Effective_Date")) +
                      "' is not MM/DD/YYYY");
    std::vector<std::string_view> known = kAddressColumns;
    known.insert(known.end(), {"Name", "Effective_Date"});
    for (auto& [k, v] : t->Others(known)) e.attributes.push_back(Attribute{k, v});
    std::string updated = UsDate(t->Get("Last_Update"));
    if (updated > newest && updated <= today) newest = updated;
    INTERDICT_RETURN_IF_ERROR(sink(std::move(e)));
  }
  // The file states no publication date; the newest Last_Update says how recent it is at least.
  report->warnings.push_back(t->name() + ": states no publication date (newest Last_Update " +
                             (newest.empty() ? std::string("none") : newest) + ")");
  return Status::Ok();
}

}  // namespace interdict

// ParseOfacCsv: OFAC's legacy CSV sets (SDN: sdn.csv + alt.csv, add.csv, sdn_comments.csv;
// Consolidated non-SDN: cons_prim.csv + cons_alt.csv, cons_add.csv, cons_comments.csv).
//
// Layout (no header row; text fields quoted; "-0- " for an empty field; CRLF; a 0x1A byte after
// the last line, which is the only sign of a complete file: a file cut at a line boundary is
// refused for lacking it, see ParseOptions::allow_incomplete):
//   primary   ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
//             Vess_flag, Vess_owner, Remarks
//   alt       ent_num, alt_num, alt_type, alt_name, alt_remarks
//   add       ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
//   comments  ent_num, Remarks continuation (OFAC cuts Remarks at 1,000 characters, mid-word,
//             and puts the rest here: appended with no separator)
//
// The companion files are read into memory first (they are small), then the primary file streams
// and each record is completed from them and handed to the sink.
//
// Choices that the data does not dictate:
// - alt_type "nka" (now known as) is the name the party goes by today, so it is a kStrongAlias
//   like "aka"; "fka" is a kFormerName.
// - SDN_Type "-0-" is kEntity: OFAC does not say whether it is an organisation.
// - Every unquoted field must be a number or "-0- ": OFAC quotes all text, so an unquoted text
//   field means a damaged or cut line.
// - "London EC3N 1DY" stays whole in Address::city: OFAC's column mixes city, state and postal
//   code in country-specific orders, and a wrong split would be worse than none.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "ingest/csv_reader.h"
#include "ingest/ofac_remarks.h"
#include "ingest/parsers.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;

// OFAC's field length limit: a Remarks text this long that does not end in "." was cut.
constexpr size_t kRemarksLimit = 1000;

struct SetNames {
  std::string_view source;
  std::string_view primary, alt, add, comments;
};

constexpr SetNames kSdnNames = {"us-ofac-sdn", "sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"};
constexpr SetNames kConsNames = {"us-ofac-cons", "cons_prim.csv", "cons_alt.csv", "cons_add.csv",
                                 "cons_comments.csv"};

struct FileSet {
  fs::path primary, alt, add, comments;  // empty: not given / not found
};

constexpr std::string_view kPrimaryColumns[] = {"ent_num", "SDN_Name",  "SDN_Type",   "Program",
                                                "Title",   "Call_Sign", "Vess_type",  "Tonnage",
                                                "GRT",     "Vess_flag", "Vess_owner", "Remarks"};
constexpr std::string_view kAltColumns[] = {"ent_num", "alt_num", "alt_type", "alt_name",
                                            "alt_remarks"};
constexpr std::string_view kAddColumns[] = {
    "ent_num", "add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks"};
constexpr std::string_view kCommentsColumns[] = {"ent_num", "Remarks"};

fs::path* RoleOf(const SetNames& names, FileSet* set, std::string_view file_name) {
  std::string lower = AsciiLower(file_name);
  if (lower == names.primary) return &set->primary;
  if (lower == names.alt) return &set->alt;
  if (lower == names.add) return &set->add;
  if (lower == names.comments) return &set->comments;
  return nullptr;
}

std::string ExpectedNames(const SetNames& n) {
  return std::string(n.primary) + ", " + std::string(n.alt) + ", " + std::string(n.add) + ", " +
         std::string(n.comments);
}

// Finds the set's files in `paths`: folders (searched for the standard names, case-insensitive)
// and files (recognised by their standard names; a single file of another name is taken as the
// primary file).
Status ResolveFiles(const SetNames& names, const std::vector<fs::path>& paths, FileSet* set) {
  auto assign = [&](fs::path* slot, const fs::path& p) -> Status {
    if (!slot->empty())
      return Status::InvalidInput(p.string() + ": a second " + p.filename().string() +
                                  " (already have " + slot->string() + ")");
    *slot = p;
    return Status::Ok();
  };
  for (const fs::path& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(p.string() + ": no such file or folder");
    if (fs::is_directory(st)) {
      std::vector<fs::path> entries;
      for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
        entries.push_back(it->path());
      if (ec) return Status::IoError(p.string() + ": cannot list folder: " + ec.message());
      std::sort(entries.begin(), entries.end());  // deterministic "a second ..." messages
      for (const fs::path& entry : entries) {
        if (!fs::is_regular_file(entry, ec)) continue;
        fs::path* slot = RoleOf(names, set, entry.filename().string());
        if (slot != nullptr) INTERDICT_RETURN_IF_ERROR(assign(slot, entry));
      }
      continue;
    }
    fs::path* slot = RoleOf(names, set, p.filename().string());
    if (slot == nullptr) {
      if (paths.size() != 1)
        return Status::InvalidInput(p.string() + ": not a file of the " +
                                    std::string(names.source) + " set (expected " +
                                    ExpectedNames(names) + ")");
      slot = &set->primary;
    }
    INTERDICT_RETURN_IF_ERROR(assign(slot, p));
  }
  if (set->primary.empty()) {
    std::string where;
    for (const fs::path& p : paths) where += (where.empty() ? "" : ", ") + p.string();
    return Status::NotFound(std::string(names.primary) + " not found in " + where);
  }
  return Status::Ok();
}

// A CSV file of the set, read row by row with the checks every OFAC file needs.
class OfacFile {
 public:
  // `require_dos_eof`: the file must end with OFAC's 0x1A byte, else it was cut.
  OfacFile(const fs::path& path, const std::string_view* columns, size_t num_columns,
           size_t num_numeric, bool require_dos_eof)
      : path_(path),
        columns_(columns),
        num_columns_(num_columns),
        num_numeric_(num_numeric),
        require_dos_eof_(require_dos_eof) {}

  Status Open() {
    CsvReader::Options options;
    options.null_marker = "-0- ";
    return CsvReader::Open(path_, options, &reader_);
  }

  // Next row, checked: the column count, the leading numeric columns (ent_num and alt_num or
  // add_num) and that every text field was quoted. *ent_num is column 0.
  Status Next(bool* has_row, int64_t* ent_num) {
    INTERDICT_RETURN_IF_ERROR(reader_->Next(&fields_, has_row));
    if (!*has_row) {
      if (!require_dos_eof_ || reader_->saw_dos_eof()) return Status::Ok();
      return Status::InvalidInput(
          reader_->name() + ": no end-of-file byte 0x1A after the last line (line " +
          std::to_string(reader_->line()) +
          "): the file is cut short, a partial download or a hand-made excerpt (OFAC ends "
          "every published primary, alt and add file with it); --allow-shrink takes it as "
          "complete");
    }
    if (fields_.size() != num_columns_)
      return Error("expected " + std::to_string(num_columns_) + " fields, found " +
                   std::to_string(fields_.size()));
    for (size_t i = 0; i < num_numeric_; ++i) {
      const std::string& f = fields_[i];
      int64_t v = 0;
      auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
      if (f.empty() || ec != std::errc() || end != f.data() + f.size() || v <= 0)
        return Error(std::string(columns_[i]) + " '" + f + "' is not a number");
      if (i == 0) *ent_num = v;
    }
    for (size_t i = num_numeric_; i < num_columns_; ++i) {
      if (!reader_->quoted(i) && !fields_[i].empty())
        return Error("unquoted text '" + fields_[i] + "' in column " + std::string(columns_[i]) +
                     " (a damaged or cut line?)");
    }
    return Status::Ok();
  }

  Status Error(const std::string& problem) const {
    return Status::InvalidInput(reader_->name() + ":" + std::to_string(reader_->line()) + ": " +
                                problem);
  }

  std::string& field(size_t i) { return fields_[i]; }
  int64_t line() const { return reader_->line(); }
  std::string name() const { return path_.filename().string(); }

 private:
  fs::path path_;
  const std::string_view* columns_;
  size_t num_columns_;
  size_t num_numeric_;
  bool require_dos_eof_;
  std::unique_ptr<CsvReader> reader_;
  std::vector<std::string> fields_;
};

template <typename Row>
struct Companion {
  std::string file_name;  // empty when the file is absent
  std::unordered_map<int64_t, std::vector<Row>> by_ent;
  std::unordered_map<int64_t, int64_t> first_line;  // ent_num -> first line naming it

  // The rows for `ent_num`, removed so that what remains at the end are the unmatched ones.
  std::vector<Row> Take(int64_t ent_num) {
    auto it = by_ent.find(ent_num);
    if (it == by_ent.end()) return {};
    std::vector<Row> rows = std::move(it->second);
    by_ent.erase(it);
    first_line.erase(ent_num);
    return rows;
  }

  void Record(int64_t ent_num, int64_t line, Row row) {
    by_ent[ent_num].push_back(std::move(row));
    first_line.emplace(ent_num, line);
  }

  // One warning for all rows whose ent_num the primary file does not have.
  void WarnUnmatched(std::string_view primary_name, ParseReport* report) const {
    if (by_ent.empty()) return;
    size_t rows = 0;
    int64_t line = 0, ent = 0;
    for (const auto& [e, v] : by_ent) {
      rows += v.size();
      int64_t l = first_line.at(e);
      if (line == 0 || l < line) {
        line = l;
        ent = e;
      }
    }
    report->warnings.push_back(file_name + ": " + std::to_string(rows) + " row" +
                               (rows == 1 ? "" : "s") + " for " + std::to_string(by_ent.size()) +
                               " ent_num" + (by_ent.size() == 1 ? "" : "s") + " not in " +
                               std::string(primary_name) + " ignored (first: ent_num " +
                               std::to_string(ent) + " on line " + std::to_string(line) + ")");
  }
};

struct AltRow {
  Name name;
  std::string remarks;
};

struct AddRow {
  Address address;
  std::string remarks;
};

template <typename Row, typename Fn>
Status ReadCompanion(const fs::path& path, const std::string_view* columns, size_t num_columns,
                     size_t num_numeric, bool require_dos_eof, Fn make_row, Companion<Row>* out,
                     ParseReport* report) {
  OfacFile file(path, columns, num_columns, num_numeric, require_dos_eof);
  INTERDICT_RETURN_IF_ERROR(file.Open());
  report->files.push_back(path);
  out->file_name = file.name();
  for (;;) {
    bool has_row = false;
    int64_t ent_num = 0;
    INTERDICT_RETURN_IF_ERROR(file.Next(&has_row, &ent_num));
    if (!has_row) break;
    Row row;
    INTERDICT_RETURN_IF_ERROR(make_row(file, &row));
    out->Record(ent_num, file.line(), std::move(row));
  }
  return Status::Ok();
}

Status ParseSchemaText(const std::string& text, Schema* out) {
  std::string t = AsciiLower(Trim(text));
  if (t.empty()) {
    *out = Schema::kEntity;
  } else if (t == "individual") {
    *out = Schema::kPerson;
  } else if (t == "vessel") {
    *out = Schema::kVessel;
  } else if (t == "aircraft") {
    *out = Schema::kAircraft;
  } else {
    return Status::InvalidInput("unknown SDN_Type '" + text +
                                "' (expected individual, vessel, aircraft or -0-)");
  }
  return Status::Ok();
}

// "SDGT] [IFSR" -> {"SDGT", "IFSR"}.
std::vector<std::string> SplitPrograms(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t sep = text.find("] [", pos);
    std::string_view piece =
        text.substr(pos, sep == std::string_view::npos ? std::string_view::npos : sep - pos);
    piece = Trim(piece);
    while (!piece.empty() && (piece.front() == '[' || piece.front() == ' ')) piece.remove_prefix(1);
    while (!piece.empty() && (piece.back() == ']' || piece.back() == ' ')) piece.remove_suffix(1);
    if (!piece.empty()) out.emplace_back(piece);
    if (sep == std::string_view::npos) break;
    pos = sep + 3;
  }
  return out;
}

}  // namespace

Status ParseOfacCsv(ListFormat format, const std::vector<std::filesystem::path>& paths,
                    const ParseOptions& options, const EntitySink& sink, ParseReport* report) {
  if (format != ListFormat::kOfacSdnCsv && format != ListFormat::kOfacConsCsv)
    return Status::Internal("ParseOfacCsv: not an OFAC CSV format");
  if (options.countries == nullptr) return Status::Internal("ParseOfacCsv: no country table");
  if (paths.empty()) return Status::InvalidInput("no input files given");
  const SetNames& names = format == ListFormat::kOfacSdnCsv ? kSdnNames : kConsNames;
  const CountryTable& countries = *options.countries;
  ParseReport local_report;
  if (report == nullptr) report = &local_report;

  FileSet set;
  INTERDICT_RETURN_IF_ERROR(ResolveFiles(names, paths, &set));
  // Every published primary, alt and add file seen ends with 0x1A (the 2021 SDN set, the 2024
  // sdn.csv, the 2025 consolidated set). The comments file is exempt: the 2021 sdn_comments.csv
  // has no 0x1A although cons_comments.csv (2025) has one.
  const bool require_dos_eof = !options.allow_incomplete;

  // Companion files first: they are joined to the primary records by ent_num.
  Companion<AltRow> alts;
  if (set.alt.empty()) {
    report->warnings.push_back(std::string(names.alt) + " not found: aliases skipped");
  } else {
    INTERDICT_RETURN_IF_ERROR(ReadCompanion(
        set.alt, kAltColumns, std::size(kAltColumns), 2, require_dos_eof,
        [](OfacFile& f, AltRow* row) -> Status {
          const std::string& type = f.field(2);
          std::string t = AsciiLower(Trim(type));
          if (t == "aka" || t == "nka") {
            row->name.kind = NameKind::kStrongAlias;
          } else if (t == "fka") {
            row->name.kind = NameKind::kFormerName;
          } else {
            return f.Error("unknown alt_type '" + type + "' (expected aka, fka or nka)");
          }
          row->name.full = std::string(Trim(f.field(3)));
          if (row->name.full.empty()) return f.Error("empty alt_name");
          row->remarks = std::string(Trim(f.field(4)));
          return Status::Ok();
        },
        &alts, report));
  }
  Companion<AddRow> adds;
  if (set.add.empty()) {
    report->warnings.push_back(std::string(names.add) + " not found: addresses skipped");
  } else {
    INTERDICT_RETURN_IF_ERROR(ReadCompanion(
        set.add, kAddColumns, std::size(kAddColumns), 2, require_dos_eof,
        [&countries](OfacFile& f, AddRow* row) -> Status {
          row->address.street = std::string(Trim(f.field(2)));
          row->address.city = std::string(Trim(f.field(3)));
          if (!Trim(f.field(4)).empty()) row->address.country = countries.Make(f.field(4));
          row->remarks = std::string(Trim(f.field(5)));
          return Status::Ok();
        },
        &adds, report));
  }
  Companion<std::string> comments;
  if (set.comments.empty()) {
    report->warnings.push_back(std::string(names.comments) +
                               " not found: Remarks cut at 1,000 characters stay cut");
  } else {
    INTERDICT_RETURN_IF_ERROR(ReadCompanion(
        set.comments, kCommentsColumns, std::size(kCommentsColumns), 1, /*require_dos_eof=*/false,
        [](OfacFile& f, std::string* row) -> Status {
          *row = std::move(f.field(1));
          return Status::Ok();
        },
        &comments, report));
  }

  OfacFile primary(set.primary, kPrimaryColumns, std::size(kPrimaryColumns), 1, require_dos_eof);
  INTERDICT_RETURN_IF_ERROR(primary.Open());
  report->files.push_back(set.primary);
  std::unordered_map<int64_t, int64_t> seen;  // ent_num -> line
  size_t cut_records = 0;
  int64_t first_cut = 0;
  for (;;) {
    bool has_row = false;
    int64_t ent_num = 0;
    INTERDICT_RETURN_IF_ERROR(primary.Next(&has_row, &ent_num));
    if (!has_row) break;
    auto [it, inserted] = seen.emplace(ent_num, primary.line());
    if (!inserted)
      return primary.Error("duplicate ent_num " + std::to_string(ent_num) + " (also on line " +
                           std::to_string(it->second) + ")");

    Entity e;
    e.source = std::string(names.source);
    e.id = e.source + ":" + std::to_string(ent_num);
    if (Status st = ParseSchemaText(primary.field(2), &e.schema); !st.ok())
      return primary.Error(st.message());

    Name primary_name;
    primary_name.full = std::string(Trim(primary.field(1)));
    if (primary_name.full.empty()) return primary.Error("empty SDN_Name");
    primary_name.kind = NameKind::kPrimary;
    e.names.push_back(std::move(primary_name));
    for (AltRow& alt : alts.Take(ent_num)) {
      e.names.push_back(std::move(alt.name));
      if (!alt.remarks.empty()) e.remarks.push_back(std::move(alt.remarks));
    }

    e.programs = SplitPrograms(primary.field(3));
    if (!Trim(primary.field(4)).empty()) e.titles.emplace_back(Trim(primary.field(4)));
    if (!Trim(primary.field(5)).empty()) {
      Identifier call_sign;
      call_sign.kind = IdKind::kCallSign;
      call_sign.value = std::string(Trim(primary.field(5)));
      call_sign.label = "Call Sign";
      e.identifiers.push_back(std::move(call_sign));
    }
    auto attribute = [&e](std::string_view key, const std::string& value) {
      if (!Trim(value).empty())
        e.attributes.push_back({std::string(key), std::string(Trim(value))});
    };
    attribute("vessel_type", primary.field(6));
    attribute("tonnage", primary.field(7));
    attribute("gross_registered_tonnage", primary.field(8));
    if (!Trim(primary.field(9)).empty()) e.flag = countries.Make(primary.field(9));
    attribute("vessel_owner", primary.field(10));

    std::string& remarks = primary.field(11);
    std::vector<std::string> continuation = comments.Take(ent_num);
    for (const std::string& c : continuation) remarks += c;
    bool cut = continuation.empty() && remarks.size() >= kRemarksLimit && !EndsWith(remarks, ".");
    if (cut && cut_records++ == 0) first_cut = ent_num;
    ParseOfacRemarks(remarks, cut, countries, &e);

    for (AddRow& add : adds.Take(ent_num)) {
      const Address& a = add.address;
      if (!a.street.empty() || !a.city.empty() || !a.country.original.empty())
        e.addresses.push_back(std::move(add.address));
      if (!add.remarks.empty()) e.remarks.push_back(std::move(add.remarks));
    }

    for (Name& n : e.names) {
      n.natural = e.schema == Schema::kPerson ? OfacNaturalOrder(n.full) : n.full;
      n.script = GuessScript(n.full);
    }

    INTERDICT_RETURN_IF_ERROR(sink(std::move(e)));
  }

  if (cut_records > 0) {
    report->warnings.push_back(
        primary.name() + ": " + std::to_string(cut_records) + " record" +
        (cut_records == 1 ? " has" : "s have") +
        " Remarks cut at 1,000 characters with no continuation (first: ent_num " +
        std::to_string(first_cut) + "); the cut fact is kept as text");
  }
  alts.WarnUnmatched(primary.name(), report);
  adds.WarnUnmatched(primary.name(), report);
  comments.WarnUnmatched(primary.name(), report);
  return Status::Ok();
}

}  // namespace interdict

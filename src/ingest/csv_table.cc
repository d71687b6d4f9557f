#include "ingest/csv_table.h"

#include "core/text.h"

namespace interdict {

Status CsvTable::Open(const std::filesystem::path& path, char separator,
                      const std::vector<std::string_view>& required, int64_t* bytes_read,
                      std::unique_ptr<CsvTable>* out) {
  std::unique_ptr<CsvTable> t(new CsvTable);
  t->in_.open(path, std::ios::binary);
  if (!t->in_) return Status::IoError(path.string() + ": cannot open");
  CsvReader::Options options;
  options.separator = separator;
  t->reader_ = std::make_unique<CsvReader>(&t->in_, path.filename().string(), options);
  t->bytes_read_ = bytes_read;
  bool has_row = false;
  INTERDICT_RETURN_IF_ERROR(t->reader_->Next(&t->header_, &has_row));
  if (!has_row) return Status::InvalidInput(t->name() + ":1: empty file, no header row");
  for (std::string& h : t->header_) h = std::string(Trim(h));
  for (std::string_view r : required) {
    bool found = false;
    for (const std::string& h : t->header_) found = found || h == r;
    if (!found)
      return Status::InvalidInput(t->name() + ":1: no column '" + std::string(r) +
                                  "' in the header (not this list's format?)");
  }
  t->CountBytes();
  *out = std::move(t);
  return Status::Ok();
}

void CsvTable::CountBytes() {
  if (bytes_read_ == nullptr) return;
  std::streamoff pos = in_.tellg();
  if (pos < 0) return;  // at the end: tellg fails once eof is set
  *bytes_read_ += pos - counted_;
  counted_ = pos;
}

Status CsvTable::Next(bool* has_row) {
  INTERDICT_RETURN_IF_ERROR(reader_->Next(&fields_, has_row));
  CountBytes();
  if (!*has_row) return Status::Ok();
  if (fields_.size() != header_.size())
    return Error("expected " + std::to_string(header_.size()) + " fields as in the header, found " +
                 std::to_string(fields_.size()) + " (a cut or damaged row?)");
  return Status::Ok();
}

std::string_view CsvTable::Get(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return Trim(fields_[i]);
  return {};
}

std::vector<std::pair<std::string, std::string>> CsvTable::Others(
    const std::vector<std::string_view>& known) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < header_.size(); ++i) {
    bool is_known = false;
    for (std::string_view k : known) is_known = is_known || header_[i] == k;
    std::string_view value = Trim(fields_[i]);
    if (!is_known && !value.empty()) out.emplace_back(AsciiLower(header_[i]), std::string(value));
  }
  return out;
}

Status CsvTable::Error(const std::string& problem) const {
  return Status::InvalidInput(name() + ":" + std::to_string(line()) + ": " + problem);
}

}  // namespace interdict

#include "ingest/csv_reader.h"

#include <fstream>

#include "core/text.h"
#include "ingest/control_char.h"

namespace interdict {
namespace {

constexpr char kDosEof = '\x1A';

}  // namespace

CsvReader::CsvReader(std::istream* in, std::string name, Options options)
    : in_(in), name_(std::move(name)), options_(std::move(options)) {}

CsvReader::~CsvReader() = default;

Status CsvReader::Open(const std::filesystem::path& path, Options options,
                       std::unique_ptr<CsvReader>* out) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) return Status::IoError(path.string() + ": cannot open");
  auto reader = std::make_unique<CsvReader>(file.get(), path.filename().string(), options);
  reader->owned_ = std::move(file);
  *out = std::move(reader);
  return Status::Ok();
}

Status CsvReader::Error(int64_t line, const std::string& problem) const {
  return Status::InvalidInput(name_ + ":" + std::to_string(line) + ": " + problem);
}

bool CsvReader::ReadLine() {
  if (!std::getline(*in_, line_buf_)) return false;
  ++lines_read_;
  if (!line_buf_.empty() && line_buf_.back() == '\r') line_buf_.pop_back();
  if (lines_read_ == 1 && StartsWith(line_buf_, "\xEF\xBB\xBF")) line_buf_.erase(0, 3);
  return true;
}

Status CsvReader::Next(std::vector<std::string>* fields, bool* has_row) {
  *has_row = false;
  if (at_end_) return Status::Ok();
  if (!ReadLine()) {
    at_end_ = true;
    if (in_->bad()) return Error(lines_read_ + 1, "read error");
    return Status::Ok();
  }
  const int64_t start = lines_read_;

  // Fields are reused across rows so that their buffers are too.
  size_t n = 0;
  auto new_field = [&]() -> std::string& {
    if (fields->size() <= n) fields->emplace_back();
    if (quoted_.size() <= n) quoted_.push_back(false);
    std::string& f = (*fields)[n];
    f.clear();
    quoted_[n] = false;
    ++n;
    return f;
  };

  const char sep = options_.separator;
  std::string* field = &new_field();
  enum class State { kStart, kUnquoted, kQuoted, kQuoteInQuoted } state = State::kStart;
  bool row_done = false;
  while (!row_done) {
    for (size_t i = 0; i < line_buf_.size(); ++i) {
      char c = line_buf_[i];
      switch (state) {
        case State::kStart:
          if (c == '"') {
            quoted_[n - 1] = true;
            state = State::kQuoted;
          } else if (c == sep) {
            field = &new_field();
          } else {
            field->push_back(c);
            state = State::kUnquoted;
          }
          break;
        case State::kUnquoted:
          if (c == sep) {
            field = &new_field();
            state = State::kStart;
          } else if (c == '"') {
            return Error(lines_read_, "quote inside unquoted field " + std::to_string(n));
          } else {
            field->push_back(c);
          }
          break;
        case State::kQuoted:
          if (c == '"') {
            state = State::kQuoteInQuoted;
          } else {
            field->push_back(c);
          }
          break;
        case State::kQuoteInQuoted:
          if (c == '"') {  // "" inside quotes is one quote
            field->push_back('"');
            state = State::kQuoted;
          } else if (c == sep) {
            field = &new_field();
            state = State::kStart;
          } else {
            return Error(lines_read_, "unexpected " + DescribeByte(c) +
                                          " after the closing quote of field " + std::to_string(n));
          }
          break;
      }
    }
    if (state != State::kQuoted) {
      row_done = true;
    } else {
      // A line break inside quotes belongs to the field.
      if (!ReadLine()) {
        at_end_ = true;
        if (in_->bad()) return Error(lines_read_ + 1, "read error");
        return Error(start, "unterminated quoted field " + std::to_string(n) +
                                " (the file ends inside quotes: truncated?)");
      }
      field->push_back('\n');
    }
  }
  fields->resize(n);

  if (n == 1 && !quoted_[0] && (*fields)[0].size() == 1 && (*fields)[0][0] == kDosEof) {
    // DOS end of file: only empty lines may follow.
    at_end_ = true;
    saw_dos_eof_ = true;
    while (ReadLine()) {
      if (!line_buf_.empty())
        return Error(lines_read_, "data after the DOS end-of-file byte 0x1A (line " +
                                      std::to_string(start) + ")");
    }
    if (in_->bad()) return Error(lines_read_ + 1, "read error");
    return Status::Ok();
  }

  for (size_t i = 0; i < n; ++i) {
    std::string& f = (*fields)[i];
    size_t bad = 0;
    if (!IsValidUtf8(f, &bad))
      return Error(start, "invalid UTF-8 in field " + std::to_string(i + 1) + " (byte " +
                              DescribeByte(f[bad]) +
                              "; the file must be UTF-8, is it Latin-1 or Windows-1252?)");
    if (size_t c = FindControlChar(f); c != std::string::npos)
      return Error(start, "control character " + DescribeByte(f[c]) + " in field " +
                              std::to_string(i + 1) + " (at byte " + std::to_string(c + 1) +
                              " of the field; list text cannot hold one)");
    if (!options_.null_marker.empty() && f == options_.null_marker) f.clear();
  }
  row_line_ = start;
  *has_row = true;
  return Status::Ok();
}

}  // namespace interdict

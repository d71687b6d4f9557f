// CsvReader: a streaming reader of comma-separated files as RFC 4180 describes them.
//
// Reads one row at a time, so memory holds one row, not the file. Understands quoted fields with
// "" escapes and line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte order mark, and the
// DOS end-of-file byte 0x1A that OFAC (and other DOS-era exporters) put after the last line.
// Every field is checked to be well-formed UTF-8: a file in another encoding (a Latin-1 "é" is
// the byte 0xE9) is an error, never mojibake in the store. A field holding a control character
// (control_char.h: a NUL, a stray 0x1A, ...) is an error too.
//
// Errors are Status values whose message is "<name>:<line>: <problem>", <line> being the line on
// which the faulty row starts. After an error, Next() goes on with the line after the one on
// which the problem was found (a caller that reports bad rows and carries on, as `screen --csv`
// does, may call it again); after an error at the end of the input it reports the end. A row
// that went wrong inside a multi-line quoted field may leave its next lines to be read as rows
// of their own, so such a caller reports those too, never skips them.
//
// A CsvReader is not safe for concurrent use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace interdict {

class CsvReader {
 public:
  struct Options {
    char separator = ',';
    // A field whose whole text is this reads as "" (OFAC writes "-0- " for "no value"). Empty:
    // no such marker.
    std::string null_marker;
  };

  // Reads from `in`, which must outlive the reader. `name` (usually the file name) starts every
  // error message.
  CsvReader(std::istream* in, std::string name, Options options);
  ~CsvReader();

  // Opens the file at `path`; the reader names it by its file name. A file that cannot be opened
  // is an IoError naming the path.
  static Status Open(const std::filesystem::path& path, Options options,
                     std::unique_ptr<CsvReader>* out);

  // Reads the next row into *fields (replacing its content) and sets *has_row. At the end of the
  // input (or at the 0x1A byte when it is the last thing in the file) *has_row is false and the
  // result is ok. Errors: an unterminated quoted field, a quote inside an unquoted field, text
  // after a closing quote, invalid UTF-8, a control character, data after the 0x1A byte, a read
  // failure.
  // An empty line reads as a row of one empty field.
  Status Next(std::vector<std::string>* fields, bool* has_row);

  // Whether field `i` of the row last returned was written in quotes. Requires i < its size.
  bool quoted(size_t i) const { return quoted_[i]; }

  // 1-based line on which the row last returned starts.
  int64_t line() const { return row_line_; }

  const std::string& name() const { return name_; }

  // Whether the input ended with the DOS end-of-file byte 0x1A (optionally followed by empty
  // lines). Meaningful once Next has reported the end. OFAC writes it after the last line, so
  // its absence there means the file was cut.
  bool saw_dos_eof() const { return saw_dos_eof_; }

 private:
  Status Error(int64_t line, const std::string& problem) const;
  // Reads one physical line without its line end into line_buf_. False at the end of the input.
  bool ReadLine();

  std::unique_ptr<std::istream> owned_;  // set when the reader opened the file itself
  std::istream* in_;
  std::string name_;
  Options options_;
  std::string line_buf_;
  std::vector<bool> quoted_;
  int64_t lines_read_ = 0;
  int64_t row_line_ = 0;
  bool at_end_ = false;
  bool saw_dos_eof_ = false;
};

}  // namespace interdict

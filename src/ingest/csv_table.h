// CsvTable: a CsvReader over a file whose first row names its columns, read by column name.
// Internal to src/ingest (the trade.gov CSL and the BIS Denied Persons List use it).
//
// Columns are found by name, so a publisher adding or reordering columns breaks nothing; a
// missing required column is an error naming it. Every data row must have as many fields as the
// header (a cut or damaged row is an error "<file>:<line>: ..."). Not safe for concurrent use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/csv_reader.h"

namespace interdict {

class CsvTable {
 public:
  // Opens `path` and reads its header. `required` columns must be present. `bytes_read`, when
  // set, grows by the bytes consumed as rows are read (for progress displays).
  static Status Open(const std::filesystem::path& path, char separator,
                     const std::vector<std::string_view>& required, int64_t* bytes_read,
                     std::unique_ptr<CsvTable>* out);

  // Reads the next row; *has_row is false at the end of the file.
  Status Next(bool* has_row);

  // The field of the current row in column `name`, trimmed; "" when the file has no such column.
  std::string_view Get(std::string_view name) const;
  // Every column the header named that `known` does not list, with its current value (non-empty
  // values only): what a parser keeps as attributes.
  std::vector<std::pair<std::string, std::string>> Others(
      const std::vector<std::string_view>& known) const;

  Status Error(const std::string& problem) const;  // "<file>:<line>: problem"
  int64_t line() const { return reader_->line(); }
  const std::string& name() const { return reader_->name(); }

 private:
  CsvTable() = default;
  void CountBytes();

  std::ifstream in_;
  std::unique_ptr<CsvReader> reader_;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  int64_t* bytes_read_ = nullptr;
  int64_t counted_ = 0;
};

}  // namespace interdict

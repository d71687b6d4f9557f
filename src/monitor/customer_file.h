// Reading a bank's customer file: CSV with a header row, or JSON lines.
//
// CSV (RFC 4180, as CsvReader reads it): the header names the columns; `id`, `name`, `type`, `dob`
// (or `birth_date`, `date_of_birth`), `country` (or `countries`), `aliases` (or `alias`) and
// `identifiers` (or `identifier`) are the customer's fields, case and surrounding blanks aside;
// `--map COLUMN=FIELD` gives a column whose header says something else its field. `aliases`,
// `country` and `identifiers` cells hold several values separated by ';'. Every other column is
// kept as an attribute under its header text.
//
// JSON lines: one object a line with the same fields (customer.h, CustomerFromJson); other keys
// with string values are attributes.
//
// A file is read whole before anything is stored, so that one bad row refuses the whole import:
// every bad row is reported (the first kMaxCustomerFileErrors), each with its line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/country.h"
#include "core/status.h"
#include "monitor/customer.h"

namespace interdict {

struct CustomerFileOptions {
  std::string format;             // "csv", "jsonl", or "" = by the file name, else its content
  std::vector<std::string> maps;  // CSV only: "COLUMN=FIELD"
};

struct CustomerFileError {
  int64_t line = 0;  // 1-based line where the row starts; 0 when the file as a whole is bad
  std::string id;    // the row's id when it has one
  std::string message;
};

inline constexpr size_t kMaxCustomerFileErrors = 100;

// Reads every customer of `path` into *out, in file order. Ok only when every row is good; else
// InvalidInput ("N bad rows in FILE") with the bad rows in *errors ("FILE:LINE: id X: ..." is
// FormatCustomerFileError's text) and *out unspecified. A file that cannot be read, or an unusable
// header, is one error with line 0. Two rows with one id are an error at the second.
Status ReadCustomerFile(const std::string& path, const CustomerFileOptions& options,
                        const CountryTable& countries, std::vector<Customer>* out,
                        std::vector<CustomerFileError>* errors);

// "FILE:LINE: id X: problem" (line and id left out when unknown).
std::string FormatCustomerFileError(const std::string& path, const CustomerFileError& e);

}  // namespace interdict

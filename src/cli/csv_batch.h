// CSV batch screening: `interdict screen --csv FILE`. A bank's customer file (a header row, then
// one party a row) in, a CSV of results out.
//
// Input: RFC 4180 (CsvReader: quoted fields, line breaks inside quotes, a UTF-8 BOM). The header
// names the columns; those named (case and surrounding blanks aside) `id`, `name`, `type`, `dob`
// (or `birth_date`, `date_of_birth`), `country` (or `countries`) or `identifier` (or
// `identifiers`) feed the query, other columns are ignored, and `--map COLUMN=FIELD` names the
// field of a column whose header says something else. `country` and `identifier` cells may hold
// several values separated by ';'. A row is read with the same field rules as a JSON query
// (query_json.h): an unusable date or an unknown country is a warning, never a refusal.
//
// Output: the header kCsvResultHeader, then, for each input row in input order, one row per match
// (best first), or one "no match" row, or one "error" row (a row with the wrong number of fields,
// an unreadable name, a malformed CSV line, ...). Every row carries the input's line and id, so
// that it can be joined back. Fields are quoted as RFC 4180 asks; lines end with CRLF.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "match/matcher.h"

namespace interdict::cli {

// What a column of the input feeds.
enum class CsvField { kIgnored, kId, kName, kType, kDob, kCountry, kIdentifier };

// Maps each column of `header` to its field: by --map (`maps` holds "COLUMN=FIELD" texts), else
// by its own name. Errors name the problem: no column for the name, two columns for one field, a
// --map whose column is not in the header or whose field is unknown.
Status MapCsvHeader(const std::vector<std::string>& header, const std::vector<std::string>& maps,
                    std::vector<CsvField>* columns);

// The query of a row (and its id, "" when there is no id column). A row whose number of fields
// is not the header's, or that the JSON query rules refuse (a wrong type), is an error.
Status CsvRowQuery(const std::vector<CsvField>& columns, const std::vector<std::string>& row,
                   std::string* id, ScreeningQuery* query);

inline constexpr std::string_view kCsvResultHeader =
    "line,id,name,result,score,matched_name,list,record_id,explanation,warnings,error\r\n";

// Appends `field` as RFC 4180 writes it: in quotes, with its quotes doubled, when it holds a
// comma, a quote, CR or LF.
void AppendCsvField(std::string_view field, std::string* out);

// The result rows of input row `line`: one per match, or one "no match" row.
void AppendCsvResultRows(int64_t line, const std::string& id, const std::string& name,
                         const ScreenResult& result, std::string* out);
// The "error" row of input row `line` (0 when the line is not known).
void AppendCsvErrorRow(int64_t line, const std::string& id, const std::string& name,
                       const std::string& error, std::string* out);

struct CsvBatchOptions {
  std::string path;               // "-": standard input
  std::vector<std::string> maps;  // --map COLUMN=FIELD
  ScreenOptions screen;           // threshold and limit; the deadline is per row
  double deadline_seconds = 0;    // per row; 0 = none
  int threads = 0;                // 0 = all cores
  bool progress = false;          // a progress line on stderr (when it is a terminal)
};

// Screens every row of the file, writing the result CSV on standard output. *rows_read and
// *error_rows count the input rows and those that got an error row. An error: the file cannot
// be opened or has no usable header (nothing written then), or writing failed.
Status ScreenCsv(const Matcher& matcher, const CsvBatchOptions& options, size_t* rows_read,
                 size_t* error_rows);

}  // namespace interdict::cli

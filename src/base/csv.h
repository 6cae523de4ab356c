// RFC 4180 CSV: the directory import's file format (`atrium import-directory
// FILE.csv`). Fields separated by commas, records by LF or CRLF; a field may
// be quoted, with a quote inside written as two quotes, and then may hold
// commas and line breaks. A UTF-8 byte order mark is skipped; blank lines
// are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace atrium {

// One record of a CSV file and the line it starts on; or one record of
// another source, numbered in its order and named by `name`.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
  std::string name;  // how messages name the record; empty: "line N"
};

// A malformed record: the line it starts on, and what is wrong.
struct CsvProblem {
  int line = 0;
  std::string message;
};

struct CsvParseResult {
  std::vector<CsvRecord> records;  // blank lines skipped
  std::vector<CsvProblem> problems;
};

// Splits RFC 4180 text into records. A malformed record (a stray quote, text
// after a closing quote, an unclosed quote) is reported and left out. O(n).
CsvParseResult ParseCsv(std::string_view text);

}  // namespace atrium

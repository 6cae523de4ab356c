// The CSV directory import's parser (`atrium import-directory FILE.csv`): any
// bytes; the records it keeps are written back as CSV and read again, which
// must give the same fields, and lines only grow.
#include <string>

#include "base/csv.h"
#include "fuzz_util.h"

using namespace atrium;

namespace {

std::string Quoted(const std::string& field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CsvParseResult parsed = ParseCsv(fuzz::Text(data, size));
  std::string again;
  int line = 0;
  for (const CsvRecord& r : parsed.records) {
    fuzz::Require(r.line > line, "records start on increasing lines");
    line = r.line;
    fuzz::Require(!r.fields.empty(), "a record has at least one field");
    for (size_t i = 0; i < r.fields.size(); ++i) again += (i ? "," : "") + Quoted(r.fields[i]);
    again += "\r\n";
  }
  for (const CsvProblem& p : parsed.problems) fuzz::Require(p.line >= 1, "problems name a line");
  CsvParseResult reread = ParseCsv(again);
  fuzz::Require(reread.problems.empty(), "written records read back without problems");
  // A record whose only field is empty is written as "" and read back as one.
  fuzz::Require(reread.records.size() == parsed.records.size(), "as many records read back");
  for (size_t i = 0; i < reread.records.size(); ++i)
    fuzz::Require(reread.records[i].fields == parsed.records[i].fields,
                  "the same fields read back");
  return 0;
}

#include "base/csv.h"

namespace atrium {

CsvParseResult ParseCsv(std::string_view text) {
  CsvParseResult out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t i = 0;
  int line = 1;
  auto at_line_end = [&] { return i >= text.size() || text[i] == '\n' || text[i] == '\r'; };
  auto consume_line_end = [&] {
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
  };
  while (i < text.size()) {
    if (at_line_end()) {  // a blank line
      consume_line_end();
      continue;
    }
    CsvRecord record;
    record.line = line;
    std::string field;
    std::string error;
    bool field_started = false;  // a character of the current field was read
    bool quoted = false;         // the current field was quoted and is closed
    for (;;) {
      if (at_line_end()) break;
      const char c = text[i];
      if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        field_started = quoted = false;
        ++i;
      } else if (quoted) {
        error = "text after a closing quote (a quote inside a field is written as two quotes)";
        break;
      } else if (c == '"' && !field_started) {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (!closed) {
          error = "a quoted field is not closed";
          break;
        }
        quoted = field_started = true;
      } else if (c == '"') {
        error = "a quote inside an unquoted field (quote the whole field)";
        break;
      } else {
        field += c;
        field_started = true;
        ++i;
      }
    }
    if (!error.empty()) {
      out.problems.push_back({record.line, error});
      while (!at_line_end()) ++i;
    } else {
      record.fields.push_back(std::move(field));
      out.records.push_back(std::move(record));
    }
    if (i < text.size()) consume_line_end();
  }
  return out;
}

}  // namespace atrium

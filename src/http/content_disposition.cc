#include "http/content_disposition.h"

#include "base/text.h"

namespace atrium::http {

std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii;
  for (char ch : file_name) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 && c < 0xc0) continue;  // a UTF-8 continuation: one '_' per character
    ascii.push_back(c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '_' : ch);
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncode(file_name);
}

}  // namespace atrium::http

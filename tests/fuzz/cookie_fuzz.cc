// Cookie headers (one per input line), read for the session cookie.
#include "fuzz_util.h"
#include "http/cookies.h"
#include "http/message.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  http::Request req;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    req.headers.emplace_back("Cookie", std::string(text.substr(start, end - start)));
    start = end + 1;
  }
  for (const char* name : {"atrium_session", "", "a", "=", ";"}) {
    std::string value = http::GetCookie(req, name);
    fuzz::Require(value.size() <= text.size(), "a cookie value is part of a header");
  }
  return 0;
}

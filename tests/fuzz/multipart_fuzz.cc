// A multipart/form-data body (an avatar upload with its fields). The first
// line of the input is the boundary, the rest the body.
#include "fuzz_util.h"
#include "http/params.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::Text(data, size);
  const size_t eol = text.find('\n');
  if (eol == std::string_view::npos) return 0;
  http::Request req;
  req.method = "PATCH";
  req.target = req.path = "/api/v1/accounts/update_credentials";
  req.headers.emplace_back("Content-Type",
                           "multipart/form-data; boundary=" + std::string(text.substr(0, eol)));
  req.body = std::string(text.substr(eol + 1));
  auto params = http::Params::Parse(req);
  if (!params.ok()) return 0;
  for (const auto& file : params->files())
    fuzz::Require(file.data.size() <= req.body.size(), "a file is part of the body");
  return 0;
}

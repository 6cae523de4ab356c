// An HTTP/1.1 request as the server reads it: Beast's parser with the
// server's default limits, then the target, headers, parameters (query and
// body, in whatever media type) and cookies, as a handler sees them.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "fuzz_util.h"
#include "http/cookies.h"
#include "http/message.h"
#include "http/params.h"

namespace bhttp = boost::beast::http;
using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 << 10);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (ec || !parser.is_done()) return 0;
  auto& msg = parser.get();
  http::Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  if (!http::DecodeRequestTarget(req.target, &req.path, &req.query)) return 0;
  fuzz::Require(!req.path.empty() && req.path[0] == '/', "a decoded path starts with '/'");
  for (const auto& field : msg)
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  req.body = msg.body();
  (void)req.MediaType();
  (void)http::GetCookie(req, "atrium_session");
  auto params = http::Params::Parse(req);
  if (params.ok()) {
    for (const auto& [name, value] : params->all()) (void)params->GetAll(name);
  }
  return 0;
}

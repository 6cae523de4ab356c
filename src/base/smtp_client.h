// SendSmtp: hands one message to an SMTP server, on libcurl.
//
// Blocking: call it off the I/O threads. `smtp://` URLs use STARTTLS when
// the server offers it (or insist on it with starttls_required), `smtps://`
// URLs speak TLS from the start; certificates are verified against the
// system's trust store. Safe for concurrent use (each call has its own
// handle).
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"

namespace atrium {

struct SmtpServer {
  std::string url;  // smtp://host[:port] or smtps://host[:port]
  bool starttls_required = false;
  std::string user;  // empty: no authentication
  std::string password;
  int64_t timeout_ms = 30000;
};

// What the server said at the end of the exchange.
struct SmtpReply {
  int code = 0;       // the last reply code (250 when the message was accepted)
  std::string lines;  // the server's last reply, as it sent it
};

// Sends `message` (the whole RFC 5322 text, CRLF line ends) from
// `from_address` to `to_address`. The server's reply when it accepted the
// message; otherwise kUnavailable with what went wrong (the server's reply
// when it gave one) in the description. 400 for a URL that is not smtp(s).
Result<SmtpReply> SendSmtp(const SmtpServer& server, const std::string& from_address,
                           const std::string& to_address, const std::string& message);

// Greets `server` as sending would (STARTTLS and AUTH as set), then asks
// NOOP and sends nothing: what the server said, or kUnavailable with why
// not (`atrium doctor`).
Result<SmtpReply> ProbeSmtp(const SmtpServer& server);

}  // namespace atrium

// MailMessage: one e-mail as Atrium sends it, and its RFC 5322 text.
//
// A message is multipart/alternative (plain text, then HTML), both parts
// UTF-8 in base64. Header values that are not plain printable ASCII are
// encoded as RFC 2047 words; no value a caller passes can add a header or
// end the headers (CR and LF never reach the text, addresses are checked).
// Values, and functions safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace atrium {

struct MailAddress {
  std::string name;     // display name, any text (encoded when needed); may be empty
  std::string address;  // local@domain, checked by IsMailAddress
};

struct MailMessage {
  MailAddress from;
  MailAddress to;
  std::string reply_to;    // an address; empty: none
  std::string subject;     // any text
  std::string message_id;  // without the angle brackets: local@domain
  int64_t date_ms = 0;     // the Date header
  std::string list_id;     // RFC 2919 list id, e.g. "notifications.atrium.example.com"
  // RFC 8058 one-click unsubscribe: an https:// (or http://) URL; empty: no
  // List-Unsubscribe headers.
  std::string unsubscribe_url;
  std::string text;  // the plain-text part
  std::string html;  // the HTML part
};

// True for a plain addr-spec (local@domain) with no space, control
// character, angle bracket, quote, comma or semicolon, at most 254 bytes.
bool IsMailAddress(std::string_view address);

// Reads "address" or "Name <address>" (the name may be quoted); false if
// the address is malformed.
bool ParseMailAddress(std::string_view text, MailAddress* out);

// `value` as a header value: unchanged when it is printable ASCII without
// "=?"; otherwise RFC 2047 encoded-words (UTF-8, base64), each at most 75
// characters, separated by folding. CR, LF and other control characters are
// replaced by spaces first.
std::string EncodeHeaderValue(std::string_view value);

// The Date header's value for a time: "Sun, 06 Dec 2026 17:30:00 +0000".
std::string MailDate(int64_t millis);

// The whole message, CRLF line ends. 400 when an address (from, to,
// reply_to), the message id or the unsubscribe URL is malformed.
Result<std::string> BuildMailMessage(const MailMessage& message);

}  // namespace atrium

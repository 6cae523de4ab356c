// Content-Disposition header values (RFC 6266).
#pragma once

#include <string>
#include <string_view>

namespace atrium::http {

// `attachment` with `file_name` (UTF-8) as RFC 6266 asks: a quoted ASCII
// `filename` for old clients (each character outside printable ASCII,
// each quote and backslash as '_') and `filename*` with the exact name
// percent-encoded as UTF-8 (RFC 8187).
std::string AttachmentDisposition(std::string_view file_name);

}  // namespace atrium::http

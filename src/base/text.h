// Text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>

namespace atrium {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of Unicode code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

// `s` without the spaces, tabs, carriage returns and line feeds at its
// start and end; a view into `s` (keep `s` alive while using it).
std::string_view Trim(std::string_view s);

// True if `a` and `b` are equal but for the case of ASCII letters (header
// names, LDAP attribute names). Allocates nothing.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Lower-cases ASCII letters; other bytes are left alone.
std::string AsciiLower(std::string_view s);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

// Percent-decoding for application/x-www-form-urlencoded ('+' is a space).
// Returns false on a malformed escape.
bool FormDecode(std::string_view in, std::string* out);

// Percent-encoding of everything but unreserved characters (RFC 3986).
std::string UrlEncode(std::string_view s);

}  // namespace atrium

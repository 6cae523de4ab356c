#include "base/mail_message.h"

#include <ctime>

#include "base/crypto.h"

namespace atrium {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool PrintableAscii(std::string_view v) {
  for (unsigned char c : v)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// CR, LF, tabs and other control characters become spaces.
std::string WithoutControls(std::string_view v) {
  std::string out(v);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

// The length of the longest prefix of `v` of at most `max` bytes that does
// not end inside a UTF-8 sequence.
size_t Utf8Prefix(std::string_view v, size_t max) {
  if (v.size() <= max) return v.size();
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xc0) == 0x80) --n;
  return n == 0 ? max : n;
}

// A display name as a quoted string, or encoded-words when it is not ASCII.
std::string DisplayName(std::string_view name) {
  std::string clean = WithoutControls(name);
  if (!PrintableAscii(clean) || clean.find("=?") != std::string::npos)
    return EncodeHeaderValue(clean);
  std::string out = "\"";
  for (char c : clean) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string FormatAddress(const MailAddress& a) {
  if (a.name.empty()) return "<" + a.address + ">";
  return DisplayName(a.name) + " <" + a.address + ">";
}

// Base64 in lines of 76 characters.
std::string Base64Lines(std::string_view data) {
  std::string b64 = EncodeBase64(data);
  std::string out;
  for (size_t i = 0; i < b64.size(); i += 76) {
    out.append(b64, i, 76);
    out += kCrlf;
  }
  return out;
}

bool IsUnsubscribeUrl(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') return false;
  return true;
}

}  // namespace

bool IsMailAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  for (unsigned char c : address)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' ||
        c == '(' || c == ')' || c == '\\' || c == '[' || c == ']')
      return false;
  return address.find('@') == at;
}

bool ParseMailAddress(std::string_view text, MailAddress* out) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  MailAddress a;
  size_t open = t.rfind('<');
  if (open == std::string_view::npos) {
    a.address = std::string(t);
  } else {
    if (t.back() != '>') return false;
    a.address = std::string(t.substr(open + 1, t.size() - open - 2));
    std::string_view name = t.substr(0, open);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    a.name = WithoutControls(name);
  }
  if (!IsMailAddress(a.address)) return false;
  *out = std::move(a);
  return true;
}

std::string EncodeHeaderValue(std::string_view value) {
  std::string clean = WithoutControls(value);
  if (PrintableAscii(clean) && clean.find("=?") == std::string::npos) return clean;
  // "=?UTF-8?B?" + base64 + "?=" within 75 characters: 45 bytes of text
  // make 60 characters of base64.
  std::string out;
  std::string_view rest = clean;
  while (!rest.empty()) {
    size_t n = Utf8Prefix(rest, 45);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + EncodeBase64(rest.substr(0, n)) + "?=";
    rest.remove_prefix(n);
  }
  return out;
}

std::string MailDate(int64_t millis) {
  time_t seconds = static_cast<time_t>(millis / 1000);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
           kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

Result<std::string> BuildMailMessage(const MailMessage& m) {
  if (!IsMailAddress(m.from.address)) return Status::BadRequest("Invalid sender address");
  if (!IsMailAddress(m.to.address)) return Status::BadRequest("Invalid recipient address");
  if (!m.reply_to.empty() && !IsMailAddress(m.reply_to))
    return Status::BadRequest("Invalid reply-to address");
  if (!IsMailAddress(m.message_id)) return Status::BadRequest("Invalid message id");
  if (!m.unsubscribe_url.empty() && !IsUnsubscribeUrl(m.unsubscribe_url))
    return Status::BadRequest("Invalid unsubscribe URL");
  std::string list_id = WithoutControls(m.list_id);
  for (char c : list_id)
    if (c == '<' || c == '>' || c == ' ') return Status::BadRequest("Invalid list id");

  // The boundary is derived from the message id, and cannot occur in base64.
  std::string boundary = "=_atrium_" + Sha256Hex(m.message_id).substr(0, 24);
  std::string out;
  auto header = [&](std::string_view name, const std::string& value) {
    out.append(name).append(": ").append(value).append(kCrlf);
  };
  header("Date", MailDate(m.date_ms));
  header("From", FormatAddress(m.from));
  header("To", FormatAddress(m.to));
  if (!m.reply_to.empty()) header("Reply-To", "<" + m.reply_to + ">");
  header("Subject", EncodeHeaderValue(m.subject));
  header("Message-ID", "<" + m.message_id + ">");
  if (!list_id.empty()) header("List-Id", "<" + list_id + ">");
  if (!m.unsubscribe_url.empty()) {
    header("List-Unsubscribe", "<" + m.unsubscribe_url + ">");
    header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  }
  header("Auto-Submitted", "auto-generated");
  header("MIME-Version", "1.0");
  header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
  out += kCrlf;
  auto part = [&](std::string_view type, std::string_view body) {
    out.append("--").append(boundary).append(kCrlf);
    out.append("Content-Type: ").append(type).append("; charset=utf-8").append(kCrlf);
    out.append("Content-Transfer-Encoding: base64").append(kCrlf).append(kCrlf);
    out += Base64Lines(body);
  };
  part("text/plain", m.text);
  part("text/html", m.html);
  out.append("--").append(boundary).append("--").append(kCrlf);
  return out;
}

}  // namespace atrium

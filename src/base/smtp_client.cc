#include "base/smtp_client.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace atrium {
namespace {

struct Source {
  const std::string* text;
  size_t offset = 0;
};

size_t Read(char* buffer, size_t size, size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  size_t n = std::min(size * count, source->text->size() - source->offset);
  memcpy(buffer, source->text->data() + source->offset, n);
  source->offset += n;
  return n;
}

// The server's replies, as libcurl shows them to a debug function: the
// last complete reply is kept.
struct Transcript {
  std::string current;
  std::string last;
};

int Debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* t = static_cast<Transcript*>(user);
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  t->current += t->current.empty() ? line : "\n" + line;
  // "250-..." continues a reply, "250 ..." ends it.
  if (line.size() < 4 || line[3] != '-') {
    t->last = std::move(t->current);
    t->current.clear();
  }
  return 0;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

// One exchange with `server`: connects, greets, STARTTLS and AUTH as the
// settings say, then what `prepare` sets up on the handle. `failed` heads
// the error.
template <typename Prepare>
Result<SmtpReply> Exchange(const SmtpServer& server, const char* failed, Prepare prepare) {
  if (!server.url.starts_with("smtp://") && !server.url.starts_with("smtps://"))
    return Status::BadRequest("Invalid smtp-url", "only smtp:// and smtps:// URLs are used");
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return Status::Unavailable(failed, "libcurl could not start a request");
  CURL* c = curl.get();
  Transcript transcript;
  curl_easy_setopt(c, CURLOPT_URL, server.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(server.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<int64_t>(server.timeout_ms, 10000)));
  curl_easy_setopt(c, CURLOPT_USE_SSL,
                   server.starttls_required ? static_cast<long>(CURLUSESSL_ALL)
                                            : static_cast<long>(CURLUSESSL_TRY));
  if (!server.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, server.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, server.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds the debug function only
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, Debug);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &transcript);
  prepare(c);
  CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  if (rc != CURLE_OK) {
    std::string why = curl_easy_strerror(rc);
    if (!transcript.last.empty()) why += ": " + transcript.last;
    return Status::Unavailable(failed, why);
  }
  return SmtpReply{static_cast<int>(code), transcript.last};
}

}  // namespace

Result<SmtpReply> SendSmtp(const SmtpServer& server, const std::string& from_address,
                           const std::string& to_address, const std::string& message) {
  Source source{&message};
  std::string from = "<" + from_address + ">";
  std::unique_ptr<curl_slist, ListFree> recipients(
      curl_slist_append(nullptr, ("<" + to_address + ">").c_str()));
  return Exchange(server, "Mail not sent", [&](CURL* c) {
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, Read);
    curl_easy_setopt(c, CURLOPT_READDATA, &source);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  });
}

Result<SmtpReply> ProbeSmtp(const SmtpServer& server) {
  return Exchange(server, "Mail server not reachable", [](CURL* c) {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  });
}

}  // namespace atrium

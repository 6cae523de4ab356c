#include "base/safe_fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>

#include "base/text.h"

namespace atrium {
namespace {

const std::vector<IpNetwork>& Networks(std::initializer_list<const char*> texts,
                                       std::vector<IpNetwork>& out) {
  for (const char* t : texts) out.push_back(*IpNetwork::Parse(t));
  return out;
}

// Every range that is not the public internet (IANA's special-purpose
// registries), as IPv4 (kept IPv4-mapped) and IPv6.
const std::vector<IpNetwork>& NonPublic() {
  static std::vector<IpNetwork> v;
  static std::once_flag once;
  std::call_once(once, [] {
    Networks(
        {"0.0.0.0/8",     "10.0.0.0/8",      "100.64.0.0/10",  "127.0.0.0/8",    "169.254.0.0/16",
         "172.16.0.0/12", "192.0.0.0/24",    "192.0.2.0/24",   "192.88.99.0/24", "192.168.0.0/16",
         "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",
         "::/96",         "::1/128",         "64:ff9b::/96",   "64:ff9b:1::/48", "100::/64",
         "2001::/23",     "2001:db8::/32",   "2002::/16",      "fc00::/7",       "fe80::/10",
         "fec0::/10",     "ff00::/8"},
        v);
  });
  return v;
}

// Never allowed, whatever is listed: loopback and link-local are only
// allowed by a listed network, metadata never.
const std::vector<IpNetwork>& LoopbackAndLinkLocal() {
  static std::vector<IpNetwork> v;
  static std::once_flag once;
  std::call_once(once, [] {
    Networks({"127.0.0.0/8", "0.0.0.0/8", "169.254.0.0/16", "::1/128", "::/128", "fe80::/10"}, v);
  });
  return v;
}

bool IsHostName(std::string_view h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.back() == '.') return false;
  for (char c : h)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  if (h.find("..") != std::string_view::npos) return false;
  // No label starts or ends with '-'.
  return h.front() != '-' && h.back() != '-' && h.find(".-") == std::string_view::npos &&
         h.find("-.") == std::string_view::npos;
}

bool HostListed(const std::vector<std::string>& hosts, std::string_view host) {
  const std::string h = AsciiLower(host);
  for (const auto& entry : hosts) {
    if (entry.starts_with("*.")) {
      std::string_view suffix = std::string_view(entry).substr(1);  // ".corp.example"
      if (h.size() > suffix.size() && std::string_view(h).ends_with(suffix)) return true;
    } else if (h == entry) {
      return true;
    }
  }
  return false;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

// One hop's URL, taken apart.
struct Target {
  std::string url;   // normalized by libcurl
  std::string host;  // without brackets
  int port = 0;
  std::optional<IpAddress> literal;  // the host is an address
};

Result<Target> ParseTarget(const std::string& url) {
  std::unique_ptr<CURLU, UrlFree> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    return Status::BadRequest("invalid_url", "not a URL: " + url);
  auto part = [&](CURLUPart which, unsigned flags = 0) -> std::string {
    char* v = nullptr;
    if (curl_url_get(u.get(), which, &v, flags) != CURLUE_OK || !v) return "";
    std::string out(v);
    curl_free(v);
    return out;
  };
  Target t;
  const std::string scheme = AsciiLower(part(CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https")
    return Status::BadRequest("invalid_url", "only http and https URLs are fetched");
  if (!part(CURLUPART_USER).empty())
    return Status::BadRequest("invalid_url", "URLs with credentials are not fetched");
  t.host = part(CURLUPART_HOST);
  if (t.host.starts_with("[") && t.host.ends_with("]"))
    t.host = t.host.substr(1, t.host.size() - 2);
  if (t.host.empty()) return Status::BadRequest("invalid_url", "the URL has no host");
  const std::string port = part(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  t.port = std::atoi(port.c_str());
  if (t.port <= 0 || t.port > 65535) return Status::BadRequest("invalid_url", "bad port");
  t.literal = IpAddress::Parse(t.host);
  if (!t.literal && !IsHostName(t.host))
    return Status::BadRequest("invalid_url", "not a host name: " + t.host);
  t.url = part(CURLUPART_URL);
  return t;
}

// The addresses `t.host` resolves to, each allowed; 403 if any is not.
Result<std::vector<IpAddress>> ResolveAllowed(const Target& t, const OutboundPolicy& policy) {
  std::vector<IpAddress> addresses;
  if (t.literal) {
    addresses.push_back(*t.literal);
  } else {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(t.host.c_str(), nullptr, &hints, &found) != 0 || !found)
      return Status::Unavailable("fetch_failed", "cannot resolve " + t.host);
    for (addrinfo* a = found; a; a = a->ai_next) {
      char buf[INET6_ADDRSTRLEN] = {};
      if (a->ai_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr, buf, sizeof buf);
      else if (a->ai_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr, buf,
                  sizeof buf);
      else
        continue;
      if (auto ip = IpAddress::Parse(buf); ip) addresses.push_back(*ip);
    }
    freeaddrinfo(found);
    if (addresses.empty()) return Status::Unavailable("fetch_failed", "cannot resolve " + t.host);
  }
  for (const auto& a : addresses)
    if (std::string why = policy.Refusal(t.host, a); !why.empty())
      return Status::Forbidden("fetch_refused", why);
  return addresses;
}

struct Exchange {
  const OutboundPolicy* policy;
  std::string host;
  std::string* body;
  int64_t max_bytes;
  bool too_large = false;
  bool refused = false;
  std::string refusal;
  std::string content_type, etag, last_modified;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t n = size * count;
  if (static_cast<int64_t>(x->body->size() + n) > x->max_bytes) {
    x->too_large = true;
    return 0;  // aborts the transfer
  }
  x->body->append(data, n);
  return n;
}

size_t ReadHeader(char* data, size_t size, size_t count, void* user) {
  auto* x = static_cast<Exchange*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  const std::string name = AsciiLower(Trim(line.substr(0, colon)));
  const std::string value(Trim(line.substr(colon + 1)));
  if (name == "content-type") x->content_type = value;
  if (name == "etag") x->etag = value;
  if (name == "last-modified") x->last_modified = value;
  if (name == "content-length") {
    int64_t length = std::atoll(value.c_str());
    if (length > x->max_bytes) {
      x->too_large = true;
      return 0;
    }
  }
  return n;
}

// Checks the address libcurl is about to connect to once more.
curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* x = static_cast<Exchange*>(user);
  char buf[INET6_ADDRSTRLEN] = {};
  if (address->family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address->addr)->sin_addr, buf, sizeof buf);
  else if (address->family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address->addr)->sin6_addr, buf,
              sizeof buf);
  auto ip = IpAddress::Parse(buf);
  std::string why = ip ? x->policy->Refusal(x->host, *ip) : "not an IP address";
  if (!why.empty()) {
    x->refused = true;
    x->refusal = why;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

bool IsMetadataAddress(const IpAddress& address) {
  for (const char* text : {"169.254.169.254", "169.254.170.2", "169.254.169.253", "100.100.100.200",
                           "168.63.129.16", "fd00:ec2::254", "fd00:ec2::23"})
    if (address == *IpAddress::Parse(text)) return true;
  return false;
}

bool IsPublicAddress(const IpAddress& address) {
  return !AnyContains(NonPublic(), address) && !IsMetadataAddress(address);
}

std::optional<OutboundPolicy> OutboundPolicy::Parse(std::string_view allow, bool public_addresses) {
  OutboundPolicy p;
  p.public_addresses = public_addresses;
  if (Trim(allow).empty()) return p;
  for (std::string_view rest = allow;;) {
    const size_t comma = rest.find(',');
    std::string_view entry = Trim(rest.substr(0, comma));
    if (entry.empty()) return std::nullopt;
    if (auto n = IpNetwork::Parse(entry); n) {
      p.networks.push_back(*n);
    } else {
      std::string_view name = entry.starts_with("*.") ? entry.substr(2) : entry;
      if (!IsHostName(name) || IpAddress::Parse(name)) return std::nullopt;
      p.hosts.push_back(AsciiLower(entry));
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return p;
}

std::string OutboundPolicy::Refusal(std::string_view host, const IpAddress& address) const {
  const std::string where = address.ToString();
  if (IsMetadataAddress(address)) return where + " is a metadata address, never fetched";
  if (AnyContains(networks, address)) return "";
  if (AnyContains(LoopbackAndLinkLocal(), address))
    return where + " is a loopback or link-local address, not in fetch-allow";
  if (IsPublicAddress(address))
    return public_addresses ? "" : where + " is public and fetch-public is off";
  if (HostListed(hosts, host)) return "";
  return where + " is a private address, not in fetch-allow";
}

Result<SafeFetchResponse> SafeFetch(const SafeFetchRequest& request, const OutboundPolicy& policy) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(request.timeout_ms);
  std::string url = request.url;
  for (int hop = 0;; ++hop) {
    auto target = ParseTarget(url);
    if (!target.ok()) return target.status();
    auto addresses = ResolveAllowed(*target, policy);
    if (!addresses.ok()) return addresses.status();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return Status::Unavailable("fetch_failed", url + ": timed out");

    std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
    if (!curl) return Status::Unavailable("fetch_failed", "libcurl could not start a request");
    CURL* c = curl.get();
    SafeFetchResponse response;
    Exchange x{&policy, target->host, &response.body, request.max_bytes};
    // Pinned: libcurl connects to the address checked here, not to what a
    // second lookup might say.
    std::string pinned = addresses->front().ToString();
    if (!addresses->front().is_v4()) pinned = "[" + pinned + "]";
    std::unique_ptr<curl_slist, ListFree> resolve(curl_slist_append(
        nullptr, (target->host + ":" + std::to_string(target->port) + ":" + pinned).c_str()));
    curl_easy_setopt(c, CURLOPT_URL, target->url.c_str());
    curl_easy_setopt(c, CURLOPT_RESOLVE, resolve.get());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min<int64_t>(left, 5000)));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // what libcurl can decode
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, WriteBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, ReadHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &x);
    curl_easy_setopt(c, CURLOPT_USERAGENT, request.user_agent.c_str());
    if (request.post_body) {
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.post_body->data());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.post_body->size()));
    }
    std::unique_ptr<curl_slist, ListFree> headers;
    auto add = [&headers](const std::string& line) {
      headers.reset(curl_slist_append(headers.release(), line.c_str()));
    };
    add("Accept: " + request.accept);
    if (request.post_body) {
      add("Content-Type: " + request.post_content_type);
      add("Expect:");  // no 100-continue round trip
    }
    for (const auto& [name, value] : request.headers) add(name + ": " + value);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    CURLcode rc = curl_easy_perform(c);
    if (x.refused) return Status::Forbidden("fetch_refused", x.refusal);
    if (x.too_large || rc == CURLE_FILESIZE_EXCEEDED)
      return Status::Unprocessable("too_large", target->url + " answered more than " +
                                                    std::to_string(request.max_bytes) + " bytes");
    if (rc != CURLE_OK)
      return Status::Unavailable("fetch_failed", target->url + ": " + curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    response.final_url = target->url;
    response.content_type = x.content_type;
    response.etag = x.etag;
    response.last_modified = x.last_modified;
    char* location = nullptr;
    if (!request.post_body && status >= 300 && status < 400 && status != 304 &&
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) {
      if (hop >= request.max_redirects)
        return Status::Unprocessable("too_many_redirects",
                                     "more than " + std::to_string(request.max_redirects) +
                                         " redirects from " + request.url);
      url = location;
      continue;
    }
    return response;
  }
}

}  // namespace atrium

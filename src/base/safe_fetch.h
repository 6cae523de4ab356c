// SafeFetch: outgoing requests to URLs that members wrote (links in posts,
// their blogs' feeds), on libcurl, under the installation's outbound
// policy so that a link can never make the server reach what it must not
// (server-side request forgery).
//
// What may be reached is explicit (`OutboundPolicy`, from the `fetch-allow`
// and `fetch-public` settings): public addresses, plus the intranet hosts
// and networks an administrator lists. Cloud metadata addresses
// (169.254.169.254, fd00:ec2::254, …) are refused always; loopback,
// link-local and the other private or special ranges only when a listed
// network holds the address. The host is resolved first, every address it
// resolves to must be allowed, and the connection is pinned to a checked
// address (CURLOPT_RESOLVE, and the socket callback checks the address
// actually dialled again), so a name that resolves differently on the
// second lookup (DNS rebinding) gains nothing. Redirects are followed by
// hand, at most `max_redirects`, each hop checked the same way. Only http
// and https; no proxy from the environment; the whole exchange is bounded
// by a timeout and the body by a size.
//
// Blocking: call it off the I/O threads. Safe for concurrent use (each call
// has its own handle).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ip_address.h"
#include "base/status.h"

namespace atrium {

// True for an address anyone on the internet can reach: not loopback,
// link-local, private (RFC 1918, unique local), shared (100.64/10),
// multicast, documentation, benchmarking, reserved or unspecified, nor an
// IPv6 form that carries an IPv4 address (NAT64, 6to4, IPv4-compatible).
bool IsPublicAddress(const IpAddress& address);
// True for the cloud providers' instance metadata addresses
// (169.254.169.254, 169.254.170.2, 100.100.100.200, 168.63.129.16,
// fd00:ec2::254, and their IPv4-mapped forms).
bool IsMetadataAddress(const IpAddress& address);

// What the server may fetch. A value; safe to copy.
struct OutboundPolicy {
  // Host names allowed whatever private address they resolve to (never a
  // loopback, link-local or metadata one): exact ("wiki.corp.example") or
  // every subdomain ("*.corp.example"). Lower case.
  std::vector<std::string> hosts;
  // Networks allowed (any address in them but a metadata address; this is
  // how loopback or link-local can be allowed at all).
  std::vector<IpNetwork> networks;
  // Public addresses allowed.
  bool public_addresses = true;

  // `allow`: names and networks separated by commas ("wiki.corp.example,
  // *.intranet.example, 10.20.0.0/16, fd12::/16"); nullopt if an entry is
  // neither a host name (letters, digits, '-', '.'; optionally "*." first)
  // nor a network.
  static std::optional<OutboundPolicy> Parse(std::string_view allow, bool public_addresses);
  // Why `address`, reached for the URL's `host`, is refused; "" if allowed.
  std::string Refusal(std::string_view host, const IpAddress& address) const;
};

struct SafeFetchRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. If-None-Match
  std::string accept = "*/*";
  int64_t timeout_ms = 10000;  // the whole exchange, every redirect included
  int64_t max_bytes = 2 << 20;
  int max_redirects = 3;
  // With a body: a POST of it as `post_content_type`, and a redirect is not
  // followed (its answer is the response).
  std::optional<std::string> post_body;
  std::string post_content_type = "application/octet-stream";
  std::string user_agent = "Atrium (link previews and feeds)";
};

struct SafeFetchResponse {
  int status = 0;         // the last hop's (3xx only when a redirect had no Location)
  std::string body;       // empty for 304
  std::string final_url;  // after redirects
  std::string content_type;
  std::string etag;
  std::string last_modified;
};

// Fetches `request.url` under `policy`. Errors: 400 invalid_url (not an
// absolute http(s) URL, or a redirect to one), 403 fetch_refused (an
// address the policy refuses, at any hop), 422 too_large (more than
// max_bytes, declared or sent) and 422 too_many_redirects, 503 fetch_failed
// (no answer, a timeout, a TLS failure). Whatever HTTP status the last hop
// answers is a success here.
Result<SafeFetchResponse> SafeFetch(const SafeFetchRequest& request, const OutboundPolicy& policy);

}  // namespace atrium

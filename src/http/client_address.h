// ClientAddress: the address a request came from, as every part of the
// server uses it (rate limits, the address recorded with a session, the
// access log) — computed once per request by the Server into
// Request::remote_addr.
//
// X-Forwarded-For is believed only from a trusted proxy (the `trusted-proxies`
// setting): when the TCP peer is one, the client is the right-most address
// of X-Forwarded-For (all its fields, in order) that is not itself a trusted
// proxy — each proxy appends the address it received the request from, so
// everything left of the first untrusted hop may have been written by the
// client and is ignored. Without trusted proxies, or from any other peer,
// the client is the peer and X-Forwarded-For is ignored.
//
// Pure functions; safe for concurrent use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/ip_address.h"
#include "http/message.h"

namespace atrium::http {

// The client's address in canonical form (IPv4 dotted, also when it arrived
// IPv4-mapped; IPv6 per RFC 5952). `peer` is the TCP peer's address. An
// X-Forwarded-For entry that is not an address stops the walk: the client
// is then the trusted proxy that passed it on.
std::string ClientAddress(std::string_view peer, const Request& request,
                          const std::vector<IpNetwork>& trusted_proxies);

}  // namespace atrium::http

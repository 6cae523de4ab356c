// Server: the HTTP/1.1 server, on Boost.Beast and Asio.
//
// A small pool of threads runs one io_context. Each connection reads one
// request at a time (keep-alive), bounded in header size, body size and the
// time to receive it; calls the handler on the connection's strand; writes
// the response; and logs one access line. The handler runs on a pool thread
// and may block briefly (store calls).
//
// Errors the transport answers by itself, always as JSON: 400 for a request
// it cannot parse, 408 when a started request does not arrive in time, 413
// for a body over the limit, 431 for headers over the limit, 503 when the
// connection limit is reached.
//
// A handler may instead answer with a stream (Response::stream, stream.h):
// Server-Sent Events or a WebSocket. A stream keeps its connection, which
// still counts toward max_connections, and is not subject to the request or
// idle timeouts; it lives until the client goes, the handler closes it, the
// client falls too far behind, or the server shuts down.
//
// Shutdown (SIGTERM, SIGINT or Shutdown()) stops accepting, closes idle
// connections and open streams (a WebSocket gets a "going away" close
// frame), lets requests in flight finish with `Connection: close`, and
// returns from Run() once they have, or once the grace period has passed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/ip_address.h"
#include "base/status.h"
#include "http/message.h"

namespace atrium::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int threads = 2;
  // Requests that change something (any method but GET, HEAD and OPTIONS)
  // run on a separate pool of this many threads: a write waits for the disk
  // (SQLite commits with fsync), and the I/O threads keep serving reads
  // meanwhile. 0: every handler runs on the I/O threads.
  int write_threads = 32;
  // Paths whose GET and HEAD handlers wait on another server (an identity
  // provider's token endpoint): they run on the writers' pool too.
  std::vector<std::string> blocking_paths;
  int64_t max_body_bytes = 1 << 20;
  // Requests to these paths (exactly, without the query) may carry bodies
  // of up to max_upload_bytes instead (file uploads); 0: no exception.
  std::vector<std::string> upload_paths;
  int64_t max_upload_bytes = 0;
  int64_t max_header_bytes = 16 << 10;
  int64_t request_timeout_ms = 15000;
  int64_t idle_timeout_ms = 60000;
  int max_connections = 10000;
  int64_t shutdown_grace_ms = 10000;
  bool access_log = true;
  // SSE: period of the ":thump" comment that keeps proxies from closing a
  // quiet stream. WebSocket: after this long without hearing from the
  // client the server pings it, and drops it after twice this long.
  // 0 or less: neither.
  int64_t stream_heartbeat_ms = 30000;
  // Events a stream may have queued but not yet written; one more and the
  // client is deemed too slow and disconnected. (An SSE write that takes
  // longer than request_timeout_ms disconnects it too.)
  int stream_max_queued = 1000;
  // Peers whose X-Forwarded-For names the client (ClientAddress); empty:
  // every request's client is its TCP peer.
  std::vector<IpNetwork> trusted_proxies;
  // Asked with a request that waits for "100 Continue" before sending its
  // body (its headers only): a final answer to send at once instead — the
  // body is then never read and the connection closes —, or nullopt to ask
  // for the body. Unset: always asked for.
  std::function<std::optional<Response>(Request&)> refuse_before_body;
};

class Server {
 public:
  using Handler = std::function<Response(Request&)>;

  Server(ServerOptions options, Handler handler);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();

  // Binds and listens. Fails if the address is taken or invalid.
  Status Listen();
  // The bound port (useful when options.port was 0). Valid after Listen().
  int port() const;
  // Serves until shutdown completes. Installs SIGINT/SIGTERM handlers when
  // `handle_signals`. Blocks the calling thread, which joins the pool.
  void Run(bool handle_signals = true);
  // Begins a graceful shutdown. Safe from any thread; idempotent.
  void Shutdown();

  class Impl;  // defined in server.cc

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace atrium::http

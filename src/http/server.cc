#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/sendfile.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/log_sink.h"
#include "base/metrics.h"
#include "base/text.h"
#include "http/client_address.h"
#include "http/route_metrics.h"
#include "http/stream.h"
#include "http/websocket_reader.h"

namespace atrium::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Connection;

class Server::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)),
        handler(std::move(h)),
        acceptor(net::make_strand(ioc)),
        signals(ioc),
        grace_timer(net::make_strand(ioc)),
        boot_nonce(
            static_cast<uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {}

  void Accept();
  void BeginShutdown();
  void Register(Connection* c, std::weak_ptr<Connection> w) {
    std::lock_guard lock(conns_mu);
    conns.emplace(c, std::move(w));
  }
  void Unregister(Connection* c);
  std::string NextRequestId() {
    return fmt::format("{:08x}-{}", boot_nonce, request_counter.fetch_add(1) + 1);
  }

  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  std::unique_ptr<net::thread_pool> writers;  // options.write_threads; null: none
  tcp::acceptor acceptor;
  net::signal_set signals;
  net::steady_timer grace_timer;
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};
  std::atomic<uint64_t> request_counter{0};
  uint32_t boot_nonce;
  int bound_port = 0;
  std::mutex conns_mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> conns;
};

// The StreamSink of one streaming connection. Thread-safe: Send and Close
// format on the caller's thread and post onto the connection's strand.
// Holds the connection weakly, so a handler that keeps a sink after the
// stream ended does not keep the socket open.
class ConnectionSink final : public StreamSink {
 public:
  ConnectionSink(std::weak_ptr<Connection> connection, bool websocket, int max_queued)
      : connection_(std::move(connection)), websocket_(websocket), max_queued_(max_queued) {}

  bool Send(std::string_view event, std::string_view payload,
            const std::vector<std::string>& streams) override;
  bool SendRaw(std::string_view message) override;
  void Close() override;
  bool closed() const override { return closed_.load(); }

  // Queues one formatted message; false if closed or the client is too slow.
  bool Queue(std::string formatted);
  // Called by the connection on its strand: the stream has ended.
  void MarkClosed() { closed_.store(true); }
  // Called by the connection on its strand: one event left the queue
  // (written, or dropped because the stream ended).
  void Dequeued() { queued_.fetch_sub(1); }

 private:
  const std::weak_ptr<Connection> connection_;
  const bool websocket_;
  const int max_queued_;
  std::atomic<bool> closed_{false};
  // Events sent but not yet written: the slow-client measure.
  std::atomic<int> queued_{0};
};

// One client connection. Every handler runs on the connection's strand.
//
// It serves requests one at a time until a handler answers with a stream;
// from then on it is that stream (SSE or WebSocket) until the stream ends,
// and then it closes.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Server::Impl> server)
      : stream_(std::move(socket)),
        strand_(stream_.get_executor()),
        timer_(strand_),
        server_(std::move(server)),
        heartbeat_(strand_) {
    ++server_->active;
    Metrics::Get().http_open_connections.Increment();
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = peer_ = ep.address().to_string();
  }
  ~Connection() {
    // Only if the io_context was stopped with the stream's handlers pending.
    NotifyStreamClosed();
    if (stream_counted_)
      (ws_ ? Metrics::Get().open_websocket_streams : Metrics::Get().open_sse_streams).Decrement();
    Metrics::Get().http_open_connections.Decrement();
    server_->Unregister(this);
    if (--server_->active == 0 && server_->stopping) {
      auto s = server_;
      net::post(s->grace_timer.get_executor(), [s] { s->grace_timer.cancel(); });
    }
  }

  void Start() {
    server_->Register(this, weak_from_this());
    net::dispatch(strand_, [self = shared_from_this()] { self->WaitForRequest(); });
  }

  // Called on shutdown: closes the connection if it is between requests,
  // and ends its stream if it is streaming.
  void Stop() {
    net::post(strand_, [self = shared_from_this()] {
      if (self->streaming_) return self->EndStream("server shutting down", Ending::kGoingAway);
      if (self->idle_) self->Close();
    });
  }

  // From ConnectionSink, on any thread: queue one formatted event.
  void PostEvent(std::string frame) {
    net::post(strand_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
      self->QueueEvent(std::move(frame));
    });
  }

  // From ConnectionSink, on any thread: end the stream, after the events
  // already queued (`flush`) or at once.
  void PostClose(bool flush) {
    net::post(strand_, [self = shared_from_this(), flush] {
      if (!flush) return self->EndStream("client too slow", Ending::kDrop);
      self->close_after_flush_ = true;
      if (self->outbox_.empty()) self->EndStream("closed by server", Ending::kNormal);
    });
  }

 private:
  // How a stream ends: with a WebSocket close frame carrying this reason,
  // or by dropping the connection (SSE always just closes).
  enum class Ending { kDrop, kNormal, kGoingAway };

  // One message waiting to be written on a stream.
  struct Frame {
    std::string data;
    bool event;  // sent through the sink (counts toward stream_max_queued)
  };

  void WaitForRequest() {
    idle_ = true;
    if (server_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
    // The larger limit until the headers say which applies (Beast checks a
    // Content-Length against it as the headers end).
    parser_->body_limit(static_cast<uint64_t>(
        std::max(server_->options.max_body_bytes, server_->options.max_upload_bytes)));
    body_limit_ = server_->options.max_body_bytes;
    if (buffer_.size() > 0) return ReadRequest();  // a pipelined request is already here
    ArmTimer(server_->options.idle_timeout_ms);
    stream_.async_read_some(buffer_.prepare(8192),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->buffer_.commit(n);
                              if (ec || self->timed_out_) return self->Close();
                              self->ReadRequest();
                            });
  }

  void ReadRequest() {
    idle_ = false;
    remote_ = peer_;  // until the request's headers name its client
    started_ = std::chrono::steady_clock::now();
    ArmTimer(server_->options.request_timeout_ms);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // The headers are in: the body limit of this request's path applies.
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    const auto& options = server_->options;
    std::string_view target = parser_->get().target();
    target = target.substr(0, target.find('?'));
    const bool upload = options.max_upload_bytes > 0 &&
                        std::find(options.upload_paths.begin(), options.upload_paths.end(),
                                  target) != options.upload_paths.end();
    body_limit_ = upload ? std::max(options.max_body_bytes, options.max_upload_bytes)
                         : options.max_body_bytes;
    auto length = parser_->content_length();
    if (length && *length > static_cast<uint64_t>(body_limit_))
      return OnRead(bhttp::error::body_limit);
    parser_->body_limit(static_cast<uint64_t>(body_limit_));
    if (parser_->is_done()) return OnRead({});
    if (ExpectsContinue()) {
      // Refused on its headers alone (not signed in): the answer, not 100.
      if (server_->options.refuse_before_body) {
        Request req;
        if (ReadHead(req))
          if (auto refused = server_->options.refuse_before_body(req)) {
            DisarmTimer();
            refused->close = true;  // the body that would follow is never read
            return Finish(std::move(req), std::move(*refused));
          }
      }
      // The client waits for this before it sends the body (RFC 9110
      // §10.1.1); a body too large was answered with 413 above instead.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                if (ec) return self->OnRead(ec);
                                self->ReadBody();
                              });
    }
    ReadBody();
  }

  // True when the request asks for "100 Continue" before its body (HTTP/1.1 only).
  bool ExpectsContinue() const {
    const auto& msg = parser_->get();
    if (msg.version() < 11) return false;
    auto it = msg.find(bhttp::field::expect);
    return it != msg.end() && beast::iequals(it->value(), "100-continue");
  }

  void ReadBody() {
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  // When `ms` pass before DisarmTimer, cancels the socket's operations and
  // sets timed_out_.
  void ArmTimer(int64_t ms) {
    timed_out_ = false;
    uint64_t generation = ++timer_generation_;
    timer_.expires_after(std::chrono::milliseconds(ms));
    timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
      // Cancelled, or re-armed or disarmed after it had already fired.
      if (ec || generation != self->timer_generation_) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void DisarmTimer() {
    ++timer_generation_;
    timer_.cancel();
  }

  void OnRead(beast::error_code ec) {
    DisarmTimer();
    if (timed_out_) {
      return SendTransportError(408, "Request timeout", "The request did not arrive in time");
    }
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof) return Close();
    if (ec == bhttp::error::header_limit)
      return SendTransportError(
          431, "Request headers too large",
          fmt::format("Headers may be at most {} bytes", server_->options.max_header_bytes));
    if (ec == bhttp::error::body_limit)
      return SendTransportError(413, "Payload too large",
                                fmt::format("The body may be at most {} bytes", body_limit_));
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
      return SendTransportError(400, "Bad request", "Malformed HTTP request: " + ec.message());
    if (ec) return Close();
    Handle();
  }

  // Fills `req` from the request's line and headers (not its body); false
  // when its target is not a valid path.
  bool ReadHead(Request& req) {
    auto& msg = parser_->get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg)
      req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    // The access log names this request's client too.
    remote_ = req.remote_addr = ClientAddress(peer_, req, server_->options.trusted_proxies);
    req.request_id = server_->NextRequestId();
    return DecodeRequestTarget(req.target, &req.path, &req.query);
  }

  void Handle() {
    auto& msg = parser_->get();
    Request req;
    Response res;
    if (!ReadHead(req)) {
      res = Response::Error(400, "Bad request", "The request target is not a valid path");
      return Finish(std::move(req), std::move(res));
    }
    req.body = std::move(msg.body());
    const bool safe = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
    const auto& blocking = server_->options.blocking_paths;
    const bool waits = std::find(blocking.begin(), blocking.end(), req.path) != blocking.end();
    if (server_->writers && (!safe || waits)) {
      // On the writers' pool; the answer comes back to this strand. The
      // guard keeps the I/O threads running until it has.
      net::post(*server_->writers, [self = shared_from_this(), req = std::move(req),
                                    work = net::make_work_guard(server_->ioc)]() mutable {
        Response res = self->Invoke(req);
        net::post(self->strand_, [self, req = std::move(req), res = std::move(res)]() mutable {
          self->Finish(std::move(req), std::move(res));
        });
      });
      return;
    }
    res = Invoke(req);
    Finish(std::move(req), std::move(res));
  }

  Response Invoke(Request& req) {
    try {
      return server_->handler(req);
    } catch (const std::exception& e) {
      spdlog::error("req={} unhandled exception: {}", req.request_id, e.what());
      return Response::Error(500, "Internal server error", "The request id is " + req.request_id);
    }
  }

  // Sends the handler's answer (on the strand), or opens its stream.
  void Finish(Request req, Response res) {
    auto& msg = parser_->get();
    bool keep_alive = msg.keep_alive() && !res.close && !server_->stopping;
    if (res.stream) {
      if (server_->stopping) {
        res = Response::Error(503, "Service unavailable", "The server is shutting down");
        keep_alive = false;
      } else if (res.stream->websocket && !IsWebSocketUpgrade(req)) {
        res = Response::Error(400, "Expected a WebSocket upgrade");
      } else {
        return OpenStream(std::move(res), std::move(req));
      }
    }
    Send(std::move(res), req.method, req.path, req.request_id, keep_alive, req.route,
         req.member_id);
  }

  void SendTransportError(int status, std::string_view error, std::string_view description) {
    Response res = Response::Error(status, error, description);
    Send(std::move(res), "-", "-", server_->NextRequestId(), /*keep_alive=*/false);
  }

  // Sends `res`, then records it in `route`'s metrics (the unmatched
  // requests' when null) and logs it.
  void Send(Response res, std::string method, std::string path, std::string request_id,
            bool keep_alive, RouteMetrics* route = nullptr, int64_t member_id = 0) {
    // The message's body is a view of bytes `out` keeps alive until written:
    // the handler's own, or a cache's, shared without a copy.
    struct Outgoing {
      std::string owned;
      std::shared_ptr<const std::string> shared;
      bhttp::response<bhttp::span_body<const char>> msg;
    };
    auto out = std::make_shared<Outgoing>();
    out->owned = std::move(res.body);
    out->shared = std::move(res.shared_body);
    const std::string& bytes = out->shared ? *out->shared : out->owned;
    auto& msg = out->msg;
    msg.version(11);
    msg.result(static_cast<unsigned>(res.status));
    msg.reason(ReasonPhrase(res.status));
    for (auto& [k, v] : res.headers) msg.insert(k, v);
    msg.set("X-Request-Id", request_id);
    msg.keep_alive(keep_alive);
    const std::shared_ptr<const FileBody> file = std::move(res.file);
    size_t body_size = file ? static_cast<size_t>(file->length) : bytes.size();
    if (method == "HEAD" || file) {
      msg.content_length(body_size);
    } else {
      msg.body() = boost::span<const char>(bytes.data(), bytes.size());
      msg.prepare_payload();
    }
    auto done = [self = shared_from_this(), out, keep_alive, status = res.status,
                 method = std::move(method), path = std::move(path),
                 request_id = std::move(request_id), body_size, route,
                 member_id](beast::error_code ec) {
      self->stream_.expires_never();
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                            self->started_)
                      .count();
      RouteMetrics& metrics = route ? *route : RouteMetrics::Unmatched();
      metrics.Record(status, ms / 1000, body_size);
      if (self->server_->options.access_log) {
        LogRequest({.request_id = request_id,
                    .remote = self->remote_,
                    .method = method,
                    .path = path,
                    .route = metrics.route(),
                    .status = status,
                    .bytes = body_size,
                    .duration_ms = ms,
                    .member_id = member_id});
      }
      if (ec || !keep_alive) return self->Close();
      self->WaitForRequest();
    };
    stream_.expires_after(std::chrono::milliseconds(server_->options.request_timeout_ms));
    if (file && method != "HEAD") {
      // The head through Beast, then the file by sendfile.
      auto serializer =
          std::make_shared<bhttp::response_serializer<bhttp::span_body<const char>>>(msg);
      bhttp::async_write_header(stream_, *serializer,
                                [self = shared_from_this(), serializer, file,
                                 done = std::move(done)](beast::error_code ec, size_t) mutable {
                                  if (ec) return done(ec);
                                  self->stream_.expires_never();
                                  self->SendFileBody(file, file->offset, file->length,
                                                     std::move(done));
                                });
      return;
    }
    bhttp::async_write(stream_, msg,
                       [done = std::move(done)](beast::error_code ec, size_t) { done(ec); });
  }

  // Writes `left` bytes of `file` from `offset` with sendfile(2), waiting
  // for the socket whenever it is full (each wait bounded by the request
  // timeout); then calls done.
  template <typename Done>
  void SendFileBody(std::shared_ptr<const FileBody> file, int64_t offset, int64_t left,
                    Done&& done) {
    auto& socket = stream_.socket();
    beast::error_code ec;
    socket.native_non_blocking(true, ec);
    if (ec) return done(ec);
    while (left > 0) {
      off_t at = static_cast<off_t>(offset);
      ssize_t n = ::sendfile(socket.native_handle(), file->fd, &at,
                             static_cast<size_t>(std::min<int64_t>(left, 1 << 30)));
      if (n > 0) {
        offset += n;
        left -= n;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        ArmTimer(server_->options.request_timeout_ms);
        socket.async_wait(tcp::socket::wait_write,
                          [self = shared_from_this(), file, offset, left,
                           done = std::forward<Done>(done)](beast::error_code wait_ec) mutable {
                            self->DisarmTimer();
                            if (wait_ec || self->timed_out_) return done(net::error::timed_out);
                            self->SendFileBody(file, offset, left, std::move(done));
                          });
        return;
      }
      // The file ended early (shrunk) or the socket failed: the response
      // cannot be completed.
      return done(n == 0 ? beast::error_code(net::error::eof)
                         : beast::error_code(errno, beast::system_category()));
    }
    done(beast::error_code{});
  }

  void Close() {
    DisarmTimer();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  // ---- Streams --------------------------------------------------------
  //
  // A stream's I/O goes to the socket directly, past tcp_stream's timers:
  // SSE bounds each write with timer_ (request_timeout_ms), and WebSocket
  // uses Beast's own handshake and idle timeouts with keep-alive pings.
  // Writes go through outbox_, one at a time; events Send queues after the
  // stream ended are dropped.

  // Turns this connection into the stream `res` asks for. `req` passed
  // IsWebSocketUpgrade if the stream is a WebSocket.
  void OpenStream(Response res, Request req) {
    streaming_ = true;
    stream_handler_ = std::move(res.stream);
    stream_method_ = std::move(req.method);
    stream_path_ = std::move(req.path);
    stream_request_id_ = std::move(req.request_id);
    stream_route_ = req.route ? req.route : &RouteMetrics::Unmatched();
    stream_member_id_ = req.member_id;
    sink_ = std::make_shared<ConnectionSink>(weak_from_this(), stream_handler_->websocket,
                                             std::max(1, server_->options.stream_max_queued));
    if (stream_handler_->websocket) return AcceptWebSocket(std::move(res.headers));
    outbox_.push_back({SseHead(res.headers), /*event=*/false});
    LogStreamOpened(200);
    StartStream();
  }

  // The SSE response head: a close-delimited 200 with the transport's own
  // fields, then the handler's (minus those the transport owns).
  std::string SseHead(const std::vector<std::pair<std::string, std::string>>& headers) const {
    std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
        "X-Accel-Buffering: no\r\n";
    for (const auto& [k, v] : headers) {
      if (IsOwnedByTransport(k) || EqualsIgnoreCase(k, "Content-Type") ||
          EqualsIgnoreCase(k, "Cache-Control") || EqualsIgnoreCase(k, "X-Accel-Buffering"))
        continue;
      head += fmt::format("{}: {}\r\n", k, v);
    }
    head += fmt::format("X-Request-Id: {}\r\nConnection: close\r\n\r\n", stream_request_id_);
    return head;
  }

  // Header fields a handler's Response may not set on a stream.
  static bool IsOwnedByTransport(std::string_view name) {
    for (std::string_view owned :
         {"Connection", "Content-Length", "Transfer-Encoding", "Upgrade", "X-Request-Id",
          "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"})
      if (EqualsIgnoreCase(name, owned)) return true;
    return false;
  }

  void AcceptWebSocket(std::vector<std::pair<std::string, std::string>> headers) {
    ws_.emplace(stream_.socket());
    const auto& options = server_->options;
    // The frames are read as ReadWebSocketClient reads them (and the fuzz
    // target with it): Beast's stream, these settings.
    ConfigureWebSocket(*ws_, {.max_message_bytes = static_cast<uint64_t>(options.max_body_bytes),
                              .handshake_timeout_ms = options.request_timeout_ms,
                              .heartbeat_ms = options.stream_heartbeat_ms});
    ws_->set_option(websocket::stream_base::decorator(
        [headers = std::move(headers), subprotocol = stream_handler_->subprotocol,
         request_id = stream_request_id_](websocket::response_type& r) {
          r.erase(bhttp::field::server);
          for (const auto& [k, v] : headers)
            if (!IsOwnedByTransport(k)) r.insert(k, v);
          if (!subprotocol.empty()) r.set(bhttp::field::sec_websocket_protocol, subprotocol);
          r.set("X-Request-Id", request_id);
        }));
    // The parser still holds the upgrade request; it is not reset while streaming.
    ws_->async_accept(parser_->get(), [self = shared_from_this()](beast::error_code ec) {
      if (self->stream_ended_) return;  // shut down during the handshake
      if (ec) {
        if (self->server_->options.access_log)
          spdlog::info("req={} {} {} {} websocket handshake failed: {}", self->stream_request_id_,
                       self->remote_, self->stream_method_, self->stream_path_, ec.message());
        return self->EndStream("handshake failed", Ending::kDrop);
      }
      self->LogStreamOpened(101);
      self->StartStream();
    });
  }

  // The stream is open: tell the handler, then start reading, the
  // heartbeat and writing.
  void StartStream() {
    stream_open_ = true;
    stream_opened_ = std::chrono::steady_clock::now();
    try {
      if (stream_handler_->on_open) stream_handler_->on_open(sink_);
    } catch (const std::exception& e) {
      spdlog::error("req={} stream on_open threw: {}", stream_request_id_, e.what());
      return EndStream("on_open failed", Ending::kDrop);
    }
    if (ws_) {
      ReadWebSocket();
    } else {
      ReadAndDiscard();
      ScheduleHeartbeat();
    }
    WriteNext();
  }

  // SSE: the client has nothing to say, but reading notices at once when it
  // goes away.
  void ReadAndDiscard() {
    auto on_read = [self = shared_from_this()](beast::error_code ec, size_t) {
      if (self->stream_ended_) return;
      if (ec == net::error::eof) return self->EndStream("closed by client", Ending::kDrop);
      // The write deadline cancels this read as well.
      if (ec && self->timed_out_) return self->EndStream("write timed out", Ending::kDrop);
      if (ec) return self->EndStream("read failed: " + ec.message(), Ending::kDrop);
      self->ReadAndDiscard();
    };
    stream_.socket().async_read_some(net::buffer(discard_), std::move(on_read));
  }

  void ScheduleHeartbeat() {
    if (server_->options.stream_heartbeat_ms <= 0) return;
    heartbeat_.expires_after(std::chrono::milliseconds(server_->options.stream_heartbeat_ms));
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->stream_ended_) return;
      // A stream that is writing needs no comment to show it is alive.
      if (self->outbox_.empty()) {
        self->outbox_.push_back({std::string(kSseHeartbeat), /*event=*/false});
        self->WriteNext();
      }
      self->ScheduleHeartbeat();
    });
  }

  void ReadWebSocket() {
    ws_->async_read(ws_buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (self->stream_ended_) return;
      if (ec == websocket::error::closed) return self->EndStream("closed by client", Ending::kDrop);
      if (ec) return self->EndStream("read failed: " + ec.message(), Ending::kDrop);
      if (self->ws_->got_text() && self->stream_handler_->on_message) {
        std::string_view text(static_cast<const char*>(self->ws_buffer_.data().data()),
                              self->ws_buffer_.size());
        try {
          self->stream_handler_->on_message(self->sink_, text);
        } catch (const std::exception& e) {
          spdlog::error("req={} stream on_message threw: {}", self->stream_request_id_, e.what());
          return self->EndStream("on_message failed", Ending::kDrop);
        }
      }
      self->ws_buffer_.consume(self->ws_buffer_.size());
      self->ReadWebSocket();
    });
  }

  void QueueEvent(std::string frame) {
    if (stream_ended_ || close_after_flush_) return sink_->Dequeued();
    outbox_.push_back({std::move(frame), /*event=*/true});
    WriteNext();
  }

  // Starts writing the front of outbox_ unless a write is under way. Not
  // before the stream is open: until then only the SSE head is queued.
  void WriteNext() {
    if (writing_ || outbox_.empty() || stream_ended_ || !stream_open_) return;
    writing_ = true;
    auto on_written = [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnWritten(ec);
    };
    if (ws_) {
      ws_->async_write(net::buffer(outbox_.front().data), std::move(on_written));
    } else {
      ArmTimer(server_->options.request_timeout_ms);
      net::async_write(stream_.socket(), net::buffer(outbox_.front().data), std::move(on_written));
    }
  }

  void OnWritten(beast::error_code ec) {
    writing_ = false;
    if (!ws_) DisarmTimer();
    if (outbox_.front().event) sink_->Dequeued();
    outbox_.pop_front();
    if (stream_ended_) return;
    if (ec)
      return EndStream(timed_out_ ? "write timed out" : "write failed: " + ec.message(),
                       Ending::kDrop);
    if (outbox_.empty() && close_after_flush_)
      return EndStream("closed by server", Ending::kNormal);
    WriteNext();
  }

  // Ends the stream once, whatever the reason: the sink refuses further
  // events, unwritten ones are dropped, the connection closes (WebSocket:
  // after a close frame, unless `ending` is kDrop) and on_close runs.
  void EndStream(std::string_view reason, Ending ending) {
    if (stream_ended_) return;
    stream_ended_ = true;
    sink_->MarkClosed();
    heartbeat_.cancel();
    // The frame being written must outlive its write; the rest are dropped.
    while (outbox_.size() > (writing_ ? 1u : 0u)) {
      if (outbox_.back().event) sink_->Dequeued();
      outbox_.pop_back();
    }
    if (ws_ && ending != Ending::kDrop && ws_->is_open()) {
      auto code = ending == Ending::kGoingAway ? websocket::close_code::going_away
                                               : websocket::close_code::normal;
      // Bounded by the handshake timeout if the client does not answer.
      ws_->async_close(code, [self = shared_from_this()](beast::error_code) { self->Close(); });
    } else {
      Close();
    }
    if (stream_counted_) {
      stream_counted_ = false;
      (ws_ ? Metrics::Get().open_websocket_streams : Metrics::Get().open_sse_streams).Decrement();
    }
    if (stream_open_ && server_->options.access_log) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - stream_opened_).count();
      if (CurrentLogFormat() == LogFormat::kJson)
        LogRequest({.request_id = stream_request_id_,
                    .remote = remote_,
                    .method = stream_method_,
                    .path = stream_path_,
                    .route = stream_route_->route(),
                    .duration_ms = seconds * 1000,
                    .member_id = stream_member_id_,
                    .event = "stream closed",
                    .detail = reason});
      else
        spdlog::info("req={} {} {} {} stream closed after {:.1f}s: {}", stream_request_id_, remote_,
                     stream_method_, stream_path_, seconds, reason);
    }
    NotifyStreamClosed();
  }

  // Calls on_close if on_open was called and on_close was not.
  void NotifyStreamClosed() {
    if (!stream_open_ || close_notified_) return;
    close_notified_ = true;
    sink_->MarkClosed();
    try {
      if (stream_handler_->on_close) stream_handler_->on_close();
    } catch (const std::exception& e) {
      spdlog::error("req={} stream on_close threw: {}", stream_request_id_, e.what());
    }
  }

  // The stream is open: counted, and logged like a response.
  void LogStreamOpened(int status) {
    (ws_ ? Metrics::Get().open_websocket_streams : Metrics::Get().open_sse_streams).Increment();
    stream_counted_ = true;
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
            .count();
    stream_route_->Record(status, ms / 1000, 0);
    if (!server_->options.access_log) return;
    if (CurrentLogFormat() == LogFormat::kJson)
      return LogRequest({.request_id = stream_request_id_,
                         .remote = remote_,
                         .method = stream_method_,
                         .path = stream_path_,
                         .route = stream_route_->route(),
                         .status = status,
                         .duration_ms = ms,
                         .member_id = stream_member_id_,
                         .event = ws_ ? "websocket opened" : "event-stream opened"});
    spdlog::info("req={} {} {} {} {} {} {:.2f}ms", stream_request_id_, remote_, stream_method_,
                 stream_path_, status, ws_ ? "websocket" : "event-stream", ms);
  }

  beast::tcp_stream stream_;
  const net::any_io_executor strand_;  // stream_'s executor, a strand
  net::steady_timer timer_;
  uint64_t timer_generation_ = 0;  // bumped by ArmTimer and DisarmTimer
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Server::Impl> server_;
  std::string peer_;    // the TCP peer
  std::string remote_;  // the client of the current request (ClientAddress), for the log
  bool idle_ = true;
  bool timed_out_ = false;
  int64_t body_limit_ = 0;  // of the request being read
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();

  // Stream state, from OpenStream on.
  bool streaming_ = false;
  bool stream_open_ = false;  // on_open has been called
  bool stream_ended_ = false;
  bool close_notified_ = false;
  bool close_after_flush_ = false;  // Close() was called; end once outbox_ drains
  bool writing_ = false;
  std::shared_ptr<StreamHandler> stream_handler_;
  std::shared_ptr<ConnectionSink> sink_;
  std::string stream_method_, stream_path_, stream_request_id_;
  RouteMetrics* stream_route_ = nullptr;
  int64_t stream_member_id_ = 0;
  bool stream_counted_ = false;  // counted in the open streams gauge
  std::chrono::steady_clock::time_point stream_opened_;
  std::deque<Frame> outbox_;
  net::steady_timer heartbeat_;
  std::array<char, 512> discard_;
  beast::flat_buffer ws_buffer_;
  // Declared last: refers to stream_'s socket, so it is destroyed first.
  std::optional<websocket::stream<tcp::socket&>> ws_;
};

bool ConnectionSink::Send(std::string_view event, std::string_view payload,
                          const std::vector<std::string>& streams) {
  if (closed_.load()) return false;
  return Queue(websocket_ ? FormatWebSocketEvent(event, payload, streams)
                          : FormatSseEvent(event, payload));
}

bool ConnectionSink::SendRaw(std::string_view message) {
  if (closed_.load()) return false;
  return Queue(websocket_ ? std::string(message) : FormatSseEvent("error", message));
}

bool ConnectionSink::Queue(std::string formatted) {
  if (closed_.load()) return false;
  auto connection = connection_.lock();
  if (!connection) {
    closed_.store(true);
    return false;
  }
  if (queued_.fetch_add(1) >= max_queued_) {
    queued_.fetch_sub(1);
    if (!closed_.exchange(true)) connection->PostClose(/*flush=*/false);
    return false;
  }
  connection->PostEvent(std::move(formatted));
  return true;
}

void ConnectionSink::Close() {
  if (closed_.exchange(true)) return;
  if (auto connection = connection_.lock()) connection->PostClose(/*flush=*/true);
}

void Server::Impl::Unregister(Connection* c) {
  std::lock_guard lock(conns_mu);
  conns.erase(c);
}

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = shared_from_this()](beast::error_code ec,
                                                                           tcp::socket socket) {
    if (ec) {
      if (!self->acceptor.is_open() || self->stopping) return;
      spdlog::warn("accept failed: {}", ec.message());
      return self->Accept();
    }
    if (self->active >= self->options.max_connections) {
      static const std::string kBusy = [] {
        std::string body =
            R"({"error":"Service unavailable","error_description":"Too many open connections"})";
        return fmt::format(
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            "Content-Length: {}\r\nConnection: close\r\nRetry-After: 1\r\n\r\n{}",
            body.size(), body);
      }();
      beast::error_code ignored;
      socket.non_blocking(true, ignored);
      socket.write_some(net::buffer(kBusy), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Connection>(std::move(socket), self)->Start();
    }
    self->Accept();
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: finishing {} open connection(s)", active.load());
  net::post(acceptor.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->acceptor.close(ignored);
  });
  signals.cancel();
  // Collected under the lock but stopped and released outside it: dropping
  // the last reference runs ~Connection, which takes conns_mu to unregister.
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(conns_mu);
    for (auto& [raw, weak] : conns)
      if (auto c = weak.lock()) open.push_back(std::move(c));
  }
  for (auto& c : open) c->Stop();
  open.clear();
  net::post(grace_timer.get_executor(), [self = shared_from_this()] {
    if (self->active == 0) return;
    self->grace_timer.expires_after(std::chrono::milliseconds(self->options.shutdown_grace_ms));
    self->grace_timer.async_wait([self](beast::error_code ec) {
      if (ec) return;  // every connection closed in time
      spdlog::warn("shutdown grace period over; closing {} connection(s)", self->active.load());
      self->ioc.stop();
    });
  });
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_shared<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { impl_->ioc.stop(); }

Status Server::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec)
    return Status::BadRequest("Invalid listen address", impl_->options.host + ": " + ec.message());
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("Cannot listen", fmt::format("{}:{}: {}", impl_->options.host,
                                                            impl_->options.port, ec.message()));
  impl_->bound_port = acc.local_endpoint().port();
  return Status::Ok();
}

int Server::port() const { return impl_->bound_port; }

void Server::Run(bool handle_signals) {
  auto impl = impl_;
  if (handle_signals) {
    impl->signals.add(SIGINT);
    impl->signals.add(SIGTERM);
    impl->signals.async_wait([impl](beast::error_code ec, int) {
      if (!ec) impl->BeginShutdown();
    });
  }
  impl->Accept();
  if (impl->options.write_threads > 0)
    impl->writers = std::make_unique<net::thread_pool>(impl->options.write_threads);
  int n = std::max(1, impl->options.threads);
  std::vector<std::thread> pool;
  for (int i = 1; i < n; ++i) pool.emplace_back([impl] { impl->ioc.run(); });
  impl->ioc.run();
  for (auto& t : pool) t.join();
  if (impl->writers) impl->writers->join();
}

void Server::Shutdown() { impl_->BeginShutdown(); }

}  // namespace atrium::http

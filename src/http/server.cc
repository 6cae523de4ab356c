#include "http/server.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/text.h"

namespace atrium::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
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
        boot_nonce(static_cast<uint32_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {}

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

// One client connection. Every handler runs on the connection's strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Server::Impl> server)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), server_(std::move(server)) {
    ++server_->active;
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Connection() {
    server_->Unregister(this);
    if (--server_->active == 0 && server_->stopping) {
      auto s = server_;
      net::post(s->grace_timer.get_executor(), [s] { s->grace_timer.cancel(); });
    }
  }

  void Start() {
    server_->Register(this, weak_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
  }

  // Called on shutdown: closes the connection if it is between requests.
  void StopIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) self->Close();
    });
  }

 private:
  void WaitForRequest() {
    idle_ = true;
    if (server_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
    parser_->body_limit(static_cast<uint64_t>(server_->options.max_body_bytes));
    if (buffer_.size() > 0) return ReadRequest();  // a pipelined request is already here
    ArmTimer(server_->options.idle_timeout_ms);
    stream_.async_read_some(buffer_.prepare(8192), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->buffer_.commit(n);
      if (ec || self->timed_out_) return self->Close();
      self->ReadRequest();
    });
  }

  void ReadRequest() {
    idle_ = false;
    started_ = std::chrono::steady_clock::now();
    ArmTimer(server_->options.request_timeout_ms);
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->OnRead(ec);
    });
  }

  void ArmTimer(int64_t ms) {
    timed_out_ = false;
    timer_.expires_after(std::chrono::milliseconds(ms));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled or re-armed
      self->timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
  }

  void OnRead(beast::error_code ec) {
    timer_.cancel();
    if (timed_out_) {
      return SendTransportError(408, "Request timeout", "The request did not arrive in time");
    }
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof) return Close();
    if (ec == bhttp::error::header_limit)
      return SendTransportError(431, "Request headers too large",
                                fmt::format("Headers may be at most {} bytes", server_->options.max_header_bytes));
    if (ec == bhttp::error::body_limit)
      return SendTransportError(413, "Payload too large",
                                fmt::format("The body may be at most {} bytes", server_->options.max_body_bytes));
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
      return SendTransportError(400, "Bad request", "Malformed HTTP request: " + ec.message());
    if (ec) return Close();
    Handle();
  }

  void Handle() {
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.remote_addr = remote_;
    req.request_id = server_->NextRequestId();
    Response res;
    bool ok_target = !req.target.empty() && req.target[0] == '/';
    if (ok_target) {
      auto q = req.target.find('?');
      std::string_view raw_path(req.target.data(), q == std::string::npos ? req.target.size() : q);
      if (q != std::string::npos) req.query = req.target.substr(q + 1);
      // '+' is literal in a path; percent-escapes are decoded.
      std::string path;
      bool decoded = true;
      for (size_t i = 0; i < raw_path.size(); ++i) {
        if (raw_path[i] == '%') {
          std::string one;
          if (i + 2 >= raw_path.size() || !FormDecode(raw_path.substr(i, 3), &one)) {
            decoded = false;
            break;
          }
          path += one;
          i += 2;
        } else {
          path += raw_path[i];
        }
      }
      ok_target = decoded && IsValidUtf8(path);
      req.path = std::move(path);
    }
    if (!ok_target) {
      res = Response::Error(400, "Bad request", "The request target is not a valid path");
    } else {
      for (const auto& field : msg) req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      req.body = std::move(msg.body());
      try {
        res = server_->handler(req);
      } catch (const std::exception& e) {
        spdlog::error("req={} unhandled exception: {}", req.request_id, e.what());
        res = Response::Error(500, "Internal server error", "The request id is " + req.request_id);
      }
    }
    bool keep_alive = msg.keep_alive() && !res.close && !server_->stopping;
    Send(std::move(res), req.method, req.path, req.request_id, keep_alive);
  }

  void SendTransportError(int status, std::string_view error, std::string_view description) {
    Response res = Response::Error(status, error, description);
    Send(std::move(res), "-", "-", server_->NextRequestId(), /*keep_alive=*/false);
  }

  void Send(Response res, std::string method, std::string path, std::string request_id, bool keep_alive) {
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(res.status));
    out->reason(ReasonPhrase(res.status));
    for (auto& [k, v] : res.headers) out->insert(k, v);
    out->set("X-Request-Id", request_id);
    out->keep_alive(keep_alive);
    size_t body_size = res.body.size();
    if (method == "HEAD") {
      out->content_length(body_size);
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
    }
    int status = res.status;
    stream_.expires_after(std::chrono::milliseconds(server_->options.request_timeout_ms));
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out, keep_alive, status, method = std::move(method),
                        path = std::move(path), request_id = std::move(request_id),
                        body_size](beast::error_code ec, size_t) {
                         self->stream_.expires_never();
                         if (self->server_->options.access_log) {
                           double ms = std::chrono::duration<double, std::milli>(
                                           std::chrono::steady_clock::now() - self->started_)
                                           .count();
                           spdlog::info("req={} {} {} {} {} {}B {:.2f}ms", request_id, self->remote_,
                                        method, path, status, body_size, ms);
                         }
                         if (ec || !keep_alive) return self->Close();
                         self->WaitForRequest();
                       });
  }

  void Close() {
    timer_.cancel();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Server::Impl> server_;
  std::string remote_;
  bool idle_ = true;
  bool timed_out_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

void Server::Impl::Unregister(Connection* c) {
  std::lock_guard lock(conns_mu);
  conns.erase(c);
}

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!self->acceptor.is_open() || self->stopping) return;
      spdlog::warn("accept failed: {}", ec.message());
      return self->Accept();
    }
    if (self->active >= self->options.max_connections) {
      static const std::string kBusy = [] {
        std::string body = R"({"error":"Service unavailable","error_description":"Too many open connections"})";
        return fmt::format("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
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
  {
    std::lock_guard lock(conns_mu);
    for (auto& [raw, weak] : conns)
      if (auto c = weak.lock()) c->StopIfIdle();
  }
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

Server::~Server() {
  impl_->ioc.stop();
}

Status Server::Listen() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return Status::BadRequest("Invalid listen address", impl_->options.host + ": " + ec.message());
  tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("Cannot listen",
                               fmt::format("{}:{}: {}", impl_->options.host, impl_->options.port, ec.message()));
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
  int n = std::max(1, impl->options.threads);
  std::vector<std::thread> pool;
  for (int i = 1; i < n; ++i) pool.emplace_back([impl] { impl->ioc.run(); });
  impl->ioc.run();
  for (auto& t : pool) t.join();
}

void Server::Shutdown() { impl_->BeginShutdown(); }

}  // namespace atrium::http

// Tests of long-lived streams: the SSE and WebSocket framing functions, and
// streams served by a real http::Server on 127.0.0.1 (an ephemeral port, Run
// on a background thread) to Beast clients.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "http/message.h"
#include "http/server.h"
#include "http/stream.h"

namespace atrium::http {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

// The bound for anything that should happen at once; only a failing test
// waits this long.
constexpr std::chrono::milliseconds kWait = 3s;

// ---- Framing ----------------------------------------------------------

TEST(StreamFormatTest, SseEventFraming) {
  EXPECT_EQ(FormatSseEvent("update", R"({"id":"1"})"), "event: update\ndata: {\"id\":\"1\"}\n\n");
  EXPECT_EQ(FormatSseEvent("delete", ""), "event: delete\ndata: \n\n");
}

TEST(StreamFormatTest, SseSplitsPayloadLinesIntoDataFields) {
  EXPECT_EQ(FormatSseEvent("update", "a\nb\r\nc\rd"),
            "event: update\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(FormatSseEvent("update", "a\n"), "event: update\ndata: a\ndata: \n\n");
  // A line break in the event name cannot start a new field.
  EXPECT_EQ(FormatSseEvent("up\ndata: x", "1"), "event: updata: x\ndata: 1\n\n");
}

TEST(StreamFormatTest, WebSocketEnvelopeEmbedsPayloadAsString) {
  std::string payload = R"({"id":"7","content":"<p>say \"hi\"\n</p>"})";
  std::string text = FormatWebSocketEvent("update", payload, {"user", "public:local"});
  auto doc = boost::json::parse(text).as_object();
  EXPECT_EQ(doc.at("stream"), (boost::json::array{"user", "public:local"}));
  EXPECT_EQ(doc.at("event"), "update");
  ASSERT_TRUE(doc.at("payload").is_string());
  EXPECT_EQ(doc.at("payload").as_string(), payload);
}

TEST(StreamFormatTest, IsWebSocketUpgrade) {
  auto with = [](std::vector<std::pair<std::string, std::string>> headers) {
    Request r;
    r.headers = std::move(headers);
    return IsWebSocketUpgrade(r);
  };
  EXPECT_TRUE(with({{"Connection", "Upgrade"}, {"Upgrade", "websocket"}}));
  EXPECT_TRUE(with({{"connection", "keep-alive, UPGRADE"}, {"upgrade", "WebSocket"}}));
  EXPECT_TRUE(
      with({{"Connection", "keep-alive"}, {"Connection", "upgrade"}, {"Upgrade", "websocket"}}));
  EXPECT_FALSE(with({{"Connection", "keep-alive"}, {"Upgrade", "websocket"}}));
  EXPECT_FALSE(with({{"Connection", "upgrade"}, {"Upgrade", "h2c"}}));
  EXPECT_FALSE(with({{"Connection", "upgraded"}, {"Upgrade", "websocket"}}));
  EXPECT_FALSE(with({}));
}

// ---- Server -------------------------------------------------------------

// Runs the work on `ioc` until it is done or `timeout` passes; true if done.
bool RunFor(net::io_context& ioc, std::chrono::milliseconds timeout) {
  ioc.restart();
  ioc.run_for(timeout);
  return ioc.stopped();
}

// What the stream handlers saw. Shared by the server's threads and the test.
class Probe {
 public:
  std::shared_ptr<StreamHandler> Handler(bool websocket, std::string subprotocol = {}) {
    auto h = std::make_shared<StreamHandler>();
    h->websocket = websocket;
    h->subprotocol = std::move(subprotocol);
    h->on_open = [this](const std::shared_ptr<StreamSink>& sink) {
      Update([&] { sinks_.push_back(sink); });
    };
    h->on_message = [this](const std::shared_ptr<StreamSink>&, std::string_view text) {
      Update([&] { messages_.emplace_back(text); });
    };
    h->on_close = [this] { Update([&] { ++closed_; }); };
    return h;
  }

  // Waits until `n` streams have opened; the sink of the last one, or null.
  std::shared_ptr<StreamSink> WaitOpened(size_t n) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, kWait, [&] { return sinks_.size() >= n; })) return nullptr;
    return sinks_[n - 1];
  }
  // Waits until on_close has run `n` times; false if it has not in time.
  bool WaitClosed(int n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return closed_ >= n; });
  }
  bool WaitMessages(size_t n) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kWait, [&] { return messages_.size() >= n; });
  }
  size_t opened() {
    std::lock_guard lock(mu_);
    return sinks_.size();
  }
  int closed() {
    std::lock_guard lock(mu_);
    return closed_;
  }
  std::vector<std::string> messages() {
    std::lock_guard lock(mu_);
    return messages_;
  }

 private:
  template <typename Fn>
  void Update(Fn fn) {
    std::lock_guard lock(mu_);
    fn();
    cv_.notify_all();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<StreamSink>> sinks_;
  std::vector<std::string> messages_;
  int closed_ = 0;
};

// A plain TCP client for SSE and raw HTTP.
class RawClient {
 public:
  explicit RawClient(int port) {
    socket_.connect({net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)});
  }

  void Write(std::string_view text) { net::write(socket_, net::buffer(text)); }

  // Everything up to and including the next `delim`, or nullopt if it does
  // not arrive within `timeout` or the connection ends first.
  std::optional<std::string> ReadUntil(const std::string& delim,
                                       std::chrono::milliseconds timeout = kWait) {
    beast::error_code result = net::error::would_block;
    size_t n = 0;
    net::async_read_until(socket_, net::dynamic_buffer(buffer_), delim,
                          [&](beast::error_code ec, size_t k) {
                            result = ec;
                            n = k;
                          });
    if (!Finish(timeout) || result) return std::nullopt;
    std::string out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return out;
  }

  // True if the server closes the connection within `timeout`. What arrived
  // before is left in buffer().
  bool ReadsEof(std::chrono::milliseconds timeout = kWait) {
    beast::error_code result = net::error::would_block;
    net::async_read(socket_, net::dynamic_buffer(buffer_),
                    [&](beast::error_code ec, size_t) { result = ec; });
    return Finish(timeout) && result == net::error::eof;
  }

  void Close() { socket_.close(); }
  const std::string& buffer() const { return buffer_; }

 private:
  // Runs the pending read; on timeout cancels it. True if it completed.
  bool Finish(std::chrono::milliseconds timeout) {
    if (RunFor(ioc_, timeout)) return true;
    socket_.cancel();
    RunFor(ioc_, kWait);
    return false;
  }

  net::io_context ioc_;
  tcp::socket socket_{ioc_};
  std::string buffer_;
};

// A WebSocket client.
class WsClient {
 public:
  // Connects and shakes hands on /ws, offering `protocol` if not empty.
  // Returns the handshake's error; the server's response is in response().
  beast::error_code Connect(int port, std::string protocol) {
    ws_.next_layer().connect({net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port)});
    ws_.set_option(websocket::stream_base::decorator([protocol](websocket::request_type& r) {
      if (!protocol.empty()) r.set(beast::http::field::sec_websocket_protocol, protocol);
    }));
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::ping) ++pings_;
    });
    beast::error_code result = net::error::would_block;
    ws_.async_handshake(response_, "127.0.0.1", "/ws", [&](beast::error_code ec) { result = ec; });
    if (!RunFor(ioc_, kWait)) return net::error::timed_out;
    return result;
  }

  // Starts reading one message; Finish runs it.
  void StartRead() {
    read_result_ = net::error::would_block;
    buffer_.clear();
    ws_.async_read(buffer_, [this](beast::error_code ec, size_t) { read_result_ = ec; });
  }
  // Runs the read started by StartRead for up to `timeout`. Returns its
  // error, or would_block if it is still pending.
  beast::error_code Finish(std::chrono::milliseconds timeout = kWait) {
    RunFor(ioc_, timeout);
    return read_result_;
  }
  // One message, or nullopt on error or timeout.
  std::optional<std::string> Read() {
    StartRead();
    if (Finish()) return std::nullopt;
    return beast::buffers_to_string(buffer_.data());
  }

  bool Write(std::string_view text) {
    beast::error_code result = net::error::would_block;
    ws_.async_write(net::buffer(text), [&](beast::error_code ec, size_t) { result = ec; });
    return RunFor(ioc_, kWait) && !result;
  }

  bool CloseFromClient() {
    beast::error_code result = net::error::would_block;
    ws_.async_close(websocket::close_code::normal, [&](beast::error_code ec) { result = ec; });
    return RunFor(ioc_, kWait) && !result;
  }

  const websocket::response_type& response() const { return response_; }
  websocket::close_reason reason() const { return ws_.reason(); }
  int pings() const { return pings_; }
  net::io_context& ioc() { return ioc_; }

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_{ioc_};
  websocket::response_type response_;
  beast::flat_buffer buffer_;
  beast::error_code read_result_;
  int pings_ = 0;
};

class ServerStreamTest : public ::testing::Test {
 protected:
  static ServerOptions TestOptions() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.access_log = false;
    o.request_timeout_ms = 2000;
    o.idle_timeout_ms = 2000;
    o.shutdown_grace_ms = 5000;
    o.stream_heartbeat_ms = 60000;  // out of the way unless a test wants it
    return o;
  }

  void StartServer(ServerOptions options = TestOptions()) {
    server_ = std::make_unique<Server>(options, [this](Request& req) { return Route(req); });
    ASSERT_TRUE(server_->Listen().ok());
    run_done_ = std::async(std::launch::async, [this] { server_->Run(/*handle_signals=*/false); });
  }

  // /sse and /ws open streams (the WebSocket echoes the offered protocol);
  // anything else is a small JSON answer.
  Response Route(Request& req) {
    Response res;
    if (req.path == "/sse") {
      res.stream = probe_.Handler(/*websocket=*/false);
      res.Set("X-Test", "sse");
    } else if (req.path == "/ws") {
      res.stream =
          probe_.Handler(/*websocket=*/true, std::string(req.Header("Sec-WebSocket-Protocol")));
    } else if (req.path == "/slow-write") {
      // Waits until the test lets it go (a write waiting for the disk).
      release_.get_future().wait();
      res = Response::Json(200, R"({"written":true})");
    } else {
      res = Response::Json(200, R"({"ok":true})");
    }
    return res;
  }

  // Begins shutdown; true if Run() returns within `timeout`.
  bool StopServer(std::chrono::milliseconds timeout = kWait) {
    server_->Shutdown();
    return run_done_.wait_for(timeout) == std::future_status::ready;
  }

  void TearDown() override {
    if (!server_) return;
    if (!StopServer()) {
      ADD_FAILURE() << "Run() did not return after Shutdown()";
      server_.reset();  // stops the io_context
    }
    run_done_.wait();
  }

  // Opens an SSE stream; returns the response head, or "" on failure.
  std::string OpenSse(RawClient& client) {
    client.Write("GET /sse HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n");
    return client.ReadUntil("\r\n\r\n").value_or("");
  }

  std::promise<void> release_;  // lets /slow-write answer
  Probe probe_;                 // declared first: outlives the server that calls into it
  std::unique_ptr<Server> server_;
  std::future<void> run_done_;
};

TEST_F(ServerStreamTest, SseHeadAndEventsInOrder) {
  StartServer();
  RawClient client(server_->port());
  std::string head = OpenSse(client);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("\r\nContent-Type: text/event-stream\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nCache-Control: no-store\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nX-Accel-Buffering: no\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("\r\nX-Test: sse\r\n"), std::string::npos) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;

  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  std::thread sender([&] {
    EXPECT_TRUE(sink->Send("update", R"({"id":"1"})", {"user"}));
    EXPECT_TRUE(sink->Send("delete", "2", {"user"}));
    EXPECT_TRUE(sink->Send("notification", R"({"id":"3"})", {"user:notification"}));
  });
  sender.join();
  std::string expected =
      "event: update\ndata: {\"id\":\"1\"}\n\n"
      "event: delete\ndata: 2\n\n"
      "event: notification\ndata: {\"id\":\"3\"}\n\n";
  std::string received;
  for (int i = 0; i < 3; ++i) received += client.ReadUntil("\n\n").value_or("<nothing>");
  EXPECT_EQ(received, expected);
}

TEST_F(ServerStreamTest, SseHeartbeatKeepsStreamAlivePastTimeouts) {
  auto options = TestOptions();
  options.stream_heartbeat_ms = 40;
  options.request_timeout_ms = 100;
  options.idle_timeout_ms = 100;
  StartServer(options);
  RawClient client(server_->port());
  ASSERT_NE(OpenSse(client), "");
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  // Eight heartbeats span more than three request and idle timeouts.
  for (int i = 0; i < 8; ++i)
    ASSERT_EQ(client.ReadUntil("\n\n", 1s), ":thump\n\n") << "heartbeat " << i;
  EXPECT_TRUE(sink->Send("update", "{}", {"user"}));
  std::optional<std::string> event;
  do {
    event = client.ReadUntil("\n\n", 1s);
  } while (event == ":thump\n\n");
  EXPECT_EQ(event, "event: update\ndata: {}\n\n");
  EXPECT_EQ(probe_.closed(), 0);
}

TEST_F(ServerStreamTest, SseClientDisconnectClosesStreamOnce) {
  StartServer();
  RawClient client(server_->port());
  ASSERT_NE(OpenSse(client), "");
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  client.Close();
  ASSERT_TRUE(probe_.WaitClosed(1));
  EXPECT_TRUE(sink->closed());
  EXPECT_FALSE(sink->Send("update", "{}", {"user"}));
  sink->Close();
  ASSERT_TRUE(StopServer());
  EXPECT_EQ(probe_.closed(), 1);
}

TEST_F(ServerStreamTest, SseServerCloseFlushesQueuedEventsThenEnds) {
  StartServer();
  RawClient client(server_->port());
  ASSERT_NE(OpenSse(client), "");
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  EXPECT_TRUE(sink->Send("update", "1", {"user"}));
  sink->Close();
  EXPECT_TRUE(sink->closed());
  EXPECT_FALSE(sink->Send("update", "2", {"user"}));
  EXPECT_TRUE(client.ReadsEof());
  EXPECT_EQ(client.buffer(), "event: update\ndata: 1\n\n");
  ASSERT_TRUE(probe_.WaitClosed(1));
  sink->Close();  // idempotent
  ASSERT_TRUE(StopServer());
  EXPECT_EQ(probe_.closed(), 1);
}

TEST_F(ServerStreamTest, SlowConsumerIsDisconnected) {
  auto options = TestOptions();
  options.stream_max_queued = 4;
  StartServer(options);
  RawClient client(server_->port());  // sends the request, then never reads
  client.Write("GET /sse HTTP/1.1\r\nHost: localhost\r\n\r\n");
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  // Far more than the socket buffers and the queue hold together.
  const std::string payload(64 << 10, 'x');
  int sent = 0;
  while (sent < 2000 && sink->Send("update", payload, {"user"})) ++sent;
  EXPECT_LT(sent, 2000) << "Send never refused a client that does not read";
  EXPECT_TRUE(sink->closed());
  EXPECT_FALSE(sink->Send("update", "{}", {"user"}));
  EXPECT_TRUE(probe_.WaitClosed(1));
}

TEST_F(ServerStreamTest, WebSocketEchoesSubprotocolAndCarriesEventsBothWays) {
  StartServer();
  WsClient client;
  ASSERT_FALSE(client.Connect(server_->port(), "tok123"));
  EXPECT_EQ(client.response().result_int(), 101);
  EXPECT_EQ(client.response()[beast::http::field::sec_websocket_protocol], "tok123");
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);

  std::string payload = R"({"id":"9","content":"<p>\"quoted\" \\ back</p>"})";
  EXPECT_TRUE(sink->Send("update", payload, {"user"}));
  EXPECT_TRUE(sink->Send("delete", "9", {"user"}));
  auto first = client.Read();
  ASSERT_TRUE(first);
  auto doc = boost::json::parse(*first).as_object();
  EXPECT_EQ(doc.at("stream"), (boost::json::array{"user"}));
  EXPECT_EQ(doc.at("event"), "update");
  ASSERT_TRUE(doc.at("payload").is_string()) << *first;
  EXPECT_EQ(doc.at("payload").as_string(), payload);
  EXPECT_EQ(boost::json::parse(doc.at("payload").as_string()).as_object().at("id"), "9");
  EXPECT_EQ(client.Read(), R"({"stream":["user"],"event":"delete","payload":"9"})");

  ASSERT_TRUE(client.Write(R"({"type":"subscribe","stream":"public"})"));
  ASSERT_TRUE(probe_.WaitMessages(1));
  EXPECT_EQ(probe_.messages()[0], R"({"type":"subscribe","stream":"public"})");
}

TEST_F(ServerStreamTest, WebSocketWithoutSubprotocolSendsNone) {
  StartServer();
  WsClient client;
  ASSERT_FALSE(client.Connect(server_->port(), ""));
  EXPECT_EQ(client.response().count(beast::http::field::sec_websocket_protocol), 0u);
}

TEST_F(ServerStreamTest, WebSocketServerCloseSendsCloseFrame) {
  StartServer();
  WsClient client;
  ASSERT_FALSE(client.Connect(server_->port(), "tok123"));
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  sink->Close();
  EXPECT_FALSE(sink->Send("update", "{}", {"user"}));
  client.StartRead();
  EXPECT_EQ(client.Finish(), websocket::error::closed);
  EXPECT_EQ(client.reason().code, websocket::close_code::normal);
  ASSERT_TRUE(probe_.WaitClosed(1));
  ASSERT_TRUE(StopServer());
  EXPECT_EQ(probe_.closed(), 1);
}

TEST_F(ServerStreamTest, WebSocketClientCloseClosesStreamOnce) {
  StartServer();
  WsClient client;
  ASSERT_FALSE(client.Connect(server_->port(), ""));
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  EXPECT_TRUE(client.CloseFromClient());
  ASSERT_TRUE(probe_.WaitClosed(1));
  EXPECT_TRUE(sink->closed());
  EXPECT_FALSE(sink->Send("update", "{}", {"user"}));
  ASSERT_TRUE(StopServer());
  EXPECT_EQ(probe_.closed(), 1);
}

TEST_F(ServerStreamTest, WebSocketPingsKeepStreamAlivePastTimeouts) {
  auto options = TestOptions();
  options.stream_heartbeat_ms = 40;  // ping after 40 ms of silence
  options.request_timeout_ms = 100;
  options.idle_timeout_ms = 100;
  StartServer(options);
  WsClient client;
  ASSERT_FALSE(client.Connect(server_->port(), ""));
  auto sink = probe_.WaitOpened(1);
  ASSERT_TRUE(sink);
  // A pending read answers the server's pings; nothing else arrives.
  client.StartRead();
  EXPECT_EQ(client.Finish(400ms), net::error::would_block);
  EXPECT_GE(client.pings(), 3);
  EXPECT_TRUE(sink->Send("update", "{}", {"user"}));
  EXPECT_EQ(client.Finish(), beast::error_code());
  EXPECT_EQ(probe_.closed(), 0);
}

TEST_F(ServerStreamTest, WebSocketHandlerAnswersPlainRequestWith400) {
  StartServer();
  RawClient client(server_->port());
  client.Write("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(client.ReadsEof());
  const std::string& response = client.buffer();
  EXPECT_EQ(response.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << response;
  EXPECT_NE(response.find("\r\n\r\n{\"error\":\"Expected a WebSocket upgrade\"}"),
            std::string::npos)
      << response;
  EXPECT_EQ(probe_.opened(), 0u);
}

TEST_F(ServerStreamTest, ShutdownClosesOpenStreamsPromptly) {
  StartServer();
  RawClient sse(server_->port());
  ASSERT_NE(OpenSse(sse), "");
  ASSERT_TRUE(probe_.WaitOpened(1));
  WsClient ws;
  ASSERT_FALSE(ws.Connect(server_->port(), ""));
  ASSERT_TRUE(probe_.WaitOpened(2));

  ws.StartRead();  // answers the server's close frame
  std::thread ws_thread([&] { ws.Finish(); });
  auto started = std::chrono::steady_clock::now();
  // The grace period (5 s) and the WebSocket close timeout (2 s) are far
  // longer: returning sooner means the streams were closed, not waited out.
  EXPECT_TRUE(StopServer(1500ms));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  ws_thread.join();
  EXPECT_EQ(ws.Finish(0ms), websocket::error::closed);
  EXPECT_EQ(ws.reason().code, websocket::close_code::going_away);
  EXPECT_TRUE(sse.ReadsEof());
  EXPECT_EQ(probe_.closed(), 2);
}

TEST_F(ServerStreamTest, StreamCountsTowardMaxConnections) {
  auto options = TestOptions();
  options.max_connections = 1;
  StartServer(options);
  RawClient sse(server_->port());
  ASSERT_NE(OpenSse(sse), "");
  ASSERT_TRUE(probe_.WaitOpened(1));
  RawClient other(server_->port());
  other.Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  ASSERT_TRUE(other.ReadsEof());
  EXPECT_EQ(other.buffer().rfind("HTTP/1.1 503 ", 0), 0u) << other.buffer();
}

// Shutdown must not deadlock when it holds the last reference to a
// connection that closed meanwhile (the destructor unregisters it). A race,
// so it takes several rounds of many connections closing during shutdown;
// the bug it guards against made Shutdown() hang.
TEST_F(ServerStreamTest, ShutdownWhileConnectionsClose) {
  for (int round = 0; round < 20; ++round) {
    auto options = TestOptions();
    options.threads = 4;
    StartServer(options);
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 40; ++i) {
      clients.push_back(std::make_unique<RawClient>(server_->port()));
      clients.back()->Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      ASSERT_TRUE(clients.back()->ReadUntil(R"({"ok":true})"));
    }
    std::thread closer([&] { clients.clear(); });
    server_->Shutdown();
    closer.join();
    ASSERT_TRUE(StopServer()) << "round " << round;
    server_.reset();
  }
}

TEST_F(ServerStreamTest, OrdinaryRequestsStillKeepAlive) {
  StartServer();
  RawClient client(server_->port());
  for (int i = 0; i < 2; ++i) {
    client.Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    auto response = client.ReadUntil(R"({"ok":true})");
    ASSERT_TRUE(response) << "request " << i;
    EXPECT_EQ(response->rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << *response;
    EXPECT_NE(response->find("Content-Length: 11\r\n"), std::string::npos) << *response;
  }
}

TEST_F(ServerStreamTest, ReadsGoOnWhileAWriteWaits) {
  ServerOptions options = TestOptions();
  options.threads = 1;  // one I/O thread: a write run on it would hold every read
  options.write_threads = 2;
  StartServer(options);
  RawClient writer(server_->port());
  writer.Write("POST /slow-write HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
  RawClient reader(server_->port());
  bool reads_answered = true;
  for (int i = 0; i < 3 && reads_answered; ++i) {
    reader.Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    reads_answered = reader.ReadUntil(R"({"ok":true})").has_value();
  }
  release_.set_value();  // in every case, or the server could not stop
  ASSERT_TRUE(reads_answered) << "a read waited for the write";
  auto written = writer.ReadUntil(R"({"written":true})");
  ASSERT_TRUE(written);
  EXPECT_EQ(written->rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << *written;
  // The connection that wrote is kept alive and serves the next request.
  writer.Write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
  EXPECT_TRUE(writer.ReadUntil(R"({"ok":true})"));
}

}  // namespace
}  // namespace atrium::http

#include "http/websocket_reader.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <functional>

namespace atrium::http {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

WebSocketRead ReadWebSocketClient(std::string_view bytes, const WebSocketSettings& settings,
                                  size_t chunk) {
  WebSocketRead out;
  boost::asio::io_context ioc;
  // The server's end of an in-memory connection; the client's end receives
  // what the server writes (the handshake's answer, pongs, a close frame).
  beast::test::stream server(ioc);
  beast::test::stream client(ioc);
  server.connect(client);
  if (chunk > 0) server.read_size(chunk);
  websocket::stream<beast::test::stream&> ws(server);
  WebSocketSettings untimed = settings;
  untimed.handshake_timeout_ms = 0;
  untimed.heartbeat_ms = 0;
  ConfigureWebSocket(ws, untimed);

  beast::http::request<beast::http::empty_body> upgrade{beast::http::verb::get, "/api/v1/streaming",
                                                        11};
  upgrade.set(beast::http::field::host, "localhost");
  upgrade.set(beast::http::field::upgrade, "websocket");
  upgrade.set(beast::http::field::connection, "upgrade");
  upgrade.set(beast::http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  upgrade.set(beast::http::field::sec_websocket_version, "13");

  beast::flat_buffer buffer;
  std::function<void(beast::error_code, size_t)> on_read = [&](beast::error_code ec, size_t) {
    if (ec == websocket::error::closed) {
      out.end = WebSocketRead::End::kClosed;
      out.close_code = static_cast<uint16_t>(ws.reason().code);
      return;
    }
    if (ec == beast::test::error::test_failure || ec == boost::asio::error::eof) {
      out.end = WebSocketRead::End::kEndOfInput;
      return;
    }
    if (ec) {
      out.end = WebSocketRead::End::kFailed;
      out.error = ec.message();
      return;
    }
    out.messages.push_back({ws.got_text(), beast::buffers_to_string(buffer.data())});
    buffer.consume(buffer.size());
    ws.async_read(buffer, on_read);
  };
  ws.async_accept(upgrade, [&](beast::error_code ec) {
    if (ec) {
      out.end = WebSocketRead::End::kFailed;
      out.error = "handshake: " + ec.message();
      return;
    }
    server.append(bytes);
    server.close_remote();  // after the bytes, the end of the input
    ws.async_read(buffer, on_read);
  });
  ioc.run();
  return out;
}

}  // namespace atrium::http

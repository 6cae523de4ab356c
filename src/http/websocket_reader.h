// WebSocket reading as the server does it. The frames themselves are read
// by Boost.Beast's server-side websocket stream (masking, fragments, control
// frames, UTF-8 of text, the close handshake); what is the server's own is
// the settings it gives every stream, ConfigureWebSocket, above all the
// bound on a message's size. ReadWebSocketClient runs that same reading —
// Beast's stream, these settings, the same asynchronous reads — over bytes
// in memory instead of a socket: what a client sent after the handshake in,
// the messages the server would hand its handler and the reason reading
// stopped out. The unit tests and the fuzz target read frames through it.
//
// Thread-safe: ReadWebSocketClient keeps no state between calls.
#pragma once

#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atrium::http {

struct WebSocketSettings {
  // A message (all its fragments together) may be at most this long; a
  // longer one fails the connection (close code 1009) before it is read.
  uint64_t max_message_bytes = 1 << 20;
  // Time for the opening handshake; 0 or less: no limit.
  int64_t handshake_timeout_ms = 0;
  // After this long without hearing from the client the server pings it,
  // and drops it after twice this long. 0 or less: neither.
  int64_t heartbeat_ms = 0;
};

// Applies `settings` to a server-side stream, before its handshake: the
// message bound, the timeouts, text messages out, no compression.
template <class NextLayer>
void ConfigureWebSocket(boost::beast::websocket::stream<NextLayer>& ws,
                        const WebSocketSettings& settings) {
  namespace websocket = boost::beast::websocket;
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = settings.handshake_timeout_ms > 0
                                   ? std::chrono::milliseconds(settings.handshake_timeout_ms)
                                   : websocket::stream_base::none();
  if (settings.heartbeat_ms > 0) {
    timeouts.idle_timeout = std::chrono::milliseconds(2 * settings.heartbeat_ms);
    timeouts.keep_alive_pings = true;
  } else {
    timeouts.idle_timeout = websocket::stream_base::none();
    timeouts.keep_alive_pings = false;
  }
  ws.set_option(timeouts);
  ws.set_option(websocket::permessage_deflate{});  // none: a compressed frame is refused
  ws.read_message_max(settings.max_message_bytes);
  ws.text(true);
}

// One message as the server's handler would receive it.
struct WebSocketMessage {
  bool text = false;  // a text message (valid UTF-8); else binary
  std::string data;
};

// What reading a client's bytes came to.
struct WebSocketRead {
  enum class End {
    kEndOfInput,  // the bytes ran out (perhaps inside a frame)
    kClosed,      // the client sent a close frame
    kFailed,      // a protocol error: the server fails the connection
  };
  std::vector<WebSocketMessage> messages;  // every complete message, in order
  End end = End::kEndOfInput;
  uint16_t close_code = 0;  // kClosed: the client's code (0: none given)
  std::string error;        // kFailed: why (Beast's message)
};

// Reads `bytes`, as sent by a client after a successful opening handshake,
// the way the server reads a WebSocket with `settings` (its timeouts
// ignored). `chunk` > 0 hands the bytes over at most that many at a time,
// as a network might. Never throws for any input.
WebSocketRead ReadWebSocketClient(std::string_view bytes, const WebSocketSettings& settings,
                                  size_t chunk = 0);

}  // namespace atrium::http

// Long-lived streams: Server-Sent Events and WebSocket connections that a
// handler keeps open to push events (Mastodon's streaming API).
//
// A handler that wants a stream returns a Response whose `stream` is set.
// For SSE the server answers 200 with Content-Type text/event-stream and
// keeps the connection; for WebSocket (websocket = true, on a request that
// asked to upgrade) it completes the handshake, echoing `subprotocol` in
// Sec-WebSocket-Protocol when it is not empty. Either way it then calls
// on_open with a StreamSink for the connection.
//
// The Response's status and body are ignored for a stream; its headers are
// sent with the SSE answer or the WebSocket handshake. A handler with
// websocket = true that receives a request which is not an upgrade gets a
// 400 {"error":"Expected a WebSocket upgrade"} instead, and no callback runs.
//
// Callbacks run on the connection's strand: one at a time per stream, on a
// server pool thread. They must not block for long.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atrium::http {

// One open stream. Thread-safe: Send and Close may be called from any
// thread; events are written in the order Send was called.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues one event. SSE writes "event: EVENT\ndata: PAYLOAD\n\n"; WebSocket
  // writes {"stream": STREAMS, "event": EVENT, "payload": PAYLOAD} as one text
  // message (PAYLOAD as a JSON string). Returns false once the stream is
  // closed. A client too slow to keep up (more than a bounded backlog queued)
  // is disconnected rather than let memory grow.
  virtual bool Send(std::string_view event, std::string_view payload,
                    const std::vector<std::string>& streams) = 0;
  // Queues one message outside the event envelope: WebSocket sends `message`
  // as it is, as one text message (Mastodon's {"error": ..., "status": ...});
  // SSE sends it as the data of an "error" event. Returns false once closed.
  virtual bool SendRaw(std::string_view message) = 0;
  // Closes the stream from the server's side, after the events already
  // queued are written (WebSocket: with a close frame). Idempotent.
  virtual void Close() = 0;
  virtual bool closed() const = 0;
};

struct StreamHandler {
  bool websocket = false;
  std::string subprotocol;
  // The stream is open; keep the sink to send events.
  std::function<void(const std::shared_ptr<StreamSink>&)> on_open;
  // WebSocket only: a text message from the client.
  std::function<void(const std::shared_ptr<StreamSink>&, std::string_view)> on_message;
  // The stream has closed, from either side (client gone, Close(), a slow
  // client, a write error, server shutdown). Called exactly once after
  // on_open, and never if on_open was not called. The sink is closed by then.
  std::function<void()> on_close;
};

// True if the request asks to upgrade to WebSocket: a Connection header
// with the token "upgrade" and an Upgrade header with "websocket".
struct Request;
bool IsWebSocketUpgrade(const Request& request);

// One SSE event: "event: EVENT\n", one "data: LINE\n" per line of `payload`
// (split at CRLF, LF or CR, as the SSE spec reads them), then "\n". Line
// breaks in `event` are dropped so it cannot forge fields.
std::string FormatSseEvent(std::string_view event, std::string_view payload);

// The SSE comment the server sends periodically to keep proxies from timing
// an idle stream out.
inline constexpr std::string_view kSseHeartbeat = ":thump\n\n";

// One WebSocket message in Mastodon's envelope:
// {"stream":["user"],"event":"update","payload":"<payload as a JSON string>"}.
std::string FormatWebSocketEvent(std::string_view event, std::string_view payload,
                                 const std::vector<std::string>& streams);

}  // namespace atrium::http

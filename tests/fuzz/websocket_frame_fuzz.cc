// What a WebSocket client sends after the handshake, read as the server
// reads it (http::ReadWebSocketClient: Beast's server-side stream with the
// server's settings). The first byte picks how many bytes each read hands
// over (0: all at once), so that frames split anywhere are read too.
#include "fuzz_util.h"
#include "http/websocket_reader.h"

using namespace atrium;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = data[0] % 17;
  std::string_view bytes = fuzz::Text(data + 1, size - 1);
  const http::WebSocketSettings settings{.max_message_bytes = 4096};
  http::WebSocketRead read = http::ReadWebSocketClient(bytes, settings, chunk);
  size_t total = 0;
  for (const auto& m : read.messages) {
    fuzz::Require(m.data.size() <= settings.max_message_bytes,
                  "no message is longer than the limit");
    total += m.data.size();
  }
  // A client's frame carries at least two bytes of header (and four of mask)
  // besides its payload.
  fuzz::Require(total + 6 * read.messages.size() <= bytes.size(),
                "messages come from the bytes read, not from nowhere");
  fuzz::Require(read.end == http::WebSocketRead::End::kFailed || read.error.empty(),
                "an error only when reading failed");
  fuzz::Require(read.end != http::WebSocketRead::End::kFailed || !read.error.empty(),
                "a failure says why");
  // Reading is a function of the bytes: split differently, the same outcome.
  http::WebSocketRead again = http::ReadWebSocketClient(bytes, settings, 0);
  fuzz::Require(again.messages.size() == read.messages.size() && again.end == read.end &&
                    again.close_code == read.close_code,
                "reading in pieces reads what reading at once does");
  for (size_t i = 0; i < read.messages.size(); ++i)
    fuzz::Require(again.messages[i].data == read.messages[i].data &&
                      again.messages[i].text == read.messages[i].text,
                  "the same messages, whatever the pieces");
  return 0;
}

// ReadWebSocketClient: the server's reading of what a WebSocket client sends
// (RFC 6455 §5), frame by frame, over bytes in memory.
#include "http/websocket_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace atrium::http {
namespace {

using End = WebSocketRead::End;

enum Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// One frame as a client sends it: masked unless `masked` is false, the
// length in the shortest form unless `length_bytes` forces 2 or 8 bytes
// (then `declared`, if not 0, is written instead of the payload's size).
struct Frame {
  uint8_t opcode = kText;
  std::string payload;
  bool fin = true;
  bool masked = true;
  uint8_t rsv = 0;  // the three reserved bits, high to low
  int length_bytes = 0;
  uint64_t declared = 0;

  std::string Bytes() const {
    std::string out;
    out.push_back(static_cast<char>((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const uint64_t len = declared ? declared : payload.size();
    const uint8_t mask_bit = masked ? 0x80 : 0;
    int bytes = length_bytes ? length_bytes : len < 126 ? 0 : len < 65536 ? 2 : 8;
    if (bytes == 0) {
      out.push_back(static_cast<char>(mask_bit | len));
    } else {
      out.push_back(static_cast<char>(mask_bit | (bytes == 2 ? 126 : 127)));
      for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>(len >> (8 * i)));
    }
    const char key[4] = {'\x12', '\x34', '\x56', '\x78'};
    if (masked) out.append(key, 4);
    for (size_t i = 0; i < payload.size(); ++i)
      out.push_back(masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i]);
    return out;
  }
};

std::string Close(uint16_t code, std::string reason = "") {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xff));
  return Frame{.opcode = kClose, .payload = payload + reason}.Bytes();
}

WebSocketSettings Max(uint64_t bytes) { return {.max_message_bytes = bytes}; }

TEST(WebSocketReader, AMaskedTextMessage) {
  auto r = ReadWebSocketClient(Frame{.payload = R"({"type":"subscribe"})"}.Bytes(), Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_TRUE(r.messages[0].text);
  EXPECT_EQ(r.messages[0].data, R"({"type":"subscribe"})");
  EXPECT_EQ(r.end, End::kEndOfInput);
}

TEST(WebSocketReader, ABinaryMessageIsMarkedSo) {
  auto r = ReadWebSocketClient(
      Frame{.opcode = kBinary, .payload = std::string("\0\xff", 2)}.Bytes(), Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_FALSE(r.messages[0].text);
  EXPECT_EQ(r.messages[0].data, std::string("\0\xff", 2));
}

TEST(WebSocketReader, AnUnmaskedClientFrameFailsTheConnection) {
  auto r = ReadWebSocketClient(Frame{.payload = "hello", .masked = false}.Bytes(), Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, FragmentsMakeOneMessageAndAPingMayComeBetween) {
  std::string bytes = Frame{.payload = "Hel", .fin = false}.Bytes() +
                      Frame{.opcode = kPing, .payload = "are you there"}.Bytes() +
                      Frame{.opcode = kContinuation, .payload = "lo, ", .fin = false}.Bytes() +
                      Frame{.opcode = kPong}.Bytes() +
                      Frame{.opcode = kContinuation, .payload = "world"}.Bytes() +
                      Frame{.payload = "second"}.Bytes();
  auto r = ReadWebSocketClient(bytes, Max(1024));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].data, "Hello, world");
  EXPECT_EQ(r.messages[1].data, "second");
  EXPECT_EQ(r.end, End::kEndOfInput);
}

TEST(WebSocketReader, AContinuationWithNothingToContinueFails) {
  auto r =
      ReadWebSocketClient(Frame{.opcode = kContinuation, .payload = "orphan"}.Bytes(), Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, ANewMessageInsideAFragmentedOneFails) {
  auto r = ReadWebSocketClient(
      Frame{.payload = "first", .fin = false}.Bytes() + Frame{.payload = "second"}.Bytes(),
      Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, AMessageOfExactlyTheLimitIsRead) {
  auto r = ReadWebSocketClient(Frame{.payload = std::string(64, 'a')}.Bytes(), Max(64));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].data.size(), 64u);
}

TEST(WebSocketReader, AMessageOverTheLimitFailsWithoutBeingRead) {
  auto r = ReadWebSocketClient(Frame{.payload = std::string(65, 'a')}.Bytes(), Max(64));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
  // Its declared length alone is enough: no payload follows.
  r = ReadWebSocketClient(Frame{.length_bytes = 8, .declared = uint64_t{1} << 40}.Bytes(), Max(64));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, FragmentsOverTheLimitTogetherFail) {
  std::string bytes = Frame{.payload = std::string(40, 'a'), .fin = false}.Bytes() +
                      Frame{.opcode = kContinuation, .payload = std::string(40, 'b')}.Bytes();
  auto r = ReadWebSocketClient(bytes, Max(64));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, SixteenAndSixtyFourBitLengths) {
  auto r = ReadWebSocketClient(Frame{.payload = std::string(300, 'x')}.Bytes() +
                                   Frame{.payload = std::string(70000, 'y')}.Bytes(),
                               Max(1 << 20));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].data, std::string(300, 'x'));
  EXPECT_EQ(r.messages[1].data, std::string(70000, 'y'));
}

TEST(WebSocketReader, ASixtyFourBitLengthWithItsHighBitSetFails) {
  auto r = ReadWebSocketClient(
      Frame{.payload = "x", .length_bytes = 8, .declared = uint64_t{1} << 63}.Bytes(),
      Max(1 << 20));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
  r = ReadWebSocketClient(
      Frame{.payload = "x", .length_bytes = 8, .declared = ~uint64_t{0}}.Bytes(), Max(1 << 20));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, ALengthNotInItsShortestFormFails) {
  // RFC 6455 §5.2: "the minimal number of bytes MUST be used".
  auto r = ReadWebSocketClient(Frame{.payload = "short", .length_bytes = 2}.Bytes(), Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
  r = ReadWebSocketClient(Frame{.payload = std::string(200, 'z'), .length_bytes = 8}.Bytes(),
                          Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, AControlFrameOver125BytesFails) {
  for (uint8_t opcode : {kPing, kPong, kClose}) {
    auto r = ReadWebSocketClient(Frame{.opcode = opcode, .payload = std::string(126, 'p')}.Bytes(),
                                 Max(1024));
    EXPECT_EQ(r.end, End::kFailed) << int(opcode);
  }
  auto r = ReadWebSocketClient(Frame{.opcode = kPing, .payload = std::string(125, 'p')}.Bytes() +
                                   Frame{.payload = "after"}.Bytes(),
                               Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);  // 125 is allowed
  EXPECT_EQ(r.messages[0].data, "after");
}

TEST(WebSocketReader, AFragmentedControlFrameFails) {
  auto r =
      ReadWebSocketClient(Frame{.opcode = kPing, .payload = "p", .fin = false}.Bytes(), Max(1024));
  EXPECT_EQ(r.end, End::kFailed);
}

TEST(WebSocketReader, ReservedOpcodesFail) {
  for (uint8_t opcode : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
    auto r = ReadWebSocketClient(Frame{.opcode = opcode, .payload = "x"}.Bytes(), Max(1024));
    EXPECT_TRUE(r.messages.empty()) << int(opcode);
    EXPECT_EQ(r.end, End::kFailed) << int(opcode);
  }
}

TEST(WebSocketReader, ReservedBitsFailWithoutAnExtension) {
  for (uint8_t rsv : {1, 2, 4}) {
    auto r = ReadWebSocketClient(Frame{.payload = "x", .rsv = rsv}.Bytes(), Max(1024));
    EXPECT_TRUE(r.messages.empty()) << int(rsv);
    EXPECT_EQ(r.end, End::kFailed) << int(rsv);
  }
}

TEST(WebSocketReader, TextMustBeUtf8) {
  auto r = ReadWebSocketClient(Frame{.payload = "caf\xc3"}.Bytes(), Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kFailed);
  r = ReadWebSocketClient(Frame{.payload = "caf\xc3\xa9"}.Bytes(), Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].data, "caf\xc3\xa9");
}

TEST(WebSocketReader, ACloseFrameEndsReadingWithItsCode) {
  auto r = ReadWebSocketClient(Frame{.payload = "before"}.Bytes() + Close(1000, "bye") +
                                   Frame{.payload = "after the close"}.Bytes(),
                               Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].data, "before");
  EXPECT_EQ(r.end, End::kClosed);
  EXPECT_EQ(r.close_code, 1000);
  r = ReadWebSocketClient(Frame{.opcode = kClose}.Bytes(), Max(1024));  // no code given
  EXPECT_EQ(r.end, End::kClosed);
}

TEST(WebSocketReader, AMalformedCloseFrameFails) {
  // One byte of payload, a code that may not be sent, a reason not UTF-8.
  for (const std::string& bytes : {Frame{.opcode = kClose, .payload = "\x03"}.Bytes(), Close(1005),
                                   Close(999), Close(1000, "\xff")}) {
    auto r = ReadWebSocketClient(bytes, Max(1024));
    EXPECT_EQ(r.end, End::kFailed);
  }
}

TEST(WebSocketReader, BytesEndingInsideAFrameKeepWhatCameBefore) {
  std::string whole = Frame{.payload = "complete"}.Bytes();
  std::string cut = Frame{.payload = "cut short"}.Bytes();
  auto r = ReadWebSocketClient(whole + cut.substr(0, cut.size() - 3), Max(1024));
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].data, "complete");
  EXPECT_EQ(r.end, End::kEndOfInput);
}

TEST(WebSocketReader, ByteByByteReadsTheSame) {
  std::string bytes = Frame{.payload = "Hel", .fin = false}.Bytes() +
                      Frame{.opcode = kPing, .payload = "ping"}.Bytes() +
                      Frame{.opcode = kContinuation, .payload = "lo"}.Bytes() +
                      Frame{.payload = std::string(300, 'x')}.Bytes() + Close(1001);
  auto whole = ReadWebSocketClient(bytes, Max(1024));
  auto bytewise = ReadWebSocketClient(bytes, Max(1024), 1);
  ASSERT_EQ(bytewise.messages.size(), 2u);
  EXPECT_EQ(bytewise.messages[0].data, "Hello");
  EXPECT_EQ(bytewise.messages[1].data, std::string(300, 'x'));
  EXPECT_EQ(bytewise.end, End::kClosed);
  EXPECT_EQ(bytewise.close_code, 1001);
  ASSERT_EQ(whole.messages.size(), 2u);
  EXPECT_EQ(whole.messages[1].data, bytewise.messages[1].data);
  EXPECT_EQ(whole.end, bytewise.end);
}

TEST(WebSocketReader, NothingAtAllIsTheEndOfInput) {
  auto r = ReadWebSocketClient("", Max(1024));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(r.end, End::kEndOfInput);
}

}  // namespace
}  // namespace atrium::http

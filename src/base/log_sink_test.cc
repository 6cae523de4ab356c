#include "base/log_sink.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>

namespace atrium {
namespace {

// A pipe the sink writes into; Drain reads what has been written so far.
class Pipe {
 public:
  Pipe() {
    EXPECT_EQ(::pipe(fds_), 0);
    ::fcntl(fds_[0], F_SETFL, O_NONBLOCK);
    ::fcntl(fds_[1], F_SETPIPE_SZ, 1 << 20);
  }
  ~Pipe() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int write_fd() const { return fds_[1]; }
  std::string Drain() {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds_[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }

 private:
  int fds_[2];
};

std::shared_ptr<spdlog::logger> LoggerOn(const std::shared_ptr<BatchingLogSink>& sink) {
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  logger->set_pattern("%l %v");
  logger->set_level(spdlog::level::info);
  return logger;
}

TEST(BatchingLogSinkTest, AQuietServersLineIsWrittenAtOnce) {
  Pipe pipe;
  auto sink = std::make_shared<BatchingLogSink>(pipe.write_fd());
  LoggerOn(sink)->info("listening");
  EXPECT_EQ(pipe.Drain(), "info listening\n");
}

TEST(BatchingLogSinkTest, AWarningWritesItselfAndEverythingBefore) {
  Pipe pipe;
  auto sink = std::make_shared<BatchingLogSink>(pipe.write_fd());
  auto log = LoggerOn(sink);
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    log->info("request {}", i);
    expected += "info request " + std::to_string(i) + "\n";
  }
  log->warn("disk almost full");
  expected += "warning disk almost full\n";
  // Written before warn() returned: nothing is left in the buffer.
  EXPECT_EQ(pipe.Drain(), expected);
}

TEST(BatchingLogSinkTest, EveryLineArrivesInOrderByFlushOrDestruction) {
  Pipe pipe;
  std::string expected;
  {
    auto sink = std::make_shared<BatchingLogSink>(pipe.write_fd());
    auto log = LoggerOn(sink);
    for (int i = 0; i < 5000; ++i) {  // past the 64 KiB buffer several times
      log->info("line {} of the access log", i);
      expected += "info line " + std::to_string(i) + " of the access log\n";
    }
    log->flush();
    EXPECT_EQ(pipe.Drain(), expected);
    log->info("the last words");
    expected = "info the last words\n";
  }
  EXPECT_EQ(pipe.Drain(), expected);
}

TEST(LogFormatterTest, ControlCharactersAreEscapedSoNoValueStartsALine) {
  EXPECT_EQ(EscapeControlCharacters("GET /a\nGET /forged 200\r\t\x1b[31m\x7f ok \xc3\xa9"),
            "GET /a\\nGET /forged 200\\r\\t\\x1b[31m\\x7f ok \xc3\xa9");
  EXPECT_EQ(EscapeControlCharacters(std::string("a\0b", 3)), "a\\x00b");

  Pipe pipe;
  auto sink = std::make_shared<BatchingLogSink>(pipe.write_fd());
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  logger->set_formatter(NewLogFormatter());
  logger->warn("req=1 GET {} 404", "/x\n2026-01-01T00:00:00.000 info req=2 GET /admin 200");
  std::string out = pipe.Drain();
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  EXPECT_NE(out.find(" warning req=1 GET /x\\n2026-01-01T00:00:00.000 info req=2"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace atrium

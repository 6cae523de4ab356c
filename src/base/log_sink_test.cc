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

TEST(LogFormatterTest, JsonLinesAreOneObjectEachWithControlCharactersEscaped) {
  Pipe pipe;
  auto sink = std::make_shared<BatchingLogSink>(pipe.write_fd());
  auto logger = std::make_shared<spdlog::logger>("test", sink);
  logger->set_formatter(NewLogFormatter(LogFormat::kJson));
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  LogRequest({.request_id = "0badf00d-7",
              .remote = "10.0.0.1",
              .method = "GET",
              .path = "/x\n{\"forged\":1}\x7f\x01\"",
              .route = "/api/v1/statuses/:id",
              .status = 404,
              .bytes = 12,
              .duration_ms = 1.5,
              .member_id = 77});
  logger->warn("req=0badf00d-8 stream on_close threw: {}", "bad\nline");
  logger->flush();
  spdlog::set_default_logger(previous);
  NewLogFormatter(LogFormat::kText);  // the format LogRequest uses, back for the other tests
  std::string out = pipe.Drain();
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
  std::string first = out.substr(0, out.find('\n'));
  std::string second = out.substr(out.find('\n') + 1);
  second.pop_back();
  // Exactly the fields, in order, with the path's control characters, DEL
  // and quote escaped.
  const std::string fields =
      R"("request_id":"0badf00d-7","remote":"10.0.0.1","method":"GET",)"
      R"("path":"/x\n{\"forged\":1}\u007f\u0001\"","route":"/api/v1/statuses/:id",)"
      R"("status":404,"bytes":12,"duration_ms":1.50,"member_id":"77"})";
  EXPECT_TRUE(first.starts_with(R"({"time":")")) << first;
  EXPECT_TRUE(first.ends_with(R"("level":"info",)" + fields)) << first;
  EXPECT_EQ(first.find('\x7f'), std::string::npos);
  EXPECT_TRUE(second.ends_with(
      R"("level":"warning","request_id":"0badf00d-8","message":"req=0badf00d-8 stream on_close threw: bad\nline"})"))
      << second;
}

TEST(LogFormatterTest, TheFormatIsTextOrJson) {
  LogFormat f = LogFormat::kText;
  EXPECT_TRUE(ParseLogFormat("json", &f));
  EXPECT_EQ(f, LogFormat::kJson);
  EXPECT_TRUE(ParseLogFormat("text", &f));
  EXPECT_EQ(f, LogFormat::kText);
  EXPECT_FALSE(ParseLogFormat("JSON ", &f));
  EXPECT_FALSE(ParseLogFormat("", &f));
}

TEST(RecentProblemsTest, KeepsTheNewestWarningsAndErrorsOnly) {
  auto logger = std::make_shared<spdlog::logger>("problems", RecentProblemsSink());
  logger->info("not a problem");
  for (size_t i = 0; i < kRecentProblems + 5; ++i) logger->error("failure {}\n", i);
  auto problems = RecentProblems();
  ASSERT_EQ(problems.size(), kRecentProblems);
  EXPECT_EQ(problems.back().message, "failure " + std::to_string(kRecentProblems + 4) + "\\n");
  EXPECT_EQ(problems.back().level, "error");
  EXPECT_EQ(problems.front().message, "failure 5\\n");
}

}  // namespace
}  // namespace atrium

// BatchingLogSink: the log written to a file descriptor (stderr) in batches
// when lines come fast, one by one when they do not.
//
// The access log writes a line per request; written and flushed one by one,
// that is a system call (and a lock held across it) per request, a few
// percent of a busy server's time. This sink keeps lines in a buffer and
// writes it when
//   - a line is a warning or worse (written at once, with what came before);
//   - the buffer passed 64 KiB;
//   - nothing was written for the last 50 ms (a quiet server logs at once);
//   - at the latest 100 ms after a line arrived (a background thread), and
//     on flush() and destruction.
// So a line is at most 100 ms late, and a process killed without warning
// loses at most the last 100 ms of info lines (nginx's `buffer=` does the
// same for its access log).
//
// Thread-safe.
#pragma once

#include <spdlog/formatter.h>
#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace atrium {

// `text` with every control character (below 0x20, and 0x7f) written as an
// escape (\n, \r, \t, \xNN), so that no value logged (a request's path,
// a header) can start a line of its own in the log. Other bytes, UTF-8
// included, are kept.
std::string EscapeControlCharacters(std::string_view text);

// How log lines are written (the `log-format` setting).
enum class LogFormat {
  kText,  // time, level, message: one line each
  kJson,  // one JSON object a line: time, level, and the message or the fields
};

// Parses "text" or "json"; false for anything else.
bool ParseLogFormat(std::string_view text, LogFormat* format);

// The formatter of every log line, used for every sink. Text: time, level,
// then the message with its control characters escaped. JSON: an object
// with "time" and "level", then a request's fields (LogRequest) or
// "message" (with "request_id" when the message starts with `req=<id> `);
// control characters escaped as JSON escapes them (and DEL as \u007f).
// Sets the format LogRequest writes in.
std::unique_ptr<spdlog::formatter> NewLogFormatter(LogFormat format = LogFormat::kText);

// One answered request, for the access log. Never holds credentials, bodies
// or queries: the path is logged without its query.
struct RequestLogRecord {
  std::string_view request_id;
  std::string_view remote;  // the client's address
  std::string_view method;  // "-" when the request could not be read
  std::string_view path;    // without the query; "-" when not read
  std::string_view route;   // the route template; "" when not routed
  int status = 0;
  size_t bytes = 0;  // the body's
  double duration_ms = 0;
  int64_t member_id = 0;    // 0: no member authenticated
  std::string_view event;   // "" for a response; else what happened ("stream closed")
  std::string_view detail;  // more about the event
};

// The format of the last NewLogFormatter (text until one is made).
LogFormat CurrentLogFormat();

// Logs `record` at info level, in the format of the last NewLogFormatter.
void LogRequest(const RequestLogRecord& record);

// The JSON members of `record` (without braces), as LogRequest writes them
// in the JSON format.
std::string RequestLogFields(const RequestLogRecord& record);

// The last warnings and errors logged, for the admin health page: a sink
// that keeps the newest `kRecentProblems` lines at warn level or above (the
// message with control characters escaped, its time and level).
// Thread-safe.
struct LoggedProblem {
  int64_t at_ms = 0;
  std::string level;
  std::string message;
};
inline constexpr size_t kRecentProblems = 20;
// The process's sink (add it to the logger); newest last.
std::shared_ptr<spdlog::sinks::sink> RecentProblemsSink();
std::vector<LoggedProblem> RecentProblems();

class BatchingLogSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BatchingLogSink(int fd);
  ~BatchingLogSink() override;
  BatchingLogSink(const BatchingLogSink&) = delete;
  BatchingLogSink& operator=(const BatchingLogSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void WriteLocked();  // base_sink's mutex held
  void Flusher();

  const int fd_;
  std::string buffer_;
  std::chrono::steady_clock::time_point last_write_{};
  // The flusher thread's own state (not under base_sink's mutex).
  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace atrium

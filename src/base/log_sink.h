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
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace atrium {

// `text` with every control character (below 0x20, and 0x7f) written as an
// escape (\n, \r, \t, \xNN), so that no value logged (a request's path,
// a header) can start a line of its own in the log. Other bytes, UTF-8
// included, are kept.
std::string EscapeControlCharacters(std::string_view text);

// The formatter of every log line: time, level, then the message with its
// control characters escaped. Used for every sink.
std::unique_ptr<spdlog::formatter> NewLogFormatter();

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

#include "base/log_sink.h"

#include <pthread.h>
#include <signal.h>
#include <spdlog/pattern_formatter.h>
#include <unistd.h>

#include <cerrno>

namespace atrium {
namespace {

constexpr size_t kMaxBuffered = 64 * 1024;
constexpr auto kQuiet = std::chrono::milliseconds(50);
constexpr auto kMaxDelay = std::chrono::milliseconds(100);

// %v with control characters escaped.
class EscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    std::string escaped =
        EscapeControlCharacters(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedMessage>();
  }
};

}  // namespace

std::string EscapeControlCharacters(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7f) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::unique_ptr<spdlog::formatter> NewLogFormatter() {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<EscapedMessage>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %*");
  return formatter;
}

BatchingLogSink::BatchingLogSink(int fd) : fd_(fd) {
  // The flusher takes no signals: a process that waits for SIGTERM with
  // sigwait (atrium serve) must not have it delivered, with its default
  // action, to a thread made before it blocked it.
  sigset_t all, before;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &before);
  flusher_ = std::thread([this] { Flusher(); });
  pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

BatchingLogSink::~BatchingLogSink() {
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  flusher_.join();
  std::lock_guard lock(mutex_);
  WriteLocked();
}

void BatchingLogSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t line;
  formatter_->format(msg, line);
  buffer_.append(line.data(), line.size());
  const auto now = std::chrono::steady_clock::now();
  if (msg.level >= spdlog::level::warn || buffer_.size() >= kMaxBuffered ||
      now - last_write_ >= kQuiet) {
    WriteLocked();
    return;
  }
  bool wake;
  {
    std::lock_guard lock(wake_mu_);
    wake = !pending_;
    pending_ = true;
  }
  if (wake) wake_.notify_one();
}

void BatchingLogSink::flush_() { WriteLocked(); }

void BatchingLogSink::WriteLocked() {
  last_write_ = std::chrono::steady_clock::now();
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // nowhere to write: the lines are dropped, not kept forever
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void BatchingLogSink::Flusher() {
  std::unique_lock lock(wake_mu_);
  while (!stopping_) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_) break;
    // Lines are waiting: write them when they are kMaxDelay old at most.
    wake_.wait_for(lock, kMaxDelay, [this] { return stopping_; });
    pending_ = false;
    lock.unlock();
    flush();
    lock.lock();
  }
}

}  // namespace atrium

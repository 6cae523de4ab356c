#include "base/log_sink.h"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <deque>

#include "base/json_writer.h"

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

std::atomic<LogFormat> current_format{LogFormat::kText};

// Marks a message whose payload is already JSON members (LogRequest's), for
// the JSON formatter to insert as they are. A control character: every
// other message's would have been escaped by the text formatter, and none
// is logged starting with one.
constexpr char kFieldsMarker = '\x1f';

// `text` as a JSON string, DEL escaped too (AppendJsonString escapes the
// other control characters).
void AppendLogString(std::string& out, std::string_view text) {
  if (text.find('\x7f') == std::string_view::npos) return AppendJsonString(out, text);
  std::string escaped;
  AppendJsonString(escaped, text);
  for (char c : escaped) {
    if (c == '\x7f')
      out += "\\u007f";
    else
      out += c;
  }
}

// One JSON object a line: {"time":…,"level":…, then the fields}.
class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string line = "{\"time\":";
    AppendJsonString(line, Timestamp(msg.time));
    line += ",\"level\":";
    auto level = spdlog::level::to_string_view(msg.level);
    AppendJsonString(line, std::string_view(level.data(), level.size()));
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!payload.empty() && payload[0] == kFieldsMarker) {
      line += ',';
      line.append(payload.substr(1));
    } else {
      // "req=<id> …": the request id as a field of its own.
      if (payload.starts_with("req=")) {
        size_t end = payload.find(' ');
        std::string_view id = payload.substr(4, end == std::string_view::npos ? end : end - 4);
        line += ",\"request_id\":";
        AppendLogString(line, id);
      }
      line += ",\"message\":";
      AppendLogString(line, payload);
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLogFormatter>();
  }

 private:
  static std::string Timestamp(spdlog::log_clock::time_point time) {
    auto since = time.time_since_epoch();
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since - seconds).count();
    std::time_t t = static_cast<std::time_t>(seconds.count());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(millis));
    return buf;
  }
};

}  // namespace

namespace {

class ProblemsSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<LoggedProblem> Snapshot() {
    std::lock_guard lock(mutex_);
    return {problems_.begin(), problems_.end()};
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (msg.level < spdlog::level::warn) return;
    auto level = spdlog::level::to_string_view(msg.level);
    problems_.push_back(
        {std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count(),
         std::string(level.data(), level.size()),
         EscapeControlCharacters(std::string_view(msg.payload.data(), msg.payload.size()))});
    if (problems_.size() > kRecentProblems) problems_.pop_front();
  }
  void flush_() override {}

 private:
  std::deque<LoggedProblem> problems_;
};

std::shared_ptr<ProblemsSink> Problems() {
  static auto* sink = new std::shared_ptr<ProblemsSink>(std::make_shared<ProblemsSink>());
  return *sink;
}

}  // namespace

std::shared_ptr<spdlog::sinks::sink> RecentProblemsSink() { return Problems(); }
std::vector<LoggedProblem> RecentProblems() { return Problems()->Snapshot(); }

bool ParseLogFormat(std::string_view text, LogFormat* format) {
  if (text == "text") {
    *format = LogFormat::kText;
    return true;
  }
  if (text == "json") {
    *format = LogFormat::kJson;
    return true;
  }
  return false;
}

LogFormat CurrentLogFormat() { return current_format.load(std::memory_order_relaxed); }

std::string RequestLogFields(const RequestLogRecord& r) {
  std::string out;
  out.reserve(256);
  auto field = [&out](std::string_view key, std::string_view value) {
    if (!out.empty()) out += ',';
    AppendJsonString(out, key);
    out += ':';
    AppendLogString(out, value);
  };
  auto number = [&out](std::string_view key, std::string value) {
    out += ',';
    AppendJsonString(out, key);
    out += ':';
    out += value;
  };
  field("request_id", r.request_id);
  field("remote", r.remote);
  field("method", r.method);
  field("path", r.path);
  if (!r.route.empty()) field("route", r.route);
  if (r.status) number("status", std::to_string(r.status));
  if (r.event.empty()) number("bytes", std::to_string(r.bytes));
  number("duration_ms", fmt::format("{:.2f}", r.duration_ms));
  if (r.member_id) field("member_id", std::to_string(r.member_id));
  if (!r.event.empty()) field("event", r.event);
  if (!r.detail.empty()) field("detail", r.detail);
  return out;
}

void LogRequest(const RequestLogRecord& r) {
  if (CurrentLogFormat() == LogFormat::kJson) {
    spdlog::info("{}{}", kFieldsMarker, RequestLogFields(r));
    return;
  }
  std::string member = r.member_id ? fmt::format(" member={}", r.member_id) : std::string();
  if (r.event.empty()) {
    spdlog::info("req={} {} {} {} {} {}B {:.2f}ms{}", r.request_id, r.remote, r.method, r.path,
                 r.status, r.bytes, r.duration_ms, member);
  } else {
    spdlog::info("req={} {} {} {} {} {}{}{}{}", r.request_id, r.remote, r.method, r.path, r.event,
                 r.detail, r.detail.empty() ? "" : " ", fmt::format("{:.2f}ms", r.duration_ms),
                 member);
  }
}

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

std::unique_ptr<spdlog::formatter> NewLogFormatter(LogFormat format) {
  current_format.store(format, std::memory_order_relaxed);
  if (format == LogFormat::kJson) return std::make_unique<JsonLogFormatter>();
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

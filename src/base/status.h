// Status and Result<T>: errors as values.
//
// A Status is either OK or carries an error code, a short machine-readable
// error and a human-readable description. Codes map one-to-one onto the HTTP
// status an API answers with, so a domain error travels up unchanged and the
// API layer renders it without translation. Values; safe to copy.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace atrium {

enum class Code {
  kOk = 200,
  kBadRequest = 400,
  kUnauthorized = 401,
  kForbidden = 403,
  kNotFound = 404,
  kConflict = 409,
  kGone = 410,
  kPayloadTooLarge = 413,
  kUnprocessable = 422,
  kTooManyRequests = 429,
  kInternal = 500,
  kUnavailable = 503,
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string error, std::string description = {})
      : code_(code), error_(std::move(error)), description_(std::move(description)) {}

  static Status Ok() { return Status(); }
  static Status BadRequest(std::string e, std::string d = {}) {
    return {Code::kBadRequest, std::move(e), std::move(d)};
  }
  static Status Unauthorized(std::string e, std::string d = {}) {
    return {Code::kUnauthorized, std::move(e), std::move(d)};
  }
  static Status Forbidden(std::string e, std::string d = {}) {
    return {Code::kForbidden, std::move(e), std::move(d)};
  }
  static Status NotFound(std::string e = "Record not found", std::string d = {}) {
    return {Code::kNotFound, std::move(e), std::move(d)};
  }
  static Status Conflict(std::string e, std::string d = {}) {
    return {Code::kConflict, std::move(e), std::move(d)};
  }
  static Status Unprocessable(std::string e, std::string d = {}) {
    return {Code::kUnprocessable, std::move(e), std::move(d)};
  }
  static Status TooManyRequests(std::string e, std::string d = {}) {
    return {Code::kTooManyRequests, std::move(e), std::move(d)};
  }
  // A 429 that says when to try again (the API sends it as Retry-After).
  static Status TooManyRequests(std::string e, std::string d, int64_t retry_after_seconds) {
    Status s(Code::kTooManyRequests, std::move(e), std::move(d));
    s.retry_after_seconds_ = retry_after_seconds;
    return s;
  }
  static Status Internal(std::string e, std::string d = {}) {
    return {Code::kInternal, std::move(e), std::move(d)};
  }
  static Status Unavailable(std::string e, std::string d = {}) {
    return {Code::kUnavailable, std::move(e), std::move(d)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  int http_status() const { return static_cast<int>(code_); }
  const std::string& error() const { return error_; }
  const std::string& description() const { return description_; }
  // Seconds after which a refused request may be tried again; 0: not said.
  int64_t retry_after_seconds() const { return retry_after_seconds_; }
  // "error: description" for logs and command-line messages.
  std::string ToString() const {
    return description_.empty() ? error_ : error_ + ": " + description_;
  }

 private:
  Code code_ = Code::kOk;
  std::string error_;
  std::string description_;
  int64_t retry_after_seconds_ = 0;
};

// Result<T> holds either a T or a non-OK Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace atrium

// Status: the outcome of an operation that can fail, as a value.
//
// Library code never throws across its public interface and never turns an error into an empty
// result: it returns a Status (or fills an out-parameter and returns a Status). The CLI and the
// server turn a non-ok Status into a message and an exit code or an HTTP error.
//
// A message names what failed and where ("sdn.csv:812: expected 12 fields, found 9").
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace interdict {

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidInput,
    kNotFound,
    kIoError,
    kInternal,
    kDeadlineExceeded,
    kConflict,
    kPermissionDenied
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) {
    return Status(Code::kInvalidInput, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }
  // The work was stopped unfinished at its deadline; nothing partial was returned.
  static Status DeadlineExceeded(std::string msg) {
    return Status(Code::kDeadlineExceeded, std::move(msg));
  }

  // The change was refused because the data moved on since the caller read it (an alert decided
  // by someone else first: the caller's revision is stale). Nothing was changed.
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  // The acting user's role does not allow the operation. Nothing was changed.
  static Status PermissionDenied(std::string msg) {
    return Status(Code::kPermissionDenied, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>"; ok stays ok.
  Status WithContext(std::string_view context) const {
    if (ok()) return *this;
    return Status(code_, std::string(context) + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace interdict

// Returns early from the calling function when `expr` is not ok.
#define INTERDICT_RETURN_IF_ERROR(expr) \
  do {                                  \
    ::interdict::Status _st = (expr);   \
    if (!_st.ok()) return _st;          \
  } while (0)

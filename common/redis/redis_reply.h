#ifndef POLYLATERAL_COMMON_REDIS_REDIS_REPLY_H_
#define POLYLATERAL_COMMON_REDIS_REDIS_REPLY_H_

#include <memory>
#include <string>

#include "absl/strings/string_view.h"

struct redisReply;

namespace polylateral::redis {

// A read-only view of one node of a hiredis reply tree; valid while its Reply lives.
class ReplyView {
 public:
  explicit ReplyView(const redisReply* r) : r_(r) {}
  bool is_nil() const;
  bool is_error() const;
  // A bulk string or a status reply ("OK").
  bool is_string() const;
  bool is_integer() const;
  bool is_array() const;
  absl::string_view str() const;
  long long integer() const;
  size_t size() const;
  ReplyView operator[](size_t i) const;
  // For errors and logs: the reply rendered as text.
  std::string DebugString() const;

 protected:
  const redisReply* r_;
};

// Owns a hiredis reply and frees it once (RAII).
class Reply final : public ReplyView {
 public:
  explicit Reply(redisReply* r);
  Reply(Reply&& o) noexcept;
  Reply& operator=(Reply&& o) noexcept;
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  ~Reply();
};

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_REDIS_REPLY_H_

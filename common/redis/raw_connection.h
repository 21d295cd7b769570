#ifndef POLYLATERAL_COMMON_REDIS_RAW_CONNECTION_H_
#define POLYLATERAL_COMMON_REDIS_RAW_CONNECTION_H_

// A hiredis connection of one's own, outside RedisClient's pool, for the long-lived
// subscribers (the read caches' invalidations, Sentinel's +switch-master): owning pointers
// and one blocking call.

#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace polylateral::redis {

struct ContextFree {
  void operator()(redisContext* c) const { redisFree(c); }
};
struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ContextPtr = std::unique_ptr<redisContext, ContextFree>;
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

// One command on `ctx`; null when the connection failed.
inline ReplyPtr Call(redisContext* ctx, const std::vector<std::string>& argv) {
  std::vector<const char*> args;
  std::vector<size_t> lens;
  for (const auto& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  return ReplyPtr(static_cast<redisReply*>(
      redisCommandArgv(ctx, static_cast<int>(args.size()), args.data(), lens.data())));
}

// The text of a string or status reply; empty for any other.
inline absl::string_view ReplyText(const redisReply* r) {
  return r != nullptr && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS)
             ? absl::string_view(r->str, r->len)
             : absl::string_view();
}

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_RAW_CONNECTION_H_

#include "common/redis/redis_reply.h"

#include <hiredis/hiredis.h>

#include "absl/strings/str_cat.h"

namespace polylateral::redis {

bool ReplyView::is_nil() const { return r_ == nullptr || r_->type == REDIS_REPLY_NIL; }
bool ReplyView::is_error() const { return r_ != nullptr && r_->type == REDIS_REPLY_ERROR; }
bool ReplyView::is_string() const {
  return r_ != nullptr && (r_->type == REDIS_REPLY_STRING || r_->type == REDIS_REPLY_STATUS);
}
bool ReplyView::is_integer() const { return r_ != nullptr && r_->type == REDIS_REPLY_INTEGER; }
bool ReplyView::is_array() const { return r_ != nullptr && r_->type == REDIS_REPLY_ARRAY; }

absl::string_view ReplyView::str() const {
  if (r_ == nullptr || r_->str == nullptr) return {};
  return absl::string_view(r_->str, r_->len);
}

long long ReplyView::integer() const { return r_ == nullptr ? 0 : r_->integer; }

size_t ReplyView::size() const { return is_array() ? r_->elements : 0; }

ReplyView ReplyView::operator[](size_t i) const {
  return ReplyView(i < size() ? r_->element[i] : nullptr);
}

std::string ReplyView::DebugString() const {
  if (is_nil()) return "(nil)";
  if (is_integer()) return absl::StrCat("(integer) ", integer());
  if (is_error()) return absl::StrCat("(error) ", str());
  if (is_string()) return std::string(str());
  std::string out = "[";
  for (size_t i = 0; i < size(); ++i)
    absl::StrAppend(&out, i ? ", " : "", (*this)[i].DebugString());
  return out + "]";
}

Reply::Reply(redisReply* r) : ReplyView(r) {}
Reply::Reply(Reply&& o) noexcept : ReplyView(o.r_) { o.r_ = nullptr; }
Reply& Reply::operator=(Reply&& o) noexcept {
  if (this != &o) {
    if (r_ != nullptr) freeReplyObject(const_cast<redisReply*>(r_));
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}
Reply::~Reply() {
  if (r_ != nullptr) freeReplyObject(const_cast<redisReply*>(r_));
}

}  // namespace polylateral::redis

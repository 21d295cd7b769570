#include "common/server/stream_slots.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::server {

StreamSlots::Slot& StreamSlots::Slot::operator=(Slot&& o) noexcept {
  if (this != &o) {
    Release();
    owner_ = o.owner_;
    key_ = std::move(o.key_);
    o.owner_ = nullptr;
  }
  return *this;
}

void StreamSlots::Slot::Release() {
  if (owner_ == nullptr) return;
  owner_->Free(key_);
  owner_ = nullptr;
}

absl::StatusOr<StreamSlots::Slot> StreamSlots::Acquire(const Principal& caller) {
  std::string key = caller.ToString();
  absl::MutexLock lock(&mu_);
  auto it = per_principal_.find(key);
  const int mine = it == per_principal_.end() ? 0 : it->second;
  // The caller's own cap first: a caller at its cap is told so even when the service is full.
  if (mine >= limits_.max_per_principal) {
    return ResourceExhausted(
        "TOO_MANY_STREAMS",
        absl::StrCat(key, " has ", mine, " open ", limits_.what, ", the most one caller may hold ",
                     "(--max_streams_per_principal); close one first"));
  }
  if (total_ >= limits_.max_total) {
    return ResourceExhausted(limits_.total_reason,
                             absl::StrCat("the service has ", total_, " open ", limits_.what,
                                          ", as many as it allows; retry later"));
  }
  ++total_;
  ++per_principal_[key];
  return Slot(this, std::move(key));
}

void StreamSlots::Free(const std::string& key) {
  absl::MutexLock lock(&mu_);
  --total_;
  auto it = per_principal_.find(key);
  if (it != per_principal_.end() && --it->second <= 0) per_principal_.erase(it);
}

int StreamSlots::open() const {
  absl::MutexLock lock(&mu_);
  return total_;
}

int StreamSlots::open_for(const Principal& caller) const {
  absl::MutexLock lock(&mu_);
  auto it = per_principal_.find(caller.ToString());
  return it == per_principal_.end() ? 0 : it->second;
}

}  // namespace polylateral::server

#ifndef POLYLATERAL_COMMON_SERVER_STREAM_SLOTS_H_
#define POLYLATERAL_COMMON_SERVER_STREAM_SLOTS_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/base/principal.h"

namespace polylateral::server {

// The open server streams of one kind (inbox streams, streamed solves): each holds a thread,
// so a service caps them all together and per caller, so that one caller cannot take every
// slot. A stream holds a Slot for as long as it is open; destroying the Slot frees it.
// Anonymous callers share one count. Thread-safe.
class StreamSlots final {
 public:
  struct Limits {
    // Streams open at once, all callers together, and for one principal.
    int max_total = 64;
    int max_per_principal = 8;
    // Names the streams in refusals ("inbox streams").
    std::string what = "streams";
    // The ErrorInfo reason when max_total is reached (the per-principal one is always
    // TOO_MANY_STREAMS), kept per service so existing callers see the reason they knew.
    std::string total_reason = "TOO_MANY_STREAMS";
  };

  // One open stream's place; movable, frees itself once.
  class Slot final {
   public:
    Slot() = default;
    Slot(Slot&& o) noexcept : owner_(o.owner_), key_(std::move(o.key_)) { o.owner_ = nullptr; }
    Slot& operator=(Slot&& o) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { Release(); }
    bool held() const { return owner_ != nullptr; }
    void Release();

   private:
    friend class StreamSlots;
    Slot(StreamSlots* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    StreamSlots* owner_ = nullptr;
    std::string key_;
  };

  explicit StreamSlots(Limits limits) : limits_(std::move(limits)) {}
  StreamSlots(const StreamSlots&) = delete;
  StreamSlots& operator=(const StreamSlots&) = delete;

  // A slot for a new stream of `caller`, or RESOURCE_EXHAUSTED: TOO_MANY_STREAMS when the
  // caller holds max_per_principal already, limits.total_reason when the service is full.
  absl::StatusOr<Slot> Acquire(const Principal& caller);

  int open() const;
  int open_for(const Principal& caller) const;

 private:
  void Free(const std::string& key);

  const Limits limits_;
  mutable absl::Mutex mu_;
  int total_ ABSL_GUARDED_BY(mu_) = 0;
  // Only principals with an open stream: the map never outgrows the open streams.
  absl::flat_hash_map<std::string, int> per_principal_ ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_STREAM_SLOTS_H_

#ifndef POLYLATERAL_COMMON_REDIS_TRACKED_CACHE_H_
#define POLYLATERAL_COMMON_REDIS_TRACKED_CACHE_H_

// An in-process read cache kept coherent by Redis's server-assisted client-side caching
// (CLIENT TRACKING in broadcasting mode, see invalidation_listener.h): Redis tells us about
// every write to a key under the cache's prefix, by anyone (another replica, a Lua script),
// and the cache drops the key.
//
// The race every such cache must close: a reader fetches v1 from Redis, a writer stores v2
// and its invalidation is processed, then the reader caches v1 for good. Readers therefore
// Reserve() the key before fetching (a placeholder with a ticket) and Fill() it after; an
// invalidation in between removes the placeholder and the Fill is dropped. While tracking is
// not established (listener connecting, Redis restarting) nothing is cached and every read
// goes to Redis; each change of tracking state empties the cache, since invalidations may
// have been missed.
//
// Plain C++ without Redis includes: the listener drives it through InvalidationTarget.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace polylateral::redis {

// What an invalidation listener tells a cache.
class InvalidationTarget {
 public:
  virtual ~InvalidationTarget() = default;
  // A key under the tracked prefix was written or expired.
  virtual void Invalidate(absl::string_view key) = 0;
  // Every key may have changed (FLUSHALL, a lost connection); `tracking` says whether
  // invalidations are flowing from now on.
  virtual void Reset(bool tracking) = 0;
};

template <typename V>
class TrackedCache final : public InvalidationTarget {
 public:
  // A reservation for one fill; false when the value must not be cached.
  struct Ticket {
    uint64_t id = 0;
    uint64_t generation = 0;
    explicit operator bool() const { return id != 0; }
  };

  // At most about `max_entries` values are kept: a full shard is emptied before it grows.
  explicit TrackedCache(size_t max_entries)
      : shard_capacity_(max_entries / kShards > 0 ? max_entries / kShards : 1) {}

  // The cached value of `key`, or null.
  std::shared_ptr<const V> Find(absl::string_view key) {
    Shard& s = ShardOf(key);
    absl::MutexLock lock(&s.mu);
    auto it = s.entries.find(key);
    if (it == s.entries.end() || it->second.value == nullptr) return nullptr;
    return it->second.value;
  }

  // Call before reading `key` from Redis; pass the ticket to Fill with what was read.
  Ticket Reserve(absl::string_view key) {
    if (!tracking_.load(std::memory_order_acquire)) return {};
    Ticket t{next_ticket_.fetch_add(1, std::memory_order_relaxed),
             generation_.load(std::memory_order_acquire)};
    Shard& s = ShardOf(key);
    absl::MutexLock lock(&s.mu);
    if (s.entries.size() >= shard_capacity_) s.entries.clear();
    s.entries[key] = Entry{t.id, nullptr};
    return t;
  }

  // Caches `value` unless the key was invalidated, or the cache reset, since Reserve.
  void Fill(absl::string_view key, Ticket ticket, V value) {
    if (!ticket) return;
    Shard& s = ShardOf(key);
    absl::MutexLock lock(&s.mu);
    if (generation_.load(std::memory_order_acquire) != ticket.generation) return;
    auto it = s.entries.find(key);
    if (it == s.entries.end() || it->second.ticket != ticket.id) return;
    it->second.value = std::make_shared<const V>(std::move(value));
  }

  void Invalidate(absl::string_view key) override {
    Shard& s = ShardOf(key);
    absl::MutexLock lock(&s.mu);
    s.entries.erase(key);
  }

  void Reset(bool tracking) override {
    // Stop caching first, so that no fill started before the reset can land after it.
    if (!tracking) tracking_.store(false, std::memory_order_release);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    for (Shard& s : shards_) {
      absl::MutexLock lock(&s.mu);
      s.entries.clear();
    }
    if (tracking) tracking_.store(true, std::memory_order_release);
  }

  bool tracking() const { return tracking_.load(std::memory_order_acquire); }

  size_t size() {
    size_t n = 0;
    for (Shard& s : shards_) {
      absl::MutexLock lock(&s.mu);
      n += s.entries.size();
    }
    return n;
  }

 private:
  static constexpr size_t kShards = 16;
  struct Entry {
    uint64_t ticket = 0;
    std::shared_ptr<const V> value;  // null while a fill is pending
  };
  struct Shard {
    absl::Mutex mu;
    absl::flat_hash_map<std::string, Entry> entries ABSL_GUARDED_BY(mu);
  };
  Shard& ShardOf(absl::string_view key) {
    return shards_[absl::Hash<absl::string_view>{}(key) % kShards];
  }

  const size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
  std::atomic<bool> tracking_{false};
  std::atomic<uint64_t> generation_{1};
  std::atomic<uint64_t> next_ticket_{1};
};

}  // namespace polylateral::redis

#endif  // POLYLATERAL_COMMON_REDIS_TRACKED_CACHE_H_

#include "services/routing/client/access_cache.h"

#include "absl/strings/str_cat.h"

namespace polylateral::routing {

AccessCache::Window AccessCache::WindowAround(absl::Time at, std::optional<absl::Time> valid_from,
                                              std::optional<absl::Time> valid_until) {
  Window w;
  for (const auto& limit : {valid_from, valid_until}) {
    if (!limit.has_value()) continue;
    if (*limit <= at) {
      w.from = std::max(w.from, *limit);
    } else {
      w.until = std::min(w.until, *limit);
    }
  }
  return w;
}

std::string AccessCache::Key(const std::string& process, vocabulary::ParticipationRight right) {
  return absl::StrCat(process, "|", static_cast<int>(right));
}

uint64_t AccessCache::Generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

std::optional<AccessAnswer> AccessCache::Get(const std::string& stakeholder,
                                             const std::string& process,
                                             vocabulary::ParticipationRight right, absl::Time at,
                                             absl::Time now) const {
  absl::MutexLock lock(&mu_);
  if (!enabled_) return std::nullopt;
  auto outer = entries_.find(stakeholder);
  if (outer == entries_.end()) return std::nullopt;
  auto it = outer->second.find(Key(process, right));
  if (it == outer->second.end()) return std::nullopt;
  const Entry& e = it->second;
  if (now >= e.expires || at < e.window.from || at >= e.window.until) return std::nullopt;
  return e.answer;
}

void AccessCache::Put(const AccessAnswer& answer, Window window, uint64_t generation,
                      absl::Time now) {
  absl::MutexLock lock(&mu_);
  if (!enabled_ || generation != generation_ || ttl_ <= absl::ZeroDuration()) return;
  entries_[answer.stakeholder_id][Key(answer.process_id, answer.right)] =
      Entry{answer, window, now + ttl_};
}

void AccessCache::Invalidate(const std::string& stakeholder) {
  absl::MutexLock lock(&mu_);
  ++generation_;
  entries_.erase(stakeholder);
}

void AccessCache::InvalidateAll() {
  absl::MutexLock lock(&mu_);
  ++generation_;
  entries_.clear();
}

void AccessCache::Enable() {
  absl::MutexLock lock(&mu_);
  enabled_ = true;
}

void AccessCache::Disable() {
  absl::MutexLock lock(&mu_);
  ++generation_;
  enabled_ = false;
  entries_.clear();
}

bool AccessCache::enabled() const {
  absl::MutexLock lock(&mu_);
  return enabled_;
}

size_t AccessCache::size() const {
  absl::MutexLock lock(&mu_);
  size_t n = 0;
  for (const auto& [_, m] : entries_) n += m.size();
  return n;
}

}  // namespace polylateral::routing

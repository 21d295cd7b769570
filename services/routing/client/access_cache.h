#ifndef POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCESS_CACHE_H_
#define POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCESS_CACHE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/routing/domain/routing_facts.h"

namespace polylateral::routing {

// Accreditation's answers (CheckAccess, with BLOCKED_BY_OBJECTION resolved) kept in memory so
// that SubmitInput does not ask accreditation on every call. An answer is a function of the
// stored accreditation and the time asked about; it is kept with the time window in which it
// cannot change while that accreditation stays as it is (bounded by the accreditation's
// valid_from and valid_until), and dropped:
//  - at once when the accreditation-event stream names the stakeholder (Invalidate), or
//    names none (InvalidateAll), or the stream cannot be followed (Disable);
//  - after `ttl` of wall time in any case, the safety net for a change that came without
//    an event.
// A fill races an invalidation: Generation() is read before asking accreditation, and Put
// drops an answer asked before the latest invalidation.
// The cache answers only while Enable()d: its owner enables it while it follows the stream.
class AccessCache final {
 public:
  explicit AccessCache(absl::Duration ttl) : ttl_(ttl) {}

  // Half-open window of asked-about times [from, until) in which an answer holds.
  struct Window {
    absl::Time from = absl::InfinitePast();
    absl::Time until = absl::InfiniteFuture();
  };
  // The window around `at` bounded by the accreditation's validity limits (none when there is
  // no accreditation): the only times at which CheckAccess's answer can change by itself.
  static Window WindowAround(absl::Time at, std::optional<absl::Time> valid_from,
                             std::optional<absl::Time> valid_until);

  uint64_t Generation() const;
  // The cached answer for `at`, if one is fresh (`now`: wall time, for the ttl).
  std::optional<AccessAnswer> Get(const std::string& stakeholder, const std::string& process,
                                  vocabulary::ParticipationRight right, absl::Time at,
                                  absl::Time now) const;
  // Keeps `answer` for `window` unless the cache was invalidated since `generation`.
  void Put(const AccessAnswer& answer, Window window, uint64_t generation, absl::Time now);

  void Invalidate(const std::string& stakeholder);
  void InvalidateAll();
  void Enable();
  // Drops everything and answers nothing until Enable().
  void Disable();
  bool enabled() const;
  size_t size() const;

 private:
  struct Entry {
    AccessAnswer answer;
    Window window;
    absl::Time expires;  // wall time
  };
  static std::string Key(const std::string& process, vocabulary::ParticipationRight right);

  const absl::Duration ttl_;
  mutable absl::Mutex mu_;
  bool enabled_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  // stakeholder -> (process, right) key -> entry, so that an event drops one stakeholder's
  // answers without a scan.
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, Entry>> entries_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCESS_CACHE_H_

#ifndef POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_STREAM_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_STREAM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/redis/redis_client.h"
#include "services/accreditation/domain/accreditation_store.h"

namespace polylateral::accreditation {

// A Redis stream entry id, "<ms>-<seq>", ordered as Redis orders them.
struct StreamId {
  uint64_t ms = 0;
  uint64_t seq = 0;
  // nullopt unless `text` is exactly "<digits>-<digits>".
  static std::optional<StreamId> Parse(absl::string_view text);
  std::string ToString() const;
  bool operator<(const StreamId& o) const { return ms < o.ms || (ms == o.ms && seq < o.seq); }
  bool operator==(const StreamId& o) const { return ms == o.ms && seq == o.seq; }
  bool operator<=(const StreamId& o) const { return !(o < *this); }
};

struct StreamEntry {
  StreamId id;
  Event event;  // "type" in event.type, every other field in order
};

// Reads accreditation's event stream ({acc}:events), which the scripts append to and cap
// (XADD MAXLEN ~ 1000000): ranges for replays, the ends, and a blocking read for the one
// reader per replica (EventHub). Thread-safe (the client's pool).
class RedisEventStream final {
 public:
  explicit RedisEventStream(redis::RedisClient* redis) : redis_(redis) {}

  // Up to `count` entries with ids after `after`, oldest first.
  absl::StatusOr<std::vector<StreamEntry>> After(const StreamId& after, int count);
  // The newest entry's id; 0-0 for an empty stream.
  absl::StatusOr<StreamId> Newest();
  // The oldest entry's id; nullopt for an empty stream.
  absl::StatusOr<std::optional<StreamId>> Oldest();
  // Entries after `after`, waiting up to `block` for one to come (XREAD BLOCK: holds a pooled
  // connection that long); empty when none came.
  absl::StatusOr<std::vector<StreamEntry>> Wait(const StreamId& after, absl::Duration block,
                                                int count);

 private:
  redis::RedisClient* const redis_;
};

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_STORE_EVENT_STREAM_H_

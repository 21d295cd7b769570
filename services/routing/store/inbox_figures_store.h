#ifndef POLYLATERAL_SERVICES_ROUTING_STORE_INBOX_FIGURES_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_STORE_INBOX_FIGURES_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/redis/redis_client.h"
#include "services/routing/domain/inbox_figures.h"

namespace polylateral::routing {

struct InboxFiguresPage {
  std::vector<InboxFigures> inboxes;
  std::string next;  // pass as `after` for the next page; empty: the index ended here
};

// Reads the index of inboxes ({rt}:inboxes, routing_keys.h) page by page, each page with its
// inboxes' figures in one read-only script call (inbox_figures.lua), so that no SCAN of the
// keyspace is needed and each call holds Redis for a time bounded by `limit`.
class RedisInboxFiguresStore final {
 public:
  explicit RedisInboxFiguresStore(redis::RedisClient* redis);

  // Up to `limit` inboxes after destination `after` (lexical order; "" from the start).
  absl::StatusOr<InboxFiguresPage> Page(const std::string& after, int limit);

  // Adds to the index the inboxes of the inputs stored before it existed, `page` inputs per
  // script call, until done (a mark makes every later call return at once). Runs off the
  // request path, once per replica start; stops early when `stop` says so.
  absl::Status BuildIndex(int page, const std::function<bool()>& stop);

 private:
  redis::RedisClient* const redis_;
  redis::RedisScript script_;
  redis::RedisScript backfill_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_STORE_INBOX_FIGURES_STORE_H_

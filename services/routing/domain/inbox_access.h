#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_ACCESS_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/base/principal.h"

namespace polylateral::routing {

// How one reader pulls from a destination's inbox: its consumer name within the destination,
// how many deliveries at most, how long a delivery stays invisible to others before it is
// handed out again, and after how many hand-outs it goes to the dead letters.
struct PullOptions {
  std::string consumer = "default";
  int count = 10;
  absl::Duration visibility_timeout = absl::Seconds(30);
  int max_deliveries = 5;
};

// Who reads an inbox: the process secretariat (processes/{p}/...), the state
// (states/{XX}/inbox), the network (networks/{id}); the clearing house by any secretariat;
// operators everywhere. INVALID_ARGUMENT naming "destination" for a name that is no
// destination; PERMISSION_DENIED NOT_DESTINATION for anyone else.
absl::Status MayReadInbox(const Principal& who, const std::string& destination);

// Who handles a destination's dead letters (lists, requeues, drops): operators only, since a
// dead letter usually means the destination's reader is broken. INVALID_ARGUMENT naming
// "destination" as above; PERMISSION_DENIED NOT_OPERATOR for anyone else.
absl::Status MayHandleDeadLetters(const Principal& who, const std::string& destination);

// A reader's consumer name within the destination: empty stays the default; else 1..64 of
// [a-zA-Z0-9_-] (INVALID_ARGUMENT naming "consumer").
absl::Status ApplyConsumer(const std::string& consumer, PullOptions& options);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INBOX_ACCESS_H_

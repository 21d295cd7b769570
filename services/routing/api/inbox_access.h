#ifndef POLYLATERAL_SERVICES_ROUTING_API_INBOX_ACCESS_H_
#define POLYLATERAL_SERVICES_ROUTING_API_INBOX_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "common/base/principal.h"
#include "services/routing/store/redis_routing_store.h"

namespace polylateral::routing {

// Who reads an inbox: the process secretariat (processes/{p}/...), the state
// (states/{XX}/inbox), the network (networks/{id}); the clearing house by any secretariat;
// operators everywhere. INVALID_ARGUMENT naming "destination" for a name that is no
// destination; PERMISSION_DENIED NOT_DESTINATION for anyone else.
absl::Status MayReadInbox(const Principal& who, const std::string& destination);

// A reader's consumer name within the destination: empty stays the default; else 1..64 of
// [a-zA-Z0-9_-] (INVALID_ARGUMENT naming "consumer").
absl::Status ApplyConsumer(const std::string& consumer, PullOptions& options);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_API_INBOX_ACCESS_H_

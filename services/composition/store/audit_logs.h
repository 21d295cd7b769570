#ifndef POLYLATERAL_SERVICES_COMPOSITION_STORE_AUDIT_LOGS_H_
#define POLYLATERAL_SERVICES_COMPOSITION_STORE_AUDIT_LOGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/redis/redis_client.h"

namespace polylateral::composition {

// Composition keeps one audit log per process (its keys' hash tag), so the sealer must know
// which exist. A write registers its process here before the script that appends: a log is
// never left unknown to the sealer (registered without an entry costs nothing).
absl::Status RegisterAuditLog(redis::RedisClient* redis, const std::string& process_id);

// The tags of every registered log ("comp:{<process>}"), for the sealer; empty when Redis does
// not answer (the next pass tries again).
std::vector<std::string> AuditTags(redis::RedisClient* redis);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_STORE_AUDIT_LOGS_H_

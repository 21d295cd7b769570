#include "services/composition/store/audit_logs.h"

#include "services/composition/store/composition_keys.h"

namespace polylateral::composition {

absl::Status RegisterAuditLog(redis::RedisClient* redis, const std::string& process_id) {
  absl::StatusOr<redis::Reply> r =
      redis->Command({"SADD", CompositionKeys::AuditLogs(), process_id}, "SADD");
  if (!r.ok()) return r.status();
  if (r->is_error()) return absl::InternalError(r->DebugString());
  return absl::OkStatus();
}

std::vector<std::string> AuditTags(redis::RedisClient* redis) {
  std::vector<std::string> out;
  absl::StatusOr<redis::Reply> r = redis->ReadCommand({"SMEMBERS", CompositionKeys::AuditLogs()});
  if (!r.ok() || !r->is_array()) return out;
  out.reserve(r->size());
  for (size_t i = 0; i < r->size(); ++i) {
    out.push_back(CompositionKeys::AuditTag(std::string((*r)[i].str())));
  }
  return out;
}

}  // namespace polylateral::composition

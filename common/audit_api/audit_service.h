#ifndef POLYLATERAL_COMMON_AUDIT_API_AUDIT_SERVICE_H_
#define POLYLATERAL_COMMON_AUDIT_API_AUDIT_SERVICE_H_

#include <utility>

#include "common/audit/audit_disclosure.h"
#include "common/audit_api/audit_log_names.h"
#include "common/redis/redis_client.h"
#include "common/server/unary_dispatcher.h"
#include "polylateral/audit/v1/audit.grpc.pb.h"

namespace polylateral::audit {

// polylateral.audit.v1.AuditService on a service's own server: reads the service's logs from
// Redis (RedisAuditLog), pages them by sequence, and shows each page as the service's own
// disclosure rule says. The same glue in every service; the rule is each service's.
// Threading, the access policy and status mapping are the dispatcher's.
class AuditApiService final : public v1::AuditService::CallbackService {
 public:
  // Nothing owned; all must outlive the service.
  AuditApiService(server::UnaryDispatcher* dispatcher, redis::RedisClient* redis,
                  ServedAuditLogs logs, const AuditDisclosure* disclosure)
      : dispatcher_(dispatcher), redis_(redis), logs_(std::move(logs)), disclosure_(disclosure) {}

  grpc::ServerUnaryReactor* ListAuditEntries(grpc::CallbackServerContext* ctx,
                                             const v1::ListAuditEntriesRequest* req,
                                             v1::ListAuditEntriesResponse* resp) override;
  grpc::ServerUnaryReactor* GetAuditHead(grpc::CallbackServerContext* ctx,
                                         const v1::GetAuditHeadRequest* req,
                                         v1::AuditHead* resp) override;

 private:
  absl::Status DoListAuditEntries(const server::CallContext& call,
                                  const v1::ListAuditEntriesRequest& req,
                                  v1::ListAuditEntriesResponse* resp) const;
  absl::Status DoGetAuditHead(const v1::GetAuditHeadRequest& req, v1::AuditHead* resp) const;

  server::UnaryDispatcher* const dispatcher_;
  redis::RedisClient* const redis_;
  const ServedAuditLogs logs_;
  const AuditDisclosure* const disclosure_;
};

// The gRPC service name, for HostOptions::grpc_services (metrics, health).
inline constexpr char kAuditServiceName[] = "polylateral.audit.v1.AuditService";

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_API_AUDIT_SERVICE_H_

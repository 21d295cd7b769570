#ifndef POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCREDITATION_CLIENT_H_
#define POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCREDITATION_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/edge/outgoing_call.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "services/routing/client/access_cache.h"
#include "services/routing/domain/access_lookup.h"

namespace polylateral::routing {

// AccessLookup over gRPC: CheckAccess per (stakeholder, process, right),
// and — only when that says NOT_ACCREDITED — whether the stakeholder's application was
// blocked by objections (ListApplications of the process: a REJECTED non-objection
// application of the stakeholder with objections lodged), which the routing facts record as
// BLOCKED_BY_OBJECTION. Deadlines and errors through
// edge::NewClientContext and edge::FromUpstream (routing never guesses access). With a `cache`,
// answers are taken from it while it holds them and put into it after asking (see AccessCache).
class AccreditationClient final : public AccessLookup {
 public:
  AccreditationClient(edge::OutgoingOptions outgoing, const std::string& target,
                      AccessCache* cache = nullptr);

  // `use_cache`: may answer from the cache (the answer asked is put into it either way).
  absl::StatusOr<AccessAnswer> Check(const std::string& stakeholder, const std::string& process,
                                     vocabulary::ParticipationRight right, absl::Time at,
                                     absl::Time deadline, bool use_cache) override;

 private:
  // The decision reason of the stakeholder's latest application blocked by objection, if any.
  absl::StatusOr<std::string> BlockedBy(const std::string& stakeholder, const std::string& process,
                                        absl::Time deadline);

  const edge::OutgoingOptions outgoing_;
  std::unique_ptr<accreditation::v1::AccreditationService::Stub> stub_;
  AccessCache* const cache_;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_CLIENT_ACCREDITATION_CLIENT_H_

#ifndef POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_DECODING_H_
#define POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_DECODING_H_

// The registry's answers decoded into routing's view (domain/registry_view.h). What the
// registry stored is taken as it is: its input rules (name patterns, theme prefixes, dates a
// caller may send) are not checked again here, so a process the registry keeps is never
// dropped. Only a field routing cannot do without (the resource name) fails, with INTERNAL
// naming it.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "polylateral/registry/v1/process.pb.h"
#include "polylateral/registry/v1/stakeholder.pb.h"
#include "services/routing/domain/registry_view.h"

namespace polylateral::routing {

absl::StatusOr<ProcessInfo> DecodeProcess(const registry::v1::Process& p);
absl::StatusOr<StakeholderInfo> DecodeStakeholder(const registry::v1::Stakeholder& s);

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_CLIENT_REGISTRY_DECODING_H_

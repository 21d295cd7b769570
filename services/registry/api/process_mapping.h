#ifndef POLYLATERAL_SERVICES_REGISTRY_API_PROCESS_MAPPING_H_
#define POLYLATERAL_SERVICES_REGISTRY_API_PROCESS_MAPPING_H_

#include "absl/status/statusor.h"
#include "polylateral/registry/v1/process.pb.h"
#include "services/registry/domain/process.h"

namespace polylateral::registry {

// proto -> domain: names become ids, dates are checked to be real calendar days (violations
// on their field paths under `prefix`). Output-only fields are ignored.
absl::StatusOr<Process> ProcessFromProto(const v1::Process& in,
                                         const std::string& prefix = "process");
// domain -> proto, with resource names of the process, its sessions and thematic groups.
void ProcessToProto(const Process& in, v1::Process* out);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_API_PROCESS_MAPPING_H_

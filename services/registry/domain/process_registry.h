#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_REGISTRY_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_REGISTRY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "services/registry/domain/process.h"
#include "services/registry/domain/registry_store.h"

namespace polylateral::registry {

struct ProcessListing {
  std::vector<Process> processes;
  std::string next_page_token;
};

// The process use cases: a secretariat (or an operator) defines its process and its
// participation modalities; everyone reads them.
class ProcessRegistry final {
 public:
  ProcessRegistry(ProcessStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  absl::StatusOr<Process> Create(const Principal& caller, Process p, const std::string& id,
                                 const std::string& request_id, const std::string& fingerprint);
  absl::StatusOr<Process> Get(const std::string& id);
  // `theme` empty: all processes.
  absl::StatusOr<ProcessListing> List(const std::string& theme, int page_size,
                                      const std::string& page_token);
  absl::StatusOr<Process> Update(const Principal& caller, const Process& patch,
                                 const std::vector<std::string>& mask, const std::string& etag);
  absl::Status Delete(const Principal& caller, const std::string& id, const std::string& etag);

 private:
  ProcessStore* const store_;
  const Clock* const clock_;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_PROCESS_REGISTRY_H_

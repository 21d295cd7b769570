#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REGISTRY_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REGISTRY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "services/registry/domain/registry_store.h"
#include "services/registry/domain/stakeholder.h"
#include "services/registry/domain/stakeholder_query.h"

namespace polylateral::registry {

// A page of stakeholders with the token for the next one.
struct StakeholderListing {
  std::vector<Stakeholder> stakeholders;
  std::string next_page_token;
};

// The stakeholder use cases: who may do what, validation, etags, ids, paging. Storage is
// behind StakeholderStore.
class StakeholderRegistry final {
 public:
  StakeholderRegistry(StakeholderStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  // `id` empty: generated. INVALID_ARGUMENT on field "stakeholder_id" for a malformed one.
  absl::StatusOr<Stakeholder> Create(const Principal& caller, Stakeholder s, const std::string& id,
                                     const std::string& request_id, const std::string& fingerprint);
  absl::StatusOr<Stakeholder> Get(const std::string& id);
  absl::StatusOr<StakeholderListing> List(StakeholderQuery q);
  // `patch.id` names the stakeholder; `etag` empty: not checked.
  absl::StatusOr<Stakeholder> Update(const Principal& caller, const Stakeholder& patch,
                                     const std::vector<std::string>& mask, const std::string& etag);
  // Takes `id` out of every stakeholder naming it, in the same write (recorded on each as
  // removed by `caller`).
  absl::Status Delete(const Principal& caller, const std::string& id, const std::string& etag);
  // The stakeholders naming `id`, in id order.
  absl::StatusOr<StakeholderListing> ListReferrers(const Principal& caller, const std::string& id,
                                                   int page_size, const std::string& page_token);
  // `id` takes itself out of `referrer_id`'s references; returns the referrer.
  absl::StatusOr<Stakeholder> RemoveReference(const Principal& caller, const std::string& id,
                                              const std::string& referrer_id);

 private:
  StakeholderStore* const store_;
  const Clock* const clock_;
};

// Idempotency keys: 1..64 of [A-Za-z0-9_-]. INVALID_ARGUMENT on field "request_id".
absl::Status ValidateRequestId(const std::string& request_id);

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_STAKEHOLDER_REGISTRY_H_

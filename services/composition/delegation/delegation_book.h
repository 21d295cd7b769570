#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_BOOK_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_BOOK_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/base/clock.h"
#include "common/base/principal.h"
#include "services/composition/delegation/delegation.h"
#include "services/composition/delegation/delegation_store.h"
#include "services/composition/delegation/openness.h"
#include "services/composition/delegation/registry_lookup.h"

namespace polylateral::composition {

// Where a delegation lives.
struct DelegationKey {
  std::string process_id;
  std::string session_id;
  std::string state;
};

// The national delegations of every process and session, with their rules: who writes, the
// session's start and cap from the registry, members' snapshots taken from the registry, and the
// openness counters moved in the same store write. `registry` is per call (it carries the call's
// deadline), hence a parameter.
class DelegationBook final {
 public:
  DelegationBook(DelegationStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  // Reads mark members whose registry record is gone by now (MarkDeletedMembers).
  absl::StatusOr<Delegation> Get(RegistryLookup& registry, const DelegationKey& key);
  absl::StatusOr<DelegationPage> List(RegistryLookup& registry, const std::string& process_id,
                                      const std::string& session_id, const std::string& cursor,
                                      int limit);
  // `d` carries the key and the members as the caller wrote them.
  // `fingerprint`: an opaque digest of the request, compared when request_id is replayed.
  absl::StatusOr<Delegation> Create(const Principal& caller, RegistryLookup& registry, Delegation d,
                                    const std::string& request_id, const std::string& fingerprint);
  // Replaces the members; `etag` required.
  absl::StatusOr<Delegation> Update(const Principal& caller, RegistryLookup& registry, Delegation d,
                                    const std::string& etag);
  absl::Status Delete(const Principal& caller, RegistryLookup& registry, const DelegationKey& key,
                      const std::string& etag);
  // Every session the registry lists for the process; NOT_FOUND (PROCESS_NOT_FOUND) for a
  // process the registry does not know.
  absl::StatusOr<OpennessReport> Report(RegistryLookup& registry, const std::string& process_id);

 private:
  // Session rules, state region and members' snapshots, for a write of `d` replacing
  // `before` (null on create).
  absl::Status Resolve(RegistryLookup& registry, const Delegation* before, Delegation& d);

  DelegationStore* const store_;
  const Clock* const clock_;
};

// The etag of a stored delegation ("\"<version>\""), and the reverse (-1 when malformed).
std::string DelegationEtag(const Delegation& d);
int64_t ParseDelegationEtag(const std::string& etag);

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_BOOK_H_

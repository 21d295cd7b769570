#ifndef POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_STORE_H_
#define POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_STORE_H_

// What the delegation rules need from storage; store/ implements it on Redis. Every write is
// atomic: the record, the session's index and the openness counters (`delta`) together.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/composition/delegation/delegation.h"
#include "services/composition/delegation/openness.h"

namespace polylateral::composition {

struct DelegationPage {
  std::vector<Delegation> items;
  std::string next_cursor;  // the last state returned, empty at the end
};

struct OpennessCounters {
  std::map<std::string, std::map<std::string, long long>> sessions;
  std::map<std::string, std::string> process;
};

// Who made a change and when: the principal and time of its audit entry (docs/audit.md).
struct WriteStamp {
  std::string principal;  // Principal::ToString
  absl::Time time;
};

class DelegationStore {
 public:
  virtual ~DelegationStore() = default;
  // NOT_FOUND (DELEGATION_NOT_FOUND).
  virtual absl::StatusOr<Delegation> Get(const std::string& process_id,
                                         const std::string& session_id,
                                         const std::string& state) = 0;
  // States after `cursor`, in order.
  virtual absl::StatusOr<DelegationPage> List(const std::string& process_id,
                                              const std::string& session_id,
                                              const std::string& cursor, int limit) = 0;
  // ALREADY_EXISTS (DELEGATION_EXISTS). A `request_key` (the caller's scoped request_id) seen
  // within 24 h returns what that request created and writes nothing, or INVALID_ARGUMENT
  // REQUEST_ID_REUSED when that request's `fingerprint` differs (empty: not compared).
  virtual absl::StatusOr<Delegation> Create(const Delegation& d, const OpennessDelta& delta,
                                            const std::string& request_key,
                                            const std::string& fingerprint,
                                            const WriteStamp& by) = 0;
  // ABORTED (ETAG_MISMATCH) when the stored version is no longer before.version.
  virtual absl::StatusOr<Delegation> Update(const Delegation& before, const Delegation& after,
                                            const OpennessDelta& delta, const WriteStamp& by) = 0;
  virtual absl::Status Delete(const Delegation& current, const OpennessDelta& delta,
                              const WriteStamp& by) = 0;
  virtual absl::StatusOr<OpennessCounters> Counters(const std::string& process_id) = 0;
};

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_DELEGATION_DELEGATION_STORE_H_

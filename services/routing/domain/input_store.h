#ifndef POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_STORE_H_
#define POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace polylateral::routing {

// Records travel as opaque strings (InputRecordCodec's encoding): the store's job is
// atomicity, queues and indexes, not the record's shape.
struct QueuedRoute {
  std::string destination;
  std::string record;  // the Route, as the inbox entry carries it
};

// Uptake-report dimensions of one process an input was routed into ("t,g:4,r:1,k:2,s:BR").
struct ReportDims {
  std::string process_id;
  std::string dims;
};

struct NewInput {
  std::string id;
  std::string author_id;
  // Who submitted (Principal::ToString): the audit entry's principal.
  std::string submitted_by;
  std::string record;
  std::string request_id;  // the caller's scoped request_id (CallerRequestKey); may be empty
  // Compared with the first request's when request_id is replayed; empty: not compared.
  std::string request_fingerprint;
  absl::Time now;
  std::vector<QueuedRoute> routes;
  std::vector<ReportDims> dims;
  // The consultations-and-relays version (OwnFactsSnapshot::version) the routes were decided
  // on; the submission is refused with ABORTED FACTS_CHANGED if it is no longer current.
  // Empty: not checked.
  std::string facts_version;
};

struct StoredInput {
  std::string record;
  int64_t version = 0;
  int64_t routes = 0;  // destinations queued
  int64_t acked = 0;   // of which acknowledged
};

// Where the input use cases keep inputs and queue their routes: every write is atomic and
// checks before it writes. The Redis implementation is store/redis_routing_store; domain tests
// use a map.
class InputStore {
 public:
  virtual ~InputStore() = default;
  // The input id: the new one, or the first one for a repeated request id. ABORTED
  // FACTS_CHANGED (nothing written) when `facts_version` is no longer current.
  virtual absl::StatusOr<std::string> Submit(const NewInput& in) = 0;
  // NOT_FOUND INPUT_NOT_FOUND.
  virtual absl::StatusOr<StoredInput> Get(const std::string& id) = 0;
  // Replaces the record if its version is still `version`: ABORTED CONCURRENT_CHANGE else.
  virtual absl::Status Replace(const std::string& id, int64_t version,
                               const std::string& record) = 0;
  // Withdraws pending entries of `withdrawn` destinations and queues `added`, under the same
  // version check as Replace. `cause` (the accreditation event) goes into the audit entry.
  virtual absl::Status Reroute(const std::string& id, int64_t version, const std::string& record,
                               const std::vector<std::string>& withdrawn,
                               const std::vector<QueuedRoute>& added, int64_t route_count,
                               absl::Time now, const std::string& cause) = 0;
  // Input ids, newest first, from `offset`; empty author = all.
  virtual absl::StatusOr<std::vector<std::string>> ListIds(const std::string& author,
                                                           int64_t offset, int64_t limit) = 0;
};

}  // namespace polylateral::routing

#endif  // POLYLATERAL_SERVICES_ROUTING_DOMAIN_INPUT_STORE_H_

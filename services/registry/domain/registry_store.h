#ifndef POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_STORE_H_
#define POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_STORE_H_

// What the registry's rules need from storage. The Redis implementation lives in store/;
// every method is atomic: it writes everything (record, indexes, references) or nothing.
// Every write takes the audit entries it appends (WriteAudit, registry_audit.h) in that same
// atomic write, after its last check: a refused or replayed write appends nothing.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/registry/domain/process.h"
#include "services/registry/domain/registry_audit.h"
#include "services/registry/domain/stakeholder.h"

namespace polylateral::registry {

// One page of a listing: the records and an opaque cursor after the last one examined
// (empty at the end).
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

class StakeholderStore {
 public:
  virtual ~StakeholderStore() = default;

  // NOT_FOUND when absent.
  virtual absl::StatusOr<Stakeholder> Get(const std::string& id) = 0;

  // Stores a new, validated stakeholder (version 1) with its indexes. ALREADY_EXISTS when the
  // id or the unique key is taken; INVALID_ARGUMENT when a reference does not exist;
  // FAILED_PRECONDITION when an affiliation is not an organisation. With a non-empty
  // `request_key` (the caller's scoped request_id) seen before, stores nothing and returns
  // the stakeholder that request created, or INVALID_ARGUMENT REQUEST_ID_REUSED when its
  // `fingerprint` differs from this one's (an empty fingerprint is not compared).
  virtual absl::StatusOr<Stakeholder> Create(const Stakeholder& s, const std::string& request_key,
                                             const std::string& fingerprint,
                                             const WriteAudit& audit) = 0;

  // Replaces `before` by `after` (version before.version + 1). ABORTED when the stored
  // version is no longer before.version; other errors as Create.
  virtual absl::StatusOr<Stakeholder> Update(const Stakeholder& before, const Stakeholder& after,
                                             const WriteAudit& audit) = 0;

  // Removes the stakeholder at `version` with its indexes and, in the same atomic write,
  // replaces each of `referrers` (the stakeholders naming it, as read) by the same position
  // of `referrers_after` (version + 1). ABORTED ETAG_MISMATCH on the stakeholder's version
  // mismatch; ABORTED REFERRERS_CHANGED when the stakeholders naming it are no longer
  // exactly `referrers` at their versions (read again and retry).
  virtual absl::Status Delete(const Stakeholder& current, const std::vector<Stakeholder>& referrers,
                              const std::vector<Stakeholder>& referrers_after,
                              const WriteAudit& audit) = 0;

  // The stakeholders naming `id` as an affiliation or a network member, in no order.
  virtual absl::StatusOr<std::vector<Stakeholder>> Referrers(const std::string& id) = 0;

  // Stakeholders in every index of `labels`, whose sort key starts with `prefix`, after
  // `cursor`, in sort-key order. Returns up to `limit` items; may return fewer with a
  // cursor when the scan budget ran out on a very selective intersection.
  virtual absl::StatusOr<Page<Stakeholder>> List(const std::vector<std::string>& labels,
                                                 const std::string& prefix,
                                                 const std::string& cursor, int limit) = 0;
};

class ProcessStore {
 public:
  virtual ~ProcessStore() = default;
  virtual absl::StatusOr<Process> Get(const std::string& id) = 0;
  // ALREADY_EXISTS when the id is taken; request_key and fingerprint as for stakeholders.
  virtual absl::StatusOr<Process> Create(const Process& p, const std::string& request_key,
                                         const std::string& fingerprint,
                                         const WriteAudit& audit) = 0;
  // ABORTED when the stored version is no longer before.version.
  virtual absl::StatusOr<Process> Update(const Process& before, const Process& after,
                                         const WriteAudit& audit) = 0;
  virtual absl::Status Delete(const Process& current, const WriteAudit& audit) = 0;
  // Processes under index `label` ("all" or "theme:<id>") in id order, after `cursor`.
  virtual absl::StatusOr<Page<Process>> List(const std::string& label, const std::string& cursor,
                                             int limit) = 0;
};

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_DOMAIN_REGISTRY_STORE_H_

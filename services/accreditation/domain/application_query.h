#ifndef POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_QUERY_H_
#define POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_QUERY_H_

// What ListApplications may ask for: filters that all must match, and an order. The store
// answers a query from its indexes (one per filter) and checks the other filters with
// Matches; the query's canonical text binds page tokens to it.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/accreditation/domain/types.h"

namespace polylateral::accreditation {

enum class ApplicationOrder {
  kCreation,  // the default: creation order
  kDeadline,  // applications in their notice period by notice deadline, then the others
};

// Every member optional; an application is listed when it matches each one set. A filter
// added later (such as a notice list) is one more member here, in Matches and in
// CanonicalQuery.
struct ApplicationFilter {
  std::optional<AppState> state;
  std::string route_id;     // empty: any route
  std::string stakeholder;  // a stakeholder id; empty: any
  // Notice deadline strictly before this; InfiniteFuture: no deadline filter. Only
  // applications in their notice period have a notice deadline.
  absl::Time deadline_before = absl::InfiniteFuture();
};

struct ApplicationQuery {
  ApplicationFilter filter;
  ApplicationOrder order = ApplicationOrder::kCreation;

  // No filter and the default order: the plain listing.
  bool IsPlain() const;
};

// "" and "create_time": kCreation; "deadline": kDeadline (AIP-132 order_by); anything else is
// INVALID_ARGUMENT INVALID_FILTER on `order_by`.
absl::StatusOr<ApplicationOrder> ParseApplicationOrder(const std::string& order_by);

// INVALID_ARGUMENT INVALID_FILTER naming each bad field (`state`, `route_id`, `stakeholder`).
absl::Status CheckApplicationQuery(const ApplicationQuery& q);

// Whether `a` passes every filter of `f`.
bool Matches(const ApplicationFilter& f, const Application& a);

// The notice deadline the deadline filter and order read: due_time while IN_NOTICE; none
// (nullopt) in every other state.
std::optional<absl::Time> NoticeDeadline(const Application& a);

// A stable text of the query for page-token fingerprints: "" for the plain listing (so that
// its tokens stay as they were), else every filter and the order.
std::string CanonicalQuery(const ApplicationQuery& q);

}  // namespace polylateral::accreditation

#endif  // POLYLATERAL_SERVICES_ACCREDITATION_DOMAIN_APPLICATION_QUERY_H_

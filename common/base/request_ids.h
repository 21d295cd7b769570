#ifndef POLYLATERAL_COMMON_BASE_REQUEST_IDS_H_
#define POLYLATERAL_COMMON_BASE_REQUEST_IDS_H_

// Idempotency keys (a request's `request_id`) belong to the caller that sent them: one caller
// reusing another's request_id must neither get the other's resource back nor have its own
// write dropped. Each write that remembers a request_id also remembers a fingerprint of the
// request (an opaque string the API layer computes; the store keeps it after a '\n' behind
// the remembered result, and a record without one matches any request), so that a caller replaying
// a request_id with a different request is told so instead of silently getting the first result.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/base/principal.h"

namespace polylateral {

// "<principal>|<request_id>" ("stakeholder:acme|r-1", "anonymous|r-1"); empty when
// `request_id` is. A principal's text never contains '|', so two callers never share a key.
std::string CallerRequestKey(const Principal& caller, absl::string_view request_id);

// INVALID_ARGUMENT, reason REQUEST_ID_REUSED, field request_id: the caller already used this
// request_id (within its lifetime) for a different request.
absl::Status RequestIdReused();

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_REQUEST_IDS_H_

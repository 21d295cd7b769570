#ifndef POLYLATERAL_TOOLS_POLYCTL_EXIT_CODES_H_
#define POLYLATERAL_TOOLS_POLYCTL_EXIT_CODES_H_

// polyctl's exit status, one per thing a script can do about it (docs/polyctl.md).

#include "grpcpp/support/status_code_enum.h"

namespace polylateral::polyctl {

enum ExitCode : int {
  kExitOk = 0,
  // The service refused the request for another reason (INVALID_ARGUMENT, INTERNAL, ...).
  kExitFailed = 1,
  // Bad command line or configuration.
  kExitUsage = 2,
  // The input file is malformed or fails validation; nothing was written.
  kExitBadInput = 3,
  kExitNotFound = 4,
  // The resource changed or is in the wrong state: ABORTED (stale etag),
  // FAILED_PRECONDITION, ALREADY_EXISTS.
  kExitConflict = 5,
  // PERMISSION_DENIED, UNAUTHENTICATED: another principal is needed.
  kExitDenied = 6,
  // UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED: try again later.
  kExitUnavailable = 7,
  // An import wrote some rows and the service refused others (listed in the report).
  kExitPartial = 8,
};

inline ExitCode ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::ABORTED:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::ALREADY_EXISTS:
      return kExitConflict;
    case grpc::StatusCode::PERMISSION_DENIED:
    case grpc::StatusCode::UNAUTHENTICATED:
      return kExitDenied;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return kExitUnavailable;
    default:
      return kExitFailed;
  }
}

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_EXIT_CODES_H_

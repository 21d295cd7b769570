#ifndef POLYLATERAL_TOOLS_POLYCTL_CALL_ERROR_H_
#define POLYLATERAL_TOOLS_POLYCTL_CALL_ERROR_H_

// A failed call as polyctl reports it: the gRPC code, the message, and the google.rpc.Status
// details the services attach (ErrorInfo reason, BadRequest field violations,
// PreconditionFailure subjects) from the grpc-status-details-bin trailer.

#include <string>
#include <utility>
#include <vector>

#include "grpcpp/support/status.h"
#include "nlohmann/json.hpp"
#include "tools/polyctl/exit_codes.h"

namespace polylateral::polyctl {

struct CallError {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  std::string reason;
  // (field, description) from BadRequest; (subject, description) from PreconditionFailure.
  std::vector<std::pair<std::string, std::string>> violations;
  // polyctl could not make the call (an unreadable certificate, no address): a configuration
  // problem, not the service's answer.
  bool local = false;
};

// A local error is kExitUsage; an answer's code maps by ExitCodeFor.
inline int ExitCodeOf(const CallError& e) { return e.local ? kExitUsage : ExitCodeFor(e.code); }

CallError DecodeCallError(const grpc::Status& status);

// "NOT_FOUND", "INVALID_ARGUMENT", ...
std::string CodeName(grpc::StatusCode code);

// "ABORTED [ETAG_MISMATCH]: message" and one indented line per violation.
std::string FormatCallError(const CallError& e);
nlohmann::json CallErrorJson(const CallError& e);

// The ErrorInfo reason alone ("" when none).
inline std::string ReasonOf(const grpc::Status& s) { return DecodeCallError(s).reason; }

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_CALL_ERROR_H_

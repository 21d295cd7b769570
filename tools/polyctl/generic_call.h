#ifndef POLYLATERAL_TOOLS_POLYCTL_GENERIC_CALL_H_
#define POLYLATERAL_TOOLS_POLYCTL_GENERIC_CALL_H_

// One unary call of any method, JSON in and out, over polyctl's connection: the bridge between
// the commands and common/rpc_json.

#include <string>

#include "nlohmann/json.hpp"
#include "tools/polyctl/call_error.h"
#include "tools/polyctl/connection.h"

namespace polylateral::polyctl {

struct CallResult {
  bool ok = false;
  nlohmann::json response;
  CallError error;
};

// Makes sure the generated descriptors of the five service files are linked in (the generated
// pool finds a method only then). Idempotent.
void LinkServiceDescriptors();

// `method` is "/polylateral.registry.v1.RegistryService/GetStakeholder"; `service` the
// polylateral service that serves it ("registry"), whose address and SPIFFE id are used.
CallResult CallJson(Connection& connection, const std::string& service, const std::string& method,
                    const nlohmann::json& request);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_GENERIC_CALL_H_

#ifndef POLYLATERAL_SERVICES_REGISTRY_STORE_SCRIPT_ERRORS_H_
#define POLYLATERAL_SERVICES_REGISTRY_STORE_SCRIPT_ERRORS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace polylateral::registry {

// A script's error reply "CODE detail" split in two ("REF_MISSING 3" -> {"REF_MISSING", "3"}).
struct ScriptError {
  std::string code;
  std::string detail;
};

inline ScriptError ParseScriptError(absl::string_view reply) {
  size_t space = reply.find(' ');
  if (space == absl::string_view::npos) return {std::string(reply), ""};
  return {std::string(reply.substr(0, space)), std::string(reply.substr(space + 1))};
}

}  // namespace polylateral::registry

#endif  // POLYLATERAL_SERVICES_REGISTRY_STORE_SCRIPT_ERRORS_H_

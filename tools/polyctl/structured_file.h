#ifndef POLYLATERAL_TOOLS_POLYCTL_STRUCTURED_FILE_H_
#define POLYLATERAL_TOOLS_POLYCTL_STRUCTURED_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace polylateral::polyctl {

// A JSON file, or a YAML file (.yaml, .yml) read with yaml-cpp and turned into the same JSON:
// unquoted true/false/null and numbers keep their type, everything else is a string (the
// protobuf JSON parser takes numbers in strings too). INVALID_ARGUMENT naming the file.
absl::StatusOr<nlohmann::json> ReadStructuredFile(const std::string& path);

}  // namespace polylateral::polyctl

#endif  // POLYLATERAL_TOOLS_POLYCTL_STRUCTURED_FILE_H_

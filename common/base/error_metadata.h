#ifndef POLYLATERAL_COMMON_BASE_ERROR_METADATA_H_
#define POLYLATERAL_COMMON_BASE_ERROR_METADATA_H_

// ErrorInfo metadata on an absl::Status, beside the reason and violations of errors.h: a
// value a caller can act on (the oldest resume token a stream still holds), carried as a
// payload that common/server/status_mapping puts into google.rpc.ErrorInfo.metadata.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace polylateral {

// Attaches one metadata entry (`key` lowerCamel or snake_case); no-op on OK.
absl::Status WithErrorMetadata(absl::Status status, absl::string_view key, absl::string_view value);
// Every entry attached, in no particular order.
std::vector<std::pair<std::string, std::string>> ErrorMetadata(const absl::Status& status);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_ERROR_METADATA_H_

#ifndef POLYLATERAL_COMMON_EDGE_LISTEN_ADDRESS_H_
#define POLYLATERAL_COMMON_EDGE_LISTEN_ADDRESS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace polylateral::edge {

// Whether every address `address` ("127.0.0.1:50051", "[::1]:0", "localhost:1",
// "0.0.0.0:50051") resolves to is a loopback address. Decided on the resolved addresses, not
// the spelling: "127.example.org" is whatever it resolves to, and a wildcard is not loopback.
// INVALID_ARGUMENT when the host does not resolve.
absl::StatusOr<bool> IsLoopbackAddress(absl::string_view address);

}  // namespace polylateral::edge

#endif  // POLYLATERAL_COMMON_EDGE_LISTEN_ADDRESS_H_

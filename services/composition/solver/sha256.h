#ifndef POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SHA256_H_
#define POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SHA256_H_

// SHA-256 (FIPS 180-4), for the lottery's seed commitment: small enough to carry here rather
// than pull a crypto library into the solver.

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace polylateral::composition {

std::array<uint8_t, 32> Sha256(absl::string_view data);
std::string Sha256Hex(absl::string_view data);  // lower-case hex

}  // namespace polylateral::composition

#endif  // POLYLATERAL_SERVICES_COMPOSITION_SOLVER_SHA256_H_

#include "services/composition/api/pool_limit.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral::composition {

absl::Status CheckPoolSize(int candidates, int max_pool_size, absl::string_view field) {
  if (candidates <= max_pool_size) return absl::OkStatus();
  return ResourceExhausted(
      "POOL_TOO_LARGE",
      absl::StrCat(field, " has ", candidates, " candidates; this service solves pools of at most ",
                   max_pool_size, " (--max_pool_size)"));
}

}  // namespace polylateral::composition

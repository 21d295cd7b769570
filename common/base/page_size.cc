#include "common/base/page_size.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral {

absl::StatusOr<int> ResolvePageSize(int requested, PageLimits limits) {
  if (requested < 0) {
    return InvalidArgument(
        "INVALID_PAGE_SIZE", "page_size",
        absl::StrCat("must not be negative (0 asks for the default, ", limits.default_size, ")"));
  }
  if (requested == 0) return limits.default_size;
  return requested > limits.max_size ? limits.max_size : requested;
}

}  // namespace polylateral

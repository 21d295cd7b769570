#include "common/base/page_size.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral {

absl::StatusOr<int> ResolvePageSize(int requested, PageLimits limits) {
  if (requested < 0 || requested > limits.max_size) {
    return InvalidArgument(
        "INVALID_PAGE_SIZE", "page_size",
        absl::StrCat("must be 0 (the default, ", limits.default_size, ") to ", limits.max_size));
  }
  return requested == 0 ? limits.default_size : requested;
}

}  // namespace polylateral

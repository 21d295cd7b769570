#ifndef POLYLATERAL_COMMON_BASE_PAGE_SIZE_H_
#define POLYLATERAL_COMMON_BASE_PAGE_SIZE_H_

// The one paging rule of every List method (AIP-158): `page_size` 0 asks for the default,
// 1..max is taken as given, above the maximum is served as the maximum (a client written for
// a larger page still pages through everything with next_page_token), and a negative size is
// refused. One default and one maximum for the whole suite, so a caller who pages one listing
// pages them all the same way.

#include "absl/status/statusor.h"

namespace polylateral {

struct PageLimits {
  int default_size = 50;
  int max_size = 200;
};

// Every listing uses these unless the method documents, next to its own limits, why not.
inline constexpr PageLimits kPageLimits{};

// The number of items to return, or INVALID_ARGUMENT with reason INVALID_PAGE_SIZE on field
// `page_size` when `requested` is negative.
absl::StatusOr<int> ResolvePageSize(int requested, PageLimits limits = kPageLimits);

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_PAGE_SIZE_H_

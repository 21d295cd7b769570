#ifndef POLYLATERAL_COMMON_BASE_STORED_TIME_H_
#define POLYLATERAL_COMMON_BASE_STORED_TIME_H_

#include "absl/time/time.h"
#include "common/base/clock.h"

namespace polylateral {

// Now, at the precision records are stored with (microseconds), so that what a write returns
// is exactly what a later read returns.
inline absl::Time StorableNow(const Clock& clock) {
  return absl::FromUnixMicros(absl::ToUnixMicros(clock.Now()));
}

}  // namespace polylateral

#endif  // POLYLATERAL_COMMON_BASE_STORED_TIME_H_

#include "common/base/request_ids.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"

namespace polylateral {

std::string CallerRequestKey(const Principal& caller, absl::string_view request_id) {
  if (request_id.empty()) return "";
  return absl::StrCat(caller.ToString(), "|", request_id);
}

absl::Status RequestIdReused() {
  return InvalidArgument("REQUEST_ID_REUSED", "request_id",
                         "was already used by this caller for a different request; use a new "
                         "request_id for a new request");
}

}  // namespace polylateral

#ifndef POLYLATERAL_COMMON_SERVER_REQUEST_FINGERPRINT_H_
#define POLYLATERAL_COMMON_SERVER_REQUEST_FINGERPRINT_H_

#include <string>

#include "google/protobuf/message.h"

namespace polylateral::server {

// What a request says, apart from its `request_id` and any fields this build does not know:
// 32 hex digits of the SHA-256 of its deterministic serialization. Two requests with the same
// fingerprint ask for the same thing; the domain compares it as an opaque string when a
// request_id is replayed (common/base/request_ids.h).
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_REQUEST_FINGERPRINT_H_

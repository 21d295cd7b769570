#include "common/server/proto_checks.h"

#include <cstdint>

#include "common/base/errors.h"
#include "google/protobuf/descriptor.h"

namespace polylateral::server {
namespace {

// google/protobuf/timestamp.proto's documented range.
constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int32_t kMaxNanos = 999999999;

}  // namespace

absl::Status CheckEnum(const google::protobuf::EnumDescriptor* descriptor, int value,
                       absl::string_view field) {
  if (descriptor->FindValueByNumber(value) == nullptr) return UnknownEnumValue(value, field);
  return absl::OkStatus();
}

absl::Status CheckTimestamp(const google::protobuf::Timestamp& t, absl::string_view field) {
  if (t.seconds() < kMinSeconds || t.seconds() > kMaxSeconds) {
    return InvalidArgument(kInvalidTimestamp, field, "must lie in the years 1..9999");
  }
  if (t.nanos() < 0 || t.nanos() > kMaxNanos) {
    return InvalidArgument(kInvalidTimestamp, field, "nanos must lie in 0..999999999");
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field) {
  if (absl::Status s = CheckTimestamp(t, field); !s.ok()) return s;
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace polylateral::server

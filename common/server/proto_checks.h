#ifndef POLYLATERAL_COMMON_SERVER_PROTO_CHECKS_H_
#define POLYLATERAL_COMMON_SERVER_PROTO_CHECKS_H_

// Checks every handler applies alike to proto-typed request fields, before any rule reads
// them: enum numbers the proto does not define (proto3 keeps them) and timestamps outside
// google.protobuf.Timestamp's range (years 1..9999, nanos 0..999,999,999), which absl::Time
// arithmetic would otherwise accept and store.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/base/enum_value.h"
#include "google/protobuf/generated_enum_reflection.h"
#include "google/protobuf/message.h"
#include "google/protobuf/timestamp.pb.h"

namespace polylateral::server {

inline constexpr absl::string_view kInvalidTimestamp = "INVALID_TIMESTAMP";

// OK when `value` is a number `descriptor` defines; INVALID_ARGUMENT UNKNOWN_ENUM_VALUE on
// `field` else.
absl::Status CheckEnum(const google::protobuf::EnumDescriptor* descriptor, int value,
                       absl::string_view field);

template <typename E>
absl::Status CheckEnum(E value, absl::string_view field) {
  return CheckEnum(google::protobuf::GetEnumDescriptor<E>(), static_cast<int>(value), field);
}

// CheckEnum on every enum field set anywhere in `message`, nested and repeated ones included,
// so that a handler cannot forget one: INVALID_ARGUMENT UNKNOWN_ENUM_VALUE naming the first
// offending field by its path from the request ("input.target.kind",
// "input.attachments[2].kind").
absl::Status CheckEnums(const google::protobuf::Message& message);

// OK within 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999999Z with nanos in
// 0..999,999,999; INVALID_ARGUMENT INVALID_TIMESTAMP on `field` else.
absl::Status CheckTimestamp(const google::protobuf::Timestamp& t, absl::string_view field);

// The checked timestamp as an absl::Time.
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& t,
                                         absl::string_view field);

}  // namespace polylateral::server

#endif  // POLYLATERAL_COMMON_SERVER_PROTO_CHECKS_H_

#include "common/server/proto_checks.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "google/protobuf/descriptor.h"

namespace polylateral::server {
namespace {

// google/protobuf/timestamp.proto's documented range.
constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
constexpr int32_t kMaxNanos = 999999999;

absl::Status CheckEnumsAt(const google::protobuf::Message& message, const std::string& prefix) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string path = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      if (f->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, f); ++i) {
          const int value = reflection->GetRepeatedEnumValue(message, f, i);
          if (absl::Status s = CheckEnum(f->enum_type(), value, absl::StrCat(path, "[", i, "]"));
              !s.ok()) {
            return s;
          }
        }
      } else if (absl::Status s =
                     CheckEnum(f->enum_type(), reflection->GetEnumValue(message, f), path);
                 !s.ok()) {
        return s;
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, f); ++i) {
          if (absl::Status s = CheckEnumsAt(reflection->GetRepeatedMessage(message, f, i),
                                            absl::StrCat(path, "[", i, "]"));
              !s.ok()) {
            return s;
          }
        }
      } else if (absl::Status s = CheckEnumsAt(reflection->GetMessage(message, f), path); !s.ok()) {
        return s;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckEnums(const google::protobuf::Message& message) {
  return CheckEnumsAt(message, "");
}

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

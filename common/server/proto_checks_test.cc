#include "common/server/proto_checks.h"

#include "common/base/errors.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

google::protobuf::Timestamp Stamp(int64_t seconds, int32_t nanos) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  return t;
}

void ExpectRefused(const absl::Status& s, absl::string_view reason, absl::string_view field) {
  EXPECT_TRUE(absl::IsInvalidArgument(s)) << s;
  EXPECT_EQ(ErrorReason(s), reason);
  ASSERT_EQ(ErrorViolations(s).size(), 1U);
  EXPECT_EQ(ErrorViolations(s)[0].field, field);
}

TEST(ProtoChecksTest, EnumNumbersOutsideTheDescriptorAreRefused) {
  EXPECT_TRUE(CheckEnum(google::protobuf::NULL_VALUE, "v").ok());
  ExpectRefused(CheckEnum(static_cast<google::protobuf::NullValue>(99), "v"), "UNKNOWN_ENUM_VALUE",
                "v");
}

TEST(ProtoChecksTest, EveryEnumOfAMessageIsCheckedWithItsPath) {
  google::protobuf::Value v;
  auto* list = v.mutable_list_value();
  list->add_values()->set_null_value(google::protobuf::NULL_VALUE);
  list->add_values()->set_string_value("x");
  EXPECT_TRUE(CheckEnums(v).ok());
  list->add_values()->set_null_value(static_cast<google::protobuf::NullValue>(7));
  ExpectRefused(CheckEnums(v), "UNKNOWN_ENUM_VALUE", "list_value.values[2].null_value");

  google::protobuf::Value top;
  top.set_null_value(static_cast<google::protobuf::NullValue>(-1));
  ExpectRefused(CheckEnums(top), "UNKNOWN_ENUM_VALUE", "null_value");
}

TEST(ProtoChecksTest, TimestampsInsideTheRangePass) {
  EXPECT_TRUE(CheckTimestamp(Stamp(-62135596800, 0), "t").ok());
  EXPECT_TRUE(CheckTimestamp(Stamp(253402300799, 999999999), "t").ok());
  auto t = TimeFromProto(Stamp(1, 500), "t");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, absl::FromUnixNanos(1000000500));
}

TEST(ProtoChecksTest, TimestampsOutsideTheRangeAreRefused) {
  ExpectRefused(CheckTimestamp(Stamp(-62135596801, 0), "at_time"), "INVALID_TIMESTAMP", "at_time");
  ExpectRefused(CheckTimestamp(Stamp(253402300800, 0), "at_time"), "INVALID_TIMESTAMP", "at_time");
  ExpectRefused(CheckTimestamp(Stamp(0, -1), "at_time"), "INVALID_TIMESTAMP", "at_time");
  ExpectRefused(CheckTimestamp(Stamp(0, 1000000000), "at_time"), "INVALID_TIMESTAMP", "at_time");
  EXPECT_FALSE(TimeFromProto(Stamp(0, -1), "at_time").ok());
}

}  // namespace
}  // namespace polylateral::server

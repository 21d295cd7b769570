#include "common/server/status_mapping.h"

#include "common/base/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

google::rpc::Status Details(const grpc::Status& s) {
  google::rpc::Status rpc;
  EXPECT_TRUE(rpc.ParseFromString(s.error_details()));
  return rpc;
}

TEST(StatusMappingTest, InvalidArgumentCarriesErrorInfoAndBadRequest) {
  Violations v;
  v.Add("stakeholder.country", "unknown ISO 3166-1 code: XX");
  grpc::Status s = ToGrpcStatus(v.ToStatus("INVALID_STAKEHOLDER"), "polylateral.registry");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto rpc = Details(s);
  ASSERT_EQ(rpc.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rpc.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_STAKEHOLDER");
  EXPECT_EQ(info.domain(), "polylateral.registry");
  google::rpc::BadRequest bad;
  ASSERT_TRUE(rpc.details(1).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations(0).field(), "stakeholder.country");
}

TEST(StatusMappingTest, FailedPreconditionCarriesPreconditionFailure) {
  grpc::Status s = ToGrpcStatus(FailedPrecondition("IN_USE", "stakeholders/a", "referenced"), "d");
  auto rpc = Details(s);
  google::rpc::PreconditionFailure failure;
  ASSERT_TRUE(rpc.details(1).UnpackTo(&failure));
  EXPECT_EQ(failure.violations(0).subject(), "stakeholders/a");
  EXPECT_EQ(failure.violations(0).type(), "IN_USE");
}

TEST(StatusMappingTest, InternalErrorsHideTheirText) {
  grpc::Status s = ToGrpcStatus(absl::InternalError("redis said secret things"), "d");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(s.error_message().find("secret"), std::string::npos);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(Details(s).details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INTERNAL");
}

TEST(StatusMappingTest, ManyViolationsAreCappedWithACountOfTheRest) {
  Violations v;
  for (int i = 0; i < 3000; ++i) {
    v.Add("stakeholder.themes[" + std::to_string(i) + "]",
          "unknown theme: themes/made-up-" + std::to_string(i));
  }
  grpc::Status s = ToGrpcStatus(v.ToStatus("INVALID_STAKEHOLDER"), "d");
  EXPECT_LT(s.error_details().size(), 8u * 1024);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(Details(s).details(1).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), kMaxListedViolations + 1);
  EXPECT_EQ(bad.field_violations(0).field(), "stakeholder.themes[0]");
  EXPECT_EQ(bad.field_violations(kMaxListedViolations - 1).field(), "stakeholder.themes[49]");
  EXPECT_EQ(bad.field_violations(kMaxListedViolations).field(), "");
  EXPECT_NE(bad.field_violations(kMaxListedViolations).description().find("2950 more"),
            std::string::npos);
}

TEST(StatusMappingTest, FiftyViolationsAreListedAsTheyAre) {
  Violations v;
  for (int i = 0; i < kMaxListedViolations; ++i) v.Add("f" + std::to_string(i), "bad");
  google::rpc::BadRequest bad;
  ASSERT_TRUE(Details(ToGrpcStatus(v.ToStatus(), "d")).details(1).UnpackTo(&bad));
  EXPECT_EQ(bad.field_violations_size(), kMaxListedViolations);
}

TEST(StatusMappingTest, LongTextsAreCutAtACharacterBoundary) {
  // 2-byte characters: an odd cut would split one.
  std::string name;
  for (int i = 0; i < 5000; ++i) name += "\xc3\xa9";
  grpc::Status s = ToGrpcStatus(InvalidArgument("INVALID_X", "x", "unknown: " + name), "d");
  EXPECT_LE(s.error_message().size(), kMaxDetailBytes);
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(s.error_details()));  // valid UTF-8 throughout
  google::rpc::BadRequest bad;
  ASSERT_TRUE(rpc.details(1).UnpackTo(&bad));
  EXPECT_LE(bad.field_violations(0).description().size(), kMaxDetailBytes);
  EXPECT_EQ(bad.field_violations(0).description().substr(0, 9), "unknown: ");
}

TEST(StatusMappingTest, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "d").ok()); }

TEST(StatusMappingTest, GoStyleCodeNames) {
  EXPECT_EQ(GrpcCodeName(0), "OK");
  EXPECT_EQ(GrpcCodeName(3), "InvalidArgument");
  EXPECT_EQ(GrpcCodeName(5), "NotFound");
  EXPECT_EQ(GrpcCodeName(16), "Unauthenticated");
}

}  // namespace
}  // namespace polylateral::server

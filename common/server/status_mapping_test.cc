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

TEST(StatusMappingTest, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "d").ok()); }

TEST(StatusMappingTest, GoStyleCodeNames) {
  EXPECT_EQ(GrpcCodeName(0), "OK");
  EXPECT_EQ(GrpcCodeName(3), "InvalidArgument");
  EXPECT_EQ(GrpcCodeName(5), "NotFound");
  EXPECT_EQ(GrpcCodeName(16), "Unauthenticated");
}

}  // namespace
}  // namespace polylateral::server

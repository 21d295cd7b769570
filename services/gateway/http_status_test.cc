#include "services/gateway/http_status.h"

#include "gtest/gtest.h"

namespace polylateral::gateway {
namespace {

TEST(HttpStatusTest, FollowsGoogleRpcCode) {
  EXPECT_EQ(HttpStatusFromGrpcCode(0), 200);
  EXPECT_EQ(HttpStatusFromGrpcCode(1), 499);
  EXPECT_EQ(HttpStatusFromGrpcCode(3), 400);
  EXPECT_EQ(HttpStatusFromGrpcCode(4), 504);
  EXPECT_EQ(HttpStatusFromGrpcCode(5), 404);
  EXPECT_EQ(HttpStatusFromGrpcCode(6), 409);
  EXPECT_EQ(HttpStatusFromGrpcCode(7), 403);
  EXPECT_EQ(HttpStatusFromGrpcCode(8), 429);
  EXPECT_EQ(HttpStatusFromGrpcCode(9), 400);
  EXPECT_EQ(HttpStatusFromGrpcCode(10), 409);
  EXPECT_EQ(HttpStatusFromGrpcCode(12), 501);
  EXPECT_EQ(HttpStatusFromGrpcCode(13), 500);
  EXPECT_EQ(HttpStatusFromGrpcCode(14), 503);
  EXPECT_EQ(HttpStatusFromGrpcCode(16), 401);
  EXPECT_EQ(HttpStatusFromGrpcCode(99), 500);
}

}  // namespace
}  // namespace polylateral::gateway

#include "common/edge/outgoing_call.h"

#include "common/base/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace polylateral::edge {
namespace {

// An upstream's error as it arrives: code, message and a google.rpc.Status with ErrorInfo.
grpc::Status Upstream(grpc::StatusCode code, const std::string& reason) {
  google::rpc::Status details;
  details.set_code(code);
  details.set_message("upstream says no");
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain("polylateral.registry");
  details.add_details()->PackFrom(info);
  return grpc::Status(code, "upstream says no", details.SerializeAsString());
}

TEST(FromUpstream, ClientErrorsStayClientErrorsWithTheirReason) {
  for (auto code : {grpc::StatusCode::PERMISSION_DENIED, grpc::StatusCode::NOT_FOUND,
                    grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::FAILED_PRECONDITION,
                    grpc::StatusCode::ALREADY_EXISTS, grpc::StatusCode::ABORTED}) {
    absl::Status st = FromUpstream(Upstream(code, "SOME_REASON"), "registry");
    EXPECT_EQ(static_cast<int>(st.code()), static_cast<int>(code));
    EXPECT_EQ(ErrorReason(st), "SOME_REASON");
  }
}

TEST(FromUpstream, AFailingUpstreamIsUnavailable) {
  for (auto code : {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::INTERNAL,
                    grpc::StatusCode::UNKNOWN, grpc::StatusCode::RESOURCE_EXHAUSTED,
                    grpc::StatusCode::DATA_LOSS, grpc::StatusCode::UNIMPLEMENTED}) {
    absl::Status st = FromUpstream(grpc::Status(code, "boom"), "registry");
    EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable) << code;
    EXPECT_EQ(ErrorReason(st), "REGISTRY_UNAVAILABLE");
  }
}

TEST(FromUpstream, DeadlinesAndCancellationKeepTheirCode) {
  EXPECT_EQ(
      FromUpstream(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, ""), "accreditation").code(),
      absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(FromUpstream(grpc::Status(grpc::StatusCode::CANCELLED, ""), "accreditation").code(),
            absl::StatusCode::kCancelled);
  EXPECT_TRUE(FromUpstream(grpc::Status::OK, "registry").ok());
}

}  // namespace
}  // namespace polylateral::edge

#include "common/server/request_fingerprint.h"

#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"

namespace polylateral::server {
namespace {

// google.rpc.RequestInfo has a request_id field and another string: a stand-in for any
// request carrying one.
google::rpc::RequestInfo Request(const std::string& request_id, const std::string& body) {
  google::rpc::RequestInfo r;
  r.set_request_id(request_id);
  r.set_serving_data(body);
  return r;
}

TEST(RequestFingerprintTest, IgnoresRequestIdAndUnknownFields) {
  const std::string a = RequestFingerprint(Request("r-1", "x"));
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, RequestFingerprint(Request("r-2", "x")));
  google::rpc::RequestInfo with_unknown = Request("r-1", "x");
  with_unknown.GetReflection()->MutableUnknownFields(&with_unknown)->AddVarint(99, 7);
  EXPECT_EQ(a, RequestFingerprint(with_unknown));
}

TEST(RequestFingerprintTest, DiffersWhenTheRequestDoes) {
  EXPECT_NE(RequestFingerprint(Request("r-1", "x")), RequestFingerprint(Request("r-1", "y")));
}

}  // namespace
}  // namespace polylateral::server

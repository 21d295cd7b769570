#include "common/edge/listen_address.h"

#include "gtest/gtest.h"

namespace polylateral::edge {
namespace {

TEST(IsLoopbackAddress, LoopbackAddressesAndNames) {
  EXPECT_TRUE(*IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(*IsLoopbackAddress("127.1.2.3:0"));
  EXPECT_TRUE(*IsLoopbackAddress("[::1]:50051"));
  EXPECT_TRUE(*IsLoopbackAddress("localhost:50051"));
}

TEST(IsLoopbackAddress, WildcardsAreNotLoopback) {
  EXPECT_FALSE(*IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(*IsLoopbackAddress("[::]:50051"));
  EXPECT_FALSE(*IsLoopbackAddress(":50051"));
}

TEST(IsLoopbackAddress, DecidedByResolutionNotSpelling) {
  // A name that merely starts like a loopback address does not resolve here: refused,
  // never taken for loopback.
  auto r = IsLoopbackAddress("127.example.invalid:50051");
  EXPECT_FALSE(r.ok() && *r);
  EXPECT_FALSE(*IsLoopbackAddress("10.0.0.1:50051"));
}

}  // namespace
}  // namespace polylateral::edge

#ifndef POLYLATERAL_COMMON_TESTING_REDIS_FIXTURE_H_
#define POLYLATERAL_COMMON_TESTING_REDIS_FIXTURE_H_

#include <memory>

#include "common/redis/redis_client.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"

namespace polylateral::testing {

// A gtest fixture for store tests: one real redis-server per test suite (starting one per test
// would dominate the run), and for every test a fresh client on an emptied database, so tests
// neither see nor depend on each other's keys. A derived SetUp calls this one first.
class RedisFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new RedisServer();
    server_->Start();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    redis::RedisOptions options;
    options.address = server_->address();
    redis_ = std::make_unique<redis::RedisClient>(options, nullptr);
    ASSERT_TRUE(redis_->Command({"FLUSHALL"}).ok());
  }

  static inline RedisServer* server_ = nullptr;
  std::unique_ptr<redis::RedisClient> redis_;
};

}  // namespace polylateral::testing

#endif  // POLYLATERAL_COMMON_TESTING_REDIS_FIXTURE_H_

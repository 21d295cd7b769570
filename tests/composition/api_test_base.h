#ifndef POLYLATERAL_TESTS_COMPOSITION_API_TEST_BASE_H_
#define POLYLATERAL_TESTS_COMPOSITION_API_TEST_BASE_H_

#include "common/redis/redis_client.h"
#include "gtest/gtest.h"
#include "tests/composition/composition_harness.h"

namespace polylateral::composition::testing {

// One redis-server per test binary, flushed before each test; a registry and a composition
// service per test, on a clock the test moves.
class CompositionApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    redis_ = new polylateral::testing::RedisServer(polylateral::testing::RedisAcl::kServiceUsers);
    redis_->Start();
  }
  static void TearDownTestSuite() {
    delete redis_;
    redis_ = nullptr;
  }
  void SetUp() override {
    redis::RedisOptions o = redis_->Options();
    redis::RedisClient(o, nullptr).Command({"FLUSHALL"}).IgnoreError();
    harness_ = std::make_unique<CompositionHarness>(redis_, &clock_, with_metrics_, options_);
  }
  void TearDown() override { harness_.reset(); }

  static inline polylateral::testing::RedisServer* redis_ = nullptr;
  // 2030-03-01: before the test processes' future sessions.
  FakeClock clock_{absl::FromCivil(absl::CivilDay(2030, 3, 1), absl::UTCTimeZone())};
  bool with_metrics_ = false;
  // The service's options (set in a subclass's constructor).
  CompositionOptions options_;
  std::unique_ptr<CompositionHarness> harness_;
};

}  // namespace polylateral::composition::testing

#endif  // POLYLATERAL_TESTS_COMPOSITION_API_TEST_BASE_H_

#include "services/routing/domain/inbox_destination.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/routing/domain/input_router_fakes.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

class InboxDestinationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.processes = {testing::GlobalMechanism()};
    StakeholderInfo network;
    network.id = "jcs-network";
    network.is_network = true;
    registry_.stakeholders["jcs-network"] = network;
    StakeholderInfo company;
    company.id = "acme-security";
    registry_.stakeholders["acme-security"] = company;
  }
  absl::Status Check(const std::string& destination) {
    return CheckDestinationExists(registry_, destination, absl::InfiniteFuture());
  }
  testing::TableRegistry registry_;
};

TEST_F(InboxDestinationTest, ExistingDestinationsPass) {
  EXPECT_TRUE(Check("clearing-house").ok());
  EXPECT_TRUE(Check("processes/global-mechanism/plenary").ok());
  EXPECT_TRUE(Check("processes/global-mechanism/sessions/s1").ok());
  EXPECT_TRUE(Check("processes/global-mechanism/groups/tg-cip").ok());
  EXPECT_TRUE(Check("states/FR/inbox").ok());
  EXPECT_TRUE(Check("networks/jcs-network").ok());
}

TEST_F(InboxDestinationTest, UnknownDestinationsAreNotFound) {
  for (const char* dest : {"processes/nowhere/plenary", "processes/global-mechanism/sessions/s9",
                           "processes/global-mechanism/groups/tg-none", "states/ZZ/inbox",
                           "states/fr/inbox", "networks/nobody", "networks/acme-security"}) {
    absl::Status st = Check(dest);
    EXPECT_EQ(st.code(), absl::StatusCode::kNotFound) << dest;
    EXPECT_EQ(ErrorReason(st), "DESTINATION_NOT_FOUND") << dest;
  }
}

TEST(InboxKindTest, EachDestinationShapeHasItsKind) {
  const std::pair<const char*, InboxKind> cases[] = {
      {"processes/global-mechanism/plenary", InboxKind::kProcessChannel},
      {"processes/global-mechanism/sessions/s1", InboxKind::kProcessChannel},
      {"processes/global-mechanism/groups/cip", InboxKind::kProcessChannel},
      {"states/FR/inbox", InboxKind::kState},
      {"networks/jcs-network", InboxKind::kNetwork},
      {"clearing-house", InboxKind::kClearingHouse}};
  for (const auto& [dest, kind] : cases) {
    EXPECT_EQ(InboxKindOf(dest), kind) << dest;
  }
  EXPECT_EQ(InboxKindName(InboxKind::kProcessChannel), "process_channel");
  EXPECT_EQ(InboxKindName(InboxKind::kState), "state");
  EXPECT_EQ(InboxKindName(InboxKind::kNetwork), "network");
  EXPECT_EQ(InboxKindName(InboxKind::kClearingHouse), "clearing_house");
}

TEST(InboxKindTest, OtherNamesHaveNone) {
  for (const char* dest : {"", "processes", "processes/gm", "processes/gm/lobby",
                           "processes/gm/sessions", "processes//plenary", "states/FR",
                           "states/FR/outbox", "networks", "networks/a/b", "clearing-house/x"}) {
    EXPECT_EQ(InboxKindOf(dest), std::nullopt) << dest;
  }
}

}  // namespace
}  // namespace polylateral::routing

#include "services/routing/domain/carried_forward.h"

#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace polylateral::routing {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

Route Vertical(std::string state, std::string process) {
  Route r;
  r.kind = RouteKind::kVertical;
  r.via = state;
  r.destination = StateInboxDestination(state);
  r.process_id = std::move(process);
  return r;
}

Route Network(std::string id, std::string process) {
  Route r;
  r.kind = RouteKind::kNetwork;
  r.via = id;
  r.destination = NetworkDestination(id);
  r.process_id = std::move(process);
  return r;
}

CarriedForward Mark(std::string state, std::string note = "") {
  return CarriedForward{"in-1", std::move(state), std::move(note), absl::InfinitePast()};
}

TEST(CarriedForwardTest, NamesTheProcessesOfTheStatesVerticalRoutes) {
  const std::vector<Route> routes = {Vertical("CL", "global-mechanism"), Vertical("CA", "wsis"),
                                     Vertical("CL", "ai-dialogue"),
                                     Vertical("CL", "global-mechanism")};
  auto processes = CarriedProcesses(Mark("CL", "Paragraph 4 of our statement"), routes);
  ASSERT_TRUE(processes.ok()) << processes.status();
  EXPECT_THAT(*processes, ElementsAre("ai-dialogue", "global-mechanism"));
}

TEST(CarriedForwardTest, AVerticalRouteFeedingNoProcessStillAllowsTheMark) {
  auto processes = CarriedProcesses(Mark("CL"), {Vertical("CL", "")});
  ASSERT_TRUE(processes.ok()) << processes.status();
  EXPECT_THAT(*processes, IsEmpty());
}

TEST(CarriedForwardTest, OnlyAStateTheInputReachedVerticallyMayCarryIt) {
  // Routed to Canada, not to Chile.
  absl::Status s = CarriedProcesses(Mark("CL"), {Vertical("CA", "global-mechanism")}).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(s), "NOT_ROUTED_TO_STATE");
  // A network whose id happens to equal the state code is no vertical route.
  s = CarriedProcesses(Mark("CL"), {Network("CL", "global-mechanism")}).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  s = CarriedProcesses(Mark("CL"), {}).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(CarriedForwardTest, StateMustBeAnIso2CodeAndNoteWithinItsLimit) {
  EXPECT_TRUE(ValidateCarriedForward(Mark("CL", "Paragraph 4\n\tof our statement")).ok());
  for (const std::string bad : {"", "cl", "CHL", "C1"}) {
    absl::Status s = ValidateCarriedForward(Mark(bad));
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ErrorReason(s), "INVALID_REQUEST");
    EXPECT_THAT(ErrorViolations(s), ElementsAre(Field(&FieldViolation::field, "state")));
  }
  absl::Status s = ValidateCarriedForward(Mark("CL", std::string(kMaxCarriedNoteBytes + 1, 'x')));
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ErrorViolations(s), ElementsAre(Field(&FieldViolation::field, "note")));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("2000"));
  s = ValidateCarriedForward(Mark("CL", "bell\a"));
  EXPECT_THAT(ErrorViolations(s), ElementsAre(Field(&FieldViolation::field, "note")));
  EXPECT_TRUE(ValidateCarriedForward(Mark("CL", std::string(kMaxCarriedNoteBytes, 'x'))).ok());
}

}  // namespace
}  // namespace polylateral::routing

#include "services/routing/domain/input_router.h"

#include "common/base/clock.h"
#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/input_router_fakes.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::PlainCodec;
using testing::PlainRecord;

constexpr char kGroupCip[] = "processes/global-mechanism/groups/tg-cip";

Principal Stakeholder(std::string id) { return {Principal::Kind::kStakeholder, std::move(id)}; }

// The Global Mechanism fixtures behind the ports: acme-security (CA, private sector) accredited
// with written input; Canada's consultation and Chile's relay in the service's own facts.
class InputRouterTest : public ::testing::Test {
 protected:
  InputRouterTest() {
    const RoutingFacts f = testing::GlobalMechanismFacts();
    registry_.processes = f.processes;
    registry_.stakeholders["acme-security"] = {"acme-security", "Acme Security",
                                               vocabulary::StakeholderGroup::kPrivateSector, "CA",
                                               vocabulary::Region::kWesternEuropeanAndOthers};
    access_.answers = f.access;
    own_.consultations = f.consultations;
    own_.relays = f.relays;
  }

  absl::StatusOr<std::unique_ptr<InputRecord>> Submit(const Principal& who, const Input& in) {
    PlainRecord submitted;
    submitted.input = in;
    return router_.Submit(who, in, submitted, "", "", absl::InfiniteFuture());
  }

  // A stored record of `in`, as if submitted earlier with `routes`.
  std::string Seed(const Input& in, std::vector<Route> routes = {}) {
    PlainRecord r;
    r.name = absl::StrCat("inputs/", in.id);
    r.input = in;
    r.routes = std::move(routes);
    store_.inputs[in.id] = {codec_.Encode(r), 1, static_cast<int64_t>(r.routes.size()), 0};
    return in.id;
  }

  const PlainRecord& Stored(const std::string& id) {
    auto r = codec_.Decode(store_.inputs.at(id).record);
    EXPECT_TRUE(r.ok());
    held_ = std::move(*r);
    return PlainCodec::Of(*held_);
  }

  FakeClock clock_{testing::At(2026, 3, 10)};
  testing::TableRegistry registry_;
  testing::TableAccess access_;
  testing::TableOwnFacts own_;
  testing::MapInputStore store_;
  PlainCodec codec_;
  FactsGatherer facts_{&registry_, &access_, &own_};
  InputRouter router_{&facts_, &store_, &codec_, &clock_};
  std::unique_ptr<InputRecord> held_;
};

TEST_F(InputRouterTest, ASubmissionIsRoutedStoredAndQueuedInOneWrite) {
  auto out = Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security"));
  ASSERT_TRUE(out.ok()) << out.status();
  const PlainRecord& record = PlainCodec::Of(**out);
  EXPECT_THAT(record.routes, Contains(Field(&Route::destination, kGroupCip)));
  EXPECT_EQ(record.author_group, vocabulary::StakeholderGroup::kPrivateSector);

  ASSERT_EQ(store_.submitted.size(), 1u);
  const NewInput& n = store_.submitted[0];
  EXPECT_EQ(record.name, absl::StrCat("inputs/", n.id));
  EXPECT_EQ(n.author_id, "acme-security");
  EXPECT_EQ(n.facts_version, "1");
  EXPECT_EQ(n.now, testing::At(2026, 3, 10));
  EXPECT_THAT(n.routes, Contains(Field(&QueuedRoute::destination, kGroupCip)));
  ASSERT_THAT(n.dims, ElementsAre(Field(&ReportDims::process_id, "global-mechanism")));
  EXPECT_THAT(n.dims[0].dims, HasSubstr("t,g:3,r:5"));
  EXPECT_EQ(Stored(n.id).routes.size(), record.routes.size());
}

TEST_F(InputRouterTest, OnlyTheAuthorSubmitsAndARefusalWritesNothing) {
  auto out = Submit(Stakeholder("someone-else"), testing::CipSubmission("acme-security"));
  EXPECT_EQ(out.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(out.status()), "NOT_AUTHOR");
  EXPECT_THAT(store_.submitted, IsEmpty());
  EXPECT_EQ(own_.reads, 0);
}

TEST_F(InputRouterTest, WhenTheFactsChangedMeanwhileItDecidesAgainOnFreshOnes) {
  // Warm the cached facts, then have the store refuse the next submission as stale.
  ASSERT_TRUE(Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security")).ok());
  const int reads = own_.reads;
  store_.refuse_facts = 1;
  own_.version = "2";
  auto out = Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(own_.reads, reads + 1);  // the retry read fresh facts; the first try used the cache
  ASSERT_EQ(store_.submitted.size(), 2u);
  EXPECT_EQ(store_.submitted[1].facts_version, "2");
}

TEST_F(InputRouterTest, FactsThatKeepChangingEndTheSubmissionWithoutAWrite) {
  store_.refuse_facts = 3;
  auto out = Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security"));
  EXPECT_EQ(out.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(out.status()), "FACTS_CHANGED");
  EXPECT_THAT(store_.submitted, IsEmpty());
}

TEST_F(InputRouterTest, AConfirmationThatLosesARaceIsRetriedNotLost) {
  Input joint = testing::JointCivilSocietyStatement(0);
  joint.joint->signatories.push_back({"cso-1", SignatoryState::kInvited, testing::At(2026, 3, 1)});
  const std::string id = Seed(joint);
  store_.concurrent_races = 2;
  auto out = router_.ChangeSignatory(Stakeholder("cso-1"), id, "cso-1",
                                     InputRouter::SignatoryOp::kConfirm);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_TRUE(Stored(id).input.joint.has_value());
  ASSERT_EQ(Stored(id).input.joint->signatories.size(), 1u);
  EXPECT_EQ(Stored(id).input.joint->signatories[0].state, SignatoryState::kConfirmed);
}

TEST_F(InputRouterTest, OnlyAJointStatementHasSignatories) {
  const std::string id = Seed(testing::CipSubmission("acme-security"));
  auto out = router_.ChangeSignatory(Stakeholder("acme-security"), id, "cso-1",
                                     InputRouter::SignatoryOp::kInvite);
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(out.status()), "NOT_JOINT_STATEMENT");
}

TEST_F(InputRouterTest, ARevocationWithdrawsTheQueuedRouteAndRecordsWhy) {
  auto out = Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security"));
  ASSERT_TRUE(out.ok()) << out.status();
  const std::string id = store_.submitted[0].id;
  ASSERT_TRUE(store_.inboxes.count(kGroupCip));

  access_.answers = {testing::Denied("acme-security", "global-mechanism", "REVOKED")};
  AccreditationEvent revoked;
  revoked.kind = AccreditationEvent::Kind::kRevoked;
  revoked.stakeholder_id = "acme-security";
  revoked.process_id = "global-mechanism";
  revoked.rights = {vocabulary::ParticipationRight::kWrittenInput};
  auto changed = router_.ReactTo(revoked, absl::InfiniteFuture());
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 1);
  EXPECT_FALSE(store_.inboxes.count(kGroupCip));
  EXPECT_THAT(Stored(id).routes, ::testing::Not(Contains(Field(&Route::destination, kGroupCip))));
  EXPECT_THAT(Stored(id).changes,
              ElementsAre("accreditation of acme-security in global-mechanism revoked"));
}

TEST_F(InputRouterTest, AnInputDeliveredEverywhereIsNotReroutedAnyMore) {
  auto out = Submit(Stakeholder("acme-security"), testing::CipSubmission("acme-security"));
  ASSERT_TRUE(out.ok()) << out.status();
  StoredInput& stored = store_.inputs[store_.submitted[0].id];
  stored.acked = stored.routes;
  access_.answers.clear();
  AccreditationEvent revoked;
  revoked.kind = AccreditationEvent::Kind::kRevoked;
  revoked.stakeholder_id = "acme-security";
  revoked.process_id = "global-mechanism";
  auto changed = router_.ReactTo(revoked, absl::InfiniteFuture());
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 0);
  EXPECT_TRUE(store_.inboxes.count(kGroupCip));
}

}  // namespace
}  // namespace polylateral::routing

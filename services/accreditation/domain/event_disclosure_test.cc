#include "services/accreditation/domain/event_disclosure.h"

#include "gtest/gtest.h"
#include "services/accreditation/domain/test_fixtures.h"

namespace polylateral::accreditation {
namespace {

using K = Principal::Kind;

FeedEvent Lodged(Disclosure d) {
  FeedEvent e;
  e.id = "1-0";
  e.event.type = "objection.lodged";
  e.event.fields = {{"process", "oewg"},           {"application", "app-1"}, {"state", "IN_NOTICE"},
                    {"objecting_state", "FR"},     {"by", "state:FR"},       {"at", "1"},
                    {"grounds", "not independent"}};
  Application a = testing::Draft();
  a.state = AppState::kInNotice;
  a.disclosure = d;
  e.application = a;
  return e;
}

TEST(EventDisclosure, CountOnlyHidesTheObjectorFromOtherStates) {
  auto seen = DiscloseEvent({K::kState, "BR"}, Lodged(Disclosure::kCountOnly));
  ASSERT_TRUE(seen.has_value());
  EXPECT_TRUE(seen->withheld);
  EXPECT_EQ(EventField(seen->event, "objecting_state"), nullptr);
  EXPECT_EQ(EventField(seen->event, "by"), nullptr);
  EXPECT_EQ(EventField(seen->event, "grounds"), nullptr);
  ASSERT_NE(EventField(seen->event, "application"), nullptr);
  EXPECT_EQ(seen->event.type, "objection.lodged");
}

TEST(EventDisclosure, TheObjectorAndTheSecretariatSeeEverything) {
  for (const Principal& p : {Principal{K::kState, "FR"}, Principal{K::kSecretariat, "oewg"},
                             Principal{K::kOperator, "ops"}}) {
    auto seen = DiscloseEvent(p, Lodged(Disclosure::kCountOnly));
    ASSERT_TRUE(seen.has_value());
    EXPECT_FALSE(seen->withheld) << p.ToString();
    ASSERT_NE(EventField(seen->event, "grounds"), nullptr);
    EXPECT_EQ(*EventField(seen->event, "grounds"), "not independent");
    EXPECT_EQ(*EventField(seen->event, "by"), "state:FR");
  }
}

TEST(EventDisclosure, PublicPolicyShowsEveryone) {
  auto seen = DiscloseEvent(Principal::Anonymous(), Lodged(Disclosure::kPublic));
  ASSERT_TRUE(seen.has_value());
  EXPECT_FALSE(seen->withheld);
}

TEST(EventDisclosure, UnreadableApplicationWithholds) {
  FeedEvent e = Lodged(Disclosure::kPublic);
  e.application.reset();
  auto seen = DiscloseEvent({K::kState, "BR"}, e);
  ASSERT_TRUE(seen.has_value());
  EXPECT_TRUE(seen->withheld);
}

TEST(EventDisclosure, DecisionsAreShownAsStored) {
  FeedEvent e;
  e.event.type = "application.approved";
  e.event.fields = {{"process", "oewg"}, {"by", "secretariat:oewg"}};
  auto seen = DiscloseEvent(Principal::Anonymous(), e);
  ASSERT_TRUE(seen.has_value());
  EXPECT_FALSE(seen->withheld);
  EXPECT_EQ(seen->event.fields, e.event.fields);
}

TEST(EventDisclosure, DraftsOnlyToApplicantAndSecretariat) {
  FeedEvent e;
  e.event.type = "application.created";
  e.application = testing::Draft();
  EXPECT_FALSE(DiscloseEvent({K::kState, "BR"}, e).has_value());
  EXPECT_TRUE(DiscloseEvent({K::kSecretariat, e.application->process}, e).has_value());
}

}  // namespace
}  // namespace polylateral::accreditation

#include "services/accreditation/domain/application_query.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1800000000);

Application App(AppState state, const std::string& route, const std::string& stakeholder,
                absl::Time due = absl::InfinitePast()) {
  Application a;
  a.process = "gm";
  a.id = "app-1";
  a.state = state;
  a.route_id = route;
  a.stakeholder = stakeholder;
  a.due_time = due;
  return a;
}

TEST(ApplicationQueryTest, EachFilterMustMatch) {
  const Application a = App(AppState::kInNotice, "non-objection", "acme", kT0);
  ApplicationFilter f;
  EXPECT_TRUE(Matches(f, a));
  f.state = AppState::kInNotice;
  f.route_id = "non-objection";
  f.stakeholder = "acme";
  f.deadline_before = kT0 + absl::Milliseconds(1);
  EXPECT_TRUE(Matches(f, a));

  ApplicationFilter other = f;
  other.state = AppState::kApproved;
  EXPECT_FALSE(Matches(other, a));
  other = f;
  other.route_id = "ecosoc-general";
  EXPECT_FALSE(Matches(other, a));
  other = f;
  other.stakeholder = "acme-2";
  EXPECT_FALSE(Matches(other, a));
  other = f;
  other.deadline_before = kT0;  // strictly before
  EXPECT_FALSE(Matches(other, a));
}

TEST(ApplicationQueryTest, OnlyTheNoticePeriodHasANoticeDeadline) {
  // A deferral's due time is its next reminder, not a notice deadline.
  const Application deferred = App(AppState::kDeferred, "committee", "acme", kT0);
  EXPECT_FALSE(NoticeDeadline(deferred).has_value());
  ApplicationFilter f;
  f.deadline_before = kT0 + absl::Hours(1);
  EXPECT_FALSE(Matches(f, deferred));
  EXPECT_TRUE(Matches(f, App(AppState::kInNotice, "non-objection", "acme", kT0)));
  EXPECT_FALSE(Matches(f, App(AppState::kApproved, "non-objection", "acme")));
}

TEST(ApplicationQueryTest, OrderByIsDeadlineOrCreateTime) {
  EXPECT_EQ(*ParseApplicationOrder(""), ApplicationOrder::kCreation);
  EXPECT_EQ(*ParseApplicationOrder("create_time"), ApplicationOrder::kCreation);
  EXPECT_EQ(*ParseApplicationOrder("deadline"), ApplicationOrder::kDeadline);
  for (const char* bad : {"deadline desc", "Deadline", "state", " deadline"}) {
    auto o = ParseApplicationOrder(bad);
    ASSERT_FALSE(o.ok()) << bad;
    EXPECT_TRUE(absl::IsInvalidArgument(o.status()));
    EXPECT_EQ(ErrorReason(o.status()), "INVALID_FILTER");
    ASSERT_EQ(ErrorViolations(o.status()).size(), 1U);
    EXPECT_EQ(ErrorViolations(o.status())[0].field, "order_by");
  }
}

TEST(ApplicationQueryTest, BadFilterValuesNameTheirFields) {
  ApplicationQuery q;
  EXPECT_TRUE(CheckApplicationQuery(q).ok());
  q.filter.state = AppState::kUnspecified;
  q.filter.route_id = "no spaces";
  q.filter.stakeholder = "a/b";
  absl::Status s = CheckApplicationQuery(q);
  EXPECT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_EQ(ErrorReason(s), "INVALID_FILTER");
  std::vector<std::string> fields;
  for (const auto& v : ErrorViolations(s)) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"state", "route_id", "stakeholder"}));
}

TEST(ApplicationQueryTest, TheCanonicalTextBindsEveryParameter) {
  ApplicationQuery plain;
  EXPECT_TRUE(plain.IsPlain());
  EXPECT_EQ(CanonicalQuery(plain), "");
  std::vector<ApplicationQuery> queries(5);
  queries[0].filter.state = AppState::kInNotice;
  queries[1].filter.route_id = "non-objection";
  queries[2].filter.stakeholder = "acme";
  queries[3].filter.deadline_before = kT0;
  queries[4].order = ApplicationOrder::kDeadline;
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_FALSE(queries[i].IsPlain()) << i;
    for (size_t j = 0; j < i; ++j) {
      EXPECT_NE(CanonicalQuery(queries[i]), CanonicalQuery(queries[j])) << i << " " << j;
    }
  }
}

}  // namespace
}  // namespace polylateral::accreditation

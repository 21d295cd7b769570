#include "services/gateway/path_template.h"

#include "gtest/gtest.h"

namespace polylateral::gateway {
namespace {

PathTemplate T(const char* text) {
  auto t = PathTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(PathTemplateTest, SingleSegmentVariable) {
  const PathTemplate t = T("/v1/{name=stakeholders/*}");
  auto m = t.Match("/v1/stakeholders/acme");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].first, "name");
  EXPECT_EQ((*m)[0].second, "stakeholders/acme");
  EXPECT_FALSE(t.Match("/v1/stakeholders"));
  EXPECT_FALSE(t.Match("/v1/stakeholders/acme/x"));
  EXPECT_FALSE(t.Match("/v1/states/FR"));
  EXPECT_FALSE(t.Match("/v1/stakeholders/"));
}

TEST(PathTemplateTest, ParentThenCollection) {
  auto m = T("/v1/{parent=processes/*}/applications").Match("/v1/processes/igf/applications");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)[0].second, "processes/igf");
}

TEST(PathTemplateTest, CustomVerbMustMatch) {
  const PathTemplate t = T("/v1/{name=processes/*/applications/*}:submit");
  EXPECT_EQ(t.verb(), "submit");
  auto m = t.Match("/v1/processes/p/applications/a:submit");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)[0].second, "processes/p/applications/a");
  EXPECT_FALSE(t.Match("/v1/processes/p/applications/a:withdraw"));
  EXPECT_FALSE(t.Match("/v1/processes/p/applications/a"));
}

TEST(PathTemplateTest, AVerbInThePathNeverMatchesATemplateWithout) {
  EXPECT_FALSE(T("/v1/{name=stakeholders/*}").Match("/v1/stakeholders/x:frobnicate"));
}

TEST(PathTemplateTest, NestedFieldAndPlainVariable) {
  auto m = T("/v1/{stakeholder.name=stakeholders/*}").Match("/v1/stakeholders/a");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)[0].first, "stakeholder.name");
  auto m2 = T("/v1/{destination=**}/deadLetters/{delivery_id}:requeue")
                .Match("/v1/processes/p/plenary/deadLetters/d-1:requeue");
  ASSERT_TRUE(m2);
  EXPECT_EQ((*m2)[0].second, "processes/p/plenary");
  EXPECT_EQ((*m2)[1].first, "delivery_id");
  EXPECT_EQ((*m2)[1].second, "d-1");
}

TEST(PathTemplateTest, DoubleStarTakesOneOrMoreSegments) {
  const PathTemplate t = T("/v1/{destination=**}:pullInbox");
  auto one = t.Match("/v1/clearing-house:pullInbox");
  ASSERT_TRUE(one);
  EXPECT_EQ((*one)[0].second, "clearing-house");
  auto many = t.Match("/v1/states/FR/inbox:pullInbox");
  ASSERT_TRUE(many);
  EXPECT_EQ((*many)[0].second, "states/FR/inbox");
  EXPECT_FALSE(t.Match("/v1:pullInbox"));
}

TEST(PathTemplateTest, PercentEscapesAreDecodedButNeverMakeASlash) {
  const PathTemplate t = T("/v1/{name=themes/*}");
  auto m = t.Match("/v1/themes/a%2Db");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)[0].second, "themes/a-b");
  EXPECT_FALSE(t.Match("/v1/themes/a%2Fb"));
  EXPECT_FALSE(t.Match("/v1/themes/a%2"));
}

TEST(PathTemplateTest, MalformedTemplatesAreRefused) {
  EXPECT_FALSE(PathTemplate::Parse("v1/x").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{name=x/*").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1//x").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/x:").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/a{name}").ok());
}

TEST(PathTemplateTest, SpecificityOrdersLiteralsBeforeWildcards) {
  EXPECT_TRUE(T("/v1/{name=processes/*/opennessReport}")
                  .MoreSpecificThan(T("/v1/{name=processes/*/bodies/*}")));
  EXPECT_TRUE(T("/v1/{name=inputs/*}").MoreSpecificThan(T("/v1/{destination=**}/deadLetters")));
}

TEST(PathTemplateTest, OpenApiFormsNameEachVariable) {
  const PathTemplate t = T("/v1/{parent=processes/*/applications/*}/objections");
  EXPECT_EQ(t.OpenApiPath(), "/v1/{parent}/objections");
  ASSERT_EQ(t.Variables().size(), 1u);
  EXPECT_EQ(t.Variables()[0].second, "processes/*/applications/*");
}

}  // namespace
}  // namespace polylateral::gateway

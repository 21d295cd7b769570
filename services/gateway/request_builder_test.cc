// The HTTP-to-request mapping on the real registry and accreditation request types.
#include "services/gateway/request_builder.h"

#include "gtest/gtest.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"
#include "polylateral/registry/v1/registry_service.pb.h"

namespace polylateral::gateway {
namespace {

namespace reg = polylateral::registry::v1;
namespace acc = polylateral::accreditation::v1;

template <typename M>
M As(const BuiltRequest& built) {
  M out;
  EXPECT_NE(built.message, nullptr) << built.violation.field << " " << built.violation.description;
  if (built.message != nullptr) out.ParseFromString(built.message->SerializeAsString());
  return out;
}

TEST(RequestBuilderTest, PathVariableSetsTheField) {
  auto r = As<reg::GetStakeholderRequest>(BuildRequest(
      *reg::GetStakeholderRequest::descriptor(), {{"name", "stakeholders/acme"}}, {}, "", ""));
  EXPECT_EQ(r.name(), "stakeholders/acme");
}

TEST(RequestBuilderTest, QueryParametersByTypeAndEitherName) {
  auto r = As<reg::ListStakeholdersRequest>(BuildRequest(
      *reg::ListStakeholdersRequest::descriptor(), {},
      {{"page_size", "7"}, {"stakeholderGroup", "ACADEMIA"}, {"namePrefix", "Ac"}}, "", ""));
  EXPECT_EQ(r.page_size(), 7);
  EXPECT_EQ(r.stakeholder_group(), polylateral::type::v1::ACADEMIA);
  EXPECT_EQ(r.name_prefix(), "Ac");
}

TEST(RequestBuilderTest, BodyFieldAndNestedPathVariable) {
  auto r = As<reg::UpdateStakeholderRequest>(BuildRequest(
      *reg::UpdateStakeholderRequest::descriptor(), {{"stakeholder.name", "stakeholders/acme"}},
      {{"update_mask", "displayName,website"}}, "stakeholder",
      R"({"displayName": "Acme", "name": "stakeholders/other"})"));
  EXPECT_EQ(r.stakeholder().name(), "stakeholders/acme") << "the path wins over the body";
  EXPECT_EQ(r.stakeholder().display_name(), "Acme");
  ASSERT_EQ(r.update_mask().paths_size(), 2);
  EXPECT_EQ(r.update_mask().paths(0), "display_name");
}

TEST(RequestBuilderTest, WholeBodyAndRepeatedFields) {
  auto r = As<acc::ReviewApplicationRequest>(BuildRequest(
      *acc::ReviewApplicationRequest::descriptor(), {{"name", "processes/p/applications/a"}}, {},
      "*", R"({"decision": "DEFER", "questions": ["why?", "who?"]})"));
  EXPECT_EQ(r.name(), "processes/p/applications/a");
  EXPECT_EQ(r.decision(), acc::ReviewApplicationRequest::DEFER);
  EXPECT_EQ(r.questions_size(), 2);
  auto list =
      As<acc::AnswerQuestionsRequest>(BuildRequest(*acc::AnswerQuestionsRequest::descriptor(), {},
                                                   {{"answers", "a"}, {"answers", "b"}}, "", ""));
  EXPECT_EQ(list.answers_size(), 2);
}

TEST(RequestBuilderTest, ViolationsNameTheParameter) {
  auto unknown =
      BuildRequest(*reg::ListStakeholdersRequest::descriptor(), {}, {{"colour", "red"}}, "", "");
  EXPECT_EQ(unknown.message, nullptr);
  EXPECT_EQ(unknown.violation.field, "colour");
  auto not_int = BuildRequest(*reg::ListStakeholdersRequest::descriptor(), {},
                              {{"page_size", "many"}}, "", "");
  EXPECT_EQ(not_int.violation.field, "page_size");
  auto bad_enum = BuildRequest(*reg::ListStakeholdersRequest::descriptor(), {},
                               {{"region", "ATLANTIS"}}, "", "");
  EXPECT_EQ(bad_enum.violation.field, "region");
  auto bad_json = BuildRequest(*reg::CreateStakeholderRequest::descriptor(), {}, {}, "stakeholder",
                               "{not json");
  EXPECT_EQ(bad_json.violation.field, "body");
  auto unknown_body_field = BuildRequest(*reg::CreateStakeholderRequest::descriptor(), {}, {},
                                         "stakeholder", R"({"colour": "red"})");
  EXPECT_EQ(unknown_body_field.message, nullptr);
  EXPECT_NE(unknown_body_field.violation.description.find("colour"), std::string::npos);
  auto body_on_get = BuildRequest(*reg::GetStakeholderRequest::descriptor(),
                                  {{"name", "stakeholders/a"}}, {}, "", "{}");
  EXPECT_EQ(body_on_get.violation.field, "body");
}

}  // namespace
}  // namespace polylateral::gateway

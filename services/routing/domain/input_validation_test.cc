#include "services/routing/domain/input_validation.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/test_fixtures.h"

namespace polylateral::routing {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<FieldViolation> ViolationsOf(const Input& in) {
  absl::Status s = ValidateInput(in);
  if (s.ok()) return {};
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(s), kInvalidInputReason);
  return ErrorViolations(s);
}

MATCHER_P2(Violation, field, text, "") {
  return arg.field == field && arg.description.find(text) != std::string::npos;
}

TEST(ValidateInputTest, AcceptsEveryKindOfValidInput) {
  EXPECT_TRUE(ValidateInput(testing::CipSubmission("acme-security")).ok());
  EXPECT_TRUE(ValidateInput(testing::JointCivilSocietyStatement(40)).ok());
  Input response = testing::CipSubmission("acme-security");
  response.kind = InputKind::kConsultationResponse;
  response.consultation_id = "ca-cyber-2026";
  EXPECT_TRUE(ValidateInput(response).ok());
}

TEST(ValidateInputTest, MediaTypeIsCapped) {
  Input in = testing::CipSubmission("acme-security");
  in.attachments.push_back({"https://example.org/a.pdf", std::string(1 << 20, 'm'), 10});
  EXPECT_THAT(ViolationsOf(in),
              Contains(Violation("input.attachments[0].media_type",
                                 absl::StrCat("the limit is ", kMaxMediaTypeBytes))));
  in.attachments[0].media_type = "application/pdf";
  EXPECT_TRUE(ValidateInput(in).ok());
}

TEST(ValidateInputTest, OversizeTextNamesTheFieldAndTheLimit) {
  Input in = testing::CipSubmission("acme-security");
  in.text = std::string(kMaxTextBytes + 1, 'a');
  absl::Status s = ValidateInput(in);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ErrorViolations(s),
              Contains(Violation("input.text", absl::StrCat("the limit is ", kMaxTextBytes))));
  in.text = std::string(kMaxTextBytes, 'a');  // the limit itself is allowed
  EXPECT_TRUE(ValidateInput(in).ok());
}

TEST(ValidateInputTest, TooManyAttachmentsAndSignatoriesNameTheirLimits) {
  Input in = testing::JointCivilSocietyStatement(kMaxSignatories + 1);
  in.attachments.assign(kMaxAttachments + 1, {"https://example.org/a.pdf", "application/pdf", 10});
  auto v = ViolationsOf(in);
  EXPECT_THAT(
      v, Contains(Violation("input.attachments", absl::StrCat("the limit is ", kMaxAttachments))));
  EXPECT_THAT(v, Contains(Violation("input.joint_statement.signatories",
                                    absl::StrCat("the limit is ", kMaxSignatories))));
}

TEST(ValidateInputTest, EachBadFieldIsNamed) {
  Input in = testing::CipSubmission("acme-security");
  in.kind = InputKind::kUnspecified;
  in.author_id = "";
  in.themes = {"critical-infrastructure-protection", "no-such-theme",
               "critical-infrastructure-protection"};
  in.language = "english!";
  in.text = "bad \x01 control";
  in.attachments = {{"ftp://x", "application/pdf", -1}};
  in.target = {TargetKind::kSession, "global-mechanism", "", ""};
  in.consultation_id = "stray";
  auto v = ViolationsOf(in);
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.kind")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.author")));
  EXPECT_THAT(v, Contains(Violation("input.themes[1]", "unknown theme")));
  EXPECT_THAT(v, Contains(Violation("input.themes[2]", "twice")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.language")));
  EXPECT_THAT(v, Contains(Violation("input.text", "UTF-8")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.attachments[0].uri")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.attachments[0].size_bytes")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.target.session")));
  EXPECT_THAT(v, Contains(Field(&FieldViolation::field, "input.consultation")));
}

TEST(ValidateInputTest, TargetsNeedTheirIds) {
  Input in = testing::CipSubmission("acme-security");
  in.target = {TargetKind::kThematicGroup, "global-mechanism", "", ""};
  EXPECT_THAT(ViolationsOf(in),
              Contains(Field(&FieldViolation::field, "input.target.thematic_group")));
  in.target = {TargetKind::kWhereverItBelongs, "global-mechanism", "", ""};
  EXPECT_THAT(ViolationsOf(in), Contains(Field(&FieldViolation::field, "input.target.process")));
  in.target = {};
  EXPECT_THAT(ViolationsOf(in), Contains(Field(&FieldViolation::field, "input.target.kind")));
}

TEST(ValidateInputTest, JointStatementRules) {
  Input in = testing::JointCivilSocietyStatement(3);
  in.joint->signatories[1].stakeholder_id = in.author_id;
  in.joint->signatories[2].stakeholder_id = in.joint->signatories[0].stakeholder_id;
  auto v = ViolationsOf(in);
  EXPECT_THAT(v, Contains(Violation("input.joint_statement.signatories[1]", "lead")));
  EXPECT_THAT(v, Contains(Violation("input.joint_statement.signatories[2]", "twice")));

  Input missing = testing::JointCivilSocietyStatement(3);
  missing.joint.reset();
  EXPECT_THAT(ViolationsOf(missing), Contains(Violation("input.joint_statement", "required")));
  Input stray = testing::CipSubmission("acme-security");
  stray.joint = JointStatement{};
  EXPECT_THAT(ViolationsOf(stray), Contains(Violation("input.joint_statement", "only")));
}

TEST(IsLanguageTagTest, Shapes) {
  EXPECT_TRUE(IsLanguageTag("en"));
  EXPECT_TRUE(IsLanguageTag("pt-BR"));
  EXPECT_TRUE(IsLanguageTag("zh-Hans-CN"));
  EXPECT_FALSE(IsLanguageTag(""));
  EXPECT_FALSE(IsLanguageTag("e"));
  EXPECT_FALSE(IsLanguageTag("en-"));
  EXPECT_FALSE(IsLanguageTag("en_GB"));
}

}  // namespace
}  // namespace polylateral::routing

#include "common/base/resource_name.h"

#include "common/base/errors.h"
#include "common/base/ids.h"
#include "gtest/gtest.h"

namespace polylateral {
namespace {

TEST(CheckResourceId, NamesTheFieldAndReason) {
  absl::Status st = CheckResourceId("Foo_Bar", "stakeholder_id", "INVALID_STAKEHOLDER");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "INVALID_STAKEHOLDER");
  ASSERT_EQ(ErrorViolations(st).size(), 1u);
  EXPECT_EQ(ErrorViolations(st)[0].field, "stakeholder_id");
}

TEST(ParseName, ReadsNewAndStoredIds) {
  auto ids = ParseResourceName("processes/igf/bodies/mag", {"processes", "bodies"}, "name");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"igf", "mag"}));
  // Outside the rule for new ids, yet stored: readable by every service.
  ids = ParseResourceName("stakeholders/Foo_Bar", {"stakeholders"}, "name");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ((*ids)[0], "Foo_Bar");
}

TEST(ParseName, RefusesOtherShapes) {
  for (const char* bad : {"", "stakeholders/", "stakeholders", "stakeholder/x", "stakeholders/a/b",
                          "stakeholders/a b", "processes/igf/bodies"}) {
    const bool two = std::string(bad).rfind("processes", 0) == 0;
    auto ids = two ? ParseResourceName(bad, {"processes", "bodies"}, "body.name")
                   : ParseResourceName(bad, {"stakeholders"}, "body.name");
    ASSERT_FALSE(ids.ok()) << bad;
    EXPECT_EQ(ErrorReason(ids.status()), "INVALID_NAME") << bad;
    EXPECT_EQ(ErrorViolations(ids.status())[0].field, "body.name") << bad;
  }
}

}  // namespace
}  // namespace polylateral

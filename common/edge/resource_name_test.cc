#include "common/edge/resource_name.h"

#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::edge {
namespace {

TEST(IsValidNewId, Aip122) {
  EXPECT_TRUE(IsValidNewId("oewg-ict-2021"));
  EXPECT_TRUE(IsValidNewId("2021-cstd"));
  EXPECT_TRUE(IsValidNewId("a"));
  EXPECT_TRUE(IsValidNewId(std::string(63, 'a')));
  EXPECT_FALSE(IsValidNewId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidNewId(""));
  EXPECT_FALSE(IsValidNewId("-leading"));
  EXPECT_FALSE(IsValidNewId("Foo_Bar"));
  EXPECT_FALSE(IsValidNewId("UPPER"));
  EXPECT_FALSE(IsValidNewId("dot.ted"));
  EXPECT_FALSE(IsValidNewId("sla/sh"));
}

TEST(CheckNewId, NamesTheFieldAndReason) {
  absl::Status st = CheckNewId("Foo_Bar", "stakeholder_id", "INVALID_STAKEHOLDER");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "INVALID_STAKEHOLDER");
  ASSERT_EQ(ErrorViolations(st).size(), 1u);
  EXPECT_EQ(ErrorViolations(st)[0].field, "stakeholder_id");
}

TEST(ParseName, ReadsNewAndStoredIds) {
  auto ids = ParseName("processes/igf/bodies/mag", {"processes", "bodies"}, "name");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"igf", "mag"}));
  // Stored before the rule: still readable by every service.
  ids = ParseName("stakeholders/Foo_Bar", {"stakeholders"}, "name");
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ((*ids)[0], "Foo_Bar");
}

TEST(ParseName, RefusesOtherShapes) {
  for (const char* bad : {"", "stakeholders/", "stakeholders", "stakeholder/x", "stakeholders/a/b",
                          "stakeholders/a b", "processes/igf/bodies"}) {
    const bool two = std::string(bad).rfind("processes", 0) == 0;
    auto ids = two ? ParseName(bad, {"processes", "bodies"}, "body.name")
                   : ParseName(bad, {"stakeholders"}, "body.name");
    ASSERT_FALSE(ids.ok()) << bad;
    EXPECT_EQ(ErrorReason(ids.status()), "INVALID_NAME") << bad;
    EXPECT_EQ(ErrorViolations(ids.status())[0].field, "body.name") << bad;
  }
}

}  // namespace
}  // namespace polylateral::edge

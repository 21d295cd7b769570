#include "services/accreditation/domain/notice_list_rules.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"

namespace polylateral::accreditation {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700001000);
const absl::Duration kDay = absl::Hours(24);

std::vector<std::string> Fields(const absl::Status& st) {
  std::vector<std::string> out;
  for (const auto& v : ErrorViolations(st)) out.push_back(v.field);
  return out;
}

NoticeList List() {
  return *NewNoticeList("oewg", "nl-1", {"app-1", "app-2"}, kNow + 10 * kDay, kNow,
                        "secretariat:oewg");
}

TEST(NoticeList, NewCarriesOneDeadline) {
  const NoticeList l = List();
  EXPECT_EQ(l.deadline, kNow + 10 * kDay);
  EXPECT_EQ(l.version, 1);
  EXPECT_EQ(l.created_by, "secretariat:oewg");
  EXPECT_TRUE(l.extensions.empty());
}

TEST(NoticeList, NewRefusesEmptyDuplicatesTooManyAndAPastDeadline) {
  auto empty = NewNoticeList("oewg", "nl", {}, kNow + kDay, kNow, "x");
  EXPECT_EQ(ErrorReason(empty.status()), "INVALID_NOTICE_LIST");
  EXPECT_EQ(Fields(empty.status()), std::vector<std::string>{"notice_list.applications"});
  auto twice = NewNoticeList("oewg", "nl", {"a", "b", "a"}, kNow + kDay, kNow, "x");
  EXPECT_EQ(Fields(twice.status()), std::vector<std::string>{"notice_list.applications[2]"});
  std::vector<std::string> many;
  for (size_t i = 0; i <= kMaxNoticeListApplications; ++i) many.push_back(absl::StrCat("a", i));
  EXPECT_EQ(Fields(NewNoticeList("oewg", "nl", many, kNow + kDay, kNow, "x").status()),
            std::vector<std::string>{"notice_list.applications"});
  many.pop_back();
  EXPECT_TRUE(NewNoticeList("oewg", "nl", many, kNow + kDay, kNow, "x").ok());
  EXPECT_EQ(Fields(NewNoticeList("oewg", "nl", {"a"}, kNow, kNow, "x").status()),
            std::vector<std::string>{"notice_list.deadline"});
}

TEST(NoticeList, ExtendedOnlyBeforeTheDeadlineOnlyLaterWithAReason) {
  const NoticeList l = List();
  auto ext = ExtendedNoticeList(l, l.deadline + 5 * kDay, "Session postponed", kNow + kDay,
                                "secretariat:oewg");
  ASSERT_TRUE(ext.ok()) << ext.status();
  EXPECT_EQ(ext->deadline, l.deadline + 5 * kDay);
  EXPECT_EQ(ext->version, 2);
  ASSERT_EQ(ext->extensions.size(), 1u);
  const NoticeExtension& e = ext->extensions[0];
  EXPECT_EQ(e.by, "secretariat:oewg");
  EXPECT_EQ(e.at, kNow + kDay);
  EXPECT_EQ(e.old_deadline, l.deadline);
  EXPECT_EQ(e.new_deadline, l.deadline + 5 * kDay);
  EXPECT_EQ(e.reason, "Session postponed");
  // A second one keeps the first.
  auto again =
      ExtendedNoticeList(*ext, ext->deadline + kDay, "Again", kNow + 2 * kDay, "operator:o");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->extensions.size(), 2u);

  EXPECT_EQ(ErrorReason(ExtendedNoticeList(l, l.deadline + kDay, "r", l.deadline, "x").status()),
            "DEADLINE_PASSED");
  auto earlier = ExtendedNoticeList(l, l.deadline, "r", kNow, "x");
  EXPECT_EQ(ErrorReason(earlier.status()), "INVALID_EXTENSION");
  EXPECT_EQ(Fields(earlier.status()), std::vector<std::string>{"deadline"});
  EXPECT_EQ(Fields(ExtendedNoticeList(l, l.deadline + kDay, "", kNow, "x").status()),
            std::vector<std::string>{"reason"});
}

}  // namespace
}  // namespace polylateral::accreditation

// An author's networks are looked up by the registry's networks-of index, never by listing
// every network: with eleven networks of 5,000 members in the registry (more than one 4 MB
// message holds), SubmitInput still routes through the author's own network.
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

constexpr char kGm[] = "global-mechanism";
constexpr int kMembers = 5000;
constexpr int kBigNetworks = 11;

// Member ids of the longest allowed length, so that each network's member list is large.
std::string MemberId(int i) {
  std::string id = absl::StrCat("member-", i, "-");
  id.resize(63, 'x');
  return id;
}

class NetworkIndexTest : public RoutingTest {
 protected:
  grpc::Status Create(const reg::Stakeholder& s, const std::string& id) {
    reg::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = s;
    req.set_stakeholder_id(id);
    reg::Stakeholder out;
    auto ctx = Ctx("operator:test");
    return registry_->CreateStakeholder(ctx.get(), req, &out);
  }

  static reg::Stakeholder Organisation(int i) {
    reg::Stakeholder s;
    s.set_kind(reg::Stakeholder::ORGANISATION);
    s.set_display_name(absl::StrCat("Member organisation ", i));
    s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    s.set_country("DE");
    s.add_languages("en");
    return s;
  }

  static reg::Stakeholder NetworkOf(const std::string& name, const std::vector<std::string>& ids,
                                    reg::Stakeholder::EcosocStatus ecosoc) {
    reg::Stakeholder s;
    s.set_kind(reg::Stakeholder::NETWORK);
    s.set_display_name(name);
    s.set_stakeholder_group(type::v1::CIVIL_SOCIETY);
    s.set_country("CH");
    s.set_ecosoc_status(ecosoc);
    s.add_languages("en");
    for (const auto& id : ids) s.add_network_members("stakeholders/" + id);
    return s;
  }
};

TEST_F(NetworkIndexTest, ManyLargeNetworksDoNotStopRoutingThroughTheAuthorsOwn) {
  GlobalMechanism(kGm);
  std::atomic<int> next{0}, failed{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < kMembers; i = next++) {
        if (!Create(Organisation(i), MemberId(i)).ok()) ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_EQ(failed.load(), 0);
  std::vector<std::string> members;
  members.reserve(kMembers);
  for (int i = 0; i < kMembers; ++i) members.push_back(MemberId(i));
  for (int n = 0; n < kBigNetworks; ++n) {
    grpc::Status st =
        Create(NetworkOf(absl::StrCat("Big network ", n), members, reg::Stakeholder::NO_STATUS),
               absl::StrCat("big-network-", n));
    ASSERT_TRUE(st.ok()) << st.error_message();
  }
  // The premise: every network at once no longer fits one message.
  reg::ListStakeholdersRequest all;
  all.set_kind(reg::Stakeholder::NETWORK);
  all.set_page_size(200);
  reg::ListStakeholdersResponse listed;
  auto ctx = Ctx();
  EXPECT_EQ(registry_->ListStakeholders(ctx.get(), all, &listed).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);

  // The author is not accredited itself; its own small network is.
  const std::string author =
      Stakeholder("Small Business", reg::Stakeholder::NO_STATUS, "BR", type::v1::PRIVATE_SECTOR);
  ASSERT_TRUE(
      Create(NetworkOf("Own network", {author}, reg::Stakeholder::GENERAL), "own-network").ok());
  acc::Application a = Apply(kGm, "own-network", "ecosoc-general");
  ASSERT_EQ(AccreditationTest::Submit(a.name(), "stakeholder:own-network").state(),
            acc::Application::APPROVED);

  rt::Input out;
  grpc::Status st = SubmitInput(Written(author, kGm, {"cybersecurity"}), &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  bool through_own = false;
  for (const auto& r : out.routes()) {
    through_own |= r.kind() == rt::NETWORK && r.destination() == "networks/own-network";
  }
  EXPECT_TRUE(through_own) << out.DebugString();

  // A member of every big network (none accredited) gets no network route, and its
  // submission still succeeds.
  st = SubmitInput(Written(MemberId(7), kGm, {"cybersecurity"}), &out);
  ASSERT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
  for (const auto& r : out.routes()) EXPECT_NE(r.kind(), rt::NETWORK);
}

}  // namespace
}  // namespace polylateral::routing::testing

// The stakeholder store against a real redis-server: atomic writes, references, indexes.
#include "services/registry/store/redis_stakeholder_store.h"

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/testing/redis_server.h"
#include "gtest/gtest.h"
#include "services/registry/domain/stakeholder_rules.h"
#include "services/registry/domain/test_fixtures.h"
#include "services/registry/store/registry_keys.h"

namespace polylateral::registry {
namespace {

class RedisStakeholderStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new polylateral::testing::RedisServer();
    server_->Start();
  }
  static void TearDownTestSuite() { delete server_; }

  void SetUp() override {
    redis::RedisOptions o;
    o.address = server_->address();
    client_ = std::make_unique<redis::RedisClient>(o, nullptr);
    ASSERT_TRUE(client_->Command({"FLUSHALL"}).ok());
    store_ = std::make_unique<RedisStakeholderStore>(client_.get());
  }

  Stakeholder Make(const std::string& id, StakeholderKind kind, const std::string& name) {
    Stakeholder s = testing::ValidOrganisation(id);
    s.kind = kind;
    s.display_name = name;
    if (kind == StakeholderKind::kIndividualExpert)
      s.ecosoc_status = vocabulary::EcosocStatus::kNone;
    EXPECT_TRUE(ValidateStakeholder(s).ok());
    s.version = 1;
    return s;
  }

  std::vector<std::string> ListIds(const std::vector<std::string>& labels,
                                   const std::string& prefix = "") {
    std::vector<std::string> ids;
    std::string cursor;
    do {
      auto page = store_->List(labels, prefix, cursor, 2);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const auto& s : page->items) ids.push_back(s.id);
      cursor = page->next_cursor;
    } while (!cursor.empty());
    return ids;
  }

  // Every key in Redis, to prove a refused write left nothing behind.
  long long KeyCount() { return client_->Command({"DBSIZE"})->integer(); }

  static polylateral::testing::RedisServer* server_;
  std::unique_ptr<redis::RedisClient> client_;
  std::unique_ptr<RedisStakeholderStore> store_;
};
polylateral::testing::RedisServer* RedisStakeholderStoreTest::server_ = nullptr;

TEST_F(RedisStakeholderStoreTest, CreateGetAndDuplicates) {
  auto org = Make("acme", StakeholderKind::kOrganisation, "Acme");
  ASSERT_TRUE(store_->Create(org, "", "", {}).ok());
  auto got = store_->Get("acme");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->display_name, "Acme");
  EXPECT_EQ(store_->Get("nope").status().code(), absl::StatusCode::kNotFound);

  const long long keys = KeyCount();
  EXPECT_EQ(ErrorReason(store_->Create(org, "", "", {}).status()), "STAKEHOLDER_EXISTS");
  auto same_name = Make("acme-2", StakeholderKind::kOrganisation, "ACME");
  EXPECT_EQ(ErrorReason(store_->Create(same_name, "", "", {}).status()),
            "DUPLICATE_STAKEHOLDER_NAME");
  EXPECT_EQ(KeyCount(), keys);
}

TEST_F(RedisStakeholderStoreTest, RequestIdMakesCreateIdempotent) {
  auto a = Make("first", StakeholderKind::kOrganisation, "First");
  ASSERT_TRUE(store_->Create(a, "req-1", "", {}).ok());
  auto retry = Make("second", StakeholderKind::kOrganisation, "Second");
  auto out = store_->Create(retry, "req-1", "", {});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->id, "first");
  EXPECT_EQ(store_->Get("second").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RedisStakeholderStoreTest, ReplayWithAnotherFingerprintIsRefused) {
  auto a = Make("first", StakeholderKind::kOrganisation, "First");
  ASSERT_TRUE(store_->Create(a, "stakeholder:x|req-1", "fp-a", {}).ok());
  auto same = store_->Create(a, "stakeholder:x|req-1", "fp-a", {});
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->id, "first");
  auto other = Make("second", StakeholderKind::kOrganisation, "Second");
  auto reused = store_->Create(other, "stakeholder:x|req-1", "fp-b", {});
  EXPECT_EQ(ErrorReason(reused.status()), "REQUEST_ID_REUSED");
  EXPECT_EQ(store_->Get("second").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RedisStakeholderStoreTest, RecordWithoutFingerprintMatchesAnyRequest) {
  auto a = Make("first", StakeholderKind::kOrganisation, "First");
  ASSERT_TRUE(store_->Create(a, "", "", {}).ok());
  // A record without a fingerprint: the id alone.
  ASSERT_TRUE(client_->Command({"SET", RegistryKeys::StakeholderRequest("old"), "first"}).ok());
  auto out =
      store_->Create(Make("second", StakeholderKind::kOrganisation, "Second"), "old", "fp", {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->id, "first");
}

TEST_F(RedisStakeholderStoreTest, ReferencesMustExistAndAffiliationsBeOrganisations) {
  auto net = Make("net", StakeholderKind::kNetwork, "Network");
  ASSERT_TRUE(store_->Create(net, "", "", {}).ok());
  const long long keys = KeyCount();

  auto expert = Make("ana", StakeholderKind::kIndividualExpert, "Ana");
  expert.affiliations = {"ghost"};
  auto missing = store_->Create(expert, "", "", {});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorViolations(missing.status())[0].field, "stakeholder.affiliations[0]");

  expert.affiliations = {"net"};
  auto wrong_kind = store_->Create(expert, "", "", {});
  EXPECT_EQ(wrong_kind.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(wrong_kind.status()), "AFFILIATION_NOT_ORGANISATION");
  EXPECT_EQ(KeyCount(), keys);  // nothing half-written
}

TEST_F(RedisStakeholderStoreTest, DeletingANamedStakeholderRewritesItsReferrersAtomically) {
  auto org = Make("org", StakeholderKind::kOrganisation, "Org");
  ASSERT_TRUE(store_->Create(org, "", "", {}).ok());
  auto expert = Make("ana", StakeholderKind::kIndividualExpert, "Ana");
  expert.affiliations = {"org"};
  ASSERT_TRUE(store_->Create(expert, "", "", {}).ok());
  auto net = Make("net", StakeholderKind::kNetwork, "Net");
  net.network_members = {"org"};
  ASSERT_TRUE(store_->Create(net, "", "", {}).ok());
  ASSERT_EQ(ListIds({"net:net"}), std::vector<std::string>{"org"});

  auto referrers = store_->Referrers("org");
  ASSERT_TRUE(referrers.ok()) << referrers.status();
  ASSERT_EQ(referrers->size(), 2U);
  std::vector<Stakeholder> after;
  for (Stakeholder r : *referrers) {
    r.affiliations.clear();
    r.network_members.clear();
    r.removed_references.push_back({"org", ReferenceRemoval::Cause::kStakeholderDeleted,
                                    "operator:ops", absl::FromUnixSeconds(1700000000)});
    after.push_back(r);
  }
  // A referrer read before another write is refused whole: nothing half-written.
  std::vector<Stakeholder> stale = *referrers;
  stale[0].version = 7;
  const int keys = KeyCount();
  EXPECT_EQ(ErrorReason(store_->Delete(org, stale, after, {})), "REFERRERS_CHANGED");
  EXPECT_EQ(ErrorReason(store_->Delete(org, {}, {}, {})), "REFERRERS_CHANGED");
  EXPECT_EQ(KeyCount(), keys);

  ASSERT_TRUE(store_->Delete(org, *referrers, after, {}).ok());
  EXPECT_EQ(store_->Get("org").status().code(), absl::StatusCode::kNotFound);
  auto ana = store_->Get("ana");
  ASSERT_TRUE(ana.ok());
  EXPECT_TRUE(ana->affiliations.empty());
  EXPECT_EQ(ana->version, 2);
  ASSERT_EQ(ana->removed_references.size(), 1U);
  EXPECT_EQ(ana->removed_references[0].removed_by, "operator:ops");
  EXPECT_TRUE(ListIds({"net:net"}).empty());
  ASSERT_TRUE(store_->Referrers("org")->empty());
  ASSERT_TRUE(store_->Delete(*ana, {}, {}, {}).ok());
  ASSERT_TRUE(store_->Delete(*store_->Get("net"), {}, {}, {}).ok());
  EXPECT_EQ(KeyCount(), 0);  // indexes, references and claims all gone
}

TEST_F(RedisStakeholderStoreTest, FiltersIntersectAndPagesWalkInNameOrder) {
  for (int i = 0; i < 7; ++i) {
    auto s =
        Make(absl::StrCat("s", i), StakeholderKind::kOrganisation, absl::StrCat("Org ", 6 - i));
    s.group = i % 2 ? vocabulary::StakeholderGroup::kCivilSociety
                    : vocabulary::StakeholderGroup::kPrivateSector;
    s.themes =
        i < 3 ? std::vector<std::string>{"incident-response"} : std::vector<std::string>{"privacy"};
    ASSERT_TRUE(ValidateStakeholder(s).ok());
    ASSERT_TRUE(store_->Create(s, "", "", {}).ok());
  }
  EXPECT_EQ(ListIds({"all"}), (std::vector<std::string>{"s6", "s5", "s4", "s3", "s2", "s1", "s0"}));
  EXPECT_EQ(ListIds({"group:4"}), (std::vector<std::string>{"s5", "s3", "s1"}));
  // Sub-themes: incident-response is under cybersecurity.
  EXPECT_EQ(ListIds({"theme:cybersecurity"}), (std::vector<std::string>{"s2", "s1", "s0"}));
  EXPECT_EQ(ListIds({"theme:cybersecurity", "group:4"}), std::vector<std::string>{"s1"});
  EXPECT_EQ(ListIds({"all"}, "org 1"), std::vector<std::string>{"s5"});
  EXPECT_TRUE(ListIds({"country:AR"}).empty());
}

TEST_F(RedisStakeholderStoreTest, UpdateMovesIndexesAndNetworkMembership) {
  auto member = Make("m", StakeholderKind::kOrganisation, "Member");
  ASSERT_TRUE(store_->Create(member, "", "", {}).ok());
  auto net = Make("net", StakeholderKind::kNetwork, "Net");
  net.network_members = {"m"};
  ASSERT_TRUE(store_->Create(net, "", "", {}).ok());
  EXPECT_EQ(ListIds({"net:net"}), std::vector<std::string>{"m"});

  Stakeholder renamed = member;
  renamed.display_name = "Zeta";
  renamed.country = "AR";
  ASSERT_TRUE(ValidateStakeholder(renamed).ok());
  auto out = store_->Update(member, renamed, {});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->version, 2);
  EXPECT_EQ(ListIds({"net:net"}), std::vector<std::string>{"m"});  // still a member after rename
  EXPECT_EQ(ListIds({"all"}, "zeta"), std::vector<std::string>{"m"});
  EXPECT_TRUE(ListIds({"all"}, "member").empty());
  EXPECT_EQ(ListIds({"country:AR"}), std::vector<std::string>{"m"});
  EXPECT_TRUE(ListIds({"country:BR", "kind:1"}).empty());

  // The first writer's view is now stale.
  EXPECT_EQ(store_->Update(member, renamed, {}).status().code(), absl::StatusCode::kAborted);

  Stakeholder emptied = net;
  emptied.network_members = {};
  ASSERT_TRUE(store_->Update(net, emptied, {}).ok());
  EXPECT_TRUE(ListIds({"net:net"}).empty());
  ASSERT_TRUE(store_->Delete(*out, {}, {}, {}).ok());  // no longer referenced
}

TEST_F(RedisStakeholderStoreTest, UnavailableWhileRedisIsDown) {
  server_->Stop();
  EXPECT_EQ(store_->Get("x").status().code(), absl::StatusCode::kUnavailable);
  auto s = Make("x", StakeholderKind::kOrganisation, "X");
  EXPECT_EQ(store_->Create(s, "", "", {}).status().code(), absl::StatusCode::kUnavailable);
  server_->Start();
  EXPECT_TRUE(store_->Create(s, "", "", {}).ok());
}

}  // namespace
}  // namespace polylateral::registry

#include "services/registry/domain/stakeholder_registry.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "gtest/gtest.h"
#include "services/registry/domain/stakeholder_access.h"
#include "services/registry/domain/stakeholder_rules.h"
#include "services/registry/domain/test_fixtures.h"

namespace polylateral::registry {
namespace {

// An in-memory StakeholderStore: enough to test the use-case rules (etags, retries, paging
// tokens) without Redis. The Redis store has its own integration tests.
class MapStore final : public StakeholderStore {
 public:
  absl::StatusOr<Stakeholder> Get(const std::string& id) override {
    auto it = rows_.find(id);
    if (it == rows_.end()) return NotFound("STAKEHOLDER_NOT_FOUND", id);
    return it->second;
  }
  absl::StatusOr<Stakeholder> Create(const Stakeholder& s, const std::string&, const std::string&,
                                     const WriteAudit&) override {
    if (!rows_.emplace(s.id, s).second) return AlreadyExists("STAKEHOLDER_EXISTS", s.id);
    return s;
  }
  absl::StatusOr<Stakeholder> Update(const Stakeholder& before, const Stakeholder& after,
                                     const WriteAudit&) override {
    if (interfere_) {  // another writer gets in first, once
      interfere_ = false;
      rows_[before.id].version++;
    }
    if (rows_[before.id].version != before.version) return Aborted("ETAG_MISMATCH", "");
    Stakeholder s = after;
    s.version = before.version + 1;
    rows_[s.id] = s;
    return s;
  }
  absl::Status Delete(const Stakeholder& current, const std::vector<Stakeholder>& referrers,
                      const std::vector<Stakeholder>& referrers_after, const WriteAudit&) override {
    for (size_t i = 0; i < referrers.size(); ++i) {
      Stakeholder s = referrers_after[i];
      s.version = referrers[i].version + 1;
      rows_[s.id] = s;
    }
    rows_.erase(current.id);
    return absl::OkStatus();
  }
  absl::StatusOr<std::vector<Stakeholder>> Referrers(const std::string& id) override {
    std::vector<Stakeholder> out;
    for (const auto& [rid, s] : rows_) {
      for (const auto& ref : s.References()) {
        if (ref == id) {
          out.push_back(s);
          break;
        }
      }
    }
    return out;
  }
  absl::StatusOr<Page<Stakeholder>> List(const std::vector<std::string>& labels,
                                         const std::string& prefix, const std::string& cursor,
                                         int limit) override {
    last_cursor_ = cursor;
    Page<Stakeholder> page;
    for (const auto& [id, s] : rows_) {
      if (id <= cursor) continue;
      if (static_cast<int>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        break;
      }
      page.items.push_back(s);
    }
    return page;
  }

  std::map<std::string, Stakeholder> rows_;
  bool interfere_ = false;
  std::string last_cursor_;
};

class StakeholderRegistryTest : public ::testing::Test {
 protected:
  MapStore store_;
  FakeClock clock_{absl::FromUnixSeconds(1700000000)};
  StakeholderRegistry registry_{&store_, &clock_};
  Principal ops_{Principal::Kind::kOperator, "ops"};
};

TEST_F(StakeholderRegistryTest, CreateStampsVersionTimesAndGeneratesIds) {
  auto s = registry_.Create(ops_, testing::ValidOrganisation(), "", "", "");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->version, 1);
  EXPECT_EQ(s->create_time, clock_.Now());
  EXPECT_EQ(s->id.size(), 16u);
  EXPECT_EQ(StakeholderEtag(*s), "v1");
}

TEST_F(StakeholderRegistryTest, CreateRefusesBadIdsAndAnonymousCallers) {
  EXPECT_EQ(ErrorViolations(
                registry_.Create(ops_, testing::ValidOrganisation(), "Bad!", "", "").status())[0]
                .field,
            "stakeholder_id");
  EXPECT_EQ(ErrorViolations(
                registry_.Create(ops_, testing::ValidOrganisation(), "", "a b", "").status())[0]
                .field,
            "request_id");
  EXPECT_EQ(registry_.Create(Principal::Anonymous(), testing::ValidOrganisation(), "", "", "")
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(store_.rows_.empty());
}

TEST_F(StakeholderRegistryTest, AStakeholderRegistersItselfUnderItsOwnId) {
  const Principal self{Principal::Kind::kStakeholder, "cgi-br"};
  Stakeholder s = testing::ValidOrganisation("");
  s.ecosoc_status = vocabulary::EcosocStatus::kNone;
  auto created = registry_.Create(self, s, "", "", "");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->id, "cgi-br");

  auto squat = registry_.Create(self, testing::ValidOrganisation(""), "isoc", "", "");
  EXPECT_EQ(ErrorReason(squat.status()), "NOT_OWN_STAKEHOLDER");
  EXPECT_EQ(store_.rows_.count("isoc"), 0u);
}

TEST_F(StakeholderRegistryTest, EcosocStatusKeepsWhoSetItAndWhen) {
  const Principal self{Principal::Kind::kStakeholder, "acme"};
  Stakeholder general = testing::ValidOrganisation("acme");
  general.ecosoc_status = vocabulary::EcosocStatus::kGeneral;
  EXPECT_EQ(ErrorReason(registry_.Create(self, general, "", "", "").status()),
            "ECOSOC_STATUS_NEEDS_OPERATOR");
  EXPECT_TRUE(store_.rows_.empty());

  auto created = registry_.Create(ops_, general, "acme", "", "");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->ecosoc_status_set_by, "operator:ops");
  EXPECT_EQ(created->ecosoc_status_update_time, clock_.Now());
  const absl::Time set_at = clock_.Now();

  clock_.Advance(absl::Hours(1));
  Stakeholder patch;
  patch.id = "acme";
  patch.ecosoc_status = vocabulary::EcosocStatus::kSpecial;
  auto self_change = registry_.Update(self, patch, {"ecosoc_status"}, "");
  EXPECT_EQ(ErrorReason(self_change.status()), "ECOSOC_STATUS_NEEDS_OPERATOR");
  EXPECT_EQ(store_.rows_["acme"].ecosoc_status, vocabulary::EcosocStatus::kGeneral);

  patch.display_name = "Acme renamed";
  auto renamed = registry_.Update(self, patch, {"display_name"}, "");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->ecosoc_status_set_by, "operator:ops");
  EXPECT_EQ(renamed->ecosoc_status_update_time, set_at);

  auto imported =
      registry_.Update({Principal::Kind::kOperator, "un-list"}, patch, {"ecosoc_status"}, "");
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->ecosoc_status, vocabulary::EcosocStatus::kSpecial);
  EXPECT_EQ(imported->ecosoc_status_set_by, "operator:un-list");
  EXPECT_EQ(imported->ecosoc_status_update_time, clock_.Now());
}

TEST_F(StakeholderRegistryTest, StaleEtagIsAborted) {
  ASSERT_TRUE(registry_.Create(ops_, testing::ValidOrganisation("acme"), "acme", "", "").ok());
  Stakeholder patch;
  patch.id = "acme";
  patch.display_name = "Acme 2";
  ASSERT_TRUE(registry_.Update(ops_, patch, {"display_name"}, "v1").ok());
  auto stale = registry_.Update(ops_, patch, {"display_name"}, "v1");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(registry_.Delete(ops_, "acme", "v1").code(), absl::StatusCode::kAborted);
  EXPECT_TRUE(registry_.Delete(ops_, "acme", "v2").ok());
}

TEST_F(StakeholderRegistryTest, DeletingANamedStakeholderTakesItOutOfItsReferrers) {
  store_.rows_["acme"] = testing::ValidOrganisation("acme");
  Stakeholder expert = testing::ValidOrganisation("ana");
  expert.kind = StakeholderKind::kIndividualExpert;
  expert.affiliations = {"acme"};
  store_.rows_["ana"] = expert;
  const Principal acme{Principal::Kind::kStakeholder, "acme"};
  ASSERT_TRUE(registry_.Delete(acme, "acme", "").ok());
  EXPECT_EQ(store_.rows_.count("acme"), 0U);
  const Stakeholder& ana = store_.rows_["ana"];
  EXPECT_TRUE(ana.affiliations.empty());
  ASSERT_EQ(ana.removed_references.size(), 1U);
  EXPECT_EQ(ana.removed_references[0].cause, ReferenceRemoval::Cause::kStakeholderDeleted);
  EXPECT_EQ(ana.removed_references[0].removed_by, "stakeholder:acme");
  EXPECT_EQ(ana.version, 1);
}

TEST_F(StakeholderRegistryTest, OnlyTheNamedStakeholderRemovesAReferenceToItself) {
  store_.rows_["acme"] = testing::ValidOrganisation("acme");
  Stakeholder expert = testing::ValidOrganisation("ana");
  expert.kind = StakeholderKind::kIndividualExpert;
  expert.affiliations = {"acme"};
  store_.rows_["ana"] = expert;
  auto stranger = registry_.RemoveReference({Principal::Kind::kStakeholder, "ana"}, "acme", "ana");
  EXPECT_EQ(ErrorReason(stranger.status()), "NOT_STAKEHOLDER_OWNER");
  auto done = registry_.RemoveReference({Principal::Kind::kStakeholder, "acme"}, "acme", "ana");
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_TRUE(done->affiliations.empty());
  EXPECT_EQ(done->removed_references[0].cause, ReferenceRemoval::Cause::kDisowned);
  auto again = registry_.RemoveReference({Principal::Kind::kStakeholder, "acme"}, "acme", "ana");
  EXPECT_EQ(ErrorReason(again.status()), "REFERENCE_NOT_FOUND");
}

TEST_F(StakeholderRegistryTest, UpdateWithoutEtagRetriesAConcurrentWrite) {
  ASSERT_TRUE(registry_.Create(ops_, testing::ValidOrganisation("acme"), "acme", "", "").ok());
  store_.interfere_ = true;
  Stakeholder patch;
  patch.id = "acme";
  patch.website = "https://acme.org";
  auto out = registry_.Update(ops_, patch, {"website"}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->website, "https://acme.org");
  EXPECT_EQ(out->version, 3);
}

TEST_F(StakeholderRegistryTest, UpdateValidatesTheResult) {
  ASSERT_TRUE(registry_.Create(ops_, testing::ValidOrganisation("acme"), "acme", "", "").ok());
  Stakeholder patch;
  patch.id = "acme";
  patch.country = "XX";
  auto out = registry_.Update(ops_, patch, {"country"}, "");
  EXPECT_EQ(ErrorViolations(out.status())[0].field, "stakeholder.country");
  EXPECT_EQ(store_.rows_["acme"].country, "BR");  // nothing written
}

TEST_F(StakeholderRegistryTest, PageTokensCarryTheCursorAndBindTheFilters) {
  for (const char* id : {"aaa", "bbb", "ccc"}) {
    ASSERT_TRUE(registry_.Create(ops_, testing::ValidOrganisation(id), id, "", "").ok());
  }
  StakeholderQuery q;
  q.page_size = 2;
  auto first = registry_.List(q);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->stakeholders.size(), 2u);
  ASSERT_FALSE(first->next_page_token.empty());
  q.page_token = first->next_page_token;
  auto second = registry_.List(q);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(store_.last_cursor_, "bbb");
  ASSERT_EQ(second->stakeholders.size(), 1u);
  EXPECT_EQ(second->stakeholders[0].id, "ccc");
  EXPECT_TRUE(second->next_page_token.empty());

  q.country = "BR";  // same token, other filters
  EXPECT_EQ(ErrorReason(registry_.List(q).status()), "PAGE_TOKEN_MISMATCH");
}

}  // namespace
}  // namespace polylateral::registry

// The registry's audit log over gRPC against real Redis: each accountable change (a
// stakeholder deleted with the references it took out, a reference removed, an ECOSOC status
// set, a process created, updated, rotated or deleted) appends exactly one entry, by the
// script that makes the change; refused and replayed calls and ordinary edits append nothing;
// the service seals the log and signs its head, and the chain verifies.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/audit/chain_verifier.h"
#include "common/audit/signed_head.h"
#include "common/audit_store/redis_audit_log.h"
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields FieldsOf(const audit::AuditEntry& e) {
  Fields out;
  for (const auto& f : e.fields) out.emplace_back(f.name, f.value);
  return out;
}

class AuditApiTest : public RegistryApiTest {
 protected:
  void SetUp() override {
    RegistryApiTest::SetUp();
    admin_ = std::make_unique<redis::RedisClient>(redis_->Options(), nullptr);
    log_ = std::make_unique<audit::RedisAuditLog>(admin_.get(), "{reg}");
  }
  void TearDown() override {
    RegistryApiTest::TearDown();
    log_.reset();
    admin_.reset();
  }

  uint64_t Length() {
    auto n = log_->Length();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : 0;
  }
  // The entries appended after the log held `before`.
  std::vector<audit::AuditEntry> Since(uint64_t before) {
    auto read = log_->Read(before + 1, 100);
    EXPECT_TRUE(read.ok()) << read.status();
    std::vector<audit::AuditEntry> out;
    if (read.ok()) {
      for (auto& e : *read) out.push_back(std::move(e.entry));
    }
    return out;
  }
  // The one entry appended since `before` (a failure when there are more or none).
  audit::AuditEntry OnlyEntrySince(uint64_t before) {
    std::vector<audit::AuditEntry> entries = Since(before);
    EXPECT_EQ(entries.size(), 1u);
    return entries.empty() ? audit::AuditEntry{} : entries.front();
  }

  grpc::Status Remove(const std::string& id, const std::string& referrer,
                      const std::string& principal) {
    v1::RemoveReferenceRequest req;
    req.set_name(absl::StrCat("stakeholders/", id));
    req.set_referrer(absl::StrCat("stakeholders/", referrer));
    v1::Stakeholder out;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().RemoveReference(ctx.get(), req, &out);
  }
  grpc::Status UpdateStakeholder(const std::string& principal, const v1::Stakeholder& patch,
                                 const std::string& path) {
    v1::UpdateStakeholderRequest req;
    *req.mutable_stakeholder() = patch;
    req.mutable_update_mask()->add_paths(path);
    v1::Stakeholder out;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().UpdateStakeholder(ctx.get(), req, &out);
  }
  grpc::Status CreateProcess(const v1::Process& p, const std::string& id,
                             const std::string& principal, const std::string& request_id,
                             v1::Process* out) {
    v1::CreateProcessRequest req;
    *req.mutable_process() = p;
    req.set_process_id(id);
    req.set_request_id(request_id);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().CreateProcess(ctx.get(), req, out);
  }
  grpc::Status UpdateProcess(const v1::Process& patch, const std::string& path,
                             const std::string& principal, v1::Process* out) {
    v1::UpdateProcessRequest req;
    *req.mutable_process() = patch;
    req.mutable_update_mask()->add_paths(path);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().UpdateProcess(ctx.get(), req, out);
  }

  std::unique_ptr<redis::RedisClient> admin_;
  std::unique_ptr<audit::RedisAuditLog> log_;
};

// A process with a non-objection route and a committee of three states.
v1::Process Mechanism() {
  v1::Process p;
  p.set_display_name("Global Mechanism on ICT security");
  p.set_host_institution("UN General Assembly");
  p.add_themes("themes/cybersecurity");
  auto* m = p.mutable_modalities();
  m->set_disclosure_policy(v1::ParticipationModalities::STATES_ON_REQUEST);
  auto* r = m->add_routes();
  r->set_route_id("non-objection");
  r->set_kind(v1::AccreditationRoute::NON_OBJECTION);
  r->add_granted_rights(type::v1::ATTEND_PLENARY);
  r->mutable_objection_rule()->set_kind(v1::ObjectionRule::ANY_SINGLE_OBJECTION);
  r->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  auto* c = m->add_routes();
  c->set_route_id("committee");
  c->set_kind(v1::AccreditationRoute::COMMITTEE_REVIEW);
  c->add_granted_rights(type::v1::ATTEND_PLENARY);
  for (const char* state : {"FR", "KE", "BR"}) c->add_committee_states(state);
  c->mutable_reminder_interval()->set_seconds(30 * 24 * 3600);
  return p;
}

TEST_F(AuditApiTest, ADeletionIsOneEntryNamingTheReferencesItTookOut) {
  const uint64_t start = Length();
  CreateOk(Organisation("Research ICT Africa", "ZA"), "ria");  // SPECIAL, set by the operator
  const audit::AuditEntry status = OnlyEntrySince(start);
  EXPECT_EQ(status.action, "registry.stakeholder.ecosoc_status_set");
  EXPECT_EQ(status.resource, "stakeholders/ria");
  EXPECT_EQ(status.principal, "operator:test");
  EXPECT_EQ(FieldsOf(status), (Fields{{"ecosoc_status", "SPECIAL"}, {"previous", "NO_STATUS"}}));

  // Creations without a status are not accountable changes: nothing appended.
  const uint64_t before = Length();
  Expert("stranger", "stakeholders/ria");
  Network("coalition", "stakeholders/ria");
  EXPECT_EQ(Length(), before);

  // Refused: another stakeholder may not delete it.
  EXPECT_EQ(Delete("ria", "stakeholder:stranger").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Length(), before);

  const absl::Time asked = absl::Now();
  ASSERT_TRUE(Delete("ria", "stakeholder:ria").ok());
  const audit::AuditEntry deleted = OnlyEntrySince(before);
  EXPECT_EQ(deleted.seq, before + 1);
  EXPECT_EQ(deleted.action, "registry.stakeholder.deleted");
  EXPECT_EQ(deleted.resource, "stakeholders/ria");
  EXPECT_EQ(deleted.principal, "stakeholder:ria");
  EXPECT_GE(deleted.time_ms, absl::ToUnixMillis(asked) - 1);
  EXPECT_LE(deleted.time_ms, absl::ToUnixMillis(absl::Now()));
  EXPECT_EQ(FieldsOf(deleted), (Fields{{"display_name", "Research ICT Africa"},
                                       {"references_removed_from", "coalition,stranger"}}));

  // Deleting it again changes nothing and appends nothing.
  EXPECT_EQ(Delete("ria", "stakeholder:ria").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Length(), before + 1);
}

TEST_F(AuditApiTest, ARemovedReferenceIsOneEntryOnTheReferrer) {
  CreateOk(Organisation("Research ICT Africa", "ZA"), "ria");
  Expert("stranger", "stakeholders/ria");
  const uint64_t before = Length();

  // Refused: only the named stakeholder (or an operator) takes itself out.
  EXPECT_EQ(Remove("ria", "stranger", "stakeholder:stranger").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Length(), before);

  ASSERT_TRUE(Remove("ria", "stranger", "stakeholder:ria").ok());
  const audit::AuditEntry removed = OnlyEntrySince(before);
  EXPECT_EQ(removed.action, "registry.reference.removed");
  EXPECT_EQ(removed.resource, "stakeholders/stranger");
  EXPECT_EQ(removed.principal, "stakeholder:ria");
  EXPECT_EQ(FieldsOf(removed), (Fields{{"referenced", "stakeholders/ria"}, {"cause", "DISOWNED"}}));

  // Already out: NOT_FOUND, nothing appended.
  grpc::Status again = Remove("ria", "stranger", "stakeholder:ria");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(again).reason, "REFERENCE_NOT_FOUND");
  EXPECT_EQ(Length(), before + 1);
}

TEST_F(AuditApiTest, AnEcosocStatusChangeIsAnEntryAndOtherEditsAreNot) {
  v1::Stakeholder acme = Organisation("Acme Foundation", "BR");
  acme.clear_ecosoc_status();
  CreateOk(acme, "acme", "stakeholder:acme");
  const uint64_t before = Length();
  EXPECT_EQ(before, 0u) << "a stakeholder without a status appends nothing";

  v1::Stakeholder patch;
  patch.set_name("stakeholders/acme");
  patch.set_website("https://acme.example.org");
  ASSERT_TRUE(UpdateStakeholder("stakeholder:acme", patch, "website").ok());
  EXPECT_EQ(Length(), before);

  patch.set_ecosoc_status(v1::Stakeholder::GENERAL);
  EXPECT_EQ(UpdateStakeholder("stakeholder:acme", patch, "ecosoc_status").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Length(), before);

  ASSERT_TRUE(UpdateStakeholder("operator:un-import", patch, "ecosoc_status").ok());
  const audit::AuditEntry set = OnlyEntrySince(before);
  EXPECT_EQ(set.action, "registry.stakeholder.ecosoc_status_set");
  EXPECT_EQ(set.resource, "stakeholders/acme");
  EXPECT_EQ(set.principal, "operator:un-import");
  EXPECT_EQ(FieldsOf(set), (Fields{{"ecosoc_status", "GENERAL"}, {"previous", "NO_STATUS"}}));

  // Setting the status it already has changes nothing.
  ASSERT_TRUE(UpdateStakeholder("operator:un-import", patch, "ecosoc_status").ok());
  EXPECT_EQ(Length(), before + 1);
}

// Process changes, a committee rotation among them, are entries; a refused or replayed call
// appends nothing; the registry seals its log and signs its head, and the chain verifies
// against the head with the public key.
TEST_F(AuditApiTest, ProcessChangesAreEntriesAndTheSignedChainVerifies) {
  auto signer = std::make_shared<const audit::HeadSigner>(
      *audit::HeadSigner::FromPem(*audit::GenerateEd25519Pem()));
  audit::AuditWorkerOptions options;
  options.seal_interval = absl::Milliseconds(5);
  options.head_interval = absl::Milliseconds(20);
  options.signer = signer;
  harness_->StopService();
  harness_->set_audit(options);
  harness_->StartService();

  const std::string secretariat = "secretariat:global-mechanism";
  v1::Process created;
  ASSERT_TRUE(CreateProcess(Mechanism(), "global-mechanism", secretariat, "rid-1", &created).ok());
  const audit::AuditEntry c = OnlyEntrySince(0);
  EXPECT_EQ(c.action, "registry.process.created");
  EXPECT_EQ(c.resource, "processes/global-mechanism");
  EXPECT_EQ(c.principal, secretariat);
  EXPECT_EQ(FieldsOf(c), (Fields{{"display_name", "Global Mechanism on ICT security"},
                                 {"host_institution", "UN General Assembly"},
                                 {"routes", "non-objection,committee"},
                                 {"committee:committee", "FR,KE,BR"}}));

  // Replayed, and refused (another process's secretariat): nothing appended.
  v1::Process replayed;
  ASSERT_TRUE(CreateProcess(Mechanism(), "global-mechanism", secretariat, "rid-1", &replayed).ok());
  EXPECT_EQ(replayed.etag(), created.etag());
  v1::Process refused;
  EXPECT_EQ(
      CreateProcess(Mechanism(), "global-mechanism", "secretariat:igf", "", &refused).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Length(), 1u);

  v1::Process patch;
  patch.set_name(created.name());
  patch.set_description("Permanent mechanism from 2026");
  v1::Process updated;
  ASSERT_TRUE(UpdateProcess(patch, "description", secretariat, &updated).ok());
  const audit::AuditEntry u = OnlyEntrySince(1);
  EXPECT_EQ(u.action, "registry.process.updated");
  EXPECT_EQ(u.principal, secretariat);
  EXPECT_EQ(FieldsOf(u), (Fields{{"version", "2"}, {"replaced", "description"}}));

  // The committee rotates: KE leaves, US joins.
  v1::Process rotation = updated;
  rotation.mutable_modalities()->mutable_routes(1)->set_committee_states(1, "US");
  v1::Process rotated;
  ASSERT_TRUE(UpdateProcess(rotation, "modalities", secretariat, &rotated).ok());
  const audit::AuditEntry r = OnlyEntrySince(2);
  EXPECT_EQ(r.action, "registry.process.updated");
  EXPECT_EQ(FieldsOf(r), (Fields{{"version", "3"},
                                 {"replaced", "modalities"},
                                 {"committee:committee", "FR,US,BR"},
                                 {"previous_committee:committee", "FR,KE,BR"}}));

  // A stale etag is refused: nothing appended.
  v1::Process stale = rotation;
  stale.set_etag(created.etag());
  EXPECT_EQ(UpdateProcess(stale, "modalities", secretariat, &rotated).error_code(),
            grpc::StatusCode::ABORTED);
  EXPECT_EQ(Length(), 3u);

  v1::DeleteProcessRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx(secretariat);
  ASSERT_TRUE(harness_->stub().DeleteProcess(ctx.get(), del, &empty).ok());
  const audit::AuditEntry d = OnlyEntrySince(3);
  EXPECT_EQ(d.action, "registry.process.deleted");
  EXPECT_EQ(d.resource, "processes/global-mechanism");
  EXPECT_EQ(FieldsOf(d),
            (Fields{{"display_name", "Global Mechanism on ICT security"}, {"version", "3"}}));

  // Sealed and signed by the service: wait for a head covering all four entries.
  absl::StatusOr<audit::SignedHead> head;
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  for (;;) {
    head = log_->LatestHead();
    if ((head.ok() && head->seq == 4) || absl::Now() > give_up) break;
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_TRUE(head.ok()) << head.status();
  ASSERT_EQ(head->seq, 4u);
  EXPECT_EQ(head->log, "{reg}");
  auto verifier = audit::HeadVerifier::FromPem(signer->public_pem());
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE(verifier->Verify(*head).ok());
  audit::ChainVerifier chain(*head);
  auto sealed = log_->Read(1, 10);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  ASSERT_EQ(sealed->size(), 4u);
  for (const auto& e : *sealed) ASSERT_TRUE(chain.Add(e.entry, e.hash)) << chain.failure().reason;
  EXPECT_TRUE(chain.Finish());
}

}  // namespace
}  // namespace polylateral::registry::testing

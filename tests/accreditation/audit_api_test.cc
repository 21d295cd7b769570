// Accreditation's audit log over polylateral.audit.v1.AuditService, against the real service,
// registry and Redis: paging by sequence, objection grounds shown or redacted per caller by the
// ListObjections rule, and every caller's view verifying against the signed head it is given
// (an entry edited in Redis is caught). Bad input is INVALID_ARGUMENT naming the field.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "common/audit/canonical.h"
#include "common/audit/chain_verifier.h"
#include "common/audit_api/audit_mapping.h"
#include "common/audit_store/audit_keys.h"
#include "grpcpp/create_channel.h"
#include "polylateral/audit/v1/audit.grpc.pb.h"
#include "tests/accreditation/harness.h"

namespace polylateral::accreditation::testing {
namespace {

namespace av1 = ::polylateral::audit::v1;

constexpr char kLog[] = "auditLogs/acc";
constexpr char kGrounds[] = "Concerns about the applicant's independence.";

class AuditApiTest : public AccreditationTest {
 protected:
  void SetUp() override {
    audit_signer_ = std::make_shared<const audit::HeadSigner>(
        *audit::HeadSigner::FromPem(*audit::GenerateEd25519Pem()));
    AccreditationTest::SetUp();
    audit_ = av1::AuditService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", replica_->host->port()), grpc::InsecureChannelCredentials()));
  }

  grpc::Status List(const std::string& principal, const av1::ListAuditEntriesRequest& req,
                    av1::ListAuditEntriesResponse* out) {
    auto ctx = Ctx(principal);
    return audit_->ListAuditEntries(ctx.get(), req, out);
  }

  // Every entry, page after page of `page_size`, as `principal` sees them.
  std::vector<av1::AuditEntry> ListAll(const std::string& principal, int page_size = 4) {
    std::vector<av1::AuditEntry> all;
    av1::ListAuditEntriesRequest req;
    req.set_parent(kLog);
    req.set_page_size(page_size);
    for (int pages = 0; pages < 1000; ++pages) {
      av1::ListAuditEntriesResponse resp;
      grpc::Status st = List(principal, req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      EXPECT_LE(resp.entries_size(), page_size);
      for (const auto& e : resp.entries()) all.push_back(e);
      if (resp.next_page_token().empty()) break;
      req.set_page_token(resp.next_page_token());
    }
    return all;
  }

  av1::AuditHead Head(const std::string& principal = "") {
    av1::GetAuditHeadRequest req;
    req.set_name("auditLogs/acc/head");
    av1::AuditHead out;
    auto ctx = Ctx(principal);
    grpc::Status st = audit_->GetAuditHead(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message() << " " << Details(st).reason;
    return out;
  }

  // Seals every entry and publishes a head covering them, as the replica's worker does.
  void SealAndSign() { ASSERT_TRUE(replica_->app->audit_worker().RunOnce(true).ok()); }

  // Checks `entries` against the signed head with the public key, as any client would:
  // OK, or the first bad sequence and why.
  audit::ChainBreak Verify(const std::vector<av1::AuditEntry>& entries, const av1::AuditHead& h) {
    const audit::SignedHead head = audit::FromProto(h);
    auto verifier = audit::HeadVerifier::FromPem(audit_signer_->public_pem());
    EXPECT_TRUE(verifier.ok());
    if (absl::Status st = verifier->Verify(head); !st.ok()) return {0, st.ToString()};
    audit::ChainVerifier chain(head);
    for (const auto& e : entries) chain.Add(audit::FromProto(e), e.hash());
    chain.Finish();
    return chain.broken() ? chain.failure() : audit::ChainBreak{};
  }

  // An application to `process` on the non-objection route, submitted, with RU's objection.
  std::string ObjectedTo(const std::string& process) {
    const std::string ngo = Stakeholder(absl::StrCat("NGO ", ++applicants_, " for ", process),
                                        reg::Stakeholder::NO_STATUS);
    acc::Application a = Submit(Apply(process, ngo, "non-objection").name(), "stakeholder:" + ngo);
    EXPECT_TRUE(Object(a.name(), "RU").ok());
    return a.name();
  }

  // The grounds field of the lodged objection entry about `app`.
  static const av1::AuditField* Grounds(const std::vector<av1::AuditEntry>& entries,
                                        const std::string& app) {
    for (const auto& e : entries) {
      if (e.action() != "accreditation.objection.lodged" || e.resource() != app) continue;
      for (const auto& f : e.fields()) {
        if (f.name() == "grounds") return &f;
      }
    }
    return nullptr;
  }

  std::unique_ptr<av1::AuditService::Stub> audit_;
  int applicants_ = 0;
};

TEST_F(AuditApiTest, PagesFollowTheSequenceWithoutGapsOrDuplicates) {
  Process("oewg", reg::ParticipationModalities::PUBLIC);
  for (int i = 0; i < 5; ++i) {
    const std::string ngo =
        Stakeholder(absl::StrCat("Member ", i), reg::Stakeholder::GENERAL);  // approved at once
    Submit(Apply("oewg", ngo, "ecosoc-general").name(), "stakeholder:" + ngo);
  }
  ObjectedTo("oewg");
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  const int64_t length = admin.ReadCommand({"LLEN", audit::keys::Log("{acc}")})->integer();
  ASSERT_GT(length, 12);

  for (int page_size : {1, 4, 5, 200}) {
    const std::vector<av1::AuditEntry> all = ListAll("operator:ops", page_size);
    ASSERT_EQ(static_cast<int64_t>(all.size()), length) << page_size;
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(all[i].seq(), static_cast<int64_t>(i + 1));
      EXPECT_EQ(all[i].name(), absl::StrCat("auditLogs/acc/entries/", i + 1));
    }
  }

  // start_seq: a page from there, its token going on from the page's end.
  av1::ListAuditEntriesRequest req;
  req.set_parent(kLog);
  req.set_start_seq(7);
  req.set_page_size(3);
  av1::ListAuditEntriesResponse page;
  ASSERT_TRUE(List("operator:ops", req, &page).ok());
  ASSERT_EQ(page.entries_size(), 3);
  EXPECT_EQ(page.entries(0).seq(), 7);
  EXPECT_EQ(page.entries(2).seq(), 9);
  ASSERT_FALSE(page.next_page_token().empty());
  req.set_page_token(page.next_page_token());
  av1::ListAuditEntriesResponse next;
  ASSERT_TRUE(List("operator:ops", req, &next).ok());
  ASSERT_GT(next.entries_size(), 0);
  EXPECT_EQ(next.entries(0).seq(), 10);

  // The token is bound to its query: another start_seq or another log refuses it.
  for (auto change : std::vector<std::function<void(av1::ListAuditEntriesRequest&)>>{
           [](auto& r) { r.set_start_seq(8); }, [](auto& r) { r.set_start_seq(0); },
           [](auto& r) { r.set_parent("auditLogs/rt"); }}) {
    av1::ListAuditEntriesRequest other = req;
    change(other);
    av1::ListAuditEntriesResponse out;
    grpc::Status st = List("operator:ops", other, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(Details(st).reason, "PAGE_TOKEN_MISMATCH");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"page_token"});
  }

  // The last page carries no token; past the end there is nothing.
  req.clear_page_token();
  req.set_start_seq(length);
  av1::ListAuditEntriesResponse last;
  ASSERT_TRUE(List("operator:ops", req, &last).ok());
  ASSERT_EQ(last.entries_size(), 1);
  EXPECT_TRUE(last.next_page_token().empty());
  req.set_start_seq(length + 1);
  av1::ListAuditEntriesResponse beyond;
  ASSERT_TRUE(List("operator:ops", req, &beyond).ok());
  EXPECT_EQ(beyond.entries_size(), 0);
  EXPECT_TRUE(beyond.next_page_token().empty());
}

// The log names objecting states in plain (docs/audit.md "Known limit"), so only operators
// read its entries, whatever the process's disclosure policy; the head is public.
TEST_F(AuditApiTest, OnlyOperatorsReadTheEntriesThatNameObjectingStates) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  Process("igf", reg::ParticipationModalities::PUBLIC);
  const std::string count_only = ObjectedTo("oewg");
  const std::string open = ObjectedTo("igf");
  for (const char* caller :
       {"", "stakeholder:someone", "state:FR", "state:RU", "secretariat:oewg"}) {
    av1::ListAuditEntriesRequest req;
    req.set_parent(kLog);
    av1::ListAuditEntriesResponse out;
    grpc::Status st = List(caller, req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << caller;
    EXPECT_EQ(out.entries_size(), 0) << caller;
  }
  const std::vector<av1::AuditEntry> all = ListAll("operator:ops");
  for (const std::string& app : {count_only, open}) {
    const av1::AuditField* g = Grounds(all, app);
    ASSERT_NE(g, nullptr) << app;
    EXPECT_TRUE(g->sensitive());
    EXPECT_EQ(g->content_case(), av1::AuditField::kValue) << app;
    EXPECT_EQ(g->value(), kGrounds);
  }
}

TEST_F(AuditApiTest, EveryCallersViewVerifiesAgainstTheSignedHeadAndAnEditIsCaught) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  const std::string app = ObjectedTo("oewg");
  ObjectedTo("oewg");
  SealAndSign();
  const av1::AuditHead head = Head();
  EXPECT_EQ(head.name(), "auditLogs/acc/head");
  EXPECT_EQ(head.log(), "{acc}");
  EXPECT_EQ(head.key_id(), audit_signer_->key_id());

  for (const char* caller : {"operator:ops"}) {
    const std::vector<av1::AuditEntry> all = ListAll(caller, 2);
    ASSERT_EQ(static_cast<int64_t>(all.size()), head.seq()) << caller;
    for (const auto& e : all) EXPECT_EQ(e.hash().size(), 32u) << "sealed: " << e.seq();
    const audit::ChainBreak ok = Verify(all, head);
    EXPECT_EQ(ok.seq, 0u) << caller << ": " << ok.reason;
  }
  // A view with the grounds redacted to their digest verifies too: the chain hashes the digest.
  std::vector<av1::AuditEntry> redacted = ListAll("operator:ops");
  for (auto& e : redacted) {
    for (auto& f : *e.mutable_fields()) {
      if (f.sensitive() && f.has_value()) f.set_digest(audit::Sha256(f.value()));
    }
  }
  EXPECT_EQ(Verify(redacted, head).seq, 0u);

  // Someone with Redis access rewrites the grounds of the objection in the stored entry.
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  const std::string key = audit::keys::Log("{acc}");
  int64_t edited = 0;
  for (const auto& e : ListAll("operator:ops")) {
    if (e.resource() == app && e.action() == "accreditation.objection.lodged") edited = e.seq();
  }
  ASSERT_GT(edited, 0);
  auto stored = admin.ReadCommand({"LINDEX", key, std::to_string(edited - 1)});
  ASSERT_TRUE(stored.ok());
  const std::string forged = absl::StrReplaceAll(stored->str(), {{"independence", "integrity"}});
  ASSERT_NE(forged, std::string(stored->str()));
  ASSERT_TRUE(admin.Command({"LSET", key, std::to_string(edited - 1), forged}).ok());

  // Verification names the edited entry.
  const audit::ChainBreak broken = Verify(ListAll("operator:ops", 3), head);
  EXPECT_EQ(broken.seq, static_cast<uint64_t>(edited)) << broken.reason;
}

TEST_F(AuditApiTest, BadInputIsInvalidArgumentNamingTheField) {
  struct Bad {
    std::function<void(av1::ListAuditEntriesRequest&)> change;
    std::string reason, field;
  };
  const Bad bad[] = {
      {[](auto& r) { r.clear_parent(); }, "INVALID_NAME", "parent"},
      {[](auto& r) { r.set_parent("auditLogs/"); }, "INVALID_NAME", "parent"},
      {[](auto& r) { r.set_parent("processes/oewg"); }, "INVALID_NAME", "parent"},
      {[](auto& r) { r.set_parent("auditLogs/acc/entries/1"); }, "INVALID_NAME", "parent"},
      {[](auto& r) { r.set_start_seq(-1); }, "INVALID_START_SEQ", "start_seq"},
      {[](auto& r) { r.set_page_size(-1); }, "INVALID_PAGE_SIZE", "page_size"},
      {[](auto& r) { r.set_page_token("not-a-token"); }, "INVALID_PAGE_TOKEN", "page_token"},
  };
  for (const Bad& b : bad) {
    av1::ListAuditEntriesRequest req;
    req.set_parent(kLog);
    b.change(req);
    av1::ListAuditEntriesResponse out;
    grpc::Status st = List("operator:ops", req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << b.reason;
    EXPECT_EQ(Details(st).reason, b.reason);
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{b.field}) << b.reason;
  }
  // Another service's log is not found here.
  for (const char* other : {"auditLogs/rt", "processes/oewg/auditLog"}) {
    av1::ListAuditEntriesRequest req;
    req.set_parent(other);
    av1::ListAuditEntriesResponse out;
    grpc::Status st = List("operator:ops", req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << other;
    EXPECT_EQ(Details(st).reason, "AUDIT_LOG_NOT_FOUND");
  }
  for (const char* name : {"", "auditLogs/acc", "auditLogs/acc/heads"}) {
    av1::GetAuditHeadRequest req;
    req.set_name(name);
    av1::AuditHead out;
    auto ctx = Ctx();
    grpc::Status st = audit_->GetAuditHead(ctx.get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_EQ(Details(st).reason, "INVALID_NAME");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"name"});
  }
}

// Replicas without a signing key publish no head: NOT_FOUND with its reason, while the
// entries are listed as usual.
class AuditApiWithoutKeyTest : public AccreditationTest {};

TEST_F(AuditApiWithoutKeyTest, NoHeadIsNotFound) {
  auto stub = av1::AuditService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", replica_->host->port()), grpc::InsecureChannelCredentials()));
  ASSERT_TRUE(replica_->app->audit_worker().RunOnce(true).ok());
  av1::GetAuditHeadRequest req;
  req.set_name("auditLogs/acc/head");
  av1::AuditHead out;
  auto ctx = Ctx();
  grpc::Status st = stub->GetAuditHead(ctx.get(), req, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "HEAD_NOT_PUBLISHED");
  av1::ListAuditEntriesRequest list;
  list.set_parent(kLog);
  av1::ListAuditEntriesResponse entries;
  ctx = Ctx("operator:ops");
  ASSERT_TRUE(stub->ListAuditEntries(ctx.get(), list, &entries).ok());
  EXPECT_EQ(entries.entries_size(), 0);
  EXPECT_TRUE(entries.next_page_token().empty());
}

}  // namespace
}  // namespace polylateral::accreditation::testing

// Accreditation's audit log over polylateral.audit.v1.AuditService, against the real service,
// registry and Redis: paging by sequence, an objection's state and grounds shown or redacted
// per caller by the ListObjections rule, and every caller's view verifying against the signed
// head it is given (an entry edited in Redis is caught), across a log that switches from chain
// version 1 to 2. Bad input is INVALID_ARGUMENT naming the field.
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "common/audit/canonical.h"
#include "common/audit/chain_verifier.h"
#include "common/audit_api/audit_mapping.h"
#include "common/audit_store/audit_json.h"
#include "common/audit_store/audit_keys.h"
#include "grpcpp/create_channel.h"
#include "polylateral/audit/v1/audit.grpc.pb.h"
#include "tests/accreditation/harness.h"
#include "tools/audit/verify_export.h"

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

  // What `polylateral-audit verify` says of `entries` written as an export file, with the head
  // as GetAuditHead gave it.
  audit::VerifyOutcome VerifyAsExport(const std::vector<av1::AuditEntry>& entries,
                                      const av1::AuditHead& h) {
    std::stringstream lines;
    for (const auto& e : entries)
      lines << audit::EncodeExportLine(audit::FromProto(e), e.hash()) << "\n";
    return audit::VerifyExport(lines, audit::EncodeHead(audit::FromProto(h)),
                               audit_signer_->public_pem());
  }

  // An application to `process` on the non-objection route, submitted, with RU's objection.
  std::string ObjectedTo(const std::string& process) {
    const std::string ngo = Stakeholder(absl::StrCat("NGO ", ++applicants_, " for ", process),
                                        reg::Stakeholder::NO_STATUS);
    acc::Application a = Submit(Apply(process, ngo, "non-objection").name(), "stakeholder:" + ngo);
    EXPECT_TRUE(Object(a.name(), "RU").ok());
    return a.name();
  }

  // The lodged objection entry about `app` (the last one written by the service: v2).
  static const av1::AuditEntry* Lodged(const std::vector<av1::AuditEntry>& entries,
                                       const std::string& app) {
    const av1::AuditEntry* found = nullptr;
    for (const auto& e : entries) {
      if (e.action() == "accreditation.objection.lodged" && e.resource() == app) found = &e;
    }
    return found;
  }
  static const av1::AuditField* Field(const av1::AuditEntry& e, const std::string& name) {
    for (const auto& f : e.fields()) {
      if (f.name() == name) return &f;
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
  for (const auto& change : std::vector<std::function<void(av1::ListAuditEntriesRequest&)>>{
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

// Chain version 2 withholds the objecting state: every authenticated caller reads the log,
// and sees who objected only where ListObjections would show it; every view verifies.
TEST_F(AuditApiTest, AStateUnderCountOnlyCannotSeeWhoObjectedYetItsViewVerifies) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  Process("igf", reg::ParticipationModalities::PUBLIC);
  const std::string count_only = ObjectedTo("oewg");
  const std::string open = ObjectedTo("igf");
  SealAndSign();
  const av1::AuditHead head = Head();

  // FR, another state: the entry is there (someone objected), the state and grounds are not.
  const std::vector<av1::AuditEntry> fr = ListAll("state:FR");
  ASSERT_EQ(static_cast<int64_t>(fr.size()), head.seq());
  const av1::AuditEntry* hidden = Lodged(fr, count_only);
  ASSERT_NE(hidden, nullptr);
  EXPECT_EQ(hidden->chain_version(), 2);
  EXPECT_TRUE(hidden->principal_sensitive());
  EXPECT_EQ(hidden->principal(), "");
  EXPECT_EQ(hidden->principal_digest().size(), 32u);
  EXPECT_TRUE(hidden->principal_salt().empty());
  for (const char* name : {"objecting_state", "grounds"}) {
    const av1::AuditField* f = Field(*hidden, name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_TRUE(f->sensitive()) << name;
    EXPECT_EQ(f->content_case(), av1::AuditField::kDigest) << name;
    EXPECT_TRUE(f->salt().empty()) << name;
    // The 195 codes tried against the digest: none matches without the salt.
    EXPECT_NE(f->digest(), audit::Sha256("RU")) << name;
  }
  for (const auto& e : fr) {
    if (e.resource() == count_only) {
      EXPECT_NE(e.principal(), "state:RU") << e.action();
    }
  }
  // Under PUBLIC, FR sees who objected.
  const av1::AuditEntry* shown = Lodged(fr, open);
  ASSERT_NE(shown, nullptr);
  EXPECT_EQ(shown->principal(), "state:RU");
  EXPECT_EQ(Field(*shown, "objecting_state")->value(), "RU");
  // FR's view verifies against the signed head, as pages and as an export.
  EXPECT_EQ(Verify(fr, head).seq, 0u) << Verify(fr, head).reason;
  const audit::VerifyOutcome exported = VerifyAsExport(fr, head);
  EXPECT_TRUE(exported.ok) << exported.failure.seq << ": " << exported.failure.reason;
  EXPECT_EQ(exported.withheld_entries, 0u);

  // RU sees its own objection: the state, the grounds and their salts, which reproduce the
  // digests FR was given.
  const std::vector<av1::AuditEntry> ru = ListAll("state:RU");
  const av1::AuditEntry* own = Lodged(ru, count_only);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->principal(), "state:RU");
  EXPECT_EQ(own->principal_salt().size(), 32u);
  EXPECT_EQ(audit::ValueDigest(2, own->principal_salt(), audit::kPrincipalName, "state:RU"),
            hidden->principal_digest());
  const av1::AuditField* state = Field(*own, "objecting_state");
  ASSERT_EQ(state->content_case(), av1::AuditField::kValue);
  EXPECT_EQ(state->value(), "RU");
  EXPECT_EQ(audit::ValueDigest(2, state->salt(), "objecting_state", "RU"),
            Field(*hidden, "objecting_state")->digest());
  EXPECT_EQ(Field(*own, "grounds")->value(), kGrounds);
  EXPECT_EQ(Verify(ru, head).seq, 0u);

  // The secretariat and operators see it; a stakeholder does not; anonymous callers read
  // nothing of this log.
  for (const char* caller : {"secretariat:oewg", "operator:ops"}) {
    EXPECT_EQ(Lodged(ListAll(caller), count_only)->principal(), "state:RU") << caller;
  }
  const std::vector<av1::AuditEntry> acme = ListAll("stakeholder:someone");
  EXPECT_EQ(Lodged(acme, count_only)->principal(), "");
  EXPECT_EQ(Verify(acme, head).seq, 0u);
  av1::ListAuditEntriesRequest req;
  req.set_parent(kLog);
  av1::ListAuditEntriesResponse out;
  EXPECT_EQ(List("", req, &out).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(out.entries_size(), 0);
}

// An objection entry written before chain version 2 names its state in plain: a caller not
// shown the objection gets it withheld (its seal stands for it), and the v1-then-v2 log still
// verifies, from the withheld entry on.
TEST_F(AuditApiTest, AnOldObjectionNamingItsStateIsWithheldAndTheSwitchingLogVerifies) {
  Process("oewg", reg::ParticipationModalities::COUNT_ONLY);
  const std::string ngo = Stakeholder("NGO for oewg", reg::Stakeholder::NO_STATUS);
  acc::Application a = Submit(Apply("oewg", ngo, "non-objection").name(), "stakeholder:" + ngo);
  // Rewrite the log as if written before v2: its entries so far in v1 (their seals dropped, to
  // be sealed again as v1), then CN's objection as the v1 objection.lua recorded it. One
  // script, so that the replica's sealer sees the log before or after, never half-way.
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  const std::string key = audit::keys::Log("{acc}");
  const int64_t old_seq = admin.ReadCommand({"LLEN", key})->integer() + 1;
  const std::string old_objection =
      absl::StrCat(R"({"seq":)", old_seq, R"(,"t":"1700000000000","p":"state:CN",)",
                   R"("a":"accreditation.objection.lodged","r":")", a.name(),
                   R"(","f":[["objecting_state","CN"],["grounds","Old grounds.",1]]})");
  auto rewritten = admin.Command({"EVAL", R"(
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
for i, raw in ipairs(entries) do
  local e = cjson.decode(raw)
  if e.v ~= 2 then return redis.error_reply('not v2: ' .. raw) end
  e.v = nil
  redis.call('LSET', KEYS[1], i - 1, cjson.encode(e))
end
redis.call('DEL', KEYS[2])
return redis.call('RPUSH', KEYS[1], ARGV[1]))",
                                  "2", key, audit::keys::Seals("{acc}"), old_objection});
  ASSERT_TRUE(rewritten.ok()) << rewritten.status();
  ASSERT_EQ(rewritten->integer(), old_seq) << rewritten->DebugString();
  ASSERT_TRUE(Object(a.name(), "RU").ok());
  SealAndSign();
  const av1::AuditHead head = Head();
  ASSERT_GT(head.seq(), old_seq);

  const std::vector<av1::AuditEntry> fr = ListAll("state:FR", 3);
  ASSERT_EQ(static_cast<int64_t>(fr.size()), head.seq());
  const av1::AuditEntry& old = fr[old_seq - 1];
  EXPECT_EQ(old.chain_version(), 1);
  EXPECT_TRUE(old.withheld());
  EXPECT_EQ(old.principal(), "");
  EXPECT_EQ(old.fields_size(), 0);
  EXPECT_EQ(old.action(), "accreditation.objection.lodged");
  EXPECT_EQ(fr.back().chain_version(), 2);
  EXPECT_EQ(fr.back().principal(), "");  // RU's, redacted
  const audit::VerifyOutcome v = VerifyAsExport(fr, head);
  EXPECT_TRUE(v.ok) << v.failure.seq << ": " << v.failure.reason;
  EXPECT_EQ(v.withheld_entries, 1u);
  EXPECT_EQ(v.checked_from, static_cast<uint64_t>(old_seq + 1));
  // CN sees its own old objection whole; operators see everything, nothing withheld.
  const std::vector<av1::AuditEntry> cn = ListAll("state:CN");
  EXPECT_FALSE(cn[old_seq - 1].withheld());
  EXPECT_EQ(cn[old_seq - 1].principal(), "state:CN");
  const audit::VerifyOutcome all = VerifyAsExport(ListAll("operator:ops"), head);
  EXPECT_TRUE(all.ok) << all.failure.reason;
  EXPECT_EQ(all.withheld_entries, 0u);
  EXPECT_EQ(all.checked_from, 1u);
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

  for (const char* caller :
       {"operator:ops", "secretariat:oewg", "state:RU", "state:FR", "stakeholder:someone"}) {
    const std::vector<av1::AuditEntry> all = ListAll(caller, 2);
    ASSERT_EQ(static_cast<int64_t>(all.size()), head.seq()) << caller;
    for (const auto& e : all) EXPECT_EQ(e.hash().size(), 32u) << "sealed: " << e.seq();
    const audit::ChainBreak ok = Verify(all, head);
    EXPECT_EQ(ok.seq, 0u) << caller << ": " << ok.reason;
  }
  // A view with every sensitive value redacted to its digest verifies too: the chain hashes
  // the digest.
  std::vector<av1::AuditEntry> redacted;
  for (const auto& e : ListAll("operator:ops")) {
    av1::AuditEntry r;
    audit::ToProto(audit::Redacted(audit::FromProto(e)), e.hash(), kLog, &r);
    redacted.push_back(std::move(r));
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

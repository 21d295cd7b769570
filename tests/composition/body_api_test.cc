// Multistakeholder bodies over gRPC against a real registry and Redis: the secretariat keeps
// the rules and the seed commitment, each stakeholder group nominates for itself, the draw
// is kept and re-runs to the same panel.
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/audit/canonical.h"
#include "common/audit/chain_verifier.h"
#include "common/audit_api/audit_mapping.h"
#include "common/audit_store/redis_audit_log.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "grpcpp/create_channel.h"
#include "polylateral/audit/v1/audit.grpc.pb.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/store/redis_body_store.h"
#include "tests/composition/api_test_base.h"

namespace polylateral::composition::testing {
namespace {

using registry::testing::Details;
namespace rv1 = registry::v1;

constexpr char kBody[] = "processes/igf/bodies/mag";
constexpr char kSeed[] = "igf-mag-2031: drawn in plenary";

v1::Feature* AddFeature(v1::BodySpec* spec, const std::string& name,
                        const std::map<std::string, std::pair<int, int>>& bounds) {
  v1::Feature* f = spec->add_features();
  f->set_name(name);
  for (const auto& [value, mm] : bounds) {
    v1::ValueQuota* q = f->add_values();
    q->set_value(value);
    q->set_min(mm.first);
    q->set_max(mm.second);
  }
  return f;
}

// Four seats: one or two per group, exactly two women.
v1::Body MagBody() {
  v1::Body b;
  b.set_display_name("Multistakeholder Advisory Group 2031");
  b.set_seed_sha256(SeedCommitment(kSeed));
  v1::BodySpec* spec = b.mutable_spec();
  spec->set_min_seats(4);
  spec->set_max_seats(4);
  AddFeature(spec, "stakeholder_group",
             {{"GOVERNMENT", {1, 2}}, {"CIVIL_SOCIETY", {1, 2}}, {"ACADEMIA", {1, 2}}});
  AddFeature(spec, "gender", {{"female", {2, 2}}, {"male", {0, 2}}});
  return b;
}

v1::Nomination Nominee(const std::string& id, const std::string& gender) {
  v1::Nomination n;
  n.mutable_candidate()->set_id(id);
  v1::CandidateValues* v = n.mutable_candidate()->add_values();
  v->set_feature("gender");
  v->add_values(gender);
  return n;
}

class BodyApiTest : public CompositionApiTest {
 protected:
  void SetUp() override {
    CompositionApiTest::SetUp();
    rv1::CreateProcessRequest req;
    req.set_process_id("igf");
    req.mutable_process()->set_display_name("Internet Governance Forum");
    req.mutable_process()->set_host_institution("UN DESA");
    req.mutable_process()->add_themes("themes/cybersecurity");
    auto* m = req.mutable_process()->mutable_modalities();
    m->set_disclosure_policy(rv1::ParticipationModalities::PUBLIC);
    auto* route = m->add_routes();
    route->set_route_id("open");
    route->set_kind(rv1::AccreditationRoute::NON_OBJECTION);
    route->add_granted_rights(type::v1::ATTEND_PLENARY);
    route->mutable_objection_rule()->set_kind(rv1::ObjectionRule::ANY_SINGLE_OBJECTION);
    route->mutable_notice_period()->set_seconds(14 * 24 * 3600);
    rv1::Process out;
    auto ctx = harness_->registry().Ctx("operator:test");
    grpc::Status st = harness_->registry().stub().CreateProcess(ctx.get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
    CreateStakeholder(registry::testing::Organisation("Progressive Communications", "ZA"), "apc");
    rv1::Stakeholder uni = registry::testing::Organisation("University of Nairobi", "KE");
    uni.set_stakeholder_group(type::v1::ACADEMIA);
    CreateStakeholder(uni, "uni");
    rv1::Stakeholder firm = registry::testing::Organisation("Cloud Firm", "IE");
    firm.set_stakeholder_group(type::v1::PRIVATE_SECTOR);
    CreateStakeholder(firm, "firm");
  }

  void CreateStakeholder(const rv1::Stakeholder& s, const std::string& id) {
    rv1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = s;
    req.set_stakeholder_id(id);
    rv1::Stakeholder out;
    auto ctx = harness_->registry().Ctx("operator:test");
    grpc::Status st = harness_->registry().stub().CreateStakeholder(ctx.get(), req, &out);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  grpc::Status CreateBody(const v1::Body& body, const std::string& principal,
                          v1::Body* out = nullptr, const std::string& parent = "processes/igf",
                          const std::string& id = "mag") {
    v1::CreateBodyRequest req;
    req.set_parent(parent);
    req.set_body_id(id);
    *req.mutable_body() = body;
    v1::Body ignored;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().CreateBody(ctx.get(), req, out ? out : &ignored);
  }

  grpc::Status Nominate(const std::string& id, const v1::Nomination& n,
                        const std::string& principal, v1::Nomination* out = nullptr) {
    v1::CreateNominationRequest req;
    req.set_parent(kBody);
    req.set_nomination_id(id);
    *req.mutable_nomination() = n;
    v1::Nomination ignored;
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().CreateNomination(ctx.get(), req, out ? out : &ignored);
  }

  grpc::Status Draw(const std::string& seed, const std::string& principal, v1::Body* out,
                    int uniform_panels = 0, int drawn_panel_number = 0) {
    v1::DrawBodyRequest req;
    req.set_name(kBody);
    req.set_seed(seed);
    req.set_uniform_panels(uniform_panels);
    req.set_drawn_panel_number(drawn_panel_number);
    auto ctx = harness_->Ctx(principal);
    return harness_->stub().DrawBody(ctx.get(), req, out);
  }

  v1::Body Get() {
    v1::GetBodyRequest req;
    req.set_name(kBody);
    v1::Body out;
    auto ctx = harness_->Ctx();
    grpc::Status st = harness_->stub().GetBody(ctx.get(), req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
  }

  // Seven nominees from three groups, each nominated by its own group.
  void NominateAll() {
    ASSERT_TRUE(
        Nominate("apc-1", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc").ok());
    ASSERT_TRUE(Nominate("apc-2", Nominee("stakeholders/apc-ben", "male"), "stakeholder:apc").ok());
    ASSERT_TRUE(Nominate("apc-3", Nominee("apc-chen", "female"), "stakeholder:apc").ok());
    ASSERT_TRUE(Nominate("ke-1", Nominee("ke-delegate-1", "male"), "state:KE").ok());
    ASSERT_TRUE(Nominate("br-1", Nominee("br-delegate-1", "female"), "state:BR").ok());
    ASSERT_TRUE(Nominate("uni-1", Nominee("uni-dana", "female"), "stakeholder:uni").ok());
    ASSERT_TRUE(Nominate("uni-2", Nominee("uni-eli", "male"), "stakeholder:uni").ok());
  }
};

TEST_F(BodyApiTest, GroupsNominateForThemselvesOnly) {
  v1::Body created;
  grpc::Status st = CreateBody(MagBody(), "secretariat:igf", &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(created.name(), kBody);
  EXPECT_EQ(created.state(), v1::NOMINATING);

  v1::Nomination n;
  st = Nominate("apc-1", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc", &n);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(n.name(), std::string(kBody) + "/nominations/apc-1");
  EXPECT_EQ(n.stakeholder_group(), type::v1::CIVIL_SOCIETY);  // from the registry
  EXPECT_EQ(n.nominated_by(), "stakeholder:apc");
  bool has_group = false;
  for (const auto& v : n.candidate().values()) {
    if (v.feature() == "stakeholder_group") {
      has_group = v.values_size() == 1 && v.values(0) == "CIVIL_SOCIETY";
    }
  }
  EXPECT_TRUE(has_group) << n.DebugString();

  // Self-managed: nobody nominates into another group, and the secretariat picks nobody.
  v1::Nomination other = Nominee("stakeholders/x", "male");
  other.set_stakeholder_group(type::v1::ACADEMIA);
  st = Nominate("apc-x", other, "stakeholder:apc");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_OWN_GROUP");
  v1::Nomination labelled = Nominee("stakeholders/y", "male");
  auto* g = labelled.mutable_candidate()->add_values();
  g->set_feature("stakeholder_group");
  g->add_values("GOVERNMENT");
  EXPECT_EQ(Details(Nominate("apc-y", labelled, "stakeholder:apc")).reason, "NOT_OWN_GROUP");
  st = Nominate("sec-1", Nominee("stakeholders/z", "male"), "secretariat:igf");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  st = Nominate("firm-1", Nominee("stakeholders/w", "male"), "stakeholder:firm");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "GROUP_NOT_IN_BODY");
  // One nomination per candidate, whoever nominates.
  st = Nominate("ke-dup", Nominee("stakeholders/apc-amara", "female"), "state:KE");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Details(st).reason, "CANDIDATE_ALREADY_NOMINATED");
}

TEST_F(BodyApiTest, AGroupLeftWithoutAValueTakesTheNominatorsGroup) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  v1::Nomination n;
  // The group listed without a value gets the nominating group's, as if left out.
  v1::Nomination unlabelled = Nominee("stakeholders/apc-ben", "male");
  unlabelled.mutable_candidate()->add_values()->set_feature("stakeholder_group");
  ASSERT_TRUE(Nominate("apc-2", unlabelled, "stakeholder:apc", &n).ok());
  EXPECT_THAT(n.candidate().values(1).values(), ::testing::ElementsAre("CIVIL_SOCIETY"));
  EXPECT_EQ(Get().nomination_count(), 1);
}

TEST_F(BodyApiTest, ListingPagesThroughEveryNominationInIdOrder) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  // Listing pages through every nomination in id order.
  std::vector<std::string> names;
  std::string token;
  do {
    v1::ListNominationsRequest list;
    list.set_parent(kBody);
    list.set_page_size(3);
    list.set_page_token(token);
    v1::ListNominationsResponse page;
    auto ctx = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().ListNominations(ctx.get(), list, &page).ok());
    for (const auto& nom : page.nominations()) names.push_back(nom.name());
    token = page.next_page_token();
  } while (!token.empty());
  ASSERT_EQ(names.size(), 7u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  // Above the suite's maximum page is served as the maximum; a negative size is refused
  // (common/base/page_size.h).
  {
    v1::ListNominationsRequest list;
    list.set_parent(kBody);
    list.set_page_size(500);
    v1::ListNominationsResponse all;
    auto all_ctx = harness_->Ctx();
    ASSERT_TRUE(harness_->stub().ListNominations(all_ctx.get(), list, &all).ok());
    EXPECT_EQ(all.nominations_size(), 7);
    list.set_page_size(-1);
    v1::ListNominationsResponse page;
    auto ctx = harness_->Ctx();
    grpc::Status refused = harness_->stub().ListNominations(ctx.get(), list, &page);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(Details(refused).reason, "INVALID_PAGE_SIZE");
    EXPECT_EQ(Details(refused).fields, std::vector<std::string>{"page_size"});
  }
}

TEST_F(BodyApiTest, OnlyTheSecretariatDrawsAndOnlyWithTheCommittedStrongSeed) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  grpc::Status st;
  // Only the secretariat draws, and only with the committed seed.
  v1::Body drawn;
  EXPECT_EQ(Draw(kSeed, "stakeholder:apc", &drawn).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  st = Draw("another seed, long enough to draw", "secretariat:igf", &drawn);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "SEED_COMMITMENT_MISMATCH");
  EXPECT_EQ(Get().state(), v1::NOMINATING);
  // Under 128 bits a seed could be found from the published commitment: refused, even when
  // it is the committed one (a body created with a weak commitment cannot be drawn).
  for (const std::string weak : {"", "x", "15 bytes: short"}) {
    st = Draw(weak, "secretariat:igf", &drawn);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << weak;
    EXPECT_EQ(Details(st).reason, "WEAK_SEED");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"seed"});
  }
  EXPECT_EQ(Get().state(), v1::NOMINATING);
}

TEST_F(BodyApiTest, TheDrawMeetsTheRulesAndAnyoneReproducesIt) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  grpc::Status st;
  v1::Body drawn;
  st = Draw(kSeed, "secretariat:igf", &drawn);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(drawn.state(), v1::DRAWN);
  const v1::BodyDraw& d = drawn.draw();
  EXPECT_EQ(d.seed(), kSeed);
  EXPECT_EQ(d.drawn_by(), "secretariat:igf");
  ASSERT_EQ(d.member_ids_size(), 4);
  // The panel meets the rules: groups 1..2 each, two women.
  const std::map<std::string, std::pair<std::string, std::string>> who = {
      {"stakeholders/apc-amara", {"CIVIL_SOCIETY", "female"}},
      {"stakeholders/apc-ben", {"CIVIL_SOCIETY", "male"}},
      {"apc-chen", {"CIVIL_SOCIETY", "female"}},
      {"ke-delegate-1", {"GOVERNMENT", "male"}},
      {"br-delegate-1", {"GOVERNMENT", "female"}},
      {"uni-dana", {"ACADEMIA", "female"}},
      {"uni-eli", {"ACADEMIA", "male"}}};
  std::map<std::string, int> groups, genders;
  for (const std::string& id : d.member_ids()) {
    ASSERT_TRUE(who.count(id)) << id;
    ++groups[who.at(id).first];
    ++genders[who.at(id).second];
  }
  for (const char* group : {"GOVERNMENT", "CIVIL_SOCIETY", "ACADEMIA"}) {
    EXPECT_GE(groups[group], 1) << group;
    EXPECT_LE(groups[group], 2) << group;
  }
  EXPECT_EQ(genders["female"], 2);
  // Every nominee has a selection probability, summing to the seats.
  double total = 0;
  std::set<std::string> listed;
  for (const auto& p : d.distribution().probabilities()) {
    listed.insert(p.candidate_id());
    total += p.probability();
  }
  EXPECT_EQ(listed.size(), 7u);
  EXPECT_NEAR(total, 4.0, 1e-6);

  // Anyone re-runs the draw from what the body publishes and gets the same panel.
  v1::DrawPanelRequest rerun;
  *rerun.mutable_distribution() = d.distribution();
  rerun.set_seed(d.seed());
  rerun.set_seed_sha256(drawn.seed_sha256());
  v1::DrawPanelResponse again;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().DrawPanel(ctx.get(), rerun, &again).ok());
  EXPECT_EQ(again.panel_index(), d.panel_index());
  EXPECT_THAT(again.member_ids(), ::testing::ElementsAreArray(d.member_ids()));
}

TEST_F(BodyApiTest, ADrawnBodyIsKeptOnce) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  v1::Body drawn;
  grpc::Status st = Draw(kSeed, "secretariat:igf", &drawn);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const v1::BodyDraw& d = drawn.draw();
  // Kept, once: no second draw, no late nomination or withdrawal.
  v1::Body read = Get();
  EXPECT_EQ(read.state(), v1::DRAWN);
  EXPECT_THAT(read.draw().member_ids(), ::testing::ElementsAreArray(d.member_ids()));
  st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_EQ(Details(st).reason, "BODY_DRAWN");
  st = Nominate("uni-3", Nominee("uni-fay", "female"), "stakeholder:uni");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "BODY_DRAWN");
  v1::DeleteNominationRequest del;
  del.set_name(std::string(kBody) + "/nominations/uni-2");
  google::protobuf::Empty empty;
  auto del_ctx = harness_->Ctx("stakeholder:uni");
  EXPECT_EQ(Details(harness_->stub().DeleteNomination(del_ctx.get(), del, &empty)).reason,
            "BODY_DRAWN");
}

TEST_F(BodyApiTest, TheDrawIsAuditedWithItsSeedInTheSameScript) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  audit::RedisAuditLog log(&admin, "comp:{igf}");
  EXPECT_EQ(*log.Length(), 0u);  // nominations are not audited
  v1::Body drawn;
  ASSERT_TRUE(Draw(kSeed, "secretariat:igf", &drawn).ok());
  auto entries = log.Read(1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  const audit::AuditEntry& e = entries->front().entry;
  EXPECT_EQ(e.action, "composition.body.draw");
  EXPECT_EQ(e.resource, kBody);
  EXPECT_EQ(e.principal, "secretariat:igf");
  EXPECT_EQ(e.time_ms, absl::ToUnixMillis(clock_.Now()));
  std::map<std::string, std::string> fields;
  for (const auto& f : e.fields) fields[f.name] = f.value;
  EXPECT_EQ(fields["seed"], kSeed);
  EXPECT_EQ(fields["seed_sha256"], SeedCommitment(kSeed));
  EXPECT_EQ(fields["members"], absl::StrJoin(drawn.draw().member_ids(), ","));
  EXPECT_EQ(fields["panel_index"], std::to_string(drawn.draw().panel_index()));
  // A refused second draw appends nothing; the sealer seals the process's log.
  EXPECT_FALSE(Draw(kSeed, "secretariat:igf", &drawn).ok());
  EXPECT_EQ(*log.Length(), 1u);
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (log.Sealed()->count < 1 && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(10));
  EXPECT_EQ(log.Sealed()->count, 1u);
  EXPECT_EQ(log.Sealed()->hash, *audit::ChainHash(e, audit::GenesisHash()));
}

std::map<std::string, std::string> AuditFields(const audit::AuditEntry& e) {
  std::map<std::string, std::string> fields;
  for (const auto& f : e.fields) fields[f.name] = f.value;
  return fields;
}

// The text whose SHA-256 the audit entry keeps: "number:i,j\n" per panel (pool indices).
std::string PanelsText(const v1::UniformLottery& u) {
  std::string text;
  for (const v1::NumberedPanel& panel : u.panels()) {
    absl::StrAppend(&text, panel.number(), ":", absl::StrJoin(panel.members(), ","), "\n");
  }
  return text;
}

// Over numbered panels the seed names the number; the m panels are kept with the draw and
// pinned by their SHA-256 in the audit entry, beside the number and where it came from.
TEST_F(BodyApiTest, ADrawOverNumberedPanelsKeepsThemAndAuditsTheNumber) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  v1::Body drawn;
  grpc::Status st = Draw(kSeed, "secretariat:igf", &drawn, /*uniform_panels=*/20);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const v1::BodyDraw& d = drawn.draw();
  ASSERT_EQ(d.uniform_lottery().panels_size(), 20);
  EXPECT_EQ(d.panel_number(), UniformPanelNumber(kSeed, 20));
  EXPECT_EQ(d.panel_index(), d.panel_number() - 1);
  EXPECT_FALSE(d.public_draw());
  std::vector<std::string> expected;
  for (int m : d.uniform_lottery().panels(d.panel_number() - 1).members()) {
    expected.push_back(d.uniform_lottery().probabilities(m).candidate_id());
  }
  EXPECT_THAT(d.member_ids(), ::testing::ElementsAreArray(expected));
  EXPECT_LT(d.uniform_lottery().max_deviation(), d.uniform_lottery().deviation_bound());
  EXPECT_EQ(Get().draw().uniform_lottery().panels_size(), 20);

  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  audit::RedisAuditLog log(&admin, "comp:{igf}");
  auto entries = log.Read(1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  std::map<std::string, std::string> fields = AuditFields(entries->front().entry);
  EXPECT_EQ(fields["uniform_panels"], "20");
  EXPECT_EQ(fields["panel_number"], std::to_string(d.panel_number()));
  EXPECT_EQ(fields["number_from"], "seed");
  EXPECT_EQ(fields["uniform_panels_sha256"], SeedCommitment(PanelsText(d.uniform_lottery())));
  EXPECT_EQ(fields["members"], absl::StrJoin(d.member_ids(), ","));
}

// A public physical draw (numbered balls) gives the number: recorded as such.
TEST_F(BodyApiTest, APubliclyDrawnPanelNumberIsRecorded) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  v1::Body drawn;
  grpc::Status st = Draw(kSeed, "secretariat:igf", &drawn, /*uniform_panels=*/10,
                         /*drawn_panel_number=*/7);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(drawn.draw().panel_number(), 7);
  EXPECT_TRUE(drawn.draw().public_draw());
  std::vector<std::string> expected;
  for (int m : drawn.draw().uniform_lottery().panels(6).members()) {
    expected.push_back(drawn.draw().uniform_lottery().probabilities(m).candidate_id());
  }
  EXPECT_THAT(drawn.draw().member_ids(), ::testing::ElementsAreArray(expected));
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  audit::RedisAuditLog log(&admin, "comp:{igf}");
  auto entries = log.Read(1, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  std::map<std::string, std::string> fields = AuditFields(entries->front().entry);
  EXPECT_EQ(fields["panel_number"], "7");
  EXPECT_EQ(fields["number_from"], "public_draw");
}

TEST_F(BodyApiTest, BadPanelCountsAndNumbersAreRefusedAndWriteNothing) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  struct Case {
    int uniform_panels, drawn_panel_number;
    const char* field;
    const char* reason;
  };
  for (const Case& c : {Case{0, 3, "drawn_panel_number", "DRAWN_PANEL_NUMBER_OUT_OF_RANGE"},
                        Case{10, 11, "drawn_panel_number", "DRAWN_PANEL_NUMBER_OUT_OF_RANGE"},
                        Case{10, -1, "drawn_panel_number", "DRAWN_PANEL_NUMBER_OUT_OF_RANGE"},
                        Case{100001, 0, "uniform_panels", "UNIFORM_PANELS_OUT_OF_RANGE"},
                        Case{-5, 0, "uniform_panels", "UNIFORM_PANELS_OUT_OF_RANGE"}}) {
    v1::Body out;
    grpc::Status st = Draw(kSeed, "secretariat:igf", &out, c.uniform_panels, c.drawn_panel_number);
    ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(Details(st).reason, c.reason);
    EXPECT_THAT(Details(st).fields, ::testing::ElementsAre(c.field));
  }
  EXPECT_EQ(Get().state(), v1::NOMINATING);
  redis::RedisClient admin(redis_->Options("admin"), nullptr);
  audit::RedisAuditLog log(&admin, "comp:{igf}");
  EXPECT_EQ(*log.Length(), 0u);
}

// The same draw read over polylateral.audit.v1.AuditService on composition's server: the
// process's log, in full to anyone, verifying against the head the service signed.
class BodyAuditApiTest : public BodyApiTest {
 protected:
  BodyAuditApiTest() { options_.audit.signer = signer_; }
  std::shared_ptr<const audit::HeadSigner> signer_ = std::make_shared<const audit::HeadSigner>(
      *audit::HeadSigner::FromPem(*audit::GenerateEd25519Pem()));
};

TEST_F(BodyAuditApiTest, TheDrawIsReadByAnyoneOverTheAuditApiAndVerifies) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  ASSERT_FALSE(HasFatalFailure());
  v1::Body drawn;
  ASSERT_TRUE(Draw(kSeed, "secretariat:igf", &drawn).ok());
  ASSERT_TRUE(harness_->app().audit_worker().RunOnce(true).ok());
  auto audit = audit::v1::AuditService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", harness_->port()), grpc::InsecureChannelCredentials()));

  audit::v1::GetAuditHeadRequest hreq;
  hreq.set_name("processes/igf/auditLog/head");
  audit::v1::AuditHead head;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(audit->GetAuditHead(ctx.get(), hreq, &head).ok());
  EXPECT_EQ(head.log(), "comp:{igf}");
  EXPECT_EQ(head.seq(), 1);
  const audit::SignedHead signed_head = audit::FromProto(head);
  ASSERT_TRUE(audit::HeadVerifier::FromPem(signer_->public_pem())->Verify(signed_head).ok());

  for (const char* caller : {"", "stakeholder:uni", "state:FR", "secretariat:igf"}) {
    audit::v1::ListAuditEntriesRequest req;
    req.set_parent("processes/igf/auditLog");
    audit::v1::ListAuditEntriesResponse resp;
    ctx = harness_->Ctx(caller);
    ASSERT_TRUE(audit->ListAuditEntries(ctx.get(), req, &resp).ok()) << caller;
    ASSERT_EQ(resp.entries_size(), 1) << caller;
    const audit::v1::AuditEntry& e = resp.entries(0);
    EXPECT_EQ(e.name(), "processes/igf/auditLog/entries/1");
    EXPECT_EQ(e.action(), "composition.body.draw");
    EXPECT_EQ(e.resource(), kBody);
    std::map<std::string, std::string> fields;
    for (const auto& f : e.fields()) fields[f.name()] = f.value();
    EXPECT_EQ(fields["seed"], kSeed) << caller;  // anyone can replay the draw
    audit::ChainVerifier chain(signed_head);
    chain.Add(audit::FromProto(e), e.hash());
    EXPECT_TRUE(chain.Finish() && !chain.broken()) << caller << ": " << chain.failure().reason;
  }

  // A process without composition decisions has an empty log and no head yet.
  audit::v1::ListAuditEntriesRequest empty_req;
  empty_req.set_parent("processes/wsis/auditLog");
  audit::v1::ListAuditEntriesResponse empty;
  ctx = harness_->Ctx();
  ASSERT_TRUE(audit->ListAuditEntries(ctx.get(), empty_req, &empty).ok());
  EXPECT_EQ(empty.entries_size(), 0);
  hreq.set_name("processes/wsis/auditLog/head");
  ctx = harness_->Ctx();
  grpc::Status st = audit->GetAuditHead(ctx.get(), hreq, &head);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "HEAD_NOT_PUBLISHED");
  // Service-wide logs are the other services'.
  empty_req.set_parent("auditLogs/acc");
  ctx = harness_->Ctx();
  st = audit->ListAuditEntries(ctx.get(), empty_req, &empty);
  EXPECT_EQ(Details(st).reason, "AUDIT_LOG_NOT_FOUND");
}

TEST_F(BodyApiTest, OnlyTheNominatorOrAnOperatorWithdraws) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  ASSERT_TRUE(
      Nominate("apc-1", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc").ok());
  v1::DeleteNominationRequest del;
  del.set_name(std::string(kBody) + "/nominations/apc-1");
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx("stakeholder:uni");
  grpc::Status st = harness_->stub().DeleteNomination(ctx.get(), del, &empty);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_OWN_NOMINATION");
  EXPECT_EQ(Get().nomination_count(), 1);
  ctx = harness_->Ctx("stakeholder:apc");
  ASSERT_TRUE(harness_->stub().DeleteNomination(ctx.get(), del, &empty).ok());
  EXPECT_EQ(Get().nomination_count(), 0);
  ctx = harness_->Ctx("stakeholder:apc");
  EXPECT_EQ(harness_->stub().DeleteNomination(ctx.get(), del, &empty).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The candidate is free again, for another group.
  EXPECT_TRUE(Nominate("ke-1", Nominee("stakeholders/apc-amara", "female"), "state:KE").ok());
}

TEST_F(BodyApiTest, OversizedTextAndUnknownFieldsAreNotStored) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  v1::Nomination big = Nominee("stakeholders/apc-amara", "female");
  big.mutable_candidate()->set_organisation(std::string(1 << 20, 'o'));
  grpc::Status st = Nominate("apc-1", big, "stakeholder:apc");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_NOMINATION");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("nomination.candidate.organisation"));
  EXPECT_EQ(Get().nomination_count(), 0);

  // A field this build does not know, at the top and nested: accepted, never stored.
  v1::Nomination padded = Nominee("stakeholders/apc-amara", "female");
  padded.GetReflection()->MutableUnknownFields(&padded)->AddLengthDelimited(
      999, std::string(1 << 20, 'u'));
  auto* cand = padded.mutable_candidate();
  cand->GetReflection()->MutableUnknownFields(cand)->AddLengthDelimited(998, "nested");
  ASSERT_TRUE(Nominate("apc-1", padded, "stakeholder:apc").ok());
  v1::ListNominationsRequest list;
  list.set_parent(kBody);
  v1::ListNominationsResponse listed;
  auto ctx = harness_->Ctx("secretariat:igf");
  ASSERT_TRUE(harness_->stub().ListNominations(ctx.get(), list, &listed).ok());
  ASSERT_EQ(listed.nominations_size(), 1);
  const v1::Nomination& kept = listed.nominations(0);
  EXPECT_TRUE(kept.GetReflection()->GetUnknownFields(kept).empty());
  EXPECT_TRUE(kept.candidate().GetReflection()->GetUnknownFields(kept.candidate()).empty());
  EXPECT_LT(kept.ByteSizeLong(), 4096u);
}

TEST_F(BodyApiTest, BadBodiesAndNominationsAreRefusedNamingTheField) {
  v1::Body no_group = MagBody();
  no_group.mutable_spec()->mutable_features()->DeleteSubrange(0, 1);
  grpc::Status st = CreateBody(no_group, "secretariat:igf");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_BODY");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("body.spec.features"));

  v1::Body bad = MagBody();
  bad.set_seed_sha256("not-a-hash");
  bad.mutable_spec()->mutable_features(1)->mutable_values(0)->set_min(3);
  st = CreateBody(bad, "secretariat:igf");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::Contains("body.seed_sha256"));
  v1::Body bad_quota = MagBody();
  bad_quota.mutable_spec()->mutable_features(1)->mutable_values(0)->set_min(3);
  st = CreateBody(bad_quota, "secretariat:igf");
  EXPECT_EQ(Details(st).reason, "INVALID_COMPOSITION_PROBLEM");
  EXPECT_THAT(Details(st).fields, ::testing::Contains("body.spec.features[1].values[0].min"));

  EXPECT_EQ(CreateBody(MagBody(), "secretariat:oewg").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  st = CreateBody(MagBody(), "operator:ops", nullptr, "processes/nowhere");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "PROCESS_NOT_FOUND");
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  st = CreateBody(MagBody(), "secretariat:igf");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Details(st).reason, "BODY_EXISTS");

  st = Nominate("apc-1", Nominee("stakeholders/apc-amara", "other"), "stakeholder:apc");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_NOMINATION");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("nomination.candidate.values[gender]"));
  st = Nominate("A", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("nomination_id"));
  EXPECT_EQ(Get().nomination_count(), 0);  // nothing written by a refused call

  v1::GetBodyRequest get;
  get.set_name("processes/igf/bodies/none");
  v1::Body out;
  auto ctx = harness_->Ctx();
  st = harness_->stub().GetBody(ctx.get(), get, &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Details(st).reason, "BODY_NOT_FOUND");
}

// Bodies and nominations follow the rules every service shares: AIP-122 ids, resource names
// parsed by one rule, unknown enum numbers refused naming the field.
TEST_F(BodyApiTest, IdsNamesAndEnumsFollowTheSharedRules) {
  grpc::Status st = CreateBody(MagBody(), "secretariat:igf", nullptr, "processes/igf", "Mag_1");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("body_id"));
  for (const char* parent : {"processes/igf/bodies", "processes//bodies/x", "igf/mag"}) {
    st = CreateBody(MagBody(), "secretariat:igf", nullptr, parent);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << parent;
  }
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());

  v1::Nomination n = Nominee("stakeholders/apc-amara", "female");
  n.set_stakeholder_group(static_cast<type::v1::StakeholderGroup>(99));
  st = Nominate("apc-1", n, "operator:ops");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("nomination.stakeholder_group"));
  st = Nominate("-apc", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc");
  EXPECT_EQ(Details(st).reason, "INVALID_NOMINATION");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("nomination_id"));
  EXPECT_EQ(Get().nomination_count(), 0);

  v1::DeleteNominationRequest del;
  del.set_name("processes/igf/bodies/mag/nominations/");
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx("operator:ops");
  st = harness_->stub().DeleteNomination(ctx.get(), del, &empty);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "INVALID_NAME");
  EXPECT_THAT(Details(st).fields, ::testing::ElementsAre("name"));
}

TEST_F(BodyApiTest, ADrawTheNominationsCannotFillIsRefusedAndLeavesTheBodyOpen) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  ASSERT_TRUE(
      Nominate("apc-1", Nominee("stakeholders/apc-amara", "female"), "stakeholder:apc").ok());
  ASSERT_TRUE(Nominate("ke-1", Nominee("ke-delegate-1", "male"), "state:KE").ok());
  v1::Body drawn;
  grpc::Status st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "NOMINATIONS_DO_NOT_FIT");
  // Enough nominees, but rules they cannot meet: the relaxation is named, nothing is kept.
  ASSERT_TRUE(Nominate("uni-1", Nominee("uni-dana", "male"), "stakeholder:uni").ok());
  ASSERT_TRUE(Nominate("br-1", Nominee("br-delegate-1", "male"), "state:BR").ok());
  st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Details(st).reason, "INFEASIBLE_RULES");
  EXPECT_EQ(Get().state(), v1::NOMINATING);
  ASSERT_TRUE(Nominate("apc-3", Nominee("apc-chen", "female"), "stakeholder:apc").ok());
  st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(BodyApiTest, ADrawSolvedOnNominationsThatChangedIsNotKept) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();
  redis::RedisClient client(redis_->Options("composition"), nullptr);
  RedisBodyStore store(&client);
  const BodyKey key{"igf", "mag"};
  auto before = store.Snapshot(key);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->nominations.size(), 7u);
  // A nomination lands while the draw is being solved.
  ASSERT_TRUE(Nominate("uni-3", Nominee("uni-fay", "female"), "stakeholder:uni").ok());
  v1::BodyDraw draw;
  draw.set_seed(kSeed);
  const DrawStamp stamp{"secretariat:igf", 0, kSeed, SeedCommitment(kSeed), {}, 0, std::nullopt};
  absl::Status s = store.RecordDraw(key, before->version, draw.SerializeAsString(), stamp);
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted) << s;
  EXPECT_EQ(Get().state(), v1::NOMINATING);
  auto after = store.Snapshot(key);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(store.RecordDraw(key, after->version, draw.SerializeAsString(), stamp).ok());
  EXPECT_EQ(Get().state(), v1::DRAWN);
}

// A body with more nominations than --max_pool_size is not drawn: refused before the solve,
// and the body stays open for a draw once the pool fits.
class SmallPoolBodyApiTest : public BodyApiTest {
 protected:
  SmallPoolBodyApiTest() { options_.max_pool_size = 6; }
};

TEST_F(SmallPoolBodyApiTest, ADrawOfMoreNominationsThanThePoolLimitIsRefusedBeforeSolving) {
  ASSERT_TRUE(CreateBody(MagBody(), "secretariat:igf").ok());
  NominateAll();  // seven
  v1::Body drawn;
  grpc::Status st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Details(st).reason, "POOL_TOO_LARGE");
  EXPECT_NE(st.error_message().find("7 candidates"), std::string::npos) << st.error_message();
  EXPECT_EQ(Get().state(), v1::NOMINATING);

  v1::DeleteNominationRequest del;
  del.set_name(std::string(kBody) + "/nominations/uni-2");
  google::protobuf::Empty empty;
  auto ctx = harness_->Ctx("stakeholder:uni");
  ASSERT_TRUE(harness_->stub().DeleteNomination(ctx.get(), del, &empty).ok());
  st = Draw(kSeed, "secretariat:igf", &drawn);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(drawn.state(), v1::DRAWN);
}

}  // namespace
}  // namespace polylateral::composition::testing

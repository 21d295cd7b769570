// Process methods over gRPC: a secretariat defines its process; others may not.
#include "tests/registry/api_test_base.h"

namespace polylateral::registry::testing {
namespace {

using ProcessApiTest = RegistryApiTest;

v1::Process Oewg() {
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
  auto* g = p.add_thematic_groups();
  g->set_group_id("dtg-resilience");
  g->set_display_name("Dedicated thematic group on resilience");
  auto* item = g->add_agenda();
  item->set_title("Protection of critical infrastructure");
  item->add_themes("themes/critical-infrastructure-protection");
  item->mutable_start_date()->set_year(2026);
  item->mutable_start_date()->set_month(3);
  item->mutable_start_date()->set_day(1);
  *item->mutable_end_date() = item->start_date();
  item->mutable_end_date()->set_month(7);
  return p;
}

grpc::Status Create(RegistryHarness& h, const v1::Process& p, const std::string& id,
                    const std::string& principal, v1::Process* out,
                    const std::string& request_id = "") {
  v1::CreateProcessRequest req;
  *req.mutable_process() = p;
  req.set_process_id(id);
  req.set_request_id(request_id);
  auto ctx = h.Ctx(principal);
  return h.stub().CreateProcess(ctx.get(), req, out);
}

TEST_F(ProcessApiTest, SecretariatCreatesReadsUpdatesDeletes) {
  v1::Process created;
  ASSERT_TRUE(
      Create(*harness_, Oewg(), "global-mechanism", "secretariat:global-mechanism", &created).ok());
  EXPECT_EQ(created.name(), "processes/global-mechanism");
  EXPECT_EQ(created.thematic_groups(0).name(),
            "processes/global-mechanism/thematicGroups/dtg-resilience");
  EXPECT_EQ(created.modalities().routes(0).notice_period().seconds(), 14 * 24 * 3600);

  v1::GetProcessRequest get;
  get.set_name(created.name());
  v1::Process got;
  auto ctx = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().GetProcess(ctx.get(), get, &got).ok());
  EXPECT_EQ(got.SerializeAsString(), created.SerializeAsString());

  v1::UpdateProcessRequest upd;
  upd.mutable_process()->set_name(created.name());
  upd.mutable_process()->set_description("Permanent mechanism from 2026");
  upd.mutable_update_mask()->add_paths("description");
  v1::Process updated;
  auto ctx2 = harness_->Ctx("secretariat:global-mechanism");
  ASSERT_TRUE(harness_->stub().UpdateProcess(ctx2.get(), upd, &updated).ok());
  EXPECT_EQ(updated.description(), "Permanent mechanism from 2026");
  EXPECT_EQ(updated.thematic_groups_size(), 1);

  v1::ListProcessesRequest list;
  list.set_theme("themes/cybersecurity");
  v1::ListProcessesResponse listed;
  auto ctx3 = harness_->Ctx();
  ASSERT_TRUE(harness_->stub().ListProcesses(ctx3.get(), list, &listed).ok());
  ASSERT_EQ(listed.processes_size(), 1);

  v1::DeleteProcessRequest del;
  del.set_name(created.name());
  del.set_etag(created.etag());  // stale: the update moved it on
  google::protobuf::Empty empty;
  auto ctx4 = harness_->Ctx("operator:ops");
  EXPECT_EQ(harness_->stub().DeleteProcess(ctx4.get(), del, &empty).error_code(),
            grpc::StatusCode::ABORTED);
  del.set_etag(updated.etag());
  auto ctx5 = harness_->Ctx("operator:ops");
  EXPECT_TRUE(harness_->stub().DeleteProcess(ctx5.get(), del, &empty).ok());
}

TEST_F(ProcessApiTest, OtherSecretariatsAndStatesMayNotDefineAProcess) {
  v1::Process out;
  grpc::Status st = Create(*harness_, Oewg(), "global-mechanism", "secretariat:igf", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "NOT_PROCESS_SECRETARIAT");
  st = Create(*harness_, Oewg(), "global-mechanism", "state:RU", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Details(st).reason, "ACCESS_DENIED");
}

TEST_F(ProcessApiTest, BadModalitiesAndDatesAreNamed) {
  v1::Process p = Oewg();
  p.mutable_modalities()->mutable_routes(0)->clear_objection_rule();
  p.mutable_thematic_groups(0)->mutable_agenda(0)->mutable_end_date()->set_day(31);
  p.mutable_thematic_groups(0)->mutable_agenda(0)->mutable_end_date()->set_month(6);
  v1::Process out;
  grpc::Status st = Create(*harness_, p, "gmech", "operator:ops", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).fields,
            std::vector<std::string>{"process.thematic_groups[0].agenda[0].end_date"});

  p = Oewg();
  p.mutable_modalities()->mutable_routes(0)->clear_objection_rule();
  st = Create(*harness_, p, "gmech", "operator:ops", &out);
  EXPECT_EQ(Details(st).fields,
            std::vector<std::string>{"process.modalities.routes[0].objection_rule.kind"});
  st = Create(*harness_, Oewg(), "GM!", "operator:ops", &out);
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{"process_id"});
}

TEST_F(ProcessApiTest, DuplicateIdIsAlreadyExists) {
  v1::Process out;
  ASSERT_TRUE(Create(*harness_, Oewg(), "gmech", "operator:ops", &out).ok());
  grpc::Status st = Create(*harness_, Oewg(), "gmech", "operator:ops", &out);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Details(st).reason, "PROCESS_EXISTS");
}

TEST_F(ProcessApiTest, RequestIdBelongsToItsCaller) {
  v1::Process first, theirs, again;
  ASSERT_TRUE(Create(*harness_, Oewg(), "alpha", "secretariat:alpha", &first, "r-1").ok());
  // Another secretariat reusing the request_id creates its own process.
  grpc::Status st = Create(*harness_, Oewg(), "beta", "secretariat:beta", &theirs, "r-1");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(theirs.name(), "processes/beta");
  ASSERT_TRUE(Create(*harness_, Oewg(), "alpha", "secretariat:alpha", &again, "r-1").ok());
  EXPECT_EQ(again.name(), "processes/alpha");
  // An operator replaying one request_id for another process is told so.
  ASSERT_TRUE(Create(*harness_, Oewg(), "gamma", "operator:ops", &again, "r-2").ok());
  st = Create(*harness_, Oewg(), "delta", "operator:ops", &again, "r-2");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Details(st).reason, "REQUEST_ID_REUSED");
  v1::GetProcessRequest get;
  get.set_name("processes/delta");
  auto ctx = harness_->Ctx();
  EXPECT_EQ(harness_->stub().GetProcess(ctx.get(), get, &again).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Unknown enum numbers anywhere in a process are refused naming the field, before any rule.
TEST_F(ProcessApiTest, UnknownEnumValuesAreRefusedNamingTheField) {
  struct Case {
    void (*mutate)(v1::Process&);
    const char* field;
  };
  const Case cases[] = {
      {[](v1::Process& p) {
         p.mutable_modalities()->mutable_routes(0)->set_kind(
             static_cast<v1::AccreditationRoute::Kind>(99));
       },
       "process.modalities.routes[0].kind"},
      {[](v1::Process& p) {
         p.mutable_modalities()->mutable_routes(0)->add_granted_rights(
             static_cast<type::v1::ParticipationRight>(99));
       },
       "process.modalities.routes[0].granted_rights[1]"},
      {[](v1::Process& p) {
         p.mutable_modalities()->mutable_routes(0)->add_eligible_groups(
             static_cast<type::v1::StakeholderGroup>(99));
       },
       "process.modalities.routes[0].eligible_groups[0]"},
      {[](v1::Process& p) {
         p.mutable_modalities()->set_disclosure_policy(
             static_cast<v1::ParticipationModalities::DisclosurePolicy>(99));
       },
       "process.modalities.disclosure_policy"},
  };
  for (const Case& c : cases) {
    v1::Process p = Oewg();
    c.mutate(p);
    v1::Process out;
    grpc::Status st = Create(*harness_, p, "gm", "secretariat:gm", &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE") << c.field;
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{c.field});
  }
}

}  // namespace
}  // namespace polylateral::registry::testing

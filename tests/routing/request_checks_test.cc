// Routing applies the request checks every service shares: a timestamp outside
// google.protobuf.Timestamp's range is INVALID_ARGUMENT INVALID_TIMESTAMP naming the field, and
// an enum number the proto does not define is INVALID_ARGUMENT UNKNOWN_ENUM_VALUE naming the
// field, before anything is decided or written.
#include <functional>

#include "tests/routing/harness.h"

namespace polylateral::routing::testing {
namespace {

constexpr char kSecretariat[] = "secretariat:global-mechanism";

void ExpectUnknownEnum(const grpc::Status& st, const std::string& field) {
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << field << ": " << st.error_message();
  EXPECT_EQ(Details(st).reason, "UNKNOWN_ENUM_VALUE") << field;
  EXPECT_EQ(Details(st).fields, std::vector<std::string>{field});
}

class RequestChecksTest : public RoutingTest {
 protected:
  int64_t StoredInputs() {
    auto r = routing_host_->redis().Command({"ZREVRANGE", "{rt}:inputs", "0", "-1"});
    EXPECT_TRUE(r.ok() && r->is_array()) << (r.ok() ? r->DebugString() : r.status().ToString());
    return r.ok() ? static_cast<int64_t>(r->size()) : -1;
  }

  rt::RegisterOutcomeRequest Outcome() {
    rt::RegisterOutcomeRequest req;
    req.set_outcome_id("report");
    auto* o = req.mutable_outcome();
    o->set_process("processes/global-mechanism");
    o->set_session("s1");
    o->set_stage(rt::OutcomeDocument::FINAL);
    o->set_title("Report");
    auto* p = o->add_paragraphs();
    p->set_paragraph_id("op-1");
    p->set_text("States should protect critical infrastructure.");
    return req;
  }
};

TEST_F(RequestChecksTest, SubmitAndPreviewRefuseUnknownEnumNumbersNamingTheField) {
  GlobalMechanism("global-mechanism");
  const std::string acme = Accredited("Acme Security", "global-mechanism");
  const rt::Input good = Written(acme, "global-mechanism", {"cybersecurity"});

  struct Case {
    std::string field;
    std::function<void(rt::Input*)> spoil;
  };
  const std::vector<Case> cases = {
      {"input.kind", [](rt::Input* in) { in->set_kind(static_cast<rt::Input::Kind>(99)); }},
      {"input.target.kind",
       [](rt::Input* in) { in->mutable_target()->set_kind(static_cast<rt::Target::Kind>(42)); }},
      {"input.author_group",
       [](rt::Input* in) { in->set_author_group(static_cast<type::v1::StakeholderGroup>(77)); }},
      {"input.routes[0].kind",
       [](rt::Input* in) { in->add_routes()->set_kind(static_cast<rt::RouteKind>(-3)); }},
  };
  for (const auto& c : cases) {
    rt::Input bad = good;
    c.spoil(&bad);
    rt::Input out;
    ExpectUnknownEnum(SubmitInput(bad, &out), c.field);

    rt::PreviewRouteRequest preview;
    *preview.mutable_input() = bad;
    rt::PreviewRouteResponse routes;
    auto ctx = Ctx();
    ExpectUnknownEnum(routing_->PreviewRoute(ctx.get(), preview, &routes), c.field);
  }
  EXPECT_EQ(StoredInputs(), 0);  // nothing refused was stored

  rt::Input out;
  ASSERT_TRUE(SubmitInput(good, &out).ok());
  EXPECT_EQ(StoredInputs(), 1);
}

TEST_F(RequestChecksTest, OutcomesAndUptakeRefuseUnknownEnumNumbersNamingTheField) {
  GlobalMechanism("global-mechanism");
  const std::string acme = Accredited("Acme Security", "global-mechanism");
  rt::Input in;
  ASSERT_TRUE(SubmitInput(Written(acme, "global-mechanism", {"cybersecurity"}), &in).ok());

  rt::RegisterOutcomeRequest bad = Outcome();
  bad.mutable_outcome()->set_stage(static_cast<rt::OutcomeDocument::Stage>(5));
  rt::OutcomeDocument doc;
  auto ctx = Ctx(kSecretariat);
  ExpectUnknownEnum(routing_->RegisterOutcome(ctx.get(), bad, &doc), "outcome.stage");
  auto exists = routing_host_->redis().Command({"EXISTS", "{rt}:out:report"});
  ASSERT_TRUE(exists.ok());
  EXPECT_EQ(exists->integer(), 0);

  ctx = Ctx(kSecretariat);
  ASSERT_TRUE(routing_->RegisterOutcome(ctx.get(), Outcome(), &doc).ok());

  rt::RecordUptakeRequest uptake;
  uptake.mutable_uptake()->set_input(in.name());
  uptake.mutable_uptake()->set_outcome("outcomes/report");
  uptake.mutable_uptake()->set_status(static_cast<rt::UptakeStatus>(12));
  uptake.mutable_uptake()->set_reason("Read.");
  rt::RecordUptakeResponse recorded;
  ctx = Ctx(kSecretariat);
  ExpectUnknownEnum(routing_->RecordUptake(ctx.get(), uptake, &recorded), "uptake.status");
  auto up = routing_host_->redis().Command({"EXISTS", "{rt}:up:" + in.name().substr(7)});
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->integer(), 0);

  uptake.mutable_uptake()->set_status(rt::CONSIDERED);
  ctx = Ctx(kSecretariat);
  grpc::Status st = routing_->RecordUptake(ctx.get(), uptake, &recorded);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(RoutingTest, PreviewRouteRefusesAnOutOfRangeAtTime) {
  GlobalMechanism("global-mechanism");
  const std::string acme = Accredited("Acme Security", "global-mechanism");
  rt::PreviewRouteRequest req;
  *req.mutable_input() = Written(acme, "global-mechanism", {"cybersecurity"});
  rt::PreviewRouteResponse out;
  auto ok = Ctx();
  grpc::Status st = routing_->PreviewRoute(ok.get(), req, &out);
  ASSERT_TRUE(st.ok()) << st.error_message();

  for (const auto& [seconds, nanos] : std::vector<std::pair<int64_t, int32_t>>{
           {-62135596801, 0}, {253402300800, 0}, {0, -1}, {0, 1000000000}}) {
    req.mutable_at_time()->set_seconds(seconds);
    req.mutable_at_time()->set_nanos(nanos);
    auto ctx = Ctx();
    st = routing_->PreviewRoute(ctx.get(), req, &out);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << seconds << " " << nanos;
    EXPECT_EQ(Details(st).reason, "INVALID_TIMESTAMP");
    EXPECT_EQ(Details(st).fields, std::vector<std::string>{"at_time"});
  }
}

}  // namespace
}  // namespace polylateral::routing::testing

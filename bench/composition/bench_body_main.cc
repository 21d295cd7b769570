// A multistakeholder body end to end over gRPC, against the real registry and composition
// services bench/composition/run.sh starts: a process, a body whose rules are a generated
// 6-feature spec, `n` nominations entered one at a time by an operator on each group's
// behalf, then DrawBody; and the same problem by the stateless Solve, for the cost of
// keeping it. Prints "key<TAB>value" lines for run.sh's table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/create_channel.h"
#include "polylateral/composition/v1/composition_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "services/composition/api/body_mapping.h"
#include "services/composition/solver/lottery_draw.h"
#include "services/composition/solver/pool_generator.h"

ABSL_FLAG(std::string, registry, "", "registry host:port");
ABSL_FLAG(std::string, composition, "", "composition host:port");
ABSL_FLAG(int, n, 500, "nominations");
ABSL_FLAG(int, k, 50, "seats");
ABSL_FLAG(int, seed, 1, "generator seed");

namespace {

namespace cv1 = polylateral::composition::v1;
namespace rv1 = polylateral::registry::v1;
using polylateral::composition::GeneratedProblem;
using Clock = std::chrono::steady_clock;

constexpr char kOperator[] = "operator:bench";

std::unique_ptr<grpc::ClientContext> Ctx(int seconds = 10) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  ctx->AddMetadata("x-polylateral-principal", kOperator);
  return ctx;
}

void Check(const grpc::Status& st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %d %s\n", what, st.error_code(), st.error_message().c_str());
  std::exit(1);
}

// The generator's group labels as the registry's group names, which a body requires.
std::string GroupName(const std::string& generated) {
  if (generated == "intergovernmental") return "INTERGOVERNMENTAL_ORGANISATION";
  return absl::AsciiStrToUpper(generated);
}

void UseGroupNames(GeneratedProblem& g) {
  for (auto& c : g.pool.candidates) {
    for (std::string& v : c.values["stakeholder_group"]) v = GroupName(v);
  }
  for (auto& f : g.spec.features) {
    if (f.name != "stakeholder_group") continue;
    for (auto& q : f.values) q.value = GroupName(q.value);
  }
  for (auto& r : g.spec.coverage) {
    if (r.feature == "stakeholder_group") r.value = GroupName(r.value);
  }
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_n), k = absl::GetFlag(FLAGS_k);
  auto registry = rv1::RegistryService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_registry), grpc::InsecureChannelCredentials()));
  auto composition = cv1::CompositionService::NewStub(
      grpc::CreateChannel(absl::GetFlag(FLAGS_composition), grpc::InsecureChannelCredentials()));
  GeneratedProblem g = polylateral::composition::GenerateProblem(absl::GetFlag(FLAGS_seed), n, k);
  UseGroupNames(g);

  const std::string process_id = absl::StrCat("bench-body-", absl::GetFlag(FLAGS_seed));
  rv1::CreateProcessRequest process;
  process.set_process_id(process_id);
  process.mutable_process()->set_display_name("Body benchmark");
  process.mutable_process()->set_host_institution("bench");
  process.mutable_process()->add_themes("themes/cybersecurity");
  auto* m = process.mutable_process()->mutable_modalities();
  m->set_disclosure_policy(rv1::ParticipationModalities::PUBLIC);
  auto* route = m->add_routes();
  route->set_route_id("open");
  route->set_kind(rv1::AccreditationRoute::NON_OBJECTION);
  route->add_granted_rights(polylateral::type::v1::ATTEND_PLENARY);
  route->mutable_objection_rule()->set_kind(rv1::ObjectionRule::ANY_SINGLE_OBJECTION);
  route->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  rv1::Process created_process;
  Check(registry->CreateProcess(Ctx().get(), process, &created_process), "CreateProcess");

  const std::string seed = "bench body draw seed (128 bits or more)";
  cv1::CreateBodyRequest create;
  create.set_parent("processes/" + process_id);
  create.set_body_id("body");
  create.mutable_body()->set_display_name("Generated body");
  create.mutable_body()->set_seed_sha256(polylateral::composition::SeedCommitment(seed));
  polylateral::composition::SpecToProto(g.spec, create.mutable_body()->mutable_spec());
  cv1::Body body;
  Check(composition->CreateBody(Ctx().get(), create, &body), "CreateBody");

  cv1::Pool pool;
  polylateral::composition::PoolToProto(g.pool, &pool);
  std::vector<double> nominate_ms;
  const auto nominations_start = Clock::now();
  for (int i = 0; i < pool.candidates_size(); ++i) {
    cv1::CreateNominationRequest req;
    req.set_parent(body.name());
    req.set_nomination_id(absl::StrFormat("n-%05d", i));  // id order = pool order
    *req.mutable_nomination()->mutable_candidate() = pool.candidates(i);
    polylateral::type::v1::StakeholderGroup group =
        polylateral::type::v1::STAKEHOLDER_GROUP_UNSPECIFIED;
    polylateral::type::v1::StakeholderGroup_Parse(
        g.pool.candidates[i].values.at("stakeholder_group")[0], &group);
    req.mutable_nomination()->set_stakeholder_group(group);
    cv1::Nomination out;
    const auto start = Clock::now();
    Check(composition->CreateNomination(Ctx().get(), req, &out), "CreateNomination");
    nominate_ms.push_back(Ms(Clock::now() - start));
  }
  const double nominations_s = Ms(Clock::now() - nominations_start) / 1000;
  std::sort(nominate_ms.begin(), nominate_ms.end());

  cv1::DrawBodyRequest draw;
  draw.set_name(body.name());
  draw.set_seed(seed);
  const auto draw_start = Clock::now();
  Check(composition->DrawBody(Ctx(600).get(), draw, &body), "DrawBody");
  const double draw_s = Ms(Clock::now() - draw_start) / 1000;

  cv1::SolveRequest solve;
  *solve.mutable_pool() = pool;
  polylateral::composition::SpecToProto(g.spec, solve.mutable_spec());
  solve.set_mode(cv1::LEXIMIN);
  cv1::SolveResponse solved;
  const auto solve_start = Clock::now();
  Check(composition->Solve(Ctx(600).get(), solve, &solved), "Solve");
  const double solve_s = Ms(Clock::now() - solve_start) / 1000;

  const auto pct = [&](double q) {
    return nominate_ms[std::min(nominate_ms.size() - 1,
                                static_cast<size_t>(q * static_cast<double>(nominate_ms.size())))];
  };
  std::printf("nominations\t%d\n", n);
  std::printf("seats\t%d\n", k);
  std::printf("nominate_p50_ms\t%.3f\n", pct(0.5));
  std::printf("nominate_p99_ms\t%.3f\n", pct(0.99));
  std::printf("nominations_s\t%.3f\n", nominations_s);
  std::printf("draw_s\t%.3f\n", draw_s);
  std::printf("solve_s\t%.3f\n", solve_s);
  std::printf("members\t%d\n", body.draw().member_ids_size());
  std::printf("by_relaxation\t%d\n", body.draw().distribution().by_relaxation() ? 1 : 0);
  return 0;
}

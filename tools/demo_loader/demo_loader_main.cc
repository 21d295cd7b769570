// polylateral-demo-load: loads deploy/demo/processes.json and generated stakeholders into a
// running registry, through its public API only. Idempotent: every create carries a
// request_id derived from the data, so running it twice creates nothing new.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "common/edge/outgoing_call.h"
#include "demo_data.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"
#include "tools/demo_loader/stakeholder_generator.h"

ABSL_FLAG(std::string, registry, "127.0.0.1:50051", "registry address HOST:PORT");
ABSL_FLAG(std::string, processes, "deploy/demo/processes.json", "demo processes (JSON)");
ABSL_FLAG(int, stakeholders, 300, "generated stakeholders to load");
ABSL_FLAG(uint64_t, seed, 1, "seed of the generated stakeholders");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate of an operator principal: call the registry over mutual TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "", "PEM bundle of the CA that signs the registry's certificate");

namespace {

using polylateral::registry::v1::RegistryService;
namespace v1 = polylateral::registry::v1;

constexpr char kPrincipal[] = "operator:demo";

std::unique_ptr<grpc::ClientContext> Context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  ctx->AddMetadata("x-polylateral-principal", kPrincipal);
  return ctx;
}

// The error with its google.rpc.Status details, so bad demo data names its field.
std::string Describe(const grpc::Status& st) {
  std::string out = absl::StrCat(st.error_code(), " ", st.error_message());
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(st.error_details())) return out;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&info)) absl::StrAppend(&out, " [", info.reason(), "]");
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) {
        absl::StrAppend(&out, "\n  ", v.field(), ": ", v.description());
      }
    }
  }
  return out;
}

// True when the call found the resource already there under its id (an earlier load), as
// opposed to another ALREADY_EXISTS: a stakeholder of another seed holding the same name.
bool AlreadyThere(const grpc::Status& st, const std::string& reason) {
  if (st.error_code() != grpc::StatusCode::ALREADY_EXISTS) return false;
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(st.error_details())) return false;
  for (const auto& any : rpc.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info) && info.reason() == reason) return true;
  }
  return false;
}

int64_t Micros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

enum class Outcome { kCreated, kExisting, kFailed };

// What one create call did. Existing: the id is taken (request id expired, after 24 h), or a
// replayed request id returned what an earlier run created, with that run's create time.
Outcome Classify(const grpc::Status& st, const std::string& exists_reason,
                 const google::protobuf::Timestamp& create_time, int64_t run_start) {
  if (AlreadyThere(st, exists_reason)) return Outcome::kExisting;
  if (!st.ok()) return Outcome::kFailed;
  return Micros(create_time) >= run_start ? Outcome::kCreated : Outcome::kExisting;
}

bool WaitForServing(const std::shared_ptr<grpc::Channel>& channel) {
  auto health = grpc::health::v1::Health::NewStub(channel);
  for (int i = 0; i < 150; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    if (health->Check(&ctx, req, &resp).ok() &&
        resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

bool ReadDemoData(const std::string& path, polylateral::tools::demo::DemoData* data) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto st = google::protobuf::util::JsonStringToMessage(text.str(), data);
  if (!st.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), st.ToString().c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Under TLS the certificate is the caller; on plaintext loopback the header is.
  polylateral::edge::OutgoingOptions outgoing;
  outgoing.self = "demo-load";
  outgoing.tls.cert = absl::GetFlag(FLAGS_tls_cert);
  outgoing.tls.key = absl::GetFlag(FLAGS_tls_key);
  outgoing.tls.ca = absl::GetFlag(FLAGS_tls_ca);
  auto channel = polylateral::edge::Dial(outgoing, absl::GetFlag(FLAGS_registry), "registry");
  if (!WaitForServing(channel)) {
    std::fprintf(stderr, "registry at %s is not SERVING\n", absl::GetFlag(FLAGS_registry).c_str());
    return 1;
  }
  auto stub = RegistryService::NewStub(channel);

  // A replayed request_id returns what the first call created; a create time before this
  // run started tells an existing resource from a new one.
  const int64_t run_start = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
  polylateral::tools::demo::DemoData data;
  if (!ReadDemoData(absl::GetFlag(FLAGS_processes), &data)) return 1;
  int processes_created = 0, processes_existing = 0;
  for (const auto& req : data.processes()) {
    v1::Process out;
    auto ctx = Context();
    grpc::Status st = stub->CreateProcess(ctx.get(), req, &out);
    const Outcome outcome = Classify(st, "PROCESS_EXISTS", out.create_time(), run_start);
    if (outcome == Outcome::kFailed) {
      std::fprintf(stderr, "process %s: %s\n", req.process_id().c_str(), Describe(st).c_str());
      return 1;
    }
    ++(outcome == Outcome::kCreated ? processes_created : processes_existing);
  }

  // Listings page like every other (at most 200 a page): follow the tokens to read them whole.
  std::vector<polylateral::tools::DemoCountry> countries;
  v1::ListStatesRequest states_req;
  states_req.set_page_size(200);
  do {
    v1::ListStatesResponse states;
    auto states_ctx = Context();
    if (grpc::Status st = stub->ListStates(states_ctx.get(), states_req, &states); !st.ok()) {
      std::fprintf(stderr, "ListStates: %s\n", Describe(st).c_str());
      return 1;
    }
    for (const auto& s : states.states()) countries.push_back({s.iso2(), s.region()});
    states_req.set_page_token(states.next_page_token());
  } while (!states_req.page_token().empty());
  std::vector<std::string> themes;
  v1::ListThemesRequest themes_req;
  themes_req.set_page_size(200);
  do {
    v1::ListThemesResponse theme_list;
    auto themes_ctx = Context();
    if (grpc::Status st = stub->ListThemes(themes_ctx.get(), themes_req, &theme_list); !st.ok()) {
      std::fprintf(stderr, "ListThemes: %s\n", Describe(st).c_str());
      return 1;
    }
    for (const auto& t : theme_list.themes()) themes.push_back(t.name());
    themes_req.set_page_token(theme_list.next_page_token());
  } while (!themes_req.page_token().empty());

  int created = 0, existing = 0;
  for (const auto& req : polylateral::tools::GenerateStakeholders(
           absl::GetFlag(FLAGS_stakeholders), absl::GetFlag(FLAGS_seed), countries, themes)) {
    v1::Stakeholder out;
    auto ctx = Context();
    grpc::Status st = stub->CreateStakeholder(ctx.get(), req, &out);
    const Outcome outcome = Classify(st, "STAKEHOLDER_EXISTS", out.create_time(), run_start);
    if (outcome == Outcome::kFailed) {
      std::fprintf(stderr, "stakeholder %s: %s\n", req.stakeholder_id().c_str(),
                   Describe(st).c_str());
      return 1;
    }
    ++(outcome == Outcome::kCreated ? created : existing);
  }
  std::printf(
      "demo data: processes %d created, %d existing; stakeholders %d created, %d existing\n",
      processes_created, processes_existing, created, existing);
  return 0;
}

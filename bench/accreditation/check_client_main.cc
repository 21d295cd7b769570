// polylateral-bench-acc-client: the registry benchmark's closed-loop load client (same
// method: pre-serialized requests through the generic stub) with accreditation workloads.
//   --kind=echo | check: as below, for --duration after --warmup.
//   --kind=submit: creates the non-objection process --process in the registry (--registry),
//     creates drafts for stakeholders bench-<first> .. bench-<first+ids-1> (not measured), then
//     measures SubmitApplication on them (each draft once: the run ends early when they are
//     used up; seconds is then the time actually measured) and, on the applications now in
//     their notice period, LodgeObjection by the UN member states' own principals (each
//     (application, state) pair once). Prints one line per measured method.
// With --tls_cert, --tls_key and --tls_ca the channels are mutual TLS (bench_channel.h) and the
// certificate is every call's principal: echo and check (CheckAccess is public) run so;
// submit, whose calls each need their own stakeholder's or state's principal, stays plaintext.
// polylateral-bench-client: a closed-loop gRPC load generator. Keeps --concurrency unary calls
// in flight on one HTTP/2 connection for --duration after a --warmup, with pre-serialized
// requests sent through the generic stub, so the client's cost is the same whatever the
// target. Prints one tab-separated line:
//   target  calls  errors  seconds  calls_per_second  p50_us  p99_us
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/registry/bench_channel.h"
#include "bench/registry/latency_recorder.h"
#include "common/vocabulary/un_states.h"
#include "echo.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"
#include "polylateral/registry/v1/registry_service.grpc.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server address");
ABSL_FLAG(std::string, kind, "check", "echo | check | submit");
ABSL_FLAG(std::string, registry, "", "submit: the registry the service asks");
ABSL_FLAG(std::string, process, "bench-sub", "submit: the process applied to");
ABSL_FLAG(int, first, 0, "submit: first stakeholder index");
ABSL_FLAG(std::string, label, "", "name printed in the result line (default: kind)");
ABSL_FLAG(int, ids, 1000, "check: cycle over stakeholders bench-0 .. bench-<ids-1>");
ABSL_FLAG(int, concurrency, 32, "calls in flight");
ABSL_FLAG(double, duration, 10, "measured seconds");
ABSL_FLAG(double, warmup, 2, "unmeasured seconds first");

namespace {

using Clock = std::chrono::steady_clock;

grpc::ByteBuffer Serialize(const google::protobuf::Message& m) {
  std::string bytes = m.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// The method and the request bodies to cycle through for one kind of call.
struct Workload {
  std::string method;
  std::vector<grpc::ByteBuffer> requests;
  std::vector<std::string> principals;  // per request when not empty
  bool each_once = false;               // stop when every request was sent once
};

Workload MakeWorkload(const std::string& kind) {
  Workload w;
  if (kind == "echo") {
    w.method = "/polylateral.bench.v1.EchoService/Get";
    polylateral::bench::v1::GetRequest req;
    req.set_key("{bench}:value");
    w.requests.push_back(Serialize(req));
  } else {
    w.method = "/polylateral.accreditation.v1.AccreditationService/CheckAccess";
    for (int i = 0; i < absl::GetFlag(FLAGS_ids); ++i) {
      polylateral::accreditation::v1::CheckAccessRequest req;
      req.set_stakeholder(absl::StrCat("stakeholders/bench-", i));
      req.set_process("processes/bench");
      req.set_right(polylateral::type::v1::ATTEND_PLENARY);
      w.requests.push_back(Serialize(req));
    }
  }
  return w;
}

struct Call {
  grpc::ClientContext ctx;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  Clock::time_point start;
};

struct Result {
  size_t sent = 0;  // calls started, the warm-up's included
  size_t calls = 0;
  long errors = 0;
  double seconds = 0;
  double p50_us = 0, p99_us = 0;
};

// Closed loop: `concurrency` calls in flight for `duration` after `warmup` (or until an
// each_once workload is used up).
Result Measure(const std::shared_ptr<grpc::Channel>& channel, const Workload& work) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  const auto begin = Clock::now();
  const auto warm_end = begin + std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup));
  const auto end = warm_end + std::chrono::duration<double>(absl::GetFlag(FLAGS_duration));
  auto last = warm_end;
  size_t next_request = 0;
  auto exhausted = [&] { return work.each_once && next_request >= work.requests.size(); };
  auto start_call = [&](std::unique_ptr<Call> call) {
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    const size_t i = next_request++ % work.requests.size();
    if (!work.principals.empty()) {
      call->ctx.AddMetadata("x-polylateral-principal", work.principals[i]);
    }
    call->start = Clock::now();
    call->reader = stub.PrepareUnaryCall(&call->ctx, work.method, work.requests[i], &cq);
    call->reader->StartCall();
    Call* raw = call.release();
    raw->reader->Finish(&raw->response, &raw->status, raw);
  };

  int in_flight = 0;
  for (int i = 0; i < absl::GetFlag(FLAGS_concurrency) && !exhausted(); ++i) {
    start_call(std::make_unique<Call>());
    ++in_flight;
  }
  polylateral::bench::LatencyRecorder latencies;
  Result r;
  void* tag = nullptr;
  bool ok = false;
  while (in_flight > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<Call> done(static_cast<Call*>(tag));
    --in_flight;
    const auto now = Clock::now();
    if (done->start >= warm_end && now <= end) {
      last = now;
      if (ok && done->status.ok()) {
        latencies.Record(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - done->start).count());
      } else {
        if (r.errors++ < 3) {
          std::fprintf(stderr, "%s: %d %s\n", work.method.c_str(), done->status.error_code(),
                       done->status.error_message().c_str());
        }
      }
    }
    if (now < end && !exhausted()) {
      start_call(std::make_unique<Call>());
      ++in_flight;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  r.sent = next_request;
  r.calls = latencies.count();
  r.seconds = work.each_once && last < end ? std::chrono::duration<double>(last - warm_end).count()
                                           : absl::GetFlag(FLAGS_duration);
  r.p50_us = latencies.PercentileMicros(0.5);
  r.p99_us = latencies.PercentileMicros(0.99);
  return r;
}

void Print(const std::string& label, const Result& r) {
  std::printf("%s\t%zu\t%ld\t%.1f\t%.0f\t%.0f\t%.0f\n", label.c_str(), r.calls, r.errors, r.seconds,
              r.seconds > 0 ? r.calls / r.seconds : 0, r.p50_us, r.p99_us);
}

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& principal) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  ctx->AddMetadata("x-polylateral-principal", principal);
  return ctx;
}

namespace acc = polylateral::accreditation::v1;
namespace reg = polylateral::registry::v1;

// The process: one non-objection route (any single objection, 14 days), public disclosure.
bool CreateProcess(const std::string& id) {
  auto stub = reg::RegistryService::NewStub(
      polylateral::bench::Connect(absl::GetFlag(FLAGS_registry), "registry"));
  reg::CreateProcessRequest req;
  req.set_process_id(id);
  auto* p = req.mutable_process();
  p->set_display_name("Benchmark process " + id);
  p->set_host_institution("UN General Assembly");
  auto* m = p->mutable_modalities();
  m->set_disclosure_policy(reg::ParticipationModalities::PUBLIC);
  auto* n = m->add_routes();
  n->set_route_id("non-objection");
  n->set_kind(reg::AccreditationRoute::NON_OBJECTION);
  n->add_granted_rights(polylateral::type::v1::ATTEND_PLENARY);
  n->mutable_objection_rule()->set_kind(reg::ObjectionRule::ANY_SINGLE_OBJECTION);
  n->mutable_notice_period()->set_seconds(14 * 24 * 3600);
  n->mutable_validity()->set_seconds(365 * 24 * 3600);
  reg::Process out;
  grpc::Status st = stub->CreateProcess(Ctx("operator:bench").get(), req, &out);
  if (!st.ok() && st.error_code() != grpc::StatusCode::ALREADY_EXISTS) {
    std::fprintf(stderr, "CreateProcess: %s\n", st.error_message().c_str());
    return false;
  }
  return true;
}

// Drafts for stakeholders bench-<first> ..: their names, from 8 threads (not measured).
std::vector<std::string> CreateDrafts(const std::shared_ptr<grpc::Channel>& channel,
                                      const std::string& process, int first, int n) {
  std::vector<std::string> names(n);
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto stub = acc::AccreditationService::NewStub(channel);
      for (int i = next++; i < n; i = next++) {
        const std::string sh = absl::StrCat("bench-", first + i);
        acc::CreateApplicationRequest req;
        req.set_parent("processes/" + process);
        req.mutable_application()->set_stakeholder("stakeholders/" + sh);
        req.mutable_application()->set_route_id("non-objection");
        acc::Application out;
        grpc::Status st = stub->CreateApplication(Ctx("stakeholder:" + sh).get(), req, &out);
        if (st.ok()) {
          names[i] = out.name();
        } else if (failures++ < 3) {
          std::fprintf(stderr, "CreateApplication %s: %s\n", sh.c_str(),
                       st.error_message().c_str());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  return names;
}

int RunSubmitAndObject(const std::shared_ptr<grpc::Channel>& channel) {
  const std::string process = absl::GetFlag(FLAGS_process);
  if (!CreateProcess(process)) return 1;
  const int first = absl::GetFlag(FLAGS_first);
  std::vector<std::string> drafts = CreateDrafts(channel, process, first, absl::GetFlag(FLAGS_ids));
  Workload submit;
  submit.method = "/polylateral.accreditation.v1.AccreditationService/SubmitApplication";
  submit.each_once = true;
  std::vector<std::string> apps;
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (drafts[i].empty()) continue;
    acc::SubmitApplicationRequest req;
    req.set_name(drafts[i]);
    submit.requests.push_back(Serialize(req));
    submit.principals.push_back(absl::StrCat("stakeholder:bench-", first + static_cast<int>(i)));
    apps.push_back(drafts[i]);
  }
  if (apps.empty()) return 1;
  Result s = Measure(channel, submit);
  Print("submit", s);

  // Objections on the applications submitted (the warm-up's and the measured ones).
  const size_t in_notice = std::min(apps.size(), s.sent);
  Workload object;
  object.method = "/polylateral.accreditation.v1.AccreditationService/LodgeObjection";
  object.each_once = true;
  auto states = polylateral::vocabulary::AllUnStates();
  for (size_t k = 0; k < states.size(); ++k) {
    const std::string iso2(states[k].iso2);
    for (size_t a = 0; a < in_notice; ++a) {
      acc::LodgeObjectionRequest req;
      req.set_parent(apps[a]);
      req.set_state("states/" + iso2);
      req.set_grounds("Concerns about the applicant's independence.");
      object.requests.push_back(Serialize(req));
      object.principals.push_back("state:" + iso2);
    }
    if (object.requests.size() > 400000) break;
  }
  Print("object", Measure(channel, object));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string kind = absl::GetFlag(FLAGS_kind);
  if (kind == "submit" && polylateral::bench::TlsRequested()) {
    std::fprintf(stderr,
                 "--kind=submit sends a principal header per call, which mutual TLS "
                 "ignores: run it in plaintext\n");
    return 1;
  }
  auto channel = polylateral::bench::Connect(absl::GetFlag(FLAGS_target),
                                             kind == "echo" ? "bench-echo" : "accreditation");
  if (kind == "submit") return RunSubmitAndObject(channel);
  Result r = Measure(channel, MakeWorkload(kind));
  Print(absl::GetFlag(FLAGS_label).empty() ? kind : absl::GetFlag(FLAGS_label), r);
  return r.errors == 0 ? 0 : 2;
}

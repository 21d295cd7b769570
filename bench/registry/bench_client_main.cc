// polylateral-bench-client: a closed-loop gRPC load generator. Keeps --concurrency unary calls
// in flight on one HTTP/2 connection for --duration after a --warmup, with pre-serialized
// requests sent through the generic stub, so the client's cost is the same whatever the
// target. --kind=submit sends routing SubmitInput requests read from --requests (written by
// polylateral-bench-submit --setup: one principal and one serialized request per author), each
// call with its author's principal header. With --tls_cert, --tls_key and --tls_ca the channel
// is mutual TLS (bench_channel.h) and the certificate is every call's principal, so --kind=submit,
// whose calls each need their own principal header, stays plaintext. Prints one tab-separated
// line:
//   target  calls  errors  seconds  calls_per_second  p50_us  p99_us
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/registry/bench_channel.h"
#include "bench/registry/latency_recorder.h"
#include "echo.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "polylateral/registry/v1/registry_service.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server address");
ABSL_FLAG(std::string, kind, "get", "echo | get | list | submit | create");
ABSL_FLAG(std::string, requests, "",
          "submit: file of lines `principal<TAB>base64(SubmitInputRequest)`, cycled through");
ABSL_FLAG(std::string, label, "", "name printed in the result line (default: kind)");
ABSL_FLAG(int, ids, 1000,
          "get: cycle over stakeholders bench-0 .. bench-<ids-1>; create: this many distinct "
          "new stakeholders, named after the label (names are unique in the registry)");
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

// The method and the request bodies to cycle through for one kind of call; principals, when
// not empty, is parallel to requests (the x-polylateral-principal header of each).
struct Workload {
  std::string method;
  std::vector<grpc::ByteBuffer> requests;
  std::vector<std::string> principals;
};

void LoadRequests(const std::string& path, Workload* w) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, '\t');
    std::string bytes;
    if (parts.size() != 2 || !absl::Base64Unescape(parts[1], &bytes)) {
      std::fprintf(stderr, "%s: bad line\n", path.c_str());
      std::exit(1);
    }
    grpc::Slice slice(bytes);
    w->requests.emplace_back(&slice, 1);
    w->principals.push_back(parts[0]);
  }
  if (w->requests.empty()) {
    std::fprintf(stderr, "%s: no requests\n", path.c_str());
    std::exit(1);
  }
}

Workload MakeWorkload(const std::string& kind) {
  Workload w;
  if (kind == "echo") {
    w.method = "/polylateral.bench.v1.EchoService/Get";
    polylateral::bench::v1::GetRequest req;
    req.set_key("{bench}:value");
    w.requests.push_back(Serialize(req));
  } else if (kind == "get") {
    w.method = "/polylateral.registry.v1.RegistryService/GetStakeholder";
    for (int i = 0; i < absl::GetFlag(FLAGS_ids); ++i) {
      polylateral::registry::v1::GetStakeholderRequest req;
      req.set_name(absl::StrCat("stakeholders/bench-", i));
      w.requests.push_back(Serialize(req));
    }
  } else if (kind == "create") {
    w.method = "/polylateral.registry.v1.RegistryService/CreateStakeholder";
    const std::string label = absl::GetFlag(FLAGS_label);
    for (int i = 0; i < absl::GetFlag(FLAGS_ids); ++i) {
      polylateral::registry::v1::CreateStakeholderRequest req;
      auto* s = req.mutable_stakeholder();
      s->set_kind(polylateral::registry::v1::Stakeholder::ORGANISATION);
      s->set_display_name(absl::StrCat("Bench ", label, " ", i));
      s->set_stakeholder_group(polylateral::type::v1::CIVIL_SOCIETY);
      s->set_country("KE");
      s->add_themes("themes/incident-response");
      s->add_languages("en");
      w.requests.push_back(Serialize(req));
      w.principals.push_back("operator:bench");
    }
  } else if (kind == "submit") {
    w.method = "/polylateral.routing.v1.RoutingService/SubmitInput";
    LoadRequests(absl::GetFlag(FLAGS_requests), &w);
  } else {
    w.method = "/polylateral.registry.v1.RegistryService/ListStakeholders";
    // A selective, combined filter: one region and one stakeholder group, a page of 50.
    polylateral::registry::v1::ListStakeholdersRequest req;
    req.set_region(polylateral::type::v1::AFRICAN);
    req.set_stakeholder_group(polylateral::type::v1::CIVIL_SOCIETY);
    req.set_page_size(50);
    w.requests.push_back(Serialize(req));
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

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string kind = absl::GetFlag(FLAGS_kind);
  Workload work = MakeWorkload(kind);
  if (polylateral::bench::TlsRequested() && !work.principals.empty()) {
    std::fprintf(stderr, "--kind=%s sends a principal header per call, which mutual TLS ignores\n",
                 kind.c_str());
    return 1;
  }
  const char* peer = kind == "echo" ? "bench-echo" : kind == "submit" ? "routing" : "registry";
  auto channel = polylateral::bench::Connect(absl::GetFlag(FLAGS_target), peer);
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;

  const auto warm_end = Clock::now() + std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup));
  const auto end = warm_end + std::chrono::duration<double>(absl::GetFlag(FLAGS_duration));
  size_t next_request = 0;
  auto start_call = [&](std::unique_ptr<Call> call) {
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    call->start = Clock::now();
    const size_t i = next_request++ % work.requests.size();
    if (!work.principals.empty())
      call->ctx.AddMetadata("x-polylateral-principal", work.principals[i]);
    const grpc::ByteBuffer& body = work.requests[i];
    call->reader = stub.PrepareUnaryCall(&call->ctx, work.method, body, &cq);
    call->reader->StartCall();
    Call* raw = call.release();
    raw->reader->Finish(&raw->response, &raw->status, raw);
  };

  const int concurrency = absl::GetFlag(FLAGS_concurrency);
  for (int i = 0; i < concurrency; ++i) start_call(std::make_unique<Call>());

  polylateral::bench::LatencyRecorder latencies;
  long errors = 0;
  int in_flight = concurrency;
  void* tag = nullptr;
  bool ok = false;
  while (in_flight > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<Call> done(static_cast<Call*>(tag));
    --in_flight;
    const auto now = Clock::now();
    if (done->start >= warm_end && now <= end) {
      if (ok && done->status.ok()) {
        latencies.Record(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now - done->start).count());
      } else {
        ++errors;
      }
    }
    if (now < end) {
      start_call(std::make_unique<Call>());
      ++in_flight;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  const double seconds = absl::GetFlag(FLAGS_duration);
  const std::string label = absl::GetFlag(FLAGS_label).empty() ? kind : absl::GetFlag(FLAGS_label);
  std::printf("%s\t%zu\t%ld\t%.1f\t%.0f\t%.0f\t%.0f\n", label.c_str(), latencies.count(), errors,
              seconds, latencies.count() / seconds, latencies.PercentileMicros(0.5),
              latencies.PercentileMicros(0.99));
  return errors == 0 ? 0 : 2;
}

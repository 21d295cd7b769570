// polylateral-bench-acc-client: the registry benchmark's closed-loop load client (same
// method: pre-serialized requests through the generic stub) with accreditation workloads.
// polylateral-bench-client: a closed-loop gRPC load generator. Keeps --concurrency unary calls
// in flight on one HTTP/2 connection for --duration after a --warmup, with pre-serialized
// requests sent through the generic stub, so the client's cost is the same whatever the
// target. Prints one tab-separated line:
//   target  calls  errors  seconds  calls_per_second  p50_us  p99_us
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/registry/latency_recorder.h"
#include "echo.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "polylateral/accreditation/v1/accreditation_service.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server address");
ABSL_FLAG(std::string, kind, "check", "echo | check");
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

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string kind = absl::GetFlag(FLAGS_kind);
  Workload work = MakeWorkload(kind);
  auto channel =
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;

  const auto warm_end = Clock::now() + std::chrono::duration<double>(absl::GetFlag(FLAGS_warmup));
  const auto end = warm_end + std::chrono::duration<double>(absl::GetFlag(FLAGS_duration));
  size_t next_request = 0;
  auto start_call = [&](std::unique_ptr<Call> call) {
    call->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    call->start = Clock::now();
    const grpc::ByteBuffer& body = work.requests[next_request++ % work.requests.size()];
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

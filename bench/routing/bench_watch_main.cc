// polylateral-bench-watch: WatchEvents' commit-to-watcher latency. Opens --watchers streams
// (operator principal, every event), then submits the requests of a polylateral-bench-submit
// --setup file at --rate per second for --duration seconds (after --warmup), and times each
// INPUT_SUBMITTED event from its commit_time (the Redis server's clock at the XADD, the same
// machine's clock; millisecond precision, so up to 1 ms too long) to its arrival on each
// watcher. The same run's SubmitInput latency is the baseline. Prints, tab-separated:
//   watch   events  missing  seconds  watchers  p50_us  p99_us
//   submit  calls   errors   seconds  rate      p50_us  p99_us
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/registry/latency_recorder.h"
#include "grpcpp/create_channel.h"
#include "polylateral/routing/v1/routing_service.grpc.pb.h"

ABSL_FLAG(std::string, routing, "127.0.0.1:50054", "routing address");
ABSL_FLAG(std::string, requests, "", "polylateral-bench-submit --setup's file");
ABSL_FLAG(int, watchers, 10, "open WatchEvents streams");
ABSL_FLAG(double, rate, 100, "SubmitInput calls per second");
ABSL_FLAG(double, duration, 5, "measured seconds");
ABSL_FLAG(double, warmup, 1, "unmeasured seconds first");

namespace {

namespace rt = polylateral::routing::v1;
using polylateral::bench::LatencyRecorder;

struct Request {
  std::string principal;
  rt::SubmitInputRequest body;
};

std::vector<Request> ReadRequests(const std::string& path) {
  std::vector<Request> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, '\t');
    std::string raw;
    if (parts.size() != 2 || !absl::Base64Unescape(parts[1], &raw)) continue;
    Request r;
    r.principal = parts[0];
    if (r.body.ParseFromString(raw)) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::vector<Request> requests = ReadRequests(absl::GetFlag(FLAGS_requests));
  if (requests.empty()) {
    std::fprintf(stderr, "no requests in --requests\n");
    return 1;
  }
  auto channel =
      grpc::CreateChannel(absl::GetFlag(FLAGS_routing), grpc::InsecureChannelCredentials());
  auto stub = rt::RoutingService::NewStub(channel);
  const int n_watchers = absl::GetFlag(FLAGS_watchers);
  const absl::Duration warmup = absl::Seconds(absl::GetFlag(FLAGS_warmup));
  const absl::Duration duration = absl::Seconds(absl::GetFlag(FLAGS_duration));

  // Submissions committed in the measured window, by input name; each watcher must see all.
  absl::Mutex mu;
  LatencyRecorder watch_latency;
  std::atomic<int64_t> watched{0};
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::thread> watchers;
  std::atomic<int> opened{0};
  absl::Time measure_from = absl::InfiniteFuture(), measure_to = absl::InfiniteFuture();
  for (int w = 0; w < n_watchers; ++w) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("x-polylateral-principal", "operator:bench-watch");
    grpc::ClientContext* c = ctx.get();
    contexts.push_back(std::move(ctx));
    watchers.emplace_back([&, c] {
      auto reader = stub->WatchEvents(c, rt::WatchEventsRequest());
      opened++;
      rt::RoutingEvent e;
      while (reader->Read(&e)) {
        const absl::Time now = absl::Now();
        if (e.type() != rt::INPUT_SUBMITTED) continue;
        const absl::Time commit = absl::FromUnixSeconds(e.commit_time().seconds()) +
                                  absl::Nanoseconds(e.commit_time().nanos());
        absl::MutexLock lock(&mu);
        if (commit < measure_from || commit >= measure_to) continue;
        watch_latency.Record(absl::ToInt64Nanoseconds(now - commit));
        watched++;
      }
      (void)reader->Finish();
    });
  }
  while (opened.load() < n_watchers) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(300));  // the streams reach the server and subscribe

  // Open loop at --rate: a call every 1/rate s, from a few threads so one slow call does not
  // hold back the next.
  LatencyRecorder submit_latency;
  int64_t calls = 0, errors = 0;
  const absl::Duration gap = absl::Seconds(1.0 / absl::GetFlag(FLAGS_rate));
  const absl::Time start = absl::Now();
  const absl::Time from = start + warmup, to = from + duration;
  {
    absl::MutexLock lock(&mu);
    measure_from = from;
    measure_to = to;
  }
  std::atomic<int64_t> next{0};
  std::vector<std::thread> submitters;
  for (int t = 0; t < 4; ++t) {
    submitters.emplace_back([&] {
      while (true) {
        const int64_t i = next++;
        const absl::Time at = start + gap * i;
        if (at >= to) return;
        absl::SleepFor(at - absl::Now());
        const Request& r = requests[i % requests.size()];
        rt::SubmitInputRequest req = r.body;
        req.set_request_id(absl::StrCat("bench-watch-", i, "-", absl::ToUnixNanos(start)));
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        ctx.AddMetadata("x-polylateral-principal", r.principal);
        rt::Input out;
        const absl::Time sent = absl::Now();
        grpc::Status st = stub->SubmitInput(&ctx, req, &out);
        const absl::Time done = absl::Now();
        absl::MutexLock lock(&mu);
        if (sent < from) continue;
        calls++;
        if (!st.ok()) {
          errors++;
          continue;
        }
        submit_latency.Record(absl::ToInt64Nanoseconds(done - sent));
      }
    });
  }
  for (auto& t : submitters) t.join();
  // Events of the last submissions still on their way: bounded wait for all of them.
  const int64_t expected = (calls - errors) * n_watchers;
  const absl::Time give_up = absl::Now() + absl::Seconds(5);
  while (watched.load() < expected && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  for (auto& c : contexts) c->TryCancel();
  for (auto& t : watchers) t.join();
  absl::MutexLock lock(&mu);
  const double secs = absl::ToDoubleSeconds(duration);
  std::printf(
      "watch\t%lld\t%lld\t%.1f\t%d\t%.0f\t%.0f\n", static_cast<long long>(watch_latency.count()),
      static_cast<long long>(expected - static_cast<int64_t>(watch_latency.count())), secs,
      n_watchers, watch_latency.PercentileMicros(0.5), watch_latency.PercentileMicros(0.99));
  std::printf("submit\t%lld\t%lld\t%.1f\t%.0f\t%.0f\t%.0f\n", static_cast<long long>(calls),
              static_cast<long long>(errors), secs, absl::GetFlag(FLAGS_rate),
              submit_latency.PercentileMicros(0.5), submit_latency.PercentileMicros(0.99));
  return 0;
}

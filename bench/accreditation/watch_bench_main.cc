// polylateral-bench-acc-watch: commit-to-watcher latency of WatchEvents. A writer appends
// --events decision events to {acc}:events at --rate per second (XADD as the scripts do, so
// the stream's commit is the XADD's reply); --watchers WatchEvents streams (each its own
// state principal, plaintext with the identity header) and, as the baseline, one direct
// XREAD BLOCK reader on the same Redis receive them. Latency: receipt minus the XADD's reply.
// Prints one tab-separated line per reader kind:
//   label  events_expected  events_received  p50_ms  p99_ms  max_ms
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/redis/redis_client.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "polylateral/accreditation/v1/accreditation_service.grpc.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50052", "the accreditation service");
ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "its Redis");
ABSL_FLAG(int, watchers, 10, "WatchEvents streams");
ABSL_FLAG(int, events, 1000, "events written");
ABSL_FLAG(double, rate, 100, "events written per second");

namespace {

using Clock = std::chrono::steady_clock;
namespace acc = polylateral::accreditation::v1;

// The stream id a token stands for (the bench knows the token's private format).
std::string IdOf(const std::string& token) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return "";
  const size_t colon = raw.find(':');
  return colon == std::string::npos ? "" : raw.substr(colon + 1);
}

struct Receipts {
  absl::Mutex mu;
  // stream id -> when each reader of a kind received it
  std::map<std::string, std::vector<Clock::time_point>> at;
  void Add(const std::string& id, Clock::time_point t) {
    absl::MutexLock lock(&mu);
    at[id].push_back(t);
  }
};

void Report(const std::string& label, int expected, Receipts& r,
            const std::map<std::string, Clock::time_point>& committed) {
  std::vector<double> ms;
  for (const auto& [id, times] : r.at) {
    auto c = committed.find(id);
    if (c == committed.end()) continue;
    for (auto t : times) {
      ms.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(t - c->second).count()));
    }
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&ms](double p) {
    return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };
  std::printf("%s\t%d\t%zu\t%.2f\t%.2f\t%.2f\n", label.c_str(), expected, ms.size(), pct(0.5),
              pct(0.99), ms.empty() ? 0.0 : ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int watchers = absl::GetFlag(FLAGS_watchers);
  const int events = absl::GetFlag(FLAGS_events);
  polylateral::redis::RedisOptions ro;
  ro.address = absl::GetFlag(FLAGS_redis);
  ro.command_timeout = absl::Seconds(5);
  polylateral::redis::RedisClient redis(ro, nullptr);
  auto channel =
      grpc::CreateChannel(absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials());
  auto stub = acc::AccreditationService::NewStub(channel);

  Receipts watched, direct;
  const char* states[] = {"FR", "BR", "IN", "US", "CN", "RU", "ZA", "KE",
                          "JP", "DE", "MX", "AR", "EG", "NG", "ID", "AU"};
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<acc::Event>>> readers;
  for (int w = 0; w < watchers; ++w) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("x-polylateral-principal", absl::StrCat("state:", states[w % 16]));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
    acc::WatchEventsRequest req;
    readers.push_back(stub->WatchEvents(ctx.get(), req));
    readers.back()->WaitForInitialMetadata();
    contexts.push_back(std::move(ctx));
  }
  for (int w = 0; w < watchers; ++w) {
    threads.emplace_back([&, w] {
      acc::Event e;
      int n = 0;
      while (n < events && readers[w]->Read(&e)) {
        watched.Add(IdOf(e.token()), Clock::now());
        ++n;
      }
    });
  }
  // The baseline: one XREAD BLOCK loop straight on Redis, from the stream's end now.
  std::string last = "$";
  {
    auto r = redis.Command({"XREVRANGE", "{acc}:events", "+", "-", "COUNT", "1"});
    if (r.ok() && r->is_array() && r->size() == 1) last = std::string((*r)[0][0].str());
    if (last == "$") last = "0-0";
  }
  threads.emplace_back([&] {
    int n = 0;
    std::string from = last;
    while (n < events) {
      auto r = redis.Command(
          {"XREAD", "COUNT", "100", "BLOCK", "2000", "STREAMS", "{acc}:events", from});
      if (!r.ok()) break;
      const auto now = Clock::now();
      if (r->is_nil()) continue;
      auto entries = (*r)[0][1];
      for (size_t i = 0; i < entries.size(); ++i) {
        from = std::string(entries[i][0].str());
        direct.Add(from, now);
        ++n;
      }
    }
  });

  std::map<std::string, Clock::time_point> committed;
  const auto gap = std::chrono::duration<double>(1.0 / absl::GetFlag(FLAGS_rate));
  const auto start = Clock::now();
  for (int i = 0; i < events; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(gap * i));
    const std::string app = absl::StrCat("app-", i);
    auto r = redis.Command({"XADD",        "{acc}:events",
                            "MAXLEN",      "~",
                            "1000000",     "*",
                            "type",        "application.submitted",
                            "process",     "bench",
                            "application", app,
                            "stakeholder", absl::StrCat("sh-", i),
                            "route",       "non-objection",
                            "state",       "IN_NOTICE",
                            "rights",      "",
                            "at",          absl::StrCat(absl::ToUnixMillis(absl::Now())),
                            "reason",      "",
                            "by",          "stakeholder:bench"});
    const auto t = Clock::now();
    if (r.ok() && r->is_string()) committed[std::string(r->str())] = t;
  }
  for (auto& t : threads) t.join();
  for (auto& ctx : contexts) ctx->TryCancel();
  for (auto& r : readers) r->Finish();
  Report(absl::StrCat("WatchEvents, ", watchers, " watchers"), events * watchers, watched,
         committed);
  Report("direct XREAD BLOCK on Redis (baseline)", events, direct, committed);
  return 0;
}

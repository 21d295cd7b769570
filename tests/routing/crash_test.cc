// A service killed with SIGKILL mid-load loses nothing acknowledged. The real routing
// binary takes concurrent submissions while a reader drains and acknowledges the plenary
// inbox; it is killed with SIGKILL in the middle and restarted on the same Redis (AOF, fsync
// on every write). Then every input whose SubmitInput returned OK is readable, and
// acknowledged in its destination's inbox exactly once: unacknowledged deliveries may come
// back, acknowledged ones never do.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "tests/routing/harness.h"

extern char** environ;

namespace polylateral::routing::testing {
namespace {

constexpr char kGm[] = "global-mechanism";
constexpr char kSecretariat[] = "secretariat:global-mechanism";
constexpr char kPlenary[] = "processes/global-mechanism/plenary";
constexpr int kKillAfter = 150;          // acknowledged submissions before the kill
constexpr int kSubmitters = 4;           // concurrent submitting clients
constexpr char kVisibility[] = "300ms";  // the binary's redelivery timeout
constexpr auto kRpcDeadline = std::chrono::seconds(5);

// The routing binary as a child process on a fixed loopback port, so that a restart serves
// the same address.
class RoutingProcess final {
 public:
  explicit RoutingProcess(std::map<std::string, std::string> env)
      : port_(polylateral::testing::FreeLoopbackPort()) {
    const char* bin_dir = std::getenv("POLYLATERAL_BINARY_DIR");
    binary_ =
        absl::StrCat(bin_dir == nullptr ? "." : bin_dir, "/services/routing/polylateral-routing");
    env["POLYLATERAL_METRICS_LISTEN"] =
        absl::StrCat("127.0.0.1:", polylateral::testing::FreeLoopbackPort());
    // Off: the fixed default port would clash with other tests running at once.
    env["POLYLATERAL_HEALTH_LISTEN"] = "off";
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      if (env.count(kv.substr(0, kv.find('='))) == 0) env_.push_back(kv);
    }
    for (const auto& [k, v] : env) env_.push_back(absl::StrCat(k, "=", v));
  }
  ~RoutingProcess() {
    if (pid_ > 0) Kill();
  }

  // Starts the binary; true once its health service says SERVING.
  bool Start() {
    // Everything exec needs is built before fork: the child of a threaded process only execs.
    const std::string listen = absl::StrCat("--listen=127.0.0.1:", port_);
    std::vector<char*> argv = {binary_.data(), const_cast<char*>(listen.c_str()), nullptr};
    std::vector<char*> envp;
    for (auto& kv : env_) envp.push_back(kv.data());
    envp.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      execve(binary_.c_str(), argv.data(), envp.data());
      _exit(127);
    }
    auto health = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()));
    for (int i = 0; i < 400; ++i) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
      grpc::health::v1::HealthCheckRequest req;
      grpc::health::v1::HealthCheckResponse resp;
      if (health->Check(&ctx, req, &resp).ok() &&
          resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(25));
    }
    return false;
  }

  // SIGKILL: no drain, no flush, no goodbye.
  void Kill() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  // SIGTERM, then waits (bounded by `limit`) for the process to exit; how long it took, or
  // `limit` when it did not exit (then it is killed).
  absl::Duration Terminate(absl::Duration limit) {
    const absl::Time start = absl::Now();
    kill(pid_, SIGTERM);
    while (absl::Now() - start < limit) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return absl::Now() - start;
      }
      absl::SleepFor(absl::Milliseconds(10));  // polling interval of the bounded wait
    }
    Kill();
    return limit;
  }

  // A stub on a fresh channel (no reconnect backoff left over from a dead server).
  std::unique_ptr<rt::RoutingService::Stub> NewStub() const {
    return rt::RoutingService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_), grpc::InsecureChannelCredentials()));
  }

 private:
  const int port_;
  std::string binary_;
  std::vector<std::string> env_;
  pid_t pid_ = -1;
};

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& principal) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + kRpcDeadline);
  ctx->AddMetadata("x-polylateral-principal", principal);
  return ctx;
}

// What the plenary's reader saw, across the kill.
class InboxLedger final {
 public:
  // Pulls once and acknowledges what came, except (when `skip_some`) a quarter of the first
  // hand-outs, left to come back after the visibility timeout. Returns how many came, or -1
  // when the call failed.
  int PullAndAck(rt::RoutingService::Stub& stub, bool skip_some) {
    rt::PullInboxRequest req;
    req.set_destination(kPlenary);
    req.set_max_deliveries(50);
    rt::PullInboxResponse resp;
    auto ctx = Ctx(kSecretariat);
    if (!stub.PullInbox(ctx.get(), req, &resp).ok()) return -1;
    for (const auto& d : resp.deliveries()) {
      const std::string& input = d.input().name();
      {
        absl::MutexLock lock(&mu_);
        if (acked_[input] > 0) {
          violations_.push_back(absl::StrCat(input, " handed out again after its acknowledgement"));
        }
      }
      if (skip_some && d.delivery_count() == 1 &&
          std::hash<std::string>()(d.delivery_id()) % 4 == 0) {
        continue;
      }
      Ack(stub, d.delivery_id(), input, /*just_pulled=*/true);
    }
    return resp.deliveries_size();
  }

  // After the restart: an acknowledgement whose answer was lost took effect or not; asking
  // again settles it (the entry is still pending, so this one counts, or it is not, so the
  // first one did). Skipped when a later acknowledgement of the same input succeeded.
  void SettleUncertain(rt::RoutingService::Stub& stub) {
    std::vector<std::pair<std::string, std::string>> uncertain;
    {
      absl::MutexLock lock(&mu_);
      uncertain.swap(uncertain_);
    }
    for (const auto& [id, input] : uncertain) {
      {
        absl::MutexLock lock(&mu_);
        if (acked_[input] > 0) continue;
      }
      Ack(stub, id, input, /*just_pulled=*/false);
    }
  }

  int acked(const std::string& input) {
    absl::MutexLock lock(&mu_);
    return acked_[input];
  }
  std::map<std::string, int> all_acked() {
    absl::MutexLock lock(&mu_);
    return acked_;
  }
  std::vector<std::string> violations() {
    absl::MutexLock lock(&mu_);
    return violations_;
  }
  size_t uncertain() {
    absl::MutexLock lock(&mu_);
    return uncertain_.size();
  }

 private:
  void Ack(rt::RoutingService::Stub& stub, const std::string& id, const std::string& input,
           bool just_pulled) {
    rt::AckDeliveryRequest req;
    req.set_destination(kPlenary);
    req.set_delivery_id(id);
    rt::AckDeliveryResponse resp;
    auto ctx = Ctx(kSecretariat);
    grpc::Status st = stub.AckDelivery(ctx.get(), req, &resp);
    absl::MutexLock lock(&mu_);
    if (!st.ok()) {
      uncertain_.emplace_back(id, input);
    } else if (resp.acknowledged() || !just_pulled) {
      ++acked_[input];
    } else {
      // The single reader just got it handed out: it must still be pending.
      violations_.push_back(absl::StrCat(input, " handed out though no longer pending"));
    }
  }

  absl::Mutex mu_;
  std::map<std::string, int> acked_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<std::string, std::string>> uncertain_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> violations_ ABSL_GUARDED_BY(mu_);
};

TEST_F(RoutingTest, KillNineMidLoadLosesNothingAcknowledged) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  RoutingProcess routing(
      {{"POLYLATERAL_REDIS", redis_->address()},
       {"POLYLATERAL_REDIS_USER", "routing"},
       {"POLYLATERAL_REDIS_PASSWORD_FILE", redis_->PasswordFile("routing")},
       {"POLYLATERAL_REGISTRY", registry_address_},
       {"POLYLATERAL_ACCREDITATION", absl::StrCat("127.0.0.1:", replica_->host->port())},
       {"POLYLATERAL_VISIBILITY_TIMEOUT", kVisibility},
       {"POLYLATERAL_WORKERS", "4"}});
  ASSERT_TRUE(routing.Start());

  // Load: submitters and the plenary's reader, all against the binary.
  absl::Mutex mu;
  std::map<std::string, std::vector<std::string>> acknowledged;  // input -> its destinations
  int failed_after_kill = 0;
  std::atomic<bool> killed{false}, stop{false};
  std::vector<std::thread> threads;
  threads.reserve(kSubmitters);
  for (int t = 0; t < kSubmitters; ++t) {
    threads.emplace_back([&, t] {
      auto stub = routing.NewStub();
      for (int i = 0; !stop.load(); ++i) {
        rt::SubmitInputRequest req;
        *req.mutable_input() = Written(acme, kGm, {"cybersecurity"});
        req.mutable_input()->set_title(absl::StrCat("Submission ", t, "-", i));
        rt::Input out;
        auto ctx = Ctx("stakeholder:" + acme);
        const bool was_killed = killed.load();
        grpc::Status st = stub->SubmitInput(ctx.get(), req, &out);
        absl::MutexLock lock(&mu);
        if (st.ok()) {
          auto& dests = acknowledged[out.name()];
          for (const auto& r : out.routes()) dests.push_back(r.destination());
        } else if (was_killed) {
          ++failed_after_kill;
          absl::SleepFor(absl::Milliseconds(5));
        }
      }
    });
  }
  InboxLedger ledger;
  std::thread reader([&] {
    auto stub = routing.NewStub();
    while (!stop.load()) {
      if (ledger.PullAndAck(*stub, /*skip_some=*/true) <= 0) absl::SleepFor(absl::Milliseconds(5));
    }
  });

  auto enough = [&] { return acknowledged.size() >= static_cast<size_t>(kKillAfter); };
  bool reached = false;
  {
    absl::MutexLock lock(&mu);
    reached = mu.AwaitWithTimeout(absl::Condition(&enough), absl::Seconds(120));
  }
  killed.store(true);
  routing.Kill();
  // The clients keep calling the dead address: the kill hit them mid-flight. Stop them once
  // one has seen a call fail.
  {
    auto failed = [&] { return failed_after_kill > 0; };
    absl::MutexLock lock(&mu);
    mu.AwaitWithTimeout(absl::Condition(&failed), absl::Seconds(30));
  }
  stop.store(true);
  for (auto& th : threads) th.join();
  reader.join();
  ASSERT_TRUE(reached) << acknowledged.size() << " submissions acknowledged in 120 s";
  EXPECT_GT(failed_after_kill, 0);

  ASSERT_TRUE(routing.Start());
  auto stub = routing.NewStub();
  ledger.SettleUncertain(*stub);
  EXPECT_EQ(ledger.uncertain(), 0u);

  // Every acknowledged submission is there, with the routes it was acknowledged with.
  for (const auto& [name, dests] : acknowledged) {
    EXPECT_EQ(dests, std::vector<std::string>{kPlenary}) << name;
    rt::GetInputRequest req;
    req.set_name(name);
    rt::Input got;
    auto ctx = Ctx("operator:test");
    grpc::Status st = stub->GetInput(ctx.get(), req, &got);
    EXPECT_TRUE(st.ok()) << name << ": " << st.error_message();
  }

  // Drain the inbox: what was never handed out, and what was handed out and not acknowledged
  // (back after the visibility timeout), until every acknowledged submission is acknowledged
  // in the inbox and nothing more comes for a few timeouts.
  auto all_acked = [&] {
    for (const auto& [name, dests] : acknowledged) {
      if (ledger.acked(name) == 0) return false;
    }
    return true;
  };
  int drained = 0;
  absl::Time quiet_since = absl::Now();
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (absl::Now() < give_up) {
    const int n = ledger.PullAndAck(*stub, /*skip_some=*/false);
    if (n > 0) {
      drained += n;
      quiet_since = absl::Now();
    } else if (all_acked() && absl::Now() - quiet_since > absl::Seconds(1)) {
      break;
    } else {
      absl::SleepFor(absl::Milliseconds(20));  // polling interval
    }
  }
  EXPECT_GT(drained, 0) << "the kill left nothing queued: not mid-load";
  std::cout << "acknowledged submissions " << acknowledged.size() << ", failed after the kill "
            << failed_after_kill << ", deliveries drained after the restart " << drained
            << std::endl;

  EXPECT_THAT(ledger.violations(), ::testing::IsEmpty());
  int missing = 0;
  for (const auto& [name, dests] : acknowledged) {
    const int n = ledger.acked(name);
    if (n != 1) ++missing;
    EXPECT_EQ(n, 1) << name << " acknowledged " << n << " times in the plenary inbox";
  }
  EXPECT_EQ(missing, 0) << "of " << acknowledged.size() << " acknowledged submissions";
  // Submissions whose answer the kill swallowed may be there too, but also only once.
  for (const auto& [name, n] : ledger.all_acked()) EXPECT_EQ(n, 1) << name;
  auto dead = routing_app_->store().DeadLetters(kPlenary);
  ASSERT_TRUE(dead.ok());
  EXPECT_THAT(*dead, ::testing::IsEmpty());
}

// An open StreamInbox does not hold the service's shutdown for the grace period (10 s by
// default): on SIGTERM the stream ends with UNAVAILABLE SHUTTING_DOWN and the process exits
// within about a second.
TEST_F(RoutingTest, AnOpenStreamEndsAtOnceOnSigtermAndTheProcessExits) {
  GlobalMechanism(kGm);
  const std::string acme = Accredited("Acme Security", kGm);
  RoutingProcess routing(
      {{"POLYLATERAL_REDIS", redis_->address()},
       {"POLYLATERAL_REDIS_USER", "routing"},
       {"POLYLATERAL_REDIS_PASSWORD_FILE", redis_->PasswordFile("routing")},
       {"POLYLATERAL_REGISTRY", registry_address_},
       {"POLYLATERAL_ACCREDITATION", absl::StrCat("127.0.0.1:", replica_->host->port())}});
  ASSERT_TRUE(routing.Start());
  auto stub = routing.NewStub();
  rt::SubmitInputRequest sreq;
  *sreq.mutable_input() = Written(acme, kGm, {"cybersecurity"});
  rt::Input submitted;
  auto sctx = Ctx("stakeholder:" + acme);
  ASSERT_TRUE(stub->SubmitInput(sctx.get(), sreq, &submitted).ok());

  // The stream is open on the server once it delivered; then it waits for more.
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  ctx.AddMetadata("x-polylateral-principal", kSecretariat);
  rt::StreamInboxRequest req;
  req.set_destination(kPlenary);
  auto reader = stub->StreamInbox(&ctx, req);
  rt::Delivery d;
  ASSERT_TRUE(reader->Read(&d));
  EXPECT_EQ(d.input().name(), submitted.name());

  const absl::Duration took = routing.Terminate(absl::Seconds(8));
  EXPECT_LT(took, absl::Milliseconds(1500)) << "exit took " << took;
  EXPECT_FALSE(reader->Read(&d));
  grpc::Status st = reader->Finish();
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << st.error_message();
  EXPECT_EQ(Details(st).reason, "SHUTTING_DOWN");
}

}  // namespace
}  // namespace polylateral::routing::testing

// polylateral-bench-acc-due: N non-objection notice periods ending in the same second, executed
// by two scheduler replicas (each with its own Redis connection pool), beside the same Redis
// doing one bare EVALSHA per item from two clients. Checks that each application was decided
// exactly once. Prints one tab-separated line:
//   items  decisions  events  due_seconds  due_per_s  bare_seconds  bare_per_s
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "services/accreditation/domain/application_rules.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/application_codec.h"
#include "services/accreditation/store/due_scheduler.h"

ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "Redis address");
ABSL_FLAG(int, items, 100000, "notice periods ending together");
ABSL_FLAG(int, batch, 500, "entries per scheduler script call");

namespace {

using namespace polylateral;
using namespace polylateral::accreditation;
using Clk = std::chrono::steady_clock;

void Seed(redis::RedisClient& c, int n, absl::Time due) {
  std::vector<std::vector<std::string>> cmds;
  for (int i = 0; i < n; ++i) {
    Application a;
    a.process = "bench";
    a.id = absl::StrCat("app-", i);
    a.stakeholder = absl::StrCat("sh-", i);
    a.route_id = "non-objection";
    a.state = AppState::kInNotice;
    a.version = 2;
    a.rule.kind = RouteKind::kNonObjection;
    a.rule.objection_kind = ObjectionRuleKind::kAnySingle;
    a.rule.granted_rights = {vocabulary::ParticipationRight::kAttendPlenary};
    a.group = vocabulary::StakeholderGroup::kCivilSociety;
    a.region = static_cast<vocabulary::Region>(1 + i % 5);
    a.disclosure = Disclosure::kPublic;
    a.submit_time = due - absl::Hours(24 * 14);
    a.due_time = due;
    std::vector<std::string> cmd = {"HSET", Keys::App(a.process, a.id)};
    for (auto& [k, v] : ApplicationFields(a)) {
      cmd.push_back(k);
      cmd.push_back(v);
    }
    cmds.push_back(std::move(cmd));
    if (i % 10 == 0) cmds.push_back({"HSET", Keys::Objections("bench", a.id), "RU", "0|bench"});
    cmds.push_back({"ZADD", Keys::Due(), TimeField(due), absl::StrCat("notice|bench|", a.id)});
    if (cmds.size() >= 2000) {
      if (!c.Pipeline(cmds).ok()) std::abort();
      cmds.clear();
    }
  }
  if (!cmds.empty() && !c.Pipeline(cmds).ok()) std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_items);
  redis::RedisOptions o;
  o.address = absl::GetFlag(FLAGS_redis);
  redis::RedisClient seed(o, nullptr);
  const absl::Time due = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  Seed(seed, n, due);
  FakeClock clock(due + absl::Milliseconds(999));  // the same second, all due

  std::atomic<long> decisions{0};
  SchedulerOptions so;
  so.batch = absl::GetFlag(FLAGS_batch);
  so.on_decision = [&](const std::string&, const std::string&, int64_t n) { decisions += n; };
  redis::RedisClient c1(o, nullptr), c2(o, nullptr);
  DueScheduler r1(&c1, &clock, so), r2(&c2, &clock, so);
  auto t0 = Clk::now();
  std::thread a([&] {
    // A poll that failed (a slow fsync, a timeout) is retried, as the service's loop does.
    for (int tries = 0; tries < 100; ++tries) {
      auto s = r1.Tick();
      if (s.ok()) break;
      std::fprintf(stderr, "replica 1: %s\n", s.status().ToString().c_str());
    }
  });
  std::thread b([&] {
    // A poll that failed (a slow fsync, a timeout) is retried, as the service's loop does.
    for (int tries = 0; tries < 100; ++tries) {
      auto s = r2.Tick();
      if (s.ok()) break;
      std::fprintf(stderr, "replica 2: %s\n", s.status().ToString().c_str());
    }
  });
  a.join();
  b.join();
  const double due_s = std::chrono::duration<double>(Clk::now() - t0).count();
  auto events = seed.Command({"XLEN", Keys::Events()});
  const long nevents = events.ok() ? events->integer() : -1;

  // The baseline: one bare EVALSHA per item, two clients.
  redis::RedisScript bare("bare", "return 1");
  t0 = Clk::now();
  std::thread x([&] {
    for (int i = 0; i < n / 2; ++i) (void)c1.Eval(bare, {}, {});
  });
  std::thread y([&] {
    for (int i = n / 2; i < n; ++i) (void)c2.Eval(bare, {}, {});
  });
  x.join();
  y.join();
  const double bare_s = std::chrono::duration<double>(Clk::now() - t0).count();
  std::printf("%d\t%ld\t%ld\t%.2f\t%.0f\t%.2f\t%.0f\n", n, decisions.load(), nevents, due_s,
              n / due_s, bare_s, n / bare_s);
  return decisions.load() == n ? 0 : 2;
}

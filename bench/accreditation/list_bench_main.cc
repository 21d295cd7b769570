// polylateral-bench-acc-list: one notice list of N non-objection applications, M of them with
// an objection, created through the store's script with a deadline a moment ahead; two
// scheduler replicas run their real polling loops on the system clock (each with its own Redis
// connection pool) and decide the list at its deadline. Measures how long after the deadline
// the last decision was taken (its recorded decision time, and when an observer saw every
// application decided), and checks each application was decided exactly once. Prints one
// tab-separated line:
//   items  objected  decisions  approved_events  blocked_events  distinct_apps  blocked_apps
//   last_decision_after_deadline_s  all_seen_after_deadline_s (the time watched if never)
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/accreditation/domain/notice_list_rules.h"
#include "services/accreditation/store/accreditation_keys.h"
#include "services/accreditation/store/application_codec.h"
#include "services/accreditation/store/due_scheduler.h"
#include "services/accreditation/store/redis_accreditation_store.h"

ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "Redis address");
ABSL_FLAG(int, items, 1000, "applications on the list");
ABSL_FLAG(int, objected, 300, "applications with an objection (any single objection blocks)");
ABSL_FLAG(int, lead_ms, 1500, "the list's deadline, this long after it is created");

namespace {

using namespace polylateral;
using namespace polylateral::accreditation;

// `n` applications in their own 14-day notice period; the first `objected` with an objection.
void Seed(redis::RedisClient& c, int n, int objected, absl::Time now) {
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
    a.rule.notice_period = absl::Hours(24 * 14);
    a.group = vocabulary::StakeholderGroup::kCivilSociety;
    a.region = static_cast<vocabulary::Region>(1 + i % 5);
    a.disclosure = Disclosure::kCountOnly;
    a.submit_time = ToStoredPrecision(now);
    a.due_time = ToStoredPrecision(now + a.rule.notice_period);
    a.notice_end = a.due_time;
    std::vector<std::string> cmd = {"HSET", Keys::App(a.process, a.id)};
    for (auto& [k, v] : ApplicationFields(a)) {
      cmd.push_back(k);
      cmd.push_back(v);
    }
    cmds.push_back(std::move(cmd));
    if (i < objected) cmds.push_back({"HSET", Keys::Objections("bench", a.id), "RU", "0|bench"});
    cmds.push_back(
        {"ZADD", Keys::Due(), TimeField(a.due_time), absl::StrCat("notice|bench|", a.id)});
    if (cmds.size() >= 2000) {
      if (!c.Pipeline(cmds).ok()) std::abort();
      cmds.clear();
    }
  }
  if (!cmds.empty() && !c.Pipeline(cmds).ok()) std::abort();
}

// How many of the `n` applications are decided, and the latest decision time (ms).
std::pair<int, int64_t> Decided(redis::RedisClient& c, int n) {
  std::vector<std::vector<std::string>> cmds;
  cmds.reserve(n);
  for (int i = 0; i < n; ++i) {
    cmds.push_back({"HGET", Keys::App("bench", absl::StrCat("app-", i)), "dect"});
  }
  auto replies = c.Pipeline(cmds);
  if (!replies.ok()) return {0, 0};
  int decided = 0;
  int64_t last = 0;
  for (size_t i = 0; i < replies->size(); ++i) {
    int64_t ms = 0;
    if (!(*replies)[i].is_nil() && absl::SimpleAtoi((*replies)[i].str(), &ms)) {
      ++decided;
      last = std::max(last, ms);
    }
  }
  return {decided, last};
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int n = absl::GetFlag(FLAGS_items);
  const int objected = absl::GetFlag(FLAGS_objected);
  redis::RedisOptions o;
  o.address = absl::GetFlag(FLAGS_redis);
  redis::RedisClient seed(o, nullptr);
  SystemClock clock;
  const absl::Time created = ToStoredPrecision(clock.Now());
  Seed(seed, n, objected, created);

  std::vector<std::string> ids;
  ids.reserve(n);
  for (int i = 0; i < n; ++i) ids.push_back(absl::StrCat("app-", i));
  auto list = NewNoticeList("bench", "round-1", ids,
                            created + absl::Milliseconds(absl::GetFlag(FLAGS_lead_ms)), created,
                            "secretariat:bench");
  if (!list.ok()) std::abort();
  RedisAccreditationStore store(&seed);
  NoticeListWrite w;
  w.list = *list;
  w.now = created;
  if (auto st = store.WriteNoticeList(w); !st.ok()) {
    std::fprintf(stderr, "notice list: %s\n", st.status().ToString().c_str());
    return 1;
  }
  const absl::Time deadline = list->deadline;

  // Two replicas as the service runs them: their own loop, the default poll interval.
  std::atomic<long> decisions{0};
  SchedulerOptions so;
  so.on_decision = [&](const std::string&, const std::string&, int64_t k) { decisions += k; };
  redis::RedisClient c1(o, nullptr), c2(o, nullptr);
  DueScheduler r1(&c1, &clock, so), r2(&c2, &clock, so);
  r1.Start();
  r2.Start();
  // Watch until every application is decided or 10 s after the deadline.
  std::pair<int, int64_t> seen{0, 0};
  absl::Time all_seen = absl::InfiniteFuture();
  while (clock.Now() < deadline + absl::Seconds(10)) {
    seen = Decided(seed, n);
    if (seen.first == n) {
      all_seen = clock.Now();
      break;
    }
    absl::SleepFor(absl::Milliseconds(5));  // the observer's polling interval
  }
  r1.Stop();
  r2.Stop();

  // Exactly once: one decision event per application, the objected ones blocked.
  long approved = 0, blocked = 0;
  std::set<std::string> apps, blocked_apps;
  auto events = seed.Command({"XRANGE", Keys::Events(), "-", "+"});
  for (size_t i = 0; events.ok() && i < events->size(); ++i) {
    auto f = (*events)[i][1];
    std::string type, app;
    for (size_t k = 0; k + 1 < f.size(); k += 2) {
      if (f[k].str() == "type") type = std::string(f[k + 1].str());
      if (f[k].str() == "application") app = std::string(f[k + 1].str());
    }
    if (type == "application.approved") ++approved;
    if (type == "application.blocked") {
      ++blocked;
      blocked_apps.insert(app);
    }
    if (type == "application.approved" || type == "application.blocked") apps.insert(app);
  }
  const double last_s = static_cast<double>(seen.second - absl::ToUnixMillis(deadline)) / 1000;
  // Never all decided: how long it watched, which fails any bound under 10 s.
  const double seen_s = absl::ToDoubleSeconds(
      (all_seen == absl::InfiniteFuture() ? clock.Now() : all_seen) - deadline);
  std::printf("%d\t%d\t%ld\t%ld\t%ld\t%zu\t%zu\t%.3f\t%.3f\n", n, objected, decisions.load(),
              approved, blocked, apps.size(), blocked_apps.size(), last_s, seen_s);
  return seen.first == n ? 0 : 2;
}

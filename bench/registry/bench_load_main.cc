// polylateral-bench-load: writes stakeholders bench-<from> .. bench-<to-1> through the
// registry's own store (the same Lua scripts and indexes the service uses), from several
// threads, then stores the record of bench-0 under {bench}:value for the echo baseline, so
// baseline and registry move the same number of bytes per call.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "common/base/errors.h"
#include "common/vocabulary/themes.h"
#include "common/vocabulary/un_states.h"
#include "services/registry/domain/stakeholder_rules.h"
#include "services/registry/store/redis_stakeholder_store.h"

ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "Redis address");
ABSL_FLAG(int, from, 0, "first index");
ABSL_FLAG(int, to, 10000, "one past the last index");
ABSL_FLAG(int, threads, 4, "loading threads");

namespace {

using namespace polylateral::registry;
namespace vocabulary = polylateral::vocabulary;

// Spread like a real registry: every group, every state, one to three themes.
Stakeholder Make(int i) {
  auto states = vocabulary::AllUnStates();
  auto themes = vocabulary::AllThemes();
  Stakeholder s;
  s.id = absl::StrCat("bench-", i);
  s.kind = StakeholderKind::kOrganisation;
  s.display_name = absl::StrCat("Bench Organisation ", i);
  s.group = static_cast<vocabulary::StakeholderGroup>(1 + (i * 7) % 6);
  s.country = std::string(states[(i * 31) % states.size()].iso2);
  for (int t = 0; t <= i % 3; ++t) {
    std::string theme(themes[(i * 13 + t * 5) % themes.size()].id);
    if (std::find(s.themes.begin(), s.themes.end(), theme) == s.themes.end()) {
      s.themes.push_back(theme);
    }
  }
  s.ecosoc_status = static_cast<vocabulary::EcosocStatus>(1 + i % 4);
  s.languages = {"en", "fr"};
  s.website = absl::StrCat("https://bench-", i, ".example.org");
  s.contact_email = absl::StrCat("contact@bench-", i, ".example.org");
  s.version = 1;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int from = absl::GetFlag(FLAGS_from), to = absl::GetFlag(FLAGS_to);
  std::atomic<int> next{from};
  std::atomic<int> failures{0};
  const int thread_count = absl::GetFlag(FLAGS_threads);
  std::vector<std::thread> threads;
  threads.reserve(thread_count);
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&] {
      polylateral::redis::RedisOptions options;
      options.address = absl::GetFlag(FLAGS_redis);
      options.max_connections = 1;
      polylateral::redis::RedisClient client(options, nullptr);
      RedisStakeholderStore store(&client);
      for (int i = next++; i < to; i = next++) {
        Stakeholder s = Make(i);
        absl::Status st = ValidateStakeholder(s);
        if (st.ok()) st = store.Create(s, "", "", {}).status();
        if (!st.ok() && st.code() != absl::StatusCode::kAlreadyExists) {
          if (failures++ < 5) std::fprintf(stderr, "bench-%d: %s\n", i, st.ToString().c_str());
        }
      }
    });
  }
  for (auto& t : threads) t.join();

  polylateral::redis::RedisOptions options;
  options.address = absl::GetFlag(FLAGS_redis);
  polylateral::redis::RedisClient client(options, nullptr);
  auto record = client.Command({"HGET", "{reg}:sh:bench-0", "d"});
  if (!record.ok() || record->is_nil()) return 1;
  if (!client.Command({"SET", "{bench}:value", record->str()}).ok()) return 1;
  return failures == 0 ? 0 : 1;
}

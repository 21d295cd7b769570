#include "tools/polyctl/stakeholder_import.h"

#include <openssl/sha.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace polylateral::polyctl {
namespace {

namespace v1 = registry::v1;

bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::RESOURCE_EXHAUSTED || code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

int64_t Micros(const google::protobuf::Timestamp& t) {
  return t.seconds() * 1000000 + t.nanos() / 1000;
}

enum class Outcome { kCreated, kExisting, kFailed };

}  // namespace

std::vector<std::vector<size_t>> ImportWaves(const std::vector<StakeholderRow>& rows,
                                             std::vector<RowProblem>* problems) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < rows.size(); ++i) index.emplace(rows[i].id, i);
  // wave[i]: 1 + the deepest wave among the rows it names; -1 while being computed (a cycle).
  std::vector<int> wave(rows.size(), -2);
  std::vector<bool> in_cycle(rows.size(), false);
  std::function<int(size_t)> depth = [&](size_t i) -> int {
    if (wave[i] >= 0) return wave[i];
    if (wave[i] == -1) {
      in_cycle[i] = true;
      return 0;
    }
    wave[i] = -1;
    int w = 0;
    for (const auto* list :
         {&rows[i].stakeholder.affiliations(), &rows[i].stakeholder.network_members()}) {
      for (const std::string& name : *list) {
        auto it = index.find(StakeholderId(name));
        if (it != index.end() && it->second != i) w = std::max(w, depth(it->second) + 1);
      }
    }
    wave[i] = w;
    return w;
  };
  std::vector<std::vector<size_t>> waves;
  for (size_t i = 0; i < rows.size(); ++i) {
    const int w = depth(i);
    if (waves.size() <= static_cast<size_t>(w)) waves.resize(w + 1);
    waves[w].push_back(i);
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    if (in_cycle[i]) {
      problems->push_back({rows[i].row, "network_members",
                           "members of this file name each other in a cycle; import the ring "
                           "without one reference, then apply it"});
    }
  }
  return waves;
}

std::string RowRequestId(const StakeholderRow& row) {
  v1::Stakeholder named = row.stakeholder;
  named.set_name(absl::StrCat("stakeholders/", row.id));
  const std::string canonical = absl::StrJoin(StakeholderCsvFields(named), "\x1f");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), digest);
  // 24 bytes of the digest: 48 hex characters after the prefix, within the 64 allowed.
  return absl::StrCat("polyctl-", absl::BytesToHexString(absl::string_view(
                                      reinterpret_cast<const char*>(digest), 24)));
}

ImportReport ImportStakeholders(v1::RegistryService::StubInterface& stub,
                                const Connection& connection,
                                const std::vector<StakeholderRow>& rows,
                                const std::vector<std::vector<size_t>>& waves,
                                const ImportOptions& options) {
  // A replayed request_id returns what an earlier run created, with that run's create time:
  // a create time before this run started tells an existing stakeholder from a new one.
  const int64_t run_start = absl::ToUnixMicros(absl::Now());
  std::vector<Outcome> outcome(rows.size(), Outcome::kFailed);
  std::vector<CallError> errors(rows.size());
  std::atomic<int> done{0}, created{0}, existing{0}, failed{0};

  const auto write_row = [&](size_t i, std::mt19937& rng) {
    const StakeholderRow& row = rows[i];
    v1::CreateStakeholderRequest req;
    *req.mutable_stakeholder() = row.stakeholder;
    req.set_stakeholder_id(row.id);
    req.set_request_id(RowRequestId(row));
    grpc::Status st;
    v1::Stakeholder out;
    for (int attempt = 0;; ++attempt) {
      auto ctx = connection.NewContext();
      st = stub.CreateStakeholder(ctx.get(), req, &out);
      if (st.ok() || !Retryable(st.error_code()) || attempt + 1 >= options.max_attempts) break;
      // Exponential backoff with full jitter, 20 ms doubling up to 2 s: callers sharing a
      // rate limit spread out instead of retrying together.
      const int cap_ms = std::min(2000, 20 << std::min(attempt, 7));
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(cap_ms / 2, cap_ms)(rng)));
    }
    if (st.ok()) {
      outcome[i] = Micros(out.create_time()) >= run_start ? Outcome::kCreated : Outcome::kExisting;
    } else if (st.error_code() == grpc::StatusCode::ALREADY_EXISTS &&
               ReasonOf(st) == "STAKEHOLDER_EXISTS") {
      // The id is taken: an earlier import (its request_id expired, or the row changed since).
      outcome[i] = Outcome::kExisting;
    } else {
      errors[i] = DecodeCallError(st);
    }
    ++(outcome[i] == Outcome::kCreated    ? created
       : outcome[i] == Outcome::kExisting ? existing
                                          : failed);
    const int d = ++done;
    if (options.progress) options.progress(d, created.load(), existing.load(), failed.load());
  };

  for (const std::vector<size_t>& wave : waves) {
    std::atomic<size_t> next{0};
    const int threads =
        static_cast<int>(std::min<size_t>(std::max(options.parallel, 1), wave.size()));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        std::mt19937 rng(t + 1);
        for (size_t k = next++; k < wave.size(); k = next++) write_row(wave[k], rng);
      });
    }
    for (auto& th : pool) th.join();
  }

  ImportReport report;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (outcome[i] == Outcome::kCreated) ++report.created;
    if (outcome[i] == Outcome::kExisting) ++report.existing;
    if (outcome[i] == Outcome::kFailed)
      report.failures.push_back({rows[i].row, rows[i].id, errors[i]});
  }
  std::sort(report.failures.begin(), report.failures.end(),
            [](const auto& a, const auto& b) { return a.row < b.row; });
  return report;
}

}  // namespace polylateral::polyctl

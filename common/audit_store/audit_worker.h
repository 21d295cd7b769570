#ifndef POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_WORKER_H_
#define POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_WORKER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/audit/signed_head.h"
#include "common/base/clock.h"
#include "common/redis/redis_client.h"

namespace polylateral::audit {

struct AuditWorkerOptions {
  // How often unsealed entries are sealed: the delay between a decision and its seal.
  absl::Duration seal_interval = absl::Milliseconds(250);
  // How often a signed head is published (--audit_head_interval); only with a signer.
  absl::Duration head_interval = absl::Seconds(60);
  // The signing key (--audit_signing_key); null: seal only, publish no heads.
  std::shared_ptr<const HeadSigner> signer;
  const Clock* clock = SystemClock::Get();
};

// The background sealer every replica of a service runs: seals each of the service's logs and,
// at the head interval, signs and publishes their heads. Replicas run it side by side: the
// seals are deterministic and stored with a compare-and-set, so they never disagree, and a
// restarted replica carries on from the seals in Redis.
class AuditWorker final {
 public:
  // The hash tags of the logs to seal ("{rt}"; composition's grow with its processes).
  using Tags = std::function<std::vector<std::string>()>;
  AuditWorker(redis::RedisClient* redis, Tags tags, AuditWorkerOptions options);
  ~AuditWorker();
  AuditWorker(const AuditWorker&) = delete;
  AuditWorker& operator=(const AuditWorker&) = delete;

  void Start();
  void Stop();
  // One pass: seals every log; publishes their heads when `publish` and a signer is set.
  absl::Status RunOnce(bool publish);
  const HeadSigner* signer() const { return options_.signer.get(); }

 private:
  void Loop();

  redis::RedisClient* const redis_;
  const Tags tags_;
  const AuditWorkerOptions options_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace polylateral::audit

#endif  // POLYLATERAL_COMMON_AUDIT_STORE_AUDIT_WORKER_H_
